"""Scale: a generated national corpus ingested into a fresh embedded store, then queried, at several sizes.

    python bench/scale.py [--sizes 1000,10000] [--long] [--seed 7] [--jobs 0] [--rate 50] [--requests 100]

For each size N (``--long`` adds 100,000): ``bench/corpus.py`` writes N documents (and one more, kept
aside), ``policykg ingest`` runs over them in order into a fresh data directory (the same code: the
``Ingestion`` service with its reader processes, per-document atomic loads, the relink at the end), and
then:

* ingest ms/doc (wall time between consecutive loaded documents) over the first and the last 5% of
  the documents; goal: end ≤ 1.5× start;
* the relink at the end of that ingest, and the ingest of the one document kept aside into the full
  store (its load and the relink that follows it, what an upload waits for); goal at 10k: < 5 s;
* FalkorDB's resident memory (the server's pid from the data directory) and the data directory on disk;
* p50/p99 of the catalog queries as ``policykg query`` runs them (department-leads 市发展改革委,
  province-to-city with no filter, targets with no filter), each repeated within a time budget;
* ``policykg serve`` on loopback driven at --rate requests/s per endpoint (paged lists, mapping page 1,
  a department's led tasks, /stats): p50/p99 and how many answered 504 or another error; goal at 10k:
  every paged endpoint p99 < 100 ms, no 504. The requests start once the server says it has read the
  listings ahead (/healthz; the time it took is printed): the steady state, not the window after a start or
  a change in which that read shares the engine with them (``bench/endpoints.py --no-warm`` measures a first
  request that pays for a listing's order itself).

Goals are printed beside the numbers; the second size is compared with the first (department-leads and
mapping page 1 within 2×). Only 127.0.0.1 is contacted; every process started here is stopped at the
end, and the temporary folders are removed (``--keep DIR`` keeps the corpora there).
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import corpus  # siblings in bench/, which Python puts first on the path of a script it runs

import api as api_bench

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

LEADS_LABEL = "department-leads 市发展改革委"
CATALOG = [  # (label, query, parameters)
    (LEADS_LABEL, "department-leads", {"name": "市发展改革委"}),
    ("province-to-city", "province-to-city", {}),
    ("targets, no filter", "targets", {}),
]
QUERY_BUDGET_S = 30.0  # repeat a catalog query at most this long (and at most --repeat times)


@dataclass
class Result:
    size: int
    mb: float = 0.0
    ingest_s: float = 0.0
    start_ms: float = 0.0
    end_ms: float = 0.0
    failed: int = 0
    bulk_relink_s: float = 0.0
    add_one_load_s: float = 0.0
    add_one_relink_s: float = 0.0
    read_ahead_s: float = float("nan")
    rss_mb: float = float("nan")
    used_mb: float = float("nan")
    disk_mb: float = 0.0
    nodes: int = 0
    relationships: int = 0
    catalog: dict[str, tuple[list[float], int, str]] = field(default_factory=dict)  # latencies s, rows, error
    api: dict[str, dict] = field(default_factory=dict)


# -- ingest -----------------------------------------------------------------------------------------
def ingest(files: list[Path], data: Path, jobs: int) -> tuple[list[float], float, object]:
    """Ingest ``files`` in order; the time each outcome was reported, the time of the whole run, the report."""
    from policykg.ingestion import Ingestion
    from policykg.settings import Settings

    service = Ingestion(Settings(store_kind="embedded", data_dir=data))
    stamps: list[float] = []
    t0 = time.perf_counter()
    report = service.ingest(files, jobs=jobs, on_result=lambda _o: stamps.append(time.perf_counter()))
    return [s - t0 for s in stamps], time.perf_counter() - t0, report


def per_doc_ms(stamps: list[float], share: float = 0.05) -> tuple[float, float]:
    """Mean wall ms between consecutive documents over the first and the last ``share`` of them."""
    gaps = [b - a for a, b in zip([0.0, *stamps], stamps)]
    k = max(1, int(len(gaps) * share))
    # the very first gap holds the reader pool's start: skip it when there is more than one
    head = gaps[1:k + 1] if len(gaps) > k else gaps[:k]
    return statistics.mean(head) * 1000, statistics.mean(gaps[-k:]) * 1000


def store_footprint(data: Path) -> tuple[float, float, float]:
    """FalkorDB server RSS (MB), its used_memory (MB), and the data directory on disk (MB)."""
    from policykg.graph.stores.falkordb_server import EmbeddedServer

    status = EmbeddedServer(data).status()
    rss = used = float("nan")
    if status.get("pid"):
        try:
            for line in Path(f"/proc/{status['pid']}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    rss = int(line.split()[1]) / 1024
        except OSError:
            pass
    if status.get("memory_bytes"):
        used = status["memory_bytes"] / 2**20
    disk = sum(f.stat().st_size for f in data.rglob("*") if f.is_file() and not f.is_socket()) / 2**20
    return rss, used, disk


# -- catalog queries --------------------------------------------------------------------------------
def busiest_city(data: Path) -> str | None:
    """The region whose 市发展改革委 leads the most tasks: asked for when the bare name is ambiguous."""
    from policykg.graph.stores.factory import open_store
    from policykg.settings import Settings

    with open_store(Settings(store_kind="embedded", data_dir=data)) as st:
        rows = st.rows("MATCH (d:Department {name: '市发展改革委'})-[:LEADS]->() RETURN d.region AS region, "
                       "count(*) AS n ORDER BY n DESC, region LIMIT 1")
    return rows[0]["region"] if rows else None


def catalog_latencies(data: Path, repeat: int, city: str | None) -> dict[str, tuple[list[float], int, str]]:
    """Each catalog query as ``policykg query NAME -p …`` runs it: names resolved, then read. When
    市发展改革委 is ambiguous (every city has one), the busiest city's is asked for by its full name."""
    from policykg.graph.analytics import store_fetch
    from policykg.graph.stores.errors import StoreError
    from policykg.graph.stores.factory import open_store
    from policykg.queries.catalog import CatalogError, get_query
    from policykg.queries.resolve import Resolver
    from policykg.settings import Settings

    out: dict[str, tuple[list[float], int, str]] = {}
    label_of: dict[str, str] = {}
    with open_store(Settings(store_kind="embedded", data_dir=data)) as st:
        for label, name, given in CATALOG:
            q = get_query(name)
            times: list[float] = []
            rows, error = 0, ""
            budget_end = time.perf_counter() + QUERY_BUDGET_S
            while len(times) < repeat and (not times or time.perf_counter() < budget_end):
                t0 = time.perf_counter()
                try:
                    bound = q.bind(Resolver.for_data(store_fetch(st), data).params(q, given))
                    result = st.read(q.text, bound)
                    rows = len(result.rows)
                except CatalogError as exc:
                    if type(exc).__name__ == "AmbiguousName" and city and "region" not in given:
                        given = {**given, "region": city}
                        label_of[label] = f"{given['name']} of {city}"
                        continue
                    error = f"{type(exc).__name__}: {str(exc)[:80]}"
                    times.append(time.perf_counter() - t0)
                    break
                except StoreError as exc:
                    error = f"{type(exc).__name__}: {str(exc)[:80]}"
                    times.append(time.perf_counter() - t0)
                    break
                times.append(time.perf_counter() - t0)
            out[label] = (times, rows, error)
            if label in label_of:
                out[f"{label}: asked for"] = ([], 0, label_of[label])
    return out


