"""Per-document load cost against store size: does loading the 3,000th document cost what the 1st did?

    python bench/ingest_cost.py [--documents 1000,3000] [--keep DIR]

Each size starts from an empty embedded store (a fresh data directory under /tmp) and loads N documents
one at a time through ``GraphStore.load_document``, the call ``policykg ingest`` makes per file. The
documents are the five samples extracted once and replicated in memory: copy ``i`` of a sample gets its
own document number and a title of its own (so ids, stubs and references behave as for distinct
documents), keeps its departments (one city's folder: the departments and the provincial tasks its
tables quote are shared by all copies, the worst case for shared nodes). Extraction is not timed.

Printed per size: ms per document for the first and the last 10 % of the documents, split into the
reads a load makes before writing (stored state, references, current version) and the atomic write,
and the ratio last/first (goal: ≤ 1.5).
"""
from __future__ import annotations

import argparse
import re
import shutil
import tempfile
import time
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", default="1000,3000", help="comma-separated store sizes")
    parser.add_argument("--keep", type=Path, help="put the data directories here and keep them")
    args = parser.parse_args()
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
