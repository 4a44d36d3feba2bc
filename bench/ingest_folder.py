"""End-to-end ingest throughput: a folder of generated documents into the embedded store.

    python bench/ingest_folder.py [--documents 1000] [--formats txt,gb18030,docx,html] [--jobs 0] [--keep DIR]

The folder is generated from the sample corpus with varied names and numbers:
each document is one of the five samples moved to another Shandong city
(菏泽 → 济宁, 临沂, …: its departments, regions and document-number prefix
change with it) and given its own year and serial number, so every file is a
distinct document; files are spread over city/year sub-folders. The formats
cycle through --formats (UTF-8 text, GB18030 text, Word, web page; pdf can
be added and is slow: pdfplumber reads about a page in 0.1 s).

The ingest runs the same code as `policykg ingest FOLDER` (reading, extraction,
per-document atomic loads with version records) into the embedded FalkorDB
in a fresh temporary data directory. Printed: documents/s and MB/s for the
first run, per format, and for a second run over the same folder (every file
unchanged: what a repeated ingest costs).
"""
from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the document recipes of the tests: tests.ingest.recipes

from tests.ingest import recipes  # noqa: E402


def run(folder: Path, data: Path, jobs: int):
    from policykg.ingest.readers.folders import select
    from policykg.ingestion import Ingestion
    from policykg.settings import Settings

    files = select([folder]).files
    service = Ingestion(Settings(store_kind="embedded", data_dir=data))
    t0 = time.perf_counter()
    report = service.ingest(files, jobs=jobs)
    return report, time.perf_counter() - t0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--formats", default="txt,gb18030,docx,html",
                        help="comma-separated, cycled: txt, gb18030, docx, html, pdf")
    parser.add_argument("--jobs", type=int, default=0, help="reader processes (0: one per CPU, at most 4)")
    parser.add_argument("--keep", type=Path, help="generate the folder here and keep it")
    args = parser.parse_args()
    import os

    jobs = args.jobs or min(os.cpu_count() or 1, 4)
    work = Path(tempfile.mkdtemp(prefix="policykg-bench-"))
    folder = args.keep or work / "documents"
    data = work / "data"
    try:
        t0 = time.perf_counter()
        size, per_format = recipes.varied_folder(folder, args.documents, args.formats.split(","))
        made = time.perf_counter() - t0
        print(f"generated {args.documents} documents ({size / 1e6:.1f} MB: "
              + ", ".join(f"{n} {f}" for f, n in per_format.items()) + f") in {made:.1f} s; "
              f"{os.cpu_count()} CPUs, {jobs} reader processes")
        first, t_first = run(folder, data, jobs)
        second, t_second = run(folder, data, jobs)
        bad = [o for o in first.outcomes if o.status != "new"]
        rows = [("first run (all new)", first, t_first), ("second run (all unchanged)", second, t_second)]
        print(f"{'run':30} {'docs':>6} {'MB':>7} {'time':>8} {'docs/s':>8} {'MB/s':>7}  outcome")
        for label, report, t in rows:
            counts = {s: report.count(s) for s in ("new", "replaced", "reread", "unchanged", "duplicate", "failed") if
                      report.count(s)}
            mb = report.bytes_read / 1e6
            print(f"{label:30} {len(report.outcomes):>6} {mb:>7.1f} {t:>7.1f}s {len(report.outcomes) / t:>8.1f} "
                  f"{mb / t:>7.2f}  {counts}")
        by_format: dict[str, list] = defaultdict(list)
        for o in first.outcomes:
            by_format[o.format or "?"].append(o)
        print("per format, first run (read + extract + load time of each document, summed over processes):")
        for fmt, outs in sorted(by_format.items()):
            secs = sum(o.seconds for o in outs)
            mb = sum(o.bytes for o in outs) / 1e6
            print(f"  {fmt:6} {len(outs):>5} docs {mb:>7.1f} MB  {secs / len(outs) * 1000:>7.1f} ms/doc "
                  f"{mb / secs if secs else 0:>6.2f} MB/s")
        print(f"graph: {sum(first.nodes.values())} nodes, {sum(first.relationships.values())} relationships")
        if bad:
            print(f"{len(bad)} documents were not new on the first run, e.g. {bad[0].path}: {bad[0].status} "
                  f"{bad[0].error or bad[0].same_as or ''}")
    finally:
        from policykg.graph.stores.falkordb_server import EmbeddedServer

        EmbeddedServer(data).stop(force=True)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
