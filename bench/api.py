"""HTTP API latency and throughput: `policykg serve` on loopback, driven from a second process.

    python bench/api.py [--rate 100] [--requests 1000] [--max-seconds 120] [--saturate 5]
                        [--documents N [--seed 7] | --folder DIR]

1. a fresh data dir under /tmp, loaded with the sample corpus (`policykg ingest --data DIR`), or with N
   documents of a generated national corpus (`bench/corpus.py`, --documents), or with a folder (--folder);
2. `policykg serve --host 127.0.0.1 --port <free port> --data DIR`;
3. a second process (this script with --drive) sends an open-loop stream of GET requests at
   --rate per second to each endpoint group in turn (department, task, mapping), --requests per
   group, over keep-alive connections, and stops early at --max-seconds in all;
4. one table: p50/p95/p99/max latency and the throughput achieved per group (goal on the sample
   corpus, 2 cores: p99 under 50 ms at 100 requests/s). With --saturate N, N more seconds per group
   of back-to-back requests on 4 connections show the capacity.

Latency is measured from the moment a request was due, not from when a worker got to it, so a
server (or driver) that falls behind shows up in the numbers instead of silently lowering the
rate. Only 127.0.0.1 is ever contacted; every process started here is stopped at the end.
"""
from __future__ import annotations

import argparse
import http.client
import json
import os
import queue
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
# the policykg command of the interpreter running this script (a venv's bin/), else the one on PATH
_SCRIPT = Path(sys.executable).parent / "policykg"
POLICYKG = [str(_SCRIPT)] if _SCRIPT.exists() else [shutil.which("policykg") or "policykg"]
WORKERS = 8


# -- the driver (second process) ------------------------------------------------------------------
def _get(conn: http.client.HTTPConnection, path: str) -> tuple[int, bytes]:
    conn.request("GET", path, headers={"Connection": "keep-alive"})
    response = conn.getresponse()
    return response.status, response.read()


