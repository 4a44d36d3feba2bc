"""The paged API endpoints on an existing data directory: one request alone, then an open loop per endpoint.

    python bench/endpoints.py --data DIR [--rate 50] [--requests 100] [--alone 5] [--only SUBSTRING] [--no-warm]

What ``bench/scale.py`` measures of the API after its ingest (the same drive: ``policykg serve`` on
loopback, latency counted from when each request was due), on a store that is already built, so a change
to a query can be measured before and after on the same store in minutes instead of a 25-minute rebuild.
Besides page 1 of each list it drives the filter shapes an analyst uses (targets by ownership, department
or industry; the mapping by a provincial department, a city or a document; departments by level or
region), with the values found through the API itself. Prints how long the fresh server took to read the
unfiltered listings ahead (as it does after every store change, api/warm.py; the requests wait for /healthz to
say it is done), then one table: ms of the first request to each (--no-warm: nothing is read ahead, and the first
request pays for its listing's order), one request alone (p50),
p50/p99 ms at --rate requests/s, and how many answered 504 or another error (goal at 10k: p99 < 100 ms,
no 504). The store is read, never written: give it a copy of a shared store (a unix socket path must stay
short, so keep the copy under /tmp). Only 127.0.0.1 is contacted; the API server started here is stopped
at the end, and the store's server too unless it was running before.

``--after-change`` measures instead what an analyst meets right after the store changes: once the listings are
read ahead, one document is uploaded (the first sample document, a line added to make it new on every run: this
mode writes to the store), then page 1 of each listing read ahead is asked again and again, one request at a
time per listing, until the server has read them all ahead again. Printed per listing: the requests, p50/p99/max
ms, how many were answered stale (in the order before the change, ``POLICYKG_LISTING_WAIT_MS``) and how many 504.
"""
from __future__ import annotations

import argparse
import http.client
import json
import os
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path
from urllib.parse import quote

import scale  # a sibling in bench/, which Python puts first on the path of a script it runs

HERE = Path(__file__).resolve().parent
api_bench = scale.api_bench


def _get_json(conn: http.client.HTTPConnection, path: str) -> tuple[int, dict]:
    status, body = api_bench._get(conn, path)
    try:
        return status, json.loads(body)
    except ValueError:
        return status, {}


