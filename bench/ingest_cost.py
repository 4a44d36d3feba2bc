"""Per-document load cost against store size: does loading the 3,000th document cost what the 1st did?

    python bench/ingest_cost.py [--documents 1000,3000] [--keep DIR]

Each size starts from an empty embedded store (a fresh data directory under /tmp) and loads N documents
one at a time through ``GraphStore.load_document``, the call ``policykg ingest`` makes per file. The
documents are the five samples extracted once and replicated in memory: copy ``i`` of a sample gets its
own document number and a title of its own (so ids, stubs and references behave as for distinct
documents), keeps its departments (one city's folder: the departments and the provincial tasks its
tables quote are shared by all copies, the worst case for shared nodes). Extraction is not timed.

Printed per size: ms per document for the first and the last 10 % of the documents, split into the
reads a load makes before writing (references, current version) and the atomic write, and the ratio
last/first (goal: ≤ 1.5).

    python bench/ingest_cost.py --onto DATA --files CORPUS [--skip 10000] [--count 300] [--service JOBS]

The same documents into an empty store and into a copy of the stopped store ``DATA`` (e.g. a 10k store
of ``bench/corpus.py``; ``--files`` a corpus made with more documents, ``--skip`` passing over those
already in it): does a load cost more when the store is big? Per document: the reads before the write,
building the graph and its statements, the atomic write, the whole load, and the CPU of this process and
of the FalkorDB server (steadier than wall time on a busy machine), and how often the server forked (AOF
rewrites, index garbage collection) and the CPU of its forks. ``--service JOBS``: through the ``Ingestion``
service instead (reader processes, as ``bench/scale.py`` ingests; the relink left out), with the wall time
between documents and the CPU of every process. A long run also grows what the server keeps beyond the
store (index garbage, forks of a bigger process): for that, the whole corpus through ``bench/scale.py``.
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

_SERIAL = re.compile(r"〔\d{4}〕\d{1,4}号$")


def samples():
    from policykg.corpus import sample_corpus_files
    from policykg.ingest.extract import extract_file

    return [extract_file(f) for f in sample_corpus_files()]


def copy_of(doc, sample: int, i: int):
    """Copy ``i`` of a sample: its own number (year 1990 + sample, serial i + 1) and title."""
    info = doc.document
    number = _SERIAL.sub(f"〔{1990 + sample}〕{i + 1}号", info.doc_number) if info.doc_number else None
    title = info.title.replace("关于", f"关于〔{i + 1}〕", 1) if info.title else None
    return doc.model_copy(update={
        "document": info.model_copy(update={"doc_number": number, "title": title}),
        "content_hash": f"{doc.content_hash[:40]}{sample:04d}{i:020d}",
        "file": f"copy{i}-{doc.file}",
    })


class Timed:
    """A backend wrapper that adds up the time spent in reads and in atomic writes."""

    def __init__(self, backend) -> None:
        self.backend = backend
        self.reads = 0.0
        self.writes = 0.0

    def __getattr__(self, name):
        return getattr(self.backend, name)

    def read(self, *args, **kw):
        t0 = time.perf_counter()
        try:
            return self.backend.read(*args, **kw)
        finally:
            self.reads += time.perf_counter() - t0

    def write_atomic(self, statements) -> None:
        t0 = time.perf_counter()
        try:
            self.backend.write_atomic(statements)
        finally:
            self.writes += time.perf_counter() - t0


def run(n: int, docs, data: Path) -> list[tuple[float, float, float]]:
    """(read s, write s, total s) per document, in load order."""
    from policykg.graph.repository import DocumentSource, GraphStore
    from policykg.graph.stores.falkordb_store import EmbeddedBackend

    timed = Timed(EmbeddedBackend(data))
    store = GraphStore(timed)  # type: ignore[arg-type]
    store.ensure_schema()
    out = []
    try:
        for k in range(n):
            sample = k % len(docs)
            doc = copy_of(docs[sample], sample, k // len(docs))
            r0, w0, t0 = timed.reads, timed.writes, time.perf_counter()
            store.load_document(doc, DocumentSource(text=None, path=doc.file, extractor="bench"))
            out.append((timed.reads - r0, timed.writes - w0, time.perf_counter() - t0))
    finally:
        timed.backend.server.stop(force=True)
    return out


def summary(n: int, costs: list[tuple[float, float, float]]) -> list[str]:
    tenth = max(1, n // 10)

    def ms(part: list[tuple[float, float, float]], col: int) -> float:
        return 1000 * sum(c[col] for c in part) / len(part)

    first, last = costs[:tenth], costs[-tenth:]
    lines = []
    for name, col in (("reads before the write", 0), ("atomic write", 1), ("whole load_document", 2)):
        a, b = ms(first, col), ms(last, col)
        lines.append(f"{n:>9,} {name:24} {a:>12.1f} {b:>12.1f} {b / a if a else 0:>8.2f}×")
    return lines


# -- onto an existing store: the same documents into an empty store and into a copy of a big one -----------


@dataclass
class Cost:
    """One document's load, in seconds: the reads before the write, the graph built and its statements made
    (Python), the atomic write as the client waits for it, the whole load, and the CPU of this process and of
    the FalkorDB server over the whole load (on a busy machine the CPU times are the steadier measure)."""

    reads: float
    build: float
    write: float
    total: float
    client: float
    server: float


def server_cpu(pid: int) -> tuple[float, float]:
    """CPU seconds of the server process (its threads) and of its reaped children (the AOF rewrites)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    tick = os.sysconf("SC_CLK_TCK")
    return (int(fields[11]) + int(fields[12])) / tick, (int(fields[13]) + int(fields[14])) / tick