def targets(port: int, sample: bool = True) -> dict[str, list[str]]:
    """The paths each endpoint group cycles through, found through the API itself (the sample corpus's own
    documents and cities for the mapping; another corpus's first provincial document and busiest city)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    _, body = _get(conn, "/departments?limit=1000")
    departments = json.loads(body)["items"]
    active = [d for d in departments if d["leads_count"] + d["cooperates_count"] > 0]
    # another corpus has one 市发展改革委 per city: a name is asked for with its region there
    where = {d["name"]: "" if sample or not d.get("region") else "region=" + quote(d["region"]) for d in active}
    names = list(where)
    names += [a for d in active for a in d["aliases"] if a not in where]  # aliases take the resolution path
    department = [f"/departments/{quote(n, safe='')}" + (f"?{where[n]}" if where.get(n) else "") for n in names]
    department += [f"/departments/{quote(n, safe='')}/tasks?role={r}" + (f"&{where[n]}" if where.get(n) else "")
                   for n in names[:20] for r in ("lead", "any")]
    _, body = _get(conn, "/documents?limit=1000")
    documents = json.loads(body)["items"]
    task = []
    for doc in documents[:None if sample else 50]:
        _, detail = _get(conn, "/documents/" + quote(doc["id"], safe=""))
        task += ["/tasks/" + quote(p["id"], safe="") for p in json.loads(detail)["outline"]]
    if sample:
        document, city, ndrc = "山东省县域经济高质量发展三年行动方案", "菏泽市", "省发展改革委"
    else:
        provincial = [d for d in documents if d.get("level") == "province" and d.get("title")]
        cities = [d["region"] for d in documents if d.get("level") == "city" and d.get("region")]
        document = provincial[0]["title"] if provincial else ""
        ndrc = provincial[0]["region"] + "发展改革委" if provincial and provincial[0].get("region") else ""
        city = max(sorted(set(cities)), key=cities.count) if cities else ""
    mapping = ["/mapping/province-to-city",
               "/mapping/province-to-city?document=" + quote(document),
               "/mapping/province-to-city?department=" + quote(ndrc),
               "/mapping/province-to-city?city=" + quote(city) + "&limit=10&offset=10"]
    conn.close()
    return {"department": department, "task": task, "mapping": mapping}


def open_loop(port: int, paths: list[str], rate: float, count: int, deadline: float) -> dict:
    """``count`` requests due at ``rate`` per second; latency counted from when each was due."""
    jobs: queue.Queue = queue.Queue()
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()

    def worker() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        while (job := jobs.get()) is not None:
            due, path = job
            try:
                status, _ = _get(conn, path)
                ok = status == 200
            except (OSError, http.client.HTTPException) as exc:
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
                status, ok = repr(exc), False
            done = time.perf_counter()
            with lock:
                latencies.append(done - due)
                if not ok:
                    errors.append(f"{status} {path}")
        conn.close()

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(WORKERS)]
    for t in threads:
        t.start()
    start = time.perf_counter()
    sent = 0
    for i in range(count):
        due = start + i / rate
        if due > deadline:
            break
        pause = due - time.perf_counter()
        if pause > 0:
            time.sleep(pause)
        jobs.put((due, paths[i % len(paths)]))
        sent += 1
    for _ in threads:
        jobs.put(None)
    for t in threads:
        t.join(timeout=15)
    elapsed = time.perf_counter() - start
    return {"sent": sent, "latencies": latencies, "errors": errors, "seconds": elapsed}


def closed_loop(port: int, paths: list[str], seconds: float, connections: int = 4) -> dict:
    """Back to back on ``connections`` connections for ``seconds``: the capacity."""
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    stop = time.perf_counter() + seconds

    def worker(offset: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        i = offset
        while time.perf_counter() < stop:
            path = paths[i % len(paths)]
            i += connections
            t0 = time.perf_counter()
            try:
                status, _ = _get(conn, path)
            except (OSError, http.client.HTTPException) as exc:
                status = repr(exc)
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            with lock:
                latencies.append(time.perf_counter() - t0)
                if status != 200:
                    errors.append(f"{status} {path}")
        conn.close()

    start = time.perf_counter()
    threads = [threading.Thread(target=worker, args=(k,), daemon=True) for k in range(connections)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=seconds + 15)
    return {"sent": len(latencies), "latencies": latencies, "errors": errors,
            "seconds": time.perf_counter() - start}


def cpu_seconds(pids: list[int]) -> list[float]:
    """User+system CPU time of each process so far (Linux /proc), to tell work from waiting on a busy machine."""
    out = []
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            out.append((int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK"))
        except (OSError, ValueError, IndexError):
            out.append(float("nan"))
    return out


def drive(port: int, rate: float, count: int, max_seconds: float, saturate: float, pids: list[int],
          sample: bool = True) -> dict:
    deadline = time.perf_counter() + max_seconds
    groups = targets(port, sample)
    out = {}
    for name, paths in groups.items():
        # a short warm-up so connection set-up and first-query planning are not in the numbers
        open_loop(port, paths, rate, min(20, count), deadline)
        before = cpu_seconds(pids)
        out[name] = open_loop(port, paths, rate, count, deadline)
        out[name]["cpu"] = [b - a for a, b in zip(before, cpu_seconds(pids))]
        out[name]["paths"] = len(paths)
        if saturate > 0:
            out[name + " (saturated)"] = closed_loop(port, paths, saturate)
    return out


# -- the orchestrator -----------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(port: int, proc: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"policykg serve exited with status {proc.returncode}")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            status, _ = _get(conn, "/healthz")
            conn.close()
            if status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"policykg serve did not answer /healthz within {timeout:.0f} s")


def wait_read_ahead(port: int, timeout: float) -> float:
    """Seconds until the server says the unfiltered listings are read ahead (/healthz), from when it answered.

    A fresh server (and one whose store just changed) reads every listing's order once; requests in that window
    share the engine and the process with it, so a steady-state measurement starts after it."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        _, body = _get(conn, "/healthz")
        conn.close()
        try:
            health = json.loads(body)
        except ValueError:
            health = {}
        if health.get("listings_read_ahead") is not False:
            return time.monotonic() - started
        time.sleep(0.2)
    return float("nan")


def percentile(sorted_values: list[float], p: float) -> float:
    if not sorted_values:
        return float("nan")
    k = min(len(sorted_values) - 1, max(0, round(p / 100 * len(sorted_values) + 0.5) - 1))
    return sorted_values[k]


def report(results: dict, rate: float, load: tuple[float, float], corpus: str = "sample corpus") -> bool:
    """Print the table and whether the goal is met; return whether every request was answered. (A missed
    latency goal is a figure of the machine it ran on, printed; a request answered with an error is a fault.)"""
    print(f"\npolicykg API on loopback, {corpus}; {os.cpu_count()} cores; target {rate:g} requests/s per group; "
          f"load average {load[0]:.2f} before, {load[1]:.2f} after")
    header = f"{'endpoint group':26} {'paths':>5} {'requests':>8} {'errors':>6} {'p50 ms':>7} {'p95 ms':>7} " \
             f"{'p99 ms':>7} {'max ms':>7} {'req/s':>7} {'CPU ms/req API+db':>18}"
    print(header)
    print("-" * len(header))
    ok = answered = True
    for name, r in results.items():
        lat = sorted(x * 1000 for x in r["latencies"])
        p99 = percentile(lat, 99)
        print(f"{name:26} {r.get('paths', ''):>5} {len(lat):>8} {len(r['errors']):>6} {percentile(lat, 50):7.1f} "
              f"{percentile(lat, 95):7.1f} {p99:7.1f} {lat[-1] if lat else float('nan'):7.1f} "
              f"{len(lat) / r['seconds']:7.1f} {_cpu(r, len(lat)):>18}")
        if "saturated" not in name:  # (a server past its capacity may shed requests: a figure too)
            ok = ok and p99 < 50 and not r["errors"]
            answered = answered and not r["errors"]
        for e in r["errors"][:3]:
            print(f"    error: {e}")
    print(f"\ngoal p99 < 50 ms at {rate:g} requests/s, no errors: {'met' if ok else 'NOT met'}")
    return answered


