"""Extraction throughput per core (CPU time) beside decoding + NFKC of the same bytes, and the speed-up of jobs=2.

    python bench/extract.py [--real 300] [--records PATH] [--generated 200] [--cold 3] [--seconds 10]
                            [--no-parallel] [--copies 4]

The corpus: the five sample documents, the dev set (tests/fixtures/dev/corpus) and, when the real
corpus is there (../shared/realcorpus/records.jsonl.gz beside the repository, or --records), the
first --real of its texts that print a responsibility clause (牵头单位, 责任单位 …), as files give them
(bench/realcorpus_texts.py), and the first --generated documents of the national corpus ``bench/corpus.py``
writes (seed 7: plans holding many more targets a kilobyte than the real corpus' texts, 1.8 against 0.2, which
extraction pays for). Without the real corpus the others are measured alone.

Measured as CPU time (time.process_time: what one core spends, not what a busy machine makes the clock
say); on a shared machine even CPU time swings (caches, a busy sibling core), so each figure is taken
more than once:

* decode + NFKC: the bytes decoded as extraction decodes them, then unicodedata's NFKC of the text
  (the real corpus' texts are NFKC already, which NFKC's quick check passes almost for free: with them
  the ratio is the stricter of the two goals), repeated until it has taken a measurable time; the mean;
* extraction, first pass: the whole pipeline (decode → clean → outline/tables → clauses → targets →
  industries → references), one document at a time, by a fresh process set up as an ingest's reader
  processes are (``policykg.ingestion.settle_reader_process``: the loaded modules and catalog set aside from
  the cycle collector) that has extracted one warm-up document only (its caches of names, clauses and
  numerals start empty: what a real folder's first documents pay). --cold of these, one process each; the
  median is the headline, beside the fastest and the slowest;
* extraction, later passes: the same documents again in this process (set up as a reader too) until --seconds
  of CPU time; the median.

It measures the build its Python imports, and says which: the interpreted sources (the editable .venv) or the
compiled one (``scripts/build-compiled.sh`` makes .venv-compiled; run this script with its Python).

The goal, printed beside the numbers: extraction >= 5 MB/s per core (first pass), within 12x of
decode + NFKC. Then the first pass by part (samples, dev set, real corpus, generated), each beside decode + NFKC of
its own bytes: NFKC has work to do on the samples' full-width text and next to none on the real corpus' texts.

Then the parallel speed-up: the same documents as files, read, extracted and made into their writes (each
document's graph and statements, ``plan_load``) by the ingest's own pipeline (policykg.ingestion.
_prepared_in_order: what `policykg ingest --jobs 2` does before it asks the store anything; with one process an
ingest makes the write when it loads, the same work) with jobs=1 (in this process, set up as a reader: the
speed-up is the second core's alone) and jobs=2, as wall time (a speed-up is about the clock), with the CPU
the parent spent (with jobs=2 all it does is take the results in); --copies files of each document (one pass
over the corpus takes about a second, which starting the reader processes would swamp); printed, not
asserted: it depends on the free cores.
"""
from __future__ import annotations

import argparse
import multiprocessing
import os
import statistics
import sys
import tempfile
import time
import unicodedata
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOAL_MB_S = 5.0
GOAL_RATIO = 12.0


@dataclass
class Part:
    name: str
    about: str  # what it is, printed
    documents: int  # how many of the list, in the order of the parts


def corpus(real: int, records: Path | None, generated: int = 0) -> tuple[list[tuple[str, bytes]], list[Part]]:
    """(file name, bytes) of every document measured, part after part, and the parts."""
    from policykg.corpus import sample_corpus_files

    samples = [(f.name, f.read_bytes()) for f in sample_corpus_files()]
    dev = [(f.name, f.read_bytes()) for f in sorted((ROOT / "tests" / "fixtures" / "dev" / "corpus").glob("*.txt"))]
    docs = samples + dev
    parts = [Part("sample corpus", f"{len(samples)} documents, {_mb(samples):.2f} MB", len(samples)),
             Part("dev set", f"{len(dev)} documents, {_mb(dev):.2f} MB", len(dev))]
    if real > 0:
        import realcorpus
        import realcorpus_texts

        path = records or realcorpus.default_records()
        if path.is_file():
            texts = []
            for rec in realcorpus_texts.records(path):
                text = realcorpus_texts.record_text(rec)
                if realcorpus_texts.CLAUSE_MARKERS.search(text):
                    texts.append((f"{rec['id']}.txt", text.encode("utf-8")))
                    if len(texts) >= real:
                        break
            docs += texts
            parts.append(Part("real corpus", f"{len(texts)} texts with a responsibility clause from {path}, "
                                             f"{_mb(texts):.2f} MB", len(texts)))
        else:
            parts.append(Part("real corpus", f"{path} not found; measured without it", 0))
    if generated > 0:
        import corpus as national

        made = [(Path(rel).name, text.encode("utf-8")) for rel, text in national.generate(generated)]
        docs += made
        parts.append(Part("generated", f"{len(made)} documents of bench/corpus.py's corpus (seed 7), {_mb(made):.2f} MB",
                          len(made)))
    return docs, parts