def prepared(files: list[Path], data: Path):
    """The files read and extracted as the ingest's reader processes do it (not timed)."""
    from policykg.ingestion import Ingestion
    from policykg.settings import Settings

    service = Ingestion(Settings(store_kind="embedded", data_dir=data))
    return service.fingerprint, [service.prepare_upload(f.read_bytes(), f.name) for f in files]


def copy_store(source: Path, target: Path) -> None:
    """A copy of a stopped store's data directory (its server's runtime files left behind)."""
    runtime = {"falkordb.sock", "falkordb.pid", "falkordb.lock", "writer.lock"}
    shutil.copytree(source, target, ignore=lambda _d, names: [n for n in names if n in runtime])


@dataclass
class Run:
    name: str
    costs: list[Cost]
    replaced: int  # loads that replaced a document the store held (same number or title)
    rewrites: int  # AOF rewrites the server started during the loads
    forks: int  # every fork of the server: the AOF rewrites and the index garbage collections
    children_cpu: float  # CPU seconds of the forked processes


def load_timed(name: str, data: Path, docs, extractor: str) -> Run:
    """Load ``docs`` one at a time into the store of ``data``, as ``policykg ingest`` does after extraction."""
    from policykg.graph.repository import DocumentSource, GraphStore
    from policykg.graph.stores.falkordb_store import EmbeddedBackend

    timed = Timed(EmbeddedBackend(data))
    store = GraphStore(timed)  # type: ignore[arg-type]
    store.ensure_schema()
    server = timed.backend.server
    pid = server.status()["pid"]
    log_start = server.log_file.stat().st_size
    _, children0 = server_cpu(pid)
    out, replaced = [], 0
    try:
        for prep in docs:
            source = DocumentSource(text=prep.text, path=prep.path, file_hash=prep.file_hash, format=prep.format,
                                    encoding=prep.encoding, extractor=extractor)
            r0, w0, (s0, _) = timed.reads, timed.writes, server_cpu(pid)
            t0, c0 = time.perf_counter(), time.process_time()
            replaced += store.load_document(prep.doc, source).replaced
            total, client = time.perf_counter() - t0, time.process_time() - c0
            reads, write = timed.reads - r0, timed.writes - w0
            out.append(Cost(reads, total - reads - write, write, total, client, server_cpu(pid)[0] - s0))
        with server.log_file.open("rb") as fh:
            fh.seek(log_start)
            log = fh.read().decode(errors="replace")
        return Run(name, out, replaced, log.count("Starting automatic rewriting of AOF"),
                   log.count("Fork preparation time"), server_cpu(pid)[1] - children0)
    finally:
        server.stop(force=True)