def _cpu(r: dict, n: int) -> str:
    if "cpu" not in r or not n:
        return ""
    api, db = (c * 1000 / n for c in r["cpu"])
    return f"{api:.1f}+{db:.1f}"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rate", type=float, default=100.0, help="requests per second per endpoint group")
    ap.add_argument("--requests", type=int, default=1000, help="requests per endpoint group")
    ap.add_argument("--max-seconds", type=float, default=120.0, help="stop sending after this long in all")
    ap.add_argument("--saturate", type=float, default=0.0, help="seconds of back-to-back requests per group")
    ap.add_argument("--documents", type=int, help="a generated national corpus of this many documents "
                                                  "(bench/corpus.py) instead of the sample corpus")
    ap.add_argument("--seed", type=int, default=7, help="the generated corpus's seed")
    ap.add_argument("--folder", type=Path, help="ingest this folder instead of the sample corpus")
    ap.add_argument("--drive", type=int, metavar="PORT", help=argparse.SUPPRESS)  # the second process
    ap.add_argument("--other-corpus", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--pids", default="", help=argparse.SUPPRESS)  # API server, FalkorDB: for CPU accounting
    args = ap.parse_args()
    if args.rate <= 0 or args.requests <= 0:
        ap.error("--rate and --requests must be positive")
    if args.documents is not None and (args.documents <= 0 or args.folder):
        ap.error("--documents must be positive, and not given with --folder")
    if args.drive:
        pids = [int(p) for p in args.pids.split(",") if p]
        json.dump(drive(args.drive, args.rate, args.requests, args.max_seconds, args.saturate, pids,
                        sample=not args.other_corpus), sys.stdout)
        return 0

    data = Path(tempfile.mkdtemp(prefix="pkg-api-bench-"))  # short: the store's unix socket lives here
    env = {**os.environ, "POLICYKG_DATA": str(data)}
    env.pop("NEO4J_URI", None)
    env.pop("POLICYKG_API_KEY", None)
    port = free_port()
    server = None
    folders = [args.folder] if args.folder else []
    label = f"folder {args.folder}" if args.folder else "sample corpus"
    try:
        if args.documents:
            folders = [data.with_name(data.name + "-corpus")]
            subprocess.run([sys.executable, str(Path(__file__).with_name("corpus.py")), str(folders[0]), "--documents",
                            str(args.documents), "--seed", str(args.seed), "--check", "0"], cwd=ROOT, check=True,
                           stdout=subprocess.DEVNULL)
            label = f"generated national corpus of {args.documents} documents (seed {args.seed})"
        subprocess.run([*POLICYKG, "ingest", *map(str, folders), "--store", "embedded", "--data", str(data)],
                       env=env, cwd=ROOT, check=True, stdout=subprocess.DEVNULL, timeout=None if folders else 300)
        server = subprocess.Popen([*POLICYKG, "serve", "--host", "127.0.0.1", "--port", str(port), "--store",
                                   "embedded", "--data", str(data), "--log-level", "warning"],
                                  env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        wait_healthy(port, server)
        falkordb_pid = (data / "falkordb.pid").read_text().strip()
        load_before = os.getloadavg()[0]
        budget = args.max_seconds + 3 * (args.saturate + 30) + 60
        driver = subprocess.run([sys.executable, __file__, "--drive", str(port), "--rate", str(args.rate),
                                 "--requests", str(args.requests), "--max-seconds", str(args.max_seconds),
                                 "--saturate", str(args.saturate), "--pids", f"{server.pid},{falkordb_pid}",
                                 *(["--other-corpus"] if folders else [])],
                                cwd=ROOT, capture_output=True, text=True, timeout=budget)
        if driver.returncode != 0:
            print(driver.stderr, file=sys.stderr)
            return 1
        return 0 if report(json.loads(driver.stdout), args.rate, (load_before, os.getloadavg()[0]), label) else 1
    finally:
        if server is not None:
            server.terminate()
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                server.kill()
        subprocess.run([*POLICYKG, "store", "stop", "--data", str(data)], env=env, cwd=ROOT,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=60)
        shutil.rmtree(data, ignore_errors=True)
        if args.documents:
            shutil.rmtree(data.with_name(data.name + "-corpus"), ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
