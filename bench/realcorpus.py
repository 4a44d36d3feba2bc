"""The real corpus through `policykg ingest`: how many documents with responsibility clauses give tasks.

    python bench/realcorpus.py [RECORDS.jsonl.gz] [--jobs 0] [--keep DIR] [--show-failing 20]

RECORDS defaults to ../shared/realcorpus/records.jsonl.gz beside the repository: gzip JSON lines
with `id` and `text` (2,714 public policy texts). Every record is written out as `<id>.txt` in a
temporary folder and ingested with the code of `policykg ingest FOLDER` (run_ingest: reading,
extraction, per-document loads) into an embedded FalkorDB in a temporary data directory
(POLICYKG_DATA), which is stopped and removed afterwards.

Printed: documents; documents with at least three responsibility clause markers (牵头单位, 责任单位,
配合单位, 参与单位, (…牵头), (…负责)) and how many of them give tasks; clauses found (tasks) and the
clauses the ingest report calls unrecognised, with their share; the unknown departments (top 30,
by the number of documents naming them); time.
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RECORDS_IN_SHARED = Path("shared") / "realcorpus" / "records.jsonl.gz"
MIN_MARKERS = 3
CLAUSE_MARKER = re.compile(r"牵头单位|责任单位|配合单位|参与单位|[(（][^()（）]{1,80}?牵头[)）]|[(（][^()（）]{1,80}?负责[)）]")


def default_records() -> Path:
    """../shared/realcorpus beside the repository, or beside the main checkout when this is a git worktree."""
    candidates = [ROOT.parent / RECORDS_IN_SHARED]
    try:
        common = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--path-format=absolute", "--git-common-dir"],
                                capture_output=True, text=True, check=True).stdout.strip()
        candidates.append(Path(common).parent.parent / RECORDS_IN_SHARED)
    except (OSError, subprocess.CalledProcessError):
        pass
    return next((c for c in candidates if c.is_file()), candidates[0])


def write_out(records: Path, folder: Path) -> dict[str, int]:
    """The records as text files; returns file name -> number of clause markers in its text."""
    folder.mkdir(parents=True, exist_ok=True)
    markers: dict[str, int] = {}
    with gzip.open(records, "rt", encoding="utf-8") as f:
        for line in f:
            record = json.loads(line)
            name = f"{record['id']}.txt"
            text = record.get("text") or ""
            (folder / name).write_text(text, encoding="utf-8")
            markers[name] = len(CLAUSE_MARKER.findall(text))
    return markers


def ingest(folder: Path, data: Path, jobs: int):
    from policykg.ingest.readers.folders import select
    from policykg.ingestion import Ingestion
    from policykg.settings import Settings

    files = select([folder]).files
    t0 = time.perf_counter()
    report = Ingestion(Settings(store_kind="embedded", data_dir=data)).ingest(files, jobs=jobs)
    return report, time.perf_counter() - t0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("records", type=Path, nargs="?", default=None,
                        help="records.jsonl.gz (default: ../shared/realcorpus/records.jsonl.gz beside the repository)")
    parser.add_argument("--jobs", type=int, default=0, help="reader processes (0: one per CPU, at most 4)")
    parser.add_argument("--keep", type=Path, help="write the text files here and keep them")
    parser.add_argument("--show-failing", type=int, default=20,
                        help="list this many clause-bearing documents that give no task")
    args = parser.parse_args()
    args.records = args.records or default_records()
    if not args.records.is_file():
        print(f"{args.records}: no such file (pass the path of records.jsonl.gz)", file=sys.stderr)
        return 2
    jobs = args.jobs or min(os.cpu_count() or 1, 4)

    # a kill ends the run through the finally below: the store stops, the temporary folder goes
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    work = Path(tempfile.mkdtemp(prefix="policykg-realcorpus-"))
    folder = args.keep or work / "documents"
    data = work / "data"
    os.environ["POLICYKG_DATA"] = str(data)  # never the shared default data directory
    try:
        t0 = time.perf_counter()
        markers = write_out(args.records, folder)
        t_write = time.perf_counter() - t0
        report, t_ingest = ingest(folder, data, jobs)
    finally:
        from policykg.graph.stores.falkordb_server import EmbeddedServer

        EmbeddedServer(data).stop(force=True)
        shutil.rmtree(work, ignore_errors=True)

    by_name = {Path(o.path).name: o for o in report.outcomes}
    with_clauses = [n for n, k in markers.items() if k >= MIN_MARKERS]
    giving = [n for n in with_clauses if (by_name.get(n) and by_name[n].tasks)]
    failing = [n for n in with_clauses if n not in giving]
    clauses = sum(o.tasks or 0 for o in report.outcomes if o.ingested)
    unrecognised = sum(len(o.unrecognised_clauses) for o in report.outcomes if o.ingested)
    unknown: Counter[str] = Counter()
    for o in report.outcomes:
        unknown.update(set(o.unknown_departments))
    ingested = sum(1 for o in report.outcomes if o.ingested)

    def pct(a: int, b: int) -> str:
        return f"{100 * a / b:.1f}%" if b else "-"

    rows = [
        ("documents", f"{len(markers)}", ""),
        ("  ingested (gave provisions or a table)", f"{ingested}", pct(ingested, len(markers))),
        ("  not ingested (no provisions found, unreadable)", f"{len(report.failed)}", pct(len(report.failed), len(markers))),
        (f"documents with >= {MIN_MARKERS} clause markers", f"{len(with_clauses)}", ""),
        ("  of these, giving tasks", f"{len(giving)}", pct(len(giving), len(with_clauses))),
        ("clauses found (tasks)", f"{clauses}", ""),
        ("  unrecognised clauses (ingest report)", f"{unrecognised}", pct(unrecognised, clauses)),
        ("unknown departments (distinct)", f"{len(unknown)}", ""),
        ("time: writing the files", f"{t_write:.1f} s", ""),
        (f"time: ingest ({jobs} reader processes)", f"{t_ingest:.1f} s",
         f"{len(markers) / t_ingest:.1f} docs/s" if t_ingest else ""),
    ]
    width = max(len(r[0]) for r in rows)
    print(f"real corpus: {args.records}")
    for label, value, share in rows:
        print(f"{label:<{width}}  {value:>9}  {share}")
    print("\nunknown departments, top 30 (documents naming each):")
    for name, n in unknown.most_common(30):
        print(f"  {n:>4}  {name}")
    if failing and args.show_failing:
        print(f"\nclause-bearing documents giving no task ({len(failing)}):")
        for n in failing[:args.show_failing]:
            o = by_name.get(n)
            why = (o.error or f"{o.status}, {o.provisions} provisions") if o else "not in the report"
            print(f"  {n} ({markers[n]} markers): {why[-120:]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
