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


def test_the_store_the_api_opens_gets_the_query_indexes(tmp_path, extracted):
    # a store an older policykg wrote lacks the newer indexes until something writes to it; the API makes them
    from fastapi.testclient import TestClient

    from policykg.api import create_app
    from policykg.graph.stores.factory import embedded_store
    from policykg.settings import Settings

    def target_indexes(store) -> set[str]:
        rows = store.backend.client.graph.query("CALL db.indexes() YIELD label, properties RETURN label, properties")
        return {p for label, props in rows.result_set if label == "Target" for p in props}

    data = tmp_path / "older"
    store = embedded_store(data)
    try:
        store.load_document(next(iter(extracted.values())))
        store.backend.client.write("DROP INDEX FOR (n:Target) ON (n.owner_task)")
        deadline = time.monotonic() + 10
        while "owner_task" in target_indexes(store) and time.monotonic() < deadline:
            time.sleep(0.05)  # FalkorDB drops an index in the background
        assert "owner_task" not in target_indexes(store)
        with TestClient(create_app(settings=Settings(store_kind="embedded", data_dir=data))) as client:
            assert client.get("/targets", params={"owned": "true"}).status_code == 200
        assert "owner_task" in target_indexes(store)
    finally:
        store.close()
        store.backend.server.stop(force=True)  # the test started it: no server outlives the suite
