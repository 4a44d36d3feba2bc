"""Catalog queries and the paged API endpoints as the store grows: does page 1 cost the same at 1k and 3k?

    python bench/queries.py [--sizes 1000,3000] [--repeat 15] [--data DIR]

1. the five sample documents are extracted once and copied: each copy gets its own document number and
   title, and the city documents a city of Shandong of their own (so 市发展改革委 exists once per city, as
   it does), so the store holds what a few thousand real documents would: many regions, many departments
   of one name, provincial stubs that many city tables quote;
2. the copies are loaded one by one into a fresh embedded store under /tmp (or --data) until each size
   is reached (no relinking: the explicit links of the tables are the mapping);
3. at each size, every case below runs --repeat times and the table prints p50/p99 in ms: the catalog
   queries as `policykg query` runs them (names resolved, the first page) and the endpoints through the API
   in-process (FastAPI's test client, so the numbers are the server's work without the network).

Goal (issue 15): the paged endpoints do not grow with the store; /stats answers from counts kept per store
version. This is a measurement: it prints a table and asserts nothing.
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]

# (label, catalog query, parameters): the first page, as `policykg query NAME` asks for it
QUERY_CASES: list[tuple[str, str, dict]] = [
    ("department-leads 菏泽市发展改革委", "department-leads", {"name": "菏泽市发展改革委"}),
    ("department-tasks 菏泽市发展改革委", "department-tasks", {"name": "菏泽市发展改革委"}),
    ("province-to-city", "province-to-city", {}),
    ("province-to-city-mapping", "province-to-city-mapping", {}),
    ("mapping, department 省发展改革委", "province-to-city-mapping", {"department": "省发展改革委"}),
    ("targets, no filter", "targets", {}),
    ("targets year=2025", "targets", {"year": 2025}),
    ("documents", "documents", {}),
    ("departments", "departments", {}),
    ("unled-tasks", "unled-tasks", {}),
    ("graph-counts", "graph-counts", {}),
]
API_CASES: list[tuple[str, str]] = [
    ("GET /queries/department-leads", "/queries/department-leads?name=" + quote("菏泽市发展改革委")),
    ("GET /departments/…/tasks", "/departments/" + quote("菏泽市发展改革委") + "/tasks"),
    ("GET /mapping/province-to-city", "/mapping/province-to-city"),
    ("GET /mapping/…?offset=500", "/mapping/province-to-city?offset=500"),
    ("GET /targets", "/targets"),
    ("GET /queries/province-to-city", "/queries/province-to-city"),
    ("GET /documents", "/documents"),
    ("GET /stats", "/stats"),
]
PAGE = 50


def copies(count: int, start: int = 0):
    """``count`` copies of the sample documents, numbered from ``start``: new numbers, titles and cities."""
    from policykg.corpus import sample_corpus_files
    from policykg.ingest.extract import extract_file
    from policykg.ingest.regions import region_index

    samples = [extract_file(f) for f in sample_corpus_files()]
    regions = region_index()
    shandong = regions.get("山东省")
    cities = [r for r in regions.children(shandong) if r.level == "city"] if shandong else []
    cities.sort(key=lambda r: r.name != "菏泽市")  # the samples' own city first: its departments are measured
    for k in range(start, start + count):
        template = samples[k % len(samples)]
        info = template.document
        city = cities[(k // len(samples)) % len(cities)] if cities and info.level == "city" else None
        number = re.sub(r"〔(\d{4})〕\d+号", rf"〔\g<1>〕{1000 + k}号", info.doc_number or "") or None
        title = (info.title or "") + f"（第{k}批）"
        if city is not None:
            title = title.replace("菏泽市", city.name)
        document = info.model_copy(update={
            "doc_number": number, "title": title,
            **({"region": city.name, "region_code": city.code} if city is not None else {})})
        yield template.model_copy(update={"document": document, "file": f"copy-{k}.txt",
                                          "content_hash": f"{template.content_hash}-{k}"})


def timed(run, repeat: int) -> tuple[float, float, str]:
    times, note = [], ""
    for _ in range(repeat):
        started = time.perf_counter()
        try:
            run()
        except Exception as exc:  # a time-out is a result here, not a crash
            note = type(exc).__name__
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    p99 = times[min(len(times) - 1, int(round(0.99 * (len(times) - 1))))]
    return statistics.median(times), p99, note


def measure(store, data_dir: Path, repeat: int) -> dict[str, tuple[float, float, str]]:
    from policykg.api import create_app
    from policykg.queries.catalog import get_query
    from policykg.queries.resolve import Resolver
    from policykg.settings import Settings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

    def fetch(name, params):
        q = get_query(name)
        return store.rows(q.text, q.bind(params))

    results: dict[str, tuple[float, float, str]] = {}
    for label, name, params in QUERY_CASES:
        q = get_query(name)
        paging = {"offset": 0, "limit": PAGE} if {"offset", "limit"} <= {p.name for p in q.params} else {}

        def run(q=q, params=params, paging=paging):
            # as the CLI does: resolve the names (a fresh resolver: it reads the name lists), then the page
            resolver = Resolver.for_data(fetch, data_dir)
            bound = q.bind({**resolver.params(q, params), **paging})
            store.read(q.text, bound)

        results[label] = timed(run, repeat)
        print(f"  {label}: p50 {results[label][0]:.0f} ms", file=sys.stderr, flush=True)
    settings = Settings(data_dir=data_dir)
    with TestClient(create_app(store, settings)) as client:
        for label, path in API_CASES:
            client.get(path)  # the first request fills the per-version caches (names, counts)

            def get(path=path):
                response = client.get(path)
                if response.status_code != 200:
                    raise RuntimeError(f"{response.status_code}")

            results[label] = timed(get, repeat)
            print(f"  {label}: p50 {results[label][0]:.0f} ms", file=sys.stderr, flush=True)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,3000", help="store sizes in documents, ascending")
    parser.add_argument("--measure-only", action="store_true",
                        help="measure the store --data holds as it is (loaded by an earlier run), at its size")
    parser.add_argument("--resume", action="store_true",
                        help="go on loading the store of --data from the documents it holds (default: start empty)")
    parser.add_argument("--repeat", type=int, default=15, help="runs of each case at each size")
    parser.add_argument("--data", type=Path, help="data directory for the store, left loaded at the end (default: a "
                                                  "fresh one under /tmp, removed at the end)")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]

    from policykg.api import create_app  # noqa: F401 -- everything read now, not after minutes of loading
    from policykg.graph.stores.factory import embedded_store
    from policykg.queries.catalog import load_catalog

    load_catalog()

    data_dir = args.data or Path(tempfile.mkdtemp(prefix="policykg-bench-queries-"))
    os.environ["POLICYKG_DATA"] = str(data_dir)
    store = embedded_store(data_dir, graph="bench_queries")
    table: dict[int, dict[str, tuple[float, float, str]]] = {}
    if args.measure_only:
        if args.data is None:
            parser.error("--measure-only measures the store of --data")
        held = store.rows("MATCH (d:Document) WHERE NOT coalesce(d.stub, false) RETURN count(d) AS n")[0]["n"]
        sizes = [held]
        table[held] = measure(store, data_dir, args.repeat)
        store.close()
        _print(sizes, table, args.repeat)
        return
    loaded = 0
    if args.data is not None and args.resume:  # the copies are numbered: go on from what an earlier run loaded
        loaded = store.rows("MATCH (d:Document) WHERE NOT coalesce(d.stub, false) RETURN count(d) AS n")[0]["n"]
    else:
        store.clear()
    try:
        for size in sizes:
            if size < loaded:
                continue
            started = time.perf_counter()
            for doc in copies(size - loaded, loaded):
                store.load_document(doc)
            elapsed = time.perf_counter() - started
            print(f"{size} documents: loaded {size - loaded} in {elapsed:.0f} s "
                  f"({elapsed * 1000 / max(size - loaded, 1):.0f} ms/doc)", file=sys.stderr, flush=True)
            loaded = size
            table[size] = measure(store, data_dir, args.repeat)
    finally:
        if args.data is None:  # a --data store is left loaded (and its server running) for a closer look
            store.clear()
        store.close()
        if args.data is None:
            from policykg.graph.stores.falkordb_server import EmbeddedServer

            EmbeddedServer(data_dir).stop()
            shutil.rmtree(data_dir, ignore_errors=True)

    _print(sizes, table, args.repeat)


def _print(sizes: list[int], table: dict[int, dict[str, tuple[float, float, str]]], repeat: int) -> None:
    sizes = [s for s in sizes if s in table]
    labels = [label for label, _, _ in QUERY_CASES] + [label for label, _ in API_CASES]
    width = max(map(len, labels))
    head = "".join(f" | {f'{s} docs p50 / p99 ms':>24}" for s in sizes)
    print(f"{'case':<{width}}{head}")
    print("-" * width + "".join(" | " + "-" * 24 for _ in sizes))
    for label in labels:
        cells = []
        for s in sizes:
            p50, p99, note = table[s][label]
            cells.append(f" | {f'{p50:.0f} / {p99:.0f}' + (f' {note}' if note else ''):>24}")
        print(f"{label:<{width}}{''.join(cells)}")
    print(f"(each case {repeat} runs; queries: the first page of {PAGE} where the query pages, names resolved "
          f"as the CLI does; endpoints: in-process test client)")


if __name__ == "__main__":
    main()