def onto(big: Path, files: list[Path], work: Path) -> None:
    """The same documents loaded into an empty store and into a copy of ``big``: a table of both."""
    extractor, docs = prepared(files, work / "extract")
    runs = []
    for name, data in (("empty store", work / "e"), (f"onto {big.name}", work / "b")):
        if data.name == "b":
            copy_store(big, data)
        runs.append(load_timed(name, data, docs, extractor))
    print(f"{len(docs)} documents ({files[0].name} … {files[-1].name}) loaded one at a time; "
          "ms per document, mean and p90:")
    print(f"{'':28}" + "".join(f"{run.name:>24}" for run in runs) + f"{'ratio of means':>16}")
    rows = (("reads before the write", "reads"), ("build graph + statements", "build"), ("atomic write (client)", "write"),
            ("whole load_document", "total"), ("CPU of this process", "client"), ("CPU of the server", "server"))
    for label, attr in rows:
        cells, means = [], []
        for run in runs:
            values = sorted(1000 * getattr(c, attr) for c in run.costs)
            means.append(statistics.mean(values))
            cells.append(f"{means[-1]:>12.1f}; {values[int(0.9 * (len(values) - 1))]:>9.1f}")
        print(f"{label:28}" + "".join(f"{c:>24}" for c in cells) + f"{means[1] / means[0] if means[0] else 0:>15.2f}×")
    for run in runs:
        per_doc = 1000 * run.children_cpu / len(run.costs)
        print(f"{run.name}: {run.replaced} replaced a stored document; the server forked {run.forks} times "
              f"({run.rewrites} AOF rewrites, the rest index garbage collection), {per_doc:.1f} ms CPU per document "
              "in the forked processes")


@dataclass
class ServiceRun:
    name: str
    gaps: list[float]  # wall seconds between consecutive documents, as bench/scale.py takes them
    main_cpu: float  # CPU seconds of this process (the loads) during the run
    readers_cpu: float  # of the reader processes (extraction)
    server_cpu: float  # of the FalkorDB server's threads
    forks_cpu: float  # of its forked processes (AOF rewrites, index garbage collection)
    forks: int
    first_s: float  # from the start of the run to its first document (the schema, the upgrade check, one file)
    statuses: dict[str, int]


def ingest_timed(name: str, data: Path, files: list[Path], jobs: int) -> ServiceRun:
    """``files`` through the ``Ingestion`` service into the store of ``data``, as ``bench/scale.py`` ingests them
    (reader processes, loads in order); the relink at the end is left out: it is not a per-document cost."""
    import resource
    from collections import Counter

    from policykg.graph.repository import LinkReport
    from policykg.graph.stores.factory import open_store
    from policykg.graph.stores.falkordb_server import EmbeddedServer
    from policykg.ingestion import Ingestion
    from policykg.settings import Settings

    settings = Settings(store_kind="embedded", data_dir=data)
    server = EmbeddedServer(data)
    server.ensure_running()
    pid = server.status()["pid"]
    log_start = server.log_file.stat().st_size

    def opened():
        store = open_store(settings)
        store.relink = lambda changed=None, **_: LinkReport(units=0)  # type: ignore[method-assign]
        return store

    service = Ingestion(settings, open_store=opened)
    stamps: list[float] = []
    (server0, forks0), main0 = server_cpu(pid), time.process_time()
    readers0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    try:
        report = service.ingest(files, jobs=jobs, on_result=lambda _o: stamps.append(time.perf_counter() - t0))
        readers = resource.getrusage(resource.RUSAGE_CHILDREN)
        (server1, forks1), main1 = server_cpu(pid), time.process_time()
        with server.log_file.open("rb") as fh:
            fh.seek(log_start)
            forks = fh.read().decode(errors="replace").count("Fork preparation time")
    finally:
        server.stop(force=True)
    gaps = [b - a for a, b in zip(stamps, stamps[1:])]  # the first document waits for the pool and the state read
    return ServiceRun(name, gaps, main1 - main0,
                      readers.ru_utime + readers.ru_stime - readers0.ru_utime - readers0.ru_stime,
                      server1 - server0, forks1 - forks0, forks, stamps[0] if stamps else float("nan"),
                      dict(Counter(o.status for o in report.outcomes)))