def part_ranges(parts: list[Part]) -> list[tuple[str, int, int]]:
    """(part, first index, end index) in ``corpus``'s list of each part that holds documents."""
    out, at = [], 0
    for part in parts:
        if part.documents:
            out.append((part.name, at, at + part.documents))
        at += part.documents
    return out


def _mb(docs: list[tuple[str, bytes]]) -> float:
    return sum(len(b) for _, b in docs) / 1e6


def decode_nfkc(docs: list[tuple[str, bytes]], at_least: float = 0.5) -> float:
    """CPU seconds to decode every document as extraction does and NFKC-normalise its text: the mean of
    as many rounds as fill ``at_least`` seconds (one round takes about 15 ms, too short to time alone)."""
    from policykg.ingest.reading import decode

    rounds, t0 = 0, time.process_time()
    while rounds == 0 or time.process_time() - t0 < at_least:
        for name, data in docs:
            unicodedata.normalize("NFKC", decode(data, name).text)
        rounds += 1
    return (time.process_time() - t0) / rounds


def extract_pass(docs: list[tuple[str, bytes]], each: list[float] | None = None) -> tuple[float, int, int, int]:
    """CPU seconds of one extraction pass, with documents extracted, provisions and tasks found; ``each``
    receives each document's CPU seconds."""
    from policykg.ingest.extract import ExtractionError, extract_bytes

    extracted = provisions = tasks = 0
    t0 = time.process_time()
    for name, data in docs:
        t = time.process_time()
        try:
            doc = extract_bytes(data, name)
        except ExtractionError:
            continue
        finally:
            if each is not None:
                each.append(time.process_time() - t)
        extracted += 1
        provisions += len(doc.provisions)
        tasks += len(doc.tasks)
    return time.process_time() - t0, extracted, provisions, tasks


def settled() -> None:
    """This process set up as an ingest's reader processes are (``settle_reader_process``), with the department
    catalog they read with loaded first."""
    from policykg.ingest.departments import default_catalog
    from policykg.ingestion import settle_reader_process

    default_catalog()
    settle_reader_process()


def cold_pass(docs: list[tuple[str, bytes]]) -> tuple[float, list[float]]:
    """CPU seconds of a first pass in this process after one warm-up document (run in a fresh process), and
    each document's."""
    from policykg.ingest.extract import extract_bytes

    settled()
    extract_bytes(docs[0][1], docs[0][0])  # imports, word lists, patterns, the region table
    each: list[float] = []
    return extract_pass(docs, each)[0], each


def cold_passes(docs: list[tuple[str, bytes]], n: int) -> list[tuple[float, list[float]]]:
    """``cold_pass`` in ``n`` fresh processes, one after the other (nothing learnt carries over)."""
    spawn = multiprocessing.get_context("spawn")
    out = []
    for _ in range(n):
        with ProcessPoolExecutor(max_workers=1, mp_context=spawn) as pool:
            out.append(pool.submit(cold_pass, docs).result())
    return out


def parallel(docs: list[tuple[str, bytes]], copies: int = 1) -> list[tuple[int, float, float, int]]:
    """(jobs, wall seconds, parent CPU seconds, documents extracted) through the ingest's reading pipeline,
    jobs=1 then 2."""
    from policykg.ingest.departments import default_catalog
    from policykg.ingestion import _Context, _prepared_in_order

    rows = []
    with tempfile.TemporaryDirectory(prefix="policykg-bench-extract-") as tmp:
        files = []
        for k, (name, data) in enumerate(docs * copies):
            path = Path(tmp) / f"{k:05d}_{name}"
            path.write_bytes(data)
            files.append(path)
        ctx = _Context(default_catalog(), plan=True)
        for jobs in (1, 2):
            t0, c0 = time.perf_counter(), time.process_time()
            extracted = sum(1 for prep in _prepared_in_order(files, ctx, jobs) if prep.status == "extracted")
            rows.append((jobs, time.perf_counter() - t0, time.process_time() - c0, extracted))
    return rows