# -- API --------------------------------------------------------------------------------------------
def api_paths(port: int, city: str | None) -> dict[str, list[str]]:
    """The endpoints driven, with the paths each cycles through (found through the API itself)."""
    import http.client

    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)

    def get(path: str) -> tuple[int, dict]:
        status, body = api_bench._get(conn, path)
        try:
            return status, json.loads(body)
        except ValueError:
            return status, {}

    leads = "/departments/" + quote("市发展改革委", safe="") + "/tasks?role=lead&limit=20"
    status, _ = get(leads)
    if status == 409 and city:  # several regions' 市发展改革委: the busiest city's
        leads += "&region=" + quote(city, safe="")
    _, docs = get("/documents?limit=20")
    doc_paths = ["/documents/" + quote(d["id"], safe="") for d in docs.get("items", [])][:20]
    conn.close()
    return {
        "/departments (page 1)": ["/departments?limit=20"],
        "/documents (page 1)": ["/documents?limit=20"],
        "/documents/{id}": doc_paths or ["/documents?limit=1"],
        "/targets (page 1)": ["/targets?limit=20"],
        "/mapping/province-to-city p1": ["/mapping/province-to-city?limit=20"],
        "department-leads (API)": [leads],
        "/stats": ["/stats"],
    }


def open_loop(port: int, paths: list[str], rate: float, count: int, give_up_s: float) -> dict:
    """``count`` requests due at ``rate`` per second, latency counted from when each was due (as bench/api.py
    does); a request still waiting for a connection ``give_up_s`` after the first was due is not sent and is
    counted as "not sent", so a server that cannot keep up costs bounded time and shows as errors."""
    import http.client
    import queue
    import threading

    jobs: queue.Queue = queue.Queue()
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    start = time.perf_counter()
    stop = start + give_up_s

    def worker() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=give_up_s)
        while (job := jobs.get()) is not None:
            due, path = job
            if time.perf_counter() > stop:
                with lock:
                    errors.append(f"not sent {path}")
                continue
            try:
                status, _ = api_bench._get(conn, path)
            except (OSError, http.client.HTTPException) as exc:
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=give_up_s)
                status = repr(exc)
            with lock:
                latencies.append(time.perf_counter() - due)
                if status != 200:
                    errors.append(f"{status} {path}")
        conn.close()

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(api_bench.WORKERS)]
    for t in threads:
        t.start()
    for i in range(count):
        due = start + i / rate
        pause = due - time.perf_counter()
        if pause > 0:
            time.sleep(pause)
        jobs.put((due, paths[i % len(paths)]))
    for _ in threads:
        jobs.put(None)
    for t in threads:
        t.join()
    return {"sent": count, "latencies": latencies, "errors": errors, "seconds": time.perf_counter() - start}


