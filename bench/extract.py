"""Extraction throughput over the sample corpus repeated to at least 20 MB.

    python bench/extract.py [--megabytes 20]

Prints MB/s and provisions/s for the whole pipeline (decode → clean →
outline/tables → clauses → targets → industries), in one process.
"""
from __future__ import annotations

import argparse
import time

from policykg.corpus import sample_corpus_files
from policykg.ingest.extract import extract_bytes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=20.0)
    args = parser.parse_args()
    corpus = [(f.name, f.read_bytes()) for f in sample_corpus_files()]
    once = sum(len(b) for _, b in corpus)
    rounds = max(1, int(args.megabytes * 1_000_000 // once) + 1)

    t0 = time.perf_counter()
    first = [extract_bytes(data, name) for name, data in corpus]
    cold = time.perf_counter() - t0

    processed = provisions = tasks = 0
    t0 = time.perf_counter()
    for _ in range(rounds):
        for name, data in corpus:
            doc = extract_bytes(data, name)
            processed += len(data)
            provisions += len(doc.provisions) + sum(1 for t in doc.tasks if t.clause == 1 and not doc.provisions)
            tasks += len(doc.tasks)
    elapsed = time.perf_counter() - t0

    rows = [
        ("sample corpus, first pass (incl. warm-up)", f"{once / 1e6:.3f} MB", f"{cold:.3f} s", ""),
        (f"sample corpus × {rounds}", f"{processed / 1e6:.1f} MB", f"{elapsed:.2f} s",
         f"{processed / 1e6 / elapsed:.2f} MB/s · {provisions / elapsed:,.0f} provisions/s · {tasks / elapsed:,.0f} tasks/s"),
    ]
    print(f"{'run':45} {'input':>10} {'time':>9}  throughput")
    for run, size, t, rate in rows:
        print(f"{run:45} {size:>10} {t:>9}  {rate}")
    print(f"documents: {len(first)}, provisions per pass: {sum(len(d.provisions) for d in first)}, "
          f"tasks per pass: {sum(len(d.tasks) for d in first)}")


if __name__ == "__main__":
    main()