def build_line(module_file: str) -> str:
    """Which build is measured: the compiled one (``POLICYKG_MYPYC=1 pip install .``) or the interpreted sources."""
    import importlib.machinery

    if module_file.endswith(tuple(importlib.machinery.EXTENSION_SUFFIXES)):
        return f"extraction modules: compiled with mypyc ({module_file})"
    return (f"extraction modules: interpreted ({module_file}); scripts/build-compiled.sh, then "
            ".venv-compiled/bin/python bench/extract.py, measures the compiled build")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--real", type=int, default=300, help="texts of the real corpus to add (0: none)")
    parser.add_argument("--records", type=Path, help="the real corpus' records.jsonl.gz")
    parser.add_argument("--generated", type=int, default=200, help="documents of bench/corpus.py's corpus (0: none)")
    parser.add_argument("--cold", type=int, default=3, help="first passes, each in a fresh process")
    parser.add_argument("--seconds", type=float, default=10.0, help="CPU seconds of later extraction passes")
    parser.add_argument("--no-parallel", action="store_true", help="skip the jobs=1 / jobs=2 comparison")
    parser.add_argument("--copies", type=int, default=4, help="files of each document in the jobs=1 / jobs=2 run")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "bench"))

    docs, parts = corpus(args.real, args.records, args.generated)
    size = _mb(docs)
    for part in parts:
        print(f"{part.name}: {part.about}")

    from policykg.ingest import extract
    from policykg.ingest.extract import extract_bytes

    print(build_line(extract.__file__))
    settled()
    t0 = time.process_time()
    extract_bytes(docs[0][1], docs[0][0])  # imports, word lists, patterns, the region table
    warm_up = time.process_time() - t0

    t_nfkc = decode_nfkc(docs)
    cold = cold_passes(docs, max(1, args.cold))
    firsts = [t for t, _ in cold]
    t_first = statistics.median(firsts)
    later, spent = [], 0.0
    while spent < args.seconds or not later:
        t, extracted, provisions, tasks = extract_pass(docs)
        later.append(t)
        spent += t
    t_later = statistics.median(later)

    def rate(t: float) -> float:
        return size / t if t > 0 else float("inf")

    def row(label: str, t: float) -> str:
        return f"{label:44} {t:>8.3f} {rate(t):>14.2f} {t / t_nfkc:>14.1f}"

    print(f"\n{len(docs)} documents, {size:.2f} MB; {extracted} extracted ({provisions} provisions, {tasks} tasks); "
          f"warm-up {warm_up:.2f} s CPU")
    print(f"{'run':44} {'CPU s':>8} {'MB/s per core':>14} {'× decode+NFKC':>14}")
    print(row("decode + NFKC", t_nfkc))
    print(row(f"extraction, first pass (median of {len(firsts)})", t_first))
    if len(firsts) > 1:
        print(row("  fastest first pass", min(firsts)))
        print(row("  slowest first pass", max(firsts)))
    print(row(f"extraction, later passes (median of {len(later)})", t_later))
    ok = rate(t_first) >= GOAL_MB_S and t_first / t_nfkc <= GOAL_RATIO
    print(f"goal: >= {GOAL_MB_S:g} MB/s per core and within {GOAL_RATIO:g}x of decode + NFKC (first pass): "
          f"{'met' if ok else 'not met'}")

    # the parts apart: the ratio depends on what NFKC has to do (the samples' full-width text gives it work,
    # the real corpus' texts are NFKC already), the rate on how densely the texts hold clauses and targets
    print(f"\nfirst pass by part (each document's CPU time in the same passes; the median of {len(cold)})")
    print(f"{'part':44} {'MB':>8} {'MB/s per core':>14} {'× decode+NFKC':>14}")
    for part, a, b in part_ranges(parts):
        t_part = statistics.median(sum(each[a:b]) for _, each in cold)
        nfkc_part = decode_nfkc(docs[a:b], at_least=0.2)
        mb = _mb(docs[a:b])
        print(f"{part:44} {mb:>8.2f} {mb / t_part:>14.2f} {t_part / nfkc_part:>14.1f}")

    if not args.no_parallel:
        copies = max(1, args.copies)
        rows = parallel(docs, copies)
        base = rows[0][1]
        load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
        print(f"\nreading, extraction and each document's write through the ingest's pipeline (wall time; {os.cpu_count()} CPUs, "
              f"load average {load:.1f})")
        print(f"{'jobs':>4} {'wall s':>8} {'MB/s':>8} {'speed-up':>9} {'parent CPU s':>13} {'extracted':>10}")
        for jobs, t, cpu, n in rows:
            print(f"{jobs:>4} {t:>8.2f} {size * copies / t:>8.2f} {base / t:>8.2f}x {cpu:>13.2f} {n:>10}")


if __name__ == "__main__":
    main()
