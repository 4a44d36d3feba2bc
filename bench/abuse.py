"""Issue 14's heavy attacks replayed against `policykg serve`, with how long the store stays unavailable.

    python bench/abuse.py [--data DIR] [--probe-ms 100]

1. a fresh data dir under /tmp loaded with the sample corpus (or --data, an existing store);
2. `policykg serve` on 127.0.0.1 with an upload key, started here and stopped at the end;
3. a prober sends GET /healthz and GET /departments?limit=1 every --probe-ms, all the time;
4. each attack in turn (several at once where the issue sent them at once); per attack one row:
   what the attackers got, how long they took, the slowest probe answer while it ran, how many
   probes took over 1 s (the goal: none), and the API process's memory before and after.

Only 127.0.0.1 is contacted; every process started here is stopped at the end.
"""
from __future__ import annotations

import argparse
import http.client
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # tests/abuse/hostile_files.py builds the hostile documents

_SCRIPT = Path(sys.executable).parent / "policykg"
POLICYKG = [str(_SCRIPT)] if _SCRIPT.exists() else [shutil.which("policykg") or "policykg"]
KEY = "abuse-bench-" + uuid.uuid4().hex
NESTED = "RETURN ----------------------------------1 AS x"
BETWEENNESS = "CALL `algo.betweenness`(NULL) YIELD node, score RETURN node, score"


def request(port: int, method: str, path: str, body: bytes | None = None, headers: dict | None = None,
            timeout: float = 120.0) -> tuple[int, bytes, float]:
    started = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        r = conn.getresponse()
        return r.status, r.read(), time.perf_counter() - started
    except OSError as exc:
        return 0, str(exc).encode(), time.perf_counter() - started
    finally:
        conn.close()


def cypher(port: int, query: str, **extra) -> tuple[int, bytes, float]:
    return request(port, "POST", "/cypher", json.dumps({"query": query, **extra}).encode(),
                   {"Content-Type": "application/json"})


def upload(port: int, name: str, data: bytes) -> tuple[int, bytes, float]:
    boundary = uuid.uuid4().hex
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\n"
            f"Content-Type: application/octet-stream\r\n\r\n").encode() + data + f"\r\n--{boundary}--\r\n".encode()
    return request(port, "POST", "/documents", body,
                   {"Content-Type": f"multipart/form-data; boundary={boundary}", "X-API-Key": KEY})


def rss_mb(pid: int) -> float:
    total = 0
    for p in [pid, *children(pid)]:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total / 1024


def children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


class Prober(threading.Thread):
    """Both probes, one after the other, every ``every`` seconds; keeps the latencies of the current window."""

    def __init__(self, port: int, every: float):
        super().__init__(daemon=True)
        self.port, self.every = port, every
        self.window: list[float] = []
        self.failed = 0
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.is_set():
            for path in ("/healthz", "/departments?limit=1"):
                status, _, seconds = request(self.port, "GET", path, timeout=30)
                self.window.append(seconds)
                self.failed += status != 200
            time.sleep(self.every)

    def take(self) -> tuple[float, int, int]:
        window, failed = self.window, self.failed
        self.window, self.failed = [], 0
        return (max(window) if window else 0.0), sum(1 for s in window if s > 1.0), failed


def attack(port: int, calls: list) -> list[tuple[int, bytes, float]]:
    results: list = [None] * len(calls)

    def run(i, fn):
        results[i] = fn()

    threads = [threading.Thread(target=run, args=(i, fn)) for i, fn in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, help="an existing store (default: a fresh one with the sample corpus)")
    parser.add_argument("--probe-ms", type=int, default=100)
    args = parser.parse_args()
    from tests.abuse.hostile_files import empty_paragraphs_docx, huge_stream_pdf, many_text_operators_pdf

    tmp = Path(tempfile.mkdtemp(prefix="pkg-abuse-"))
    data = args.data or tmp / "data"
    env = {**os.environ, "POLICYKG_DATA": str(data), "POLICYKG_API_KEY": KEY}
    env.pop("NEO4J_URI", None)
    if args.data is None:
        subprocess.run([*POLICYKG, "ingest", "--data", str(data)], env=env, check=True, stdout=subprocess.DEVNULL)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen([*POLICYKG, "serve", "--host", "127.0.0.1", "--port", str(port), "--data", str(data),
                               "--log-level", "warning"], env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while request(port, "GET", "/healthz", timeout=2)[0] != 200:
            if time.monotonic() > deadline or server.poll() is not None:
                raise SystemExit("policykg serve did not come up")
            time.sleep(0.2)
        request(port, "GET", "/viz")  # warm: the first page pays for imports, not for an attack
        prober = Prober(port, args.probe_ms / 1000)
        prober.start()
        time.sleep(1.0)
        prober.take()
        docx, ops, bomb = empty_paragraphs_docx(), many_text_operators_pdf(), huge_stream_pdf()
        attacks = [
            ("2× nested RETURN ---…1 + 1× CALL `algo.betweenness`",
             [lambda: cypher(port, NESTED), lambda: cypher(port, NESTED), lambda: cypher(port, BETWEENNESS)]),
            ("RETURN size(range(1,1000000000))", [lambda: cypher(port, "RETURN size(range(1,1000000000)) AS n")]),
            ("reduce string growth", [lambda: cypher(
                port, "RETURN size(reduce(s = '', x IN range(1, 1000000) | s + 'xxxxxxxx')) AS n")]),
            ("UNWIND range(1,10000000) row_cap 5",
             [lambda: cypher(port, "UNWIND range(1,10000000) AS x RETURN x", row_cap=5)]),
            ("2× cross product (admitted, 5 s budget)",
             [lambda: cypher(port, "MATCH (a), (b), (c) RETURN count(*) AS n", timeout_ms=5000)] * 2),
            ("6× GET /analytics at once", [lambda: request(port, "GET", "/analytics")] * 6),
            ("6× landing page at once", [lambda: request(port, "GET", "/viz")] * 6),
            (f".docx of empty paragraphs ({len(docx) // 1024} KB)", [lambda: upload(port, "flood.docx", docx)]),
            (f"PDF with 10,000 text operators ({len(ops) // 1024} KB)", [lambda: upload(port, "ops.pdf", ops)]),
            (f"PDF with a 256 MB stream ({len(bomb) // 1024} KB)", [lambda: upload(port, "bomb.pdf", bomb)]),
        ]
        print(f"{'attack':52} {'answers':>16} {'slowest':>8} {'probe max':>9} {'>1 s':>5} {'failed':>6} "
              f"{'API MB before→after':>20}")
        for name, calls in attacks:
            before = rss_mb(server.pid)
            results = attack(port, calls)
            time.sleep(0.5)
            after = rss_mb(server.pid)
            worst, over, failed = prober.take()
            statuses = ",".join(sorted({str(r[0]) for r in results}))
            slowest = max(r[2] for r in results)
            print(f"{name:52} {statuses:>16} {slowest:7.2f}s {worst:8.3f}s {over:5d} {failed:6d} "
                  f"{before:9.0f} → {after:6.0f}")
        prober.stop.set()
        prober.join(5)
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
        subprocess.run([*POLICYKG, "store", "stop", "--data", str(data)], env=env, stdout=subprocess.DEVNULL)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