def one_at_a_time(port: int, paths: list[str], count: int, timeout: float) -> list[float]:
    """Seconds per request with nothing else in flight: what a request costs, apart from queueing (on a busy
    machine the open loop's numbers are mostly the queue)."""
    import http.client

    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    times = []
    try:
        for i in range(count):
            t0 = time.perf_counter()
            api_bench._get(conn, paths[i % len(paths)])
            times.append(time.perf_counter() - t0)
    except (OSError, http.client.HTTPException):
        pass
    finally:
        conn.close()
    return times


def drive_api(data: Path, rate: float, requests: int, city: str | None) -> tuple[dict[str, dict], float]:
    """Per endpoint: requests one alone, then the open loop; and the seconds the server took to read the listings
    ahead once it answered (the requests start after that: the steady state; bench/endpoints.py --no-warm
    measures a first request that pays for an order itself)."""
    env = {**os.environ, "POLICYKG_DATA": str(data)}
    env.pop("NEO4J_URI", None)
    env.pop("POLICYKG_API_KEY", None)
    port = api_bench.free_port()
    server = subprocess.Popen([*api_bench.POLICYKG, "serve", "--host", "127.0.0.1", "--port", str(port), "--store",
                               "embedded", "--data", str(data), "--log-level", "warning"],
                              env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    out: dict[str, dict] = {}
    give_up = max(20.0, 3 * requests / rate)
    try:
        api_bench.wait_healthy(port, server)
        read_ahead = api_bench.wait_read_ahead(port, timeout=900)
        for label, paths in api_paths(port, city).items():
            alone = one_at_a_time(port, paths, min(5, requests), give_up)  # also the warm-up
            out[label] = open_loop(port, paths, rate, requests, give_up)
            out[label]["alone"] = alone
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
    return out, read_ahead


# -- one size ---------------------------------------------------------------------------------------
def run_size(n: int, work: Path, args) -> Result:
    res = Result(n)
    folder = work / f"corpus-{n}"
    t0 = time.perf_counter()
    written = corpus.write(folder, n + 1, args.seed)
    files, extra = written[:n], written[n]
    aside = work / f"aside-{n}"
    aside.mkdir(parents=True, exist_ok=True)
    extra = extra.rename(aside / extra.name)
    res.mb = sum(f.stat().st_size for f in files) / 1e6
    print(f"[{n}] wrote {n} documents ({res.mb:.1f} MB) in {time.perf_counter() - t0:.1f} s; ingesting…", flush=True)
    data = Path(tempfile.mkdtemp(prefix=f"pkg-scale-{n}-"))  # short: the store's unix socket lives here
    try:
        stamps, total, report = ingest(files, data, args.jobs)
        res.ingest_s = total
        res.start_ms, res.end_ms = per_doc_ms(stamps)
        res.failed = report.count("failed")
        res.bulk_relink_s = total - stamps[-1] if stamps else 0.0  # relink and counts after the last document
        res.nodes, res.relationships = sum(report.nodes.values()), sum(report.relationships.values())
        print(f"[{n}] ingested in {total:.0f} s ({res.start_ms:.0f} → {res.end_ms:.0f} ms/doc, relink at the end "
              f"{res.bulk_relink_s:.1f} s); adding one document…", flush=True)
        one, one_total, _ = ingest([extra], data, 1)
        res.add_one_load_s = one[0] if one else float("nan")
        res.add_one_relink_s = one_total - res.add_one_load_s
        res.rss_mb, res.used_mb, res.disk_mb = store_footprint(data)
        print(f"[{n}] catalog queries…", flush=True)
        city = busiest_city(data)
        res.catalog = catalog_latencies(data, args.repeat, city)
        print(f"[{n}] API at {args.rate:g} requests/s…", flush=True)
        res.api, res.read_ahead_s = drive_api(data, args.rate, args.requests, city)
    finally:
        from policykg.graph.stores.falkordb_server import EmbeddedServer

        EmbeddedServer(data).stop(force=True)
        shutil.rmtree(data, ignore_errors=True)
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)
            shutil.rmtree(aside, ignore_errors=True)
    return res


