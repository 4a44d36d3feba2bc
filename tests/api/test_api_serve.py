"""`policykg serve` runs the API under uvicorn on loopback (as the README shows it)."""
from __future__ import annotations

import http.client
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

POLICYKG = Path(sys.executable).parent / "policykg"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(port: int, path: str) -> tuple[int, dict]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        conn.request("GET", path)
        r = conn.getresponse()
        return r.status, json.loads(r.read())
    finally:
        conn.close()


def test_serve_answers_over_http(loaded_store):
    port = _free_port()
    env = {**os.environ, "POLICYKG_DATA": str(loaded_store.backend.server.data_dir)}
    env.pop("NEO4J_URI", None)
    env.pop("POLICYKG_API_KEY", None)
    proc = subprocess.Popen([str(POLICYKG), "serve", "--port", str(port), "--store", "embedded"], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 30
        while True:
            assert proc.poll() is None, proc.stdout.read()
            try:
                status, body = _get(port, "/healthz")
                break
            except OSError:
                assert time.monotonic() < deadline, "policykg serve did not come up in 30 s"
                time.sleep(0.2)
        assert status == 200 and body["writes_enabled"] is False
        status, body = _get(port, "/departments/" + quote("人行菏泽市中心支行"))
        assert status == 200 and body["name"] == "人行菏泽市分行"
        status, body = _get(port, "/mapping/province-to-city?document=" + quote("山东省县域经济高质量发展三年行动方案"))
        assert status == 200 and body["total"] == 35
    finally:
        proc.terminate()
        out, _ = proc.communicate(timeout=15)
    # the request log: method, path, status, time
    assert "GET /healthz 200" in out and "writes disabled" in out
