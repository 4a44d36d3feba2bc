"""Cross-level linking as ``policykg link`` runs it: store read, scoring, write, at growing sizes.

    python bench/link.py [--sizes 100,400,1000] [--seed 7] [--keep DIR] [--no-eval] [--batch 1]
    python bench/link.py --sizes 10000 --batch 500 --no-eval     # the 10k goal (about 15 minutes)

For each size, a synthetic national corpus (``bench/national_corpus.py``: real regions, provinces first,
then cities and counties spread over them, one document each, several past ~3,200) is written into a
fresh embedded store (``GraphStore.load_graph``, one subgraph per document as a load writes them, or
``--batch`` documents per write to fill a large store quickly), and then timed:

* ``full``: ``GraphStore.relink()`` — what ``policykg link`` does: read every link unit (``link-units``),
  score the pairs the region tree allows, write every inferred link;
* ``+1 county`` / ``+1 province``: one more document is loaded and ``GraphStore.relink(changed=[its id])``
  runs — what an ingest or an upload pays (a county touches only its own links; a province re-scores
  its subtree).

Near-linear means the ms per document of ``full`` stays flat as the corpus grows. Goal (issue 15):
the relink after adding one document to a 10,000-document store takes < 5 s.

With ``--store DIR --add FILE`` it measures the same on a store you already have (``bench/scale.py``'s 10k store,
``/work/stores/s10k``-like): a copy of ``DIR`` is made under ``--tmp`` (the store's unix socket lives in it: keep
the path short), ``Ingestion.ingest([FILE])`` runs into it as ``bench/scale.py`` does, and then the document is
removed again (``GraphStore.remove_document``, which relinks what it reached) and added back. Printed per step:
the load and the relink (``GraphStore.relink`` inside the ingest) in wall time, the relink's CPU seconds in this
process and in the store's server (on a shared machine the wall time swings with the others' load; their sum is
about what an idle machine takes), and the whole ingest (``bench/scale.py``'s "add one document: relink" is
total - load). The first add in a fresh process also pays the store's start and jieba's dictionary; "add it
again" is what a running ingest or API pays. ``--full`` also times a full relink (``policykg link``) of the copy.
The copy is deleted afterwards unless ``--keep-copy``.

    python bench/link.py --store /work/stores/s10k --add /work/stores/aside-10000/*.txt [--full]

Then prints the linking evaluation (``tests/linking/calibration.py`` over ``tests/fixtures/linking``):
the threshold the tuning families choose, and precision and recall of inferred CASCADES_FROM on the
tuning and the held-out families at the threshold in use.
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from national_corpus import regions, rows  # noqa: E402

from policykg.graph.model import PolicyGraph  # noqa: E402

# documents per level at a given size: about what a national picture holds (31 : 330 : 2,800)
SHARE = {"province": 31 / 3161, "city": 330 / 3161}


def graphs_of(region_rows: list[dict]) -> dict[str, PolicyGraph]:
    """One subgraph per document of ``national_corpus.rows``: Document, Tasks, departments, industries, targets."""
    out: dict[str, PolicyGraph] = {}
    for row in region_rows:
        did = row["doc_id"]
        g = out.get(did)
        if g is None:
            g = out[did] = PolicyGraph()
            g.add_node(did, "Document", title=did[len("doc:"):], level=row["level"], date=row["date"],
                       region_code=row["region_code"], region_basis=row["region_basis"], doc_id=did)
            for up in row["implements"]:
                g.add_node(up, "Document", stub=True, title=up[len("doc:"):], source_docs=[did])
                g.add_edge(did, "IMPLEMENTS", up, doc_id=did)
        tid = row["id"]
        g.add_node(tid, "Task", title=row["title"], text=row["text"], number=row["number"], level=row["level"],
                   doc_id=did, has_responsibility=True)
        g.add_edge(tid, "IN_DOCUMENT", did, doc_id=did)
        for n, name in enumerate(row["departments"]):
            g.add_node(f"dept:{name}", "Department", name=name)
            g.add_edge(f"dept:{name}", "LEADS" if n == 0 else "COOPERATES_ON", tid, doc_id=did)
        for name in row["industries"]:
            g.add_node(f"industry:{name}", "Industry", name=name)
            g.add_edge(tid, "CONCERNS", f"industry:{name}", doc_id=did)
        for k, metric in enumerate(row["metrics"]):
            target = f"target:{tid}:{k}"
            g.add_node(target, "Target", metric=metric, doc_id=did)
            g.add_edge(tid, "HAS_TARGET", target, doc_id=did)
    return out


def corpus(size: int, seed: int) -> tuple[dict[str, PolicyGraph], list]:
    """About ``size`` documents: provinces, cities and counties in the national proportions, more provinces
    when the first ones have too few counties; past one document per region (about 3,200), each region
    issues several (another seed, ``（之二）`` after the key), the later ones implementing the same parent."""
    provinces = max(1, round(size * SHARE["province"]))
    cities = max(1, round(size * SHARE["city"]))
    regs = regions(provinces, cities, size - provinces - cities)
    while len(regs) < size and provinces < 31:
        provinces += 1
        regs = regions(provinces, cities, size - provinces - cities)
    out = rows(regs, seed=seed)
    copy = 1
    while len({r["doc_id"] for r in out}) < size:
        copy += 1
        suffix = f"（之{copy}）"
        want = size - len({r["doc_id"] for r in out})
        for r in rows(regs, seed=seed + copy):
            if want <= 0 and r["number"] == "1":
                break
            did = r["doc_id"] + suffix
            out.append({**r, "id": r["id"].replace(r["doc_id"][len("doc:"):], did[len("doc:"):], 1),
                        "doc_id": did, "source_doc": did})
            if r["number"] == "1":
                want -= 1
    return graphs_of(out), regs


def load(store, graphs: dict[str, PolicyGraph], batch: int = 1) -> None:
    """One atomic write per document, as a load does; with ``batch`` > 1, that many documents per write (a
    quicker way to fill a large store: nothing of them is there before, so there is nothing to replace)."""
    dids = sorted(graphs)
    if batch <= 1:
        for did in dids:
            store.load_graph(graphs[did], did, None, [did[len("doc:"):]])
        return
    for start in range(0, len(dids), batch):
        merged = PolicyGraph()
        for did in dids[start:start + batch]:
            for node in graphs[did].nodes.values():
                merged.add_node(node.id, node.label, **{k: v for k, v in node.props.items() if k != "id"})
            for edge in graphs[did].edges.values():
                merged.add_edge(edge.source, edge.type, edge.target, **edge.props)
        store.load_graph(merged, f"doc:bench-batch-{start}", None, [])


def _count(store) -> int:
    rows = store.rows("MATCH (:Task)-[r:CASCADES_FROM|RELATES_TO]->(:Task) WHERE r.basis = 'inferred' "
                      "RETURN count(r) AS n")
    return int(rows[0]["n"])


def run(size: int, seed: int, base: Path, batch: int = 1) -> dict:
    from policykg.graph.stores.factory import embedded_store

    graphs, regs = corpus(size + 2, seed)
    # the last county and the first province are held back: they are the documents added afterwards
    county = next(d for r in reversed(regs) if r.level == "county" for d in [f"doc:{r.name}{r.code}实施方案"]
                  if d in graphs)
    province = next(f"doc:{r.name}{r.code}实施方案" for r in regs if r.level == "province")
    held = {county: graphs.pop(county), province: graphs.pop(province)}
    store = embedded_store(base / f"n{size}")
    try:
        t0 = time.perf_counter()
        load(store, graphs, batch)
        load_s = time.perf_counter() - t0
        tasks = sum(1 for g in graphs.values() for n in g.nodes.values() if n.label == "Task")
        t0 = time.perf_counter()
        store.relink()
        full_s = time.perf_counter() - t0
        links = _count(store)
        added = {}
        for name, did in (("county", county), ("province", province)):
            load(store, {did: held[did]})
            t0 = time.perf_counter()
            incremental(store, did)
            added[name] = time.perf_counter() - t0
        return {"docs": len(graphs), "tasks": tasks, "load": load_s, "full": full_s, "links": links, **added}
    finally:
        store.backend.server.stop(force=True)


def incremental(store, doc_id: str) -> None:
    try:
        store.relink(changed=[doc_id])
    except TypeError:  # a linker without incremental relinking: a full one is what an ingest pays
        store.relink()


class CpuClock:
    """CPU seconds of this process and of the store's server (``/proc``): what a step costs whatever else the
    machine runs. On a shared machine the wall time swings with the load; client + server CPU is about the wall
    time an idle machine would show (the two take turns)."""

    def __init__(self, data: Path):
        self.data = data

    def server(self) -> float:
        try:
            pid = (self.data / "falkordb.pid").read_text().strip()
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        except (OSError, ValueError, IndexError):
            return float("nan")

    def now(self) -> tuple[float, float, float]:
        return time.perf_counter(), time.process_time(), self.server()


def on_store(source: Path, files: list[Path], tmp: Path, full: bool, keep: bool) -> None:
    """Add ``files`` to a copy of the store in ``source``, remove them, add them again; print the times."""
    from policykg.graph.repository import GraphStore
    from policykg.graph.stores.factory import embedded_store
    from policykg.graph.stores.falkordb_server import EmbeddedServer
    from policykg.ingestion import Ingestion
    from policykg.settings import Settings

    data = Path(tempfile.mkdtemp(prefix="pkl-", dir=tmp))
    shutil.copytree(source, data, dirs_exist_ok=True, ignore=shutil.ignore_patterns("*.sock", "*.pid", "*.lock"))
    data.chmod(0o700)  # the store refuses a data directory others can read; copytree gave it the source's mode
    clock = CpuClock(data)
    relinks: list[tuple[float, float, float]] = []  # wall, client CPU, server CPU of each relink
    real_relink = GraphStore.relink

    def timed_relink(self, *args, **kwargs):
        start = clock.now()
        try:
            return real_relink(self, *args, **kwargs)
        finally:
            end = clock.now()
            relinks.append((end[0] - start[0], end[1] - start[1], end[2] - start[2]))

    def row(label: str, load: float | None, wall: float, client: float, server: float, total: float | None) -> None:
        cell = lambda x: f"{x:>7.2f}s" if x is not None else f"{'':>8}"  # noqa: E731
        print(f"{label:<24} {cell(load)} {cell(wall)} {cell(client)} {cell(server)} {cell(client + server)} "
              f"{cell(total)}", flush=True)

    GraphStore.relink = timed_relink
    service = Ingestion(Settings(store_kind="embedded", data_dir=data))
    print(f"{'step':<24} {'load':>8} {'relink':>8} {'client':>8} {'server':>8} {'cpu':>8} {'total':>8}")
    print(f"{'':<24} {'wall':>8} {'wall':>8} {'cpu':>8} {'cpu':>8} {'both':>8} {'wall':>8}", flush=True)

    def add(label: str) -> list[str]:
        stamps: list[float] = []
        relinks.clear()
        t0 = time.perf_counter()
        report = service.ingest(files, on_result=lambda _o: stamps.append(time.perf_counter() - t0))
        total = time.perf_counter() - t0
        load = stamps[-1] if stamps else float("nan")
        wall, client, server = (sum(r[k] for r in relinks) for k in range(3))
        # bench/scale.py's "add one document: relink" is everything after the load: total - load
        row(label, load, wall, client, server, total)
        return [o.document_id for o in report.outcomes if o.document_id]

    def timed(label: str, step) -> None:
        start = clock.now()
        step()
        end = clock.now()
        row(label, None, end[0] - start[0], end[1] - start[1], end[2] - start[2], None)

    try:
        ids = add(f"add {len(files)} document(s)")
        store = embedded_store(data)
        try:
            timed("remove it (+ relink)", lambda: [store.remove_document(did) for did in ids])
        finally:
            store.close()
        add("add it again")
        if full:
            store = embedded_store(data)
            try:
                timed("full relink", lambda: real_relink(store))
            finally:
                store.close()
        print(f"documents: {', '.join(ids)}; cores: {os.cpu_count()}; load average: "
              f"{' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    finally:
        GraphStore.relink = real_relink
        EmbeddedServer(data).stop(force=True)
        if keep:
            print(f"kept the copy in {data}")
        else:
            shutil.rmtree(data, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,400,1000")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keep", type=Path, default=None, help="keep the stores in this directory")
    parser.add_argument("--no-eval", action="store_true", help="skip the linking evaluation")
    parser.add_argument("--batch", type=int, default=1,
                        help="documents per write when filling the stores (1: one per document, as a load)")
    parser.add_argument("--store", type=Path, default=None,
                        help="measure adding --add to a copy of this store's data directory instead")
    parser.add_argument("--add", type=Path, nargs="+", default=[], help="with --store: the document(s) to add")
    parser.add_argument("--full", action="store_true", help="with --store: also time a full relink of the copy")
    parser.add_argument("--tmp", type=Path, default=Path("/tmp"), help="with --store: where the copy goes (short)")
    parser.add_argument("--keep-copy", action="store_true", help="with --store: keep the copy")
    args = parser.parse_args()
    if args.store is not None:
        if not args.add:
            parser.error("--store needs --add FILE")
        on_store(args.store, args.add, args.tmp, args.full, args.keep_copy)
        return
    sizes = [int(s) for s in args.sizes.split(",")]
    base = args.keep or Path(tempfile.mkdtemp(prefix="policykg-bench-link-"))
    print(f"{'docs':>6} {'tasks':>7} {'load':>8} {'full relink':>12} {'ms/doc':>7} {'links':>7} "
          f"{'+1 county':>10} {'+1 province':>12}", flush=True)
    for size in sizes:
        r = run(size, args.seed, base, args.batch)
        print(f"{r['docs']:>6} {r['tasks']:>7} {r['load']:>7.1f}s {r['full']:>11.2f}s {1000 * r['full'] / r['docs']:>7.1f} "
              f"{r['links']:>7} {r['county']:>9.2f}s {r['province']:>11.2f}s", flush=True)
    if args.keep is None:
        shutil.rmtree(base, ignore_errors=True)
    print(f"cores: {os.cpu_count()}")
    if not args.no_eval:
        sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
        from tests.linking.calibration import report

        report()


if __name__ == "__main__":
    main()