def onto_service(big: Path, files: list[Path], work: Path, jobs: int) -> None:
    """``files`` ingested by the service into an empty store and into a copy of ``big``: a table of both."""
    runs = []
    for name, data in (("empty store", work / "e"), (f"onto {big.name}", work / "b")):
        if data.name == "b":
            copy_store(big, data)
        runs.append(ingest_timed(name, data, files, jobs))
    n = len(files)
    print(f"{n} files ({files[0].name} … {files[-1].name}) through the Ingestion service, {jobs} reader processes, "
          "the relink left out; per document:")
    print(f"{'':34}" + "".join(f"{run.name:>18}" for run in runs) + f"{'ratio':>9}")
    rows = (("wall ms between documents", lambda r: 1000 * statistics.mean(r.gaps)),
            ("  p90", lambda r: 1000 * sorted(r.gaps)[int(0.9 * (len(r.gaps) - 1))]),
            ("CPU ms, loads (this process)", lambda r: 1000 * r.main_cpu / n),
            ("CPU ms, reader processes", lambda r: 1000 * r.readers_cpu / n),
            ("CPU ms, FalkorDB server", lambda r: 1000 * r.server_cpu / n),
            ("CPU ms, server's forks", lambda r: 1000 * r.forks_cpu / n),
            ("CPU ms, all", lambda r: 1000 * (r.main_cpu + r.readers_cpu + r.server_cpu + r.forks_cpu) / n))
    for label, value in rows:
        a, b = (value(run) for run in runs)
        print(f"{label:34}{a:>18.1f}{b:>18.1f}{b / a if a else 0:>8.2f}×")
    for run in runs:
        print(f"{run.name}: {run.statuses}; the first document after {run.first_s * 1000:.0f} ms; "
              f"the server forked {run.forks} times")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", default="1000,3000", help="comma-separated store sizes")
    parser.add_argument("--keep", type=Path, help="put the data directories here and keep them")
    parser.add_argument("--onto", type=Path, metavar="DATA",
                        help="a stopped store's data directory: load --files into a copy of it and into an empty store")
    parser.add_argument("--files", type=Path, metavar="FOLDER", help="with --onto: the corpus (bench/corpus.py)")
    parser.add_argument("--skip", type=int, default=0, help="with --onto: files passed over (those already in DATA)")
    parser.add_argument("--count", type=int, default=300, help="with --onto: how many files to load")
    parser.add_argument("--service", type=int, metavar="JOBS", default=0,
                        help="with --onto: ingest through the Ingestion service with JOBS reader processes instead")
    args = parser.parse_args()
    if args.onto:
        if not args.files:
            parser.error("--onto needs --files")
        files = sorted(args.files.rglob("*.txt"))[args.skip:args.skip + args.count]
        # a short path: the server's Unix socket lives in the data directory
        work = args.keep or Path(tempfile.mkdtemp(prefix="pkc-", dir="/tmp"))
        try:
            if args.service:
                onto_service(args.onto, files, work, args.service)
            else:
                onto(args.onto, files, work)
        finally:
            if args.keep is None:
                shutil.rmtree(work, ignore_errors=True)
        return
    docs = samples()
    print(f"{'documents':>9} {'ms per document':24} {'first 10 %':>12} {'last 10 %':>12} {'last/first':>9}")
    for n in (int(x) for x in args.documents.split(",")):
        work = args.keep or Path(tempfile.mkdtemp(prefix="policykg-bench-"))
        data = work / f"data-{n}"
        try:
            costs = run(n, docs, data)
        finally:
            if args.keep is None:
                shutil.rmtree(work, ignore_errors=True)
        for line in summary(n, costs):
            print(line, flush=True)
    print("goal: the last 10 % cost at most 1.5× the first 10 % (whole load_document)")


if __name__ == "__main__":
    main()