def endpoint_paths(port: int) -> dict[str, list[str]]:
    """bench/scale.py's endpoints, then the filtered pages, with values taken from the store through the API."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    _, docs = _get_json(conn, "/documents?limit=200")
    items = docs.get("items", [])
    cities = sorted({d["region"] for d in items if d.get("level") == "city" and d.get("region")})
    provincial = [d for d in items if d.get("level") == "province" and d.get("title")]
    _, provinces = _get_json(conn, "/departments?level=province&prefix=" + quote("省发展改革委") + "&limit=1")
    _, industries = _get_json(conn, "/industries")
    industry = next((i.get("name") for i in (industries.get("items") if isinstance(industries, dict) else industries)
                     or [] if isinstance(i, dict)), None)
    city = cities[0] if cities else None
    conn.close()
    paths = scale.api_paths(port, city)
    q = lambda value: quote(value, safe="")  # noqa: E731
    extra: dict[str, list[str]] = {
        "/targets?owned=true": ["/targets?owned=true&limit=20"],
        "/targets?owned=false": ["/targets?owned=false&limit=20"],
    }
    if city:
        leads = "/departments/" + q("市发展改革委") + "?region=" + q(city)
        # the city's 市发展改革委 by its id: the bare name is ambiguous in a national store (409)
        extra["/targets?department="] = ["/targets?limit=20&department=" + q(_department_id(port, leads))]
        extra["/mapping?city="] = ["/mapping/province-to-city?limit=20&city=" + q(city)]
        extra["/departments?region="] = ["/departments?limit=20&region=" + q(city)]
    if industry:
        extra["/targets?industry="] = ["/targets?limit=20&industry=" + q(industry)]
    if provinces.get("items"):
        extra["/mapping?department= (province)"] = [
            "/mapping/province-to-city?limit=20&department=" + q(provinces["items"][0]["id"])]
    if provincial:
        extra["/mapping?document="] = ["/mapping/province-to-city?limit=20&document=" + q(provincial[0]["title"])]
    extra["/departments?level=city"] = ["/departments?limit=20&level=city"]
    return {**paths, **extra}


def _department_id(port: int, path: str) -> str:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    _, detail = _get_json(conn, path)
    conn.close()
    return str(detail.get("id", "市发展改革委"))


# page 1 of each listing the server reads ahead (api.runner.READ_AHEAD)
READ_AHEAD_PAGES = {
    "/mapping/province-to-city p1": "/mapping/province-to-city?limit=20",
    "/targets (page 1)": "/targets?limit=20",
    "/targets?owned=true": "/targets?owned=true&limit=20",
    "/targets?owned=false": "/targets?owned=false&limit=20",
    "/departments (page 1)": "/departments?limit=20",
    "/documents (page 1)": "/documents?limit=20",
}
CHANGE_KEY = "bench-" + uuid.uuid4().hex


def upload_change(port: int) -> float:
    """POST one new document (the first sample, made new by a line naming this run); seconds it took."""
    sample = sorted((scale.ROOT / "policykg" / "sample_corpus").glob("*.txt"))[0]
    text = sample.read_text(encoding="utf-8") + f"\n（基准测量 {uuid.uuid4().hex}）\n"
    boundary = uuid.uuid4().hex
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"bench-change.txt\"\r\n"
            f"Content-Type: text/plain\r\n\r\n{text}\r\n--{boundary}--\r\n").encode("utf-8")
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
    started = time.monotonic()
    conn.request("POST", "/documents", body=body, headers={
        "Content-Type": f"multipart/form-data; boundary={boundary}", "X-API-Key": CHANGE_KEY})
    response = conn.getresponse()
    answer = response.read()
    conn.close()
    if response.status not in (200, 201):
        raise RuntimeError(f"the upload answered {response.status}: {answer[:300]!r}")
    return time.monotonic() - started


def after_change(port: int, timeout: float) -> dict[str, dict]:
    """Upload one document, then ask each read-ahead listing's page 1 and /healthz one request at a time until the
    server has read the listings ahead again (or ``timeout`` passed). A request that gets no answer in 120 s
    counts as an error, and the next one is asked on a new connection."""
    upload_s = upload_change(port)
    done = threading.Event()
    asked = {**READ_AHEAD_PAGES, "/healthz": "/healthz"}
    out: dict[str, dict] = {label: {"latencies": [], "stale": 0, "errors": []} for label in asked}
    ahead: list[float] = []
    started = time.monotonic()

    def ask(label: str, path: str) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        while not done.is_set():
            at = time.monotonic()
            try:
                status, page = _get_json(conn, path)
            except (OSError, http.client.HTTPException) as exc:
                out[label]["latencies"].append(time.monotonic() - at)
                out[label]["errors"].append(f"no answer: {type(exc).__name__}")
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
                continue
            out[label]["latencies"].append(time.monotonic() - at)
            if status != 200:
                out[label]["errors"].append(f"{status} {str(page)[:100]}")
            elif page.get("stale"):
                out[label]["stale"] += 1
            if label == "/healthz" and page.get("listings_read_ahead") and not ahead:
                ahead.append(time.monotonic() - started)
                done.set()
            if time.monotonic() - started > timeout:
                done.set()
            done.wait(0.05)
        conn.close()

    threads = [threading.Thread(target=ask, args=item, daemon=True) for item in asked.items()]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return {"(change)": {"upload_s": upload_s, "ahead_s": ahead[0] if ahead else float("nan")}, **out}


def report_change(data: Path, results: dict[str, dict]) -> None:
    change = results.pop("(change)")
    print(f"\nAPI on {data} after a change ({os.cpu_count()} cores; load average {os.getloadavg()[0]:.2f}): the "
          f"upload took {change['upload_s']:.1f} s; the server had read the listings ahead again "
          f"{change['ahead_s']:.1f} s later (nan: not within the time allowed); meanwhile page 1 of each and "
          f"/healthz, one request at a time each:")
    print(f"{'listing':32}  {'requests':>8}  {'p50':>7}  {'p99':>7}  {'max':>7}  {'stale':>5}  {'504':>4}  "
          f"{'other':>5}")
    for label, a in results.items():
        lat = sorted(x * 1000 for x in a["latencies"])
        e504 = sum(1 for e in a["errors"] if e.startswith("504"))
        p50, p99 = (scale.pct(lat, 50), scale.pct(lat, 99)) if lat else (float("nan"),) * 2
        print(f"{label:32}  {len(lat):8}  {p50:7.0f}  {p99:7.0f}  {max(lat, default=float('nan')):7.0f}  "
              f"{a['stale']:5}  {e504:4}  {len(a['errors']) - e504:5}")
        for e in [e for e in a["errors"] if not e.startswith("504")][:2]:
            print(f"    {label}: {e[:140]}")


def drive(data: Path, rate: float, requests: int, alone_count: int, only: str | None,
          warm: bool = True, change: bool = False, server_log: Path | None = None) -> dict[str, dict]:
    env = {**os.environ, "POLICYKG_DATA": str(data)}
    if not warm:
        env["POLICYKG_WARM_AFTER_MS"] = "0"
    env.pop("NEO4J_URI", None)
    env.pop("POLICYKG_API_KEY", None)
    if change:
        env["POLICYKG_API_KEY"] = CHANGE_KEY
    port = api_bench.free_port()
    server = subprocess.Popen([*api_bench.POLICYKG, "serve", "--host", "127.0.0.1", "--port", str(port), "--store",
                               "embedded", "--data", str(data), "--log-level", "warning"],
                              env=env, cwd=scale.ROOT, stdout=subprocess.DEVNULL,
                              stderr=server_log.open("ab") if server_log else subprocess.DEVNULL)
    out: dict[str, dict] = {}
    give_up = max(20.0, 3 * requests / rate)
    from policykg.graph.stores.falkordb_server import EmbeddedServer

    store_server = EmbeddedServer(data)
    was_running = store_server.is_running()
    try:
        api_bench.wait_healthy(port, server, timeout=180)
        if warm:
            out["(read ahead)"] = {"after_s": api_bench.wait_read_ahead(port, timeout=600)}
        if change:
            return after_change(port, timeout=600)
        for label, paths in endpoint_paths(port).items():
            if only and only not in label:
                continue
            alone = scale.one_at_a_time(port, paths, alone_count, give_up)  # also the warm-up
            out[label] = scale.open_loop(port, paths, rate, requests, give_up) if requests else {
                "latencies": [], "errors": []}
            out[label]["alone"] = alone
            out[label]["path"] = paths[0]
            print(f"  measured {label}", file=sys.stderr, flush=True)
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
        if not was_running:  # the store's server outlives `policykg serve`: stop the one this run started
            store_server.stop(force=True)
    return out


def report(data: Path, results: dict[str, dict], rate: float, warm: bool = True) -> None:
    ahead = "after the listings were read ahead" if warm else "nothing read ahead (--no-warm)"
    print(f"\nAPI on {data} ({os.cpu_count()} cores; load average {os.getloadavg()[0]:.2f}): ms one request alone "
          f"(p50; first: the first of them, on a fresh server, {ahead}) | p50/p99 ms at "
          f"{rate:g} requests/s | 504s/other errors; goal p99 < 100 ms, no 504")
    ahead_s = results.pop("(read ahead)", {}).get("after_s")
    if ahead_s is not None:
        print(f"the server read the listings ahead {ahead_s:.1f} s after it answered; the requests below came after")
    print(f"{'endpoint':36}  {'first':>7}  {'alone':>7}  {'p50':>7}  {'p99':>7}  {'errors':>8}")
    for label, a in results.items():
        lat = sorted(x * 1000 for x in a["latencies"])
        e504 = sum(1 for e in a["errors"] if e.startswith("504"))
        other = len(a["errors"]) - e504
        alone = scale.pct([x * 1000 for x in a["alone"]], 50) if a["alone"] else float("nan")
        p50 = scale.pct(lat, 50) if lat else float("nan")
        p99 = scale.pct(lat, 99) if lat else float("nan")
        first = a["alone"][0] * 1000 if a["alone"] else float("nan")
        print(f"{label:36}  {first:7.0f}  {alone:7.0f}  {p50:7.0f}  {p99:7.0f}  {e504:>3}/{other:<4}")
    for label, a in results.items():
        for e in [e for e in a["errors"] if not e.startswith("504")][:2]:
            print(f"    {label}: {e[:140]}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, required=True, help="an existing data directory (a copy: it is served)")
    ap.add_argument("--rate", type=float, default=50.0, help="requests per second per endpoint")
    ap.add_argument("--requests", type=int, default=100, help="requests per endpoint in the open loop (0: none)")
    ap.add_argument("--alone", type=int, default=5, help="requests one at a time per endpoint first")
    ap.add_argument("--only", help="only the endpoints whose label holds this")
    ap.add_argument("--no-warm", action="store_true",
                    help="the server does not read the listings ahead: the first request to each pays for its order")
    ap.add_argument("--after-change", action="store_true",
                    help="upload one document (this writes to the store), then measure page 1 of each listing "
                         "read ahead until the server has read them ahead again")
    ap.add_argument("--server-log", type=Path, help="append what `policykg serve` prints to this file")
    args = ap.parse_args()
    if not (args.data / "falkordb.sock").exists() and not any(args.data.glob("*.rdb")) \
            and not (args.data / "appendonlydir").exists():
        ap.error(f"{args.data} holds no store")
    if args.after_change and args.no_warm:
        ap.error("--after-change measures the time until the listings are read ahead again: leave out --no-warm")
    results = drive(args.data, args.rate, args.requests, max(args.alone, 1), args.only, warm=not args.no_warm,
                    change=args.after_change, server_log=args.server_log)
    if args.after_change:
        report_change(args.data, results)
    else:
        report(args.data, results, args.rate, warm=not args.no_warm)
    return 0


if __name__ == "__main__":
    sys.exit(main())