# -- the table --------------------------------------------------------------------------------------
def pct(values: list[float], p: float) -> float:
    return api_bench.percentile(sorted(values), p)


def ms(x: float) -> str:
    return "—" if x != x else (f"{x * 1000:.0f} ms" if x < 10 else f"{x:.1f} s")


def report(results: list[Result], rate: float) -> None:
    print(f"\npolicykg at scale: generated national corpora (bench/corpus.py), embedded FalkorDB; "
          f"{os.cpu_count()} cores; load average {os.getloadavg()[0]:.2f}")
    sizes = [r.size for r in results]
    width = 20

    def row(label: str, cells: list[str], goal: str = "") -> None:
        print(f"{label:36}" + "".join(f"  {c:>{width - 2}}" for c in cells) + (f"   {goal}" if goal else ""))

    row("documents in store", [f"{s:,}" for s in sizes], "goal")
    print("-" * (36 + width * len(sizes) + 40))
    row("corpus MB", [f"{r.mb:.1f}" for r in results])
    row("ingest wall time", [f"{r.ingest_s:.0f} s" for r in results])
    row("ingest ms/doc, first 5%", [f"{r.start_ms:.0f}" for r in results])
    row("ingest ms/doc, last 5%", [f"{r.end_ms:.0f}" for r in results], "end ≤ 1.5× start")
    row("  end / start", [f"{r.end_ms / r.start_ms:.2f}×" if r.start_ms else "—" for r in results],
        "met" if all(r.end_ms <= 1.5 * r.start_ms for r in results) else "NOT met")
    row("documents failed", [str(r.failed) for r in results], "0")
    row("graph nodes / relationships", [f"{r.nodes // 1000}k/{r.relationships // 1000}k" for r in results])
    row("relink after the bulk ingest", [ms(r.bulk_relink_s) for r in results])
    row("add one document: load", [ms(r.add_one_load_s) for r in results])
    row("add one document: relink", [ms(r.add_one_relink_s) for r in results], "< 5 s at 10k")
    row("FalkorDB RSS MB", [f"{r.rss_mb:.0f}" for r in results])
    row("FalkorDB used_memory MB", [f"{r.used_mb:.0f}" for r in results])
    row("data directory on disk MB", [f"{r.disk_mb:.0f}" for r in results])
    print("catalog queries, as `policykg query` runs them (p50 / p99, rows):")
    for label, _, _ in CATALOG:
        cells = []
        for r in results:
            times, rows, error = r.catalog.get(label, ([], 0, ""))
            cells.append("error" if error else f"{ms(pct(times, 50))}/{ms(pct(times, 99))}")
        goal = "≤ 2× the first size" if label.startswith("department-leads") else ""
        row("  " + label, cells, goal)
        row("    rows", [str(r.catalog.get(label, ([], 0, ""))[1]) for r in results])
        asked = {r.catalog[f"{label}: asked for"][2] for r in results if f"{label}: asked for" in r.catalog}
        if asked:
            print(f"      (ambiguous: every city has one; asked for {'、'.join(sorted(asked))}, the busiest)")
        for r in results:
            if r.catalog.get(label, ([], 0, ""))[2]:
                print(f"      {r.size}: {r.catalog[label][2]}")
    row("API: listings read ahead after start", [f"{r.read_ahead_s:.1f} s" for r in results],
        "requests below start after it")
    print(f"API over loopback: ms one request alone (p50) | p50/p99 ms at {rate:g} requests/s, then 504s/other errors"
          f"[/not sent: still queued when the drive gave up]:")
    for label in (results[0].api if results else {}):
        cells = []
        for r in results:
            a = r.api.get(label)
            if not a:
                cells.append("—")
                continue
            lat = sorted(x * 1000 for x in a["latencies"])
            e504 = sum(1 for e in a["errors"] if e.startswith("504"))
            unsent = sum(1 for e in a["errors"] if e.startswith("not sent"))
            alone = pct([x * 1000 for x in a.get("alone", [])], 50)
            cells.append(f"{alone:.0f}|{pct(lat, 50):.0f}/{pct(lat, 99):.0f} {e504}/{len(a['errors']) - e504 - unsent}"
                         + (f"/{unsent}" if unsent else ""))
        goal = "p99 < 100 ms, no 504 at 10k" if label != "/stats" else ""
        if "mapping" in label:
            goal += "; ≤ 2× the first size"
        row("  " + label, cells, goal)
    for r in results:
        for label, a in r.api.items():
            for e in [e for e in a["errors"] if not e.startswith(("504", "not sent"))][:2]:
                print(f"      {r.size} {label}: {e[:120]}")
    if len(results) > 1:
        first, last = results[0], results[-1]
        for label in ("department-leads 市发展改革委",):
            a, b = (pct(x.catalog.get(label, ([float('nan')], 0, ''))[0], 50) for x in (first, last))
            print(f"{label}: {last.size:,} / {first.size:,} = {b / a:.1f}× (goal ≤ 2×)")
        key = "/mapping/province-to-city p1"
        if key in first.api and key in last.api:
            a, b = (pct(sorted(x.api[key]["latencies"]), 50) for x in (first, last))
            c, d = (pct(x.api[key].get("alone", []), 50) for x in (first, last))
            print(f"mapping page 1 (API p50): {last.size:,} / {first.size:,} = {b / a:.1f}× at {rate:g} requests/s, "
                  f"{d / c:.1f}× one request alone (goal ≤ 2×)")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,10000", help="comma-separated document counts")
    ap.add_argument("--long", action="store_true", help="add 100,000 documents")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--jobs", type=int, default=0, help="reader processes (0: one per CPU, at most 4)")
    ap.add_argument("--rate", type=float, default=50.0, help="API requests per second per endpoint")
    ap.add_argument("--requests", type=int, default=100, help="API requests per endpoint")
    ap.add_argument("--repeat", type=int, default=20, help="runs of each catalog query (within 30 s)")
    ap.add_argument("--keep", type=Path, help="write the corpora here and keep them")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    if args.long and 100_000 not in sizes:
        sizes.append(100_000)
    if not sizes or min(sizes) <= 0 or args.rate <= 0 or args.requests <= 0:
        ap.error("sizes, --rate and --requests must be positive")
    args.jobs = args.jobs or min(os.cpu_count() or 1, 4)
    work = args.keep or Path(tempfile.mkdtemp(prefix="pkg-scale-work-"))
    results = []
    try:
        for n in sizes:
            results.append(run_size(n, work, args))
            if n != sizes[-1]:
                report(results, args.rate)  # so far: a long run that stops later keeps what it measured
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    report(results, args.rate)
    return 0


if __name__ == "__main__":
    sys.exit(main())
