"""Target finding time: the targets step alone, on every provision of the sample corpus
and of the development set (tests/fixtures/dev), repeated.

    python bench/targets.py [--rounds 20]

Prints one row per set: provisions, targets found, time per pass and
provisions per second. (A wall-clock limit is no test: machines differ.)
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path

from policykg.corpus import sample_corpus_files
from policykg.ingest.normalize import clean_document
from policykg.ingest.outline import build_outline
from policykg.ingest.reading import read_text_file
from policykg.ingest.targets import find_targets

DEV = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "dev" / "corpus"


def provision_texts(files: list[Path]) -> list[str]:
    texts = []
    for path in files:
        text = clean_document(read_text_file(path).text).text
        outline = build_outline(text)
        texts += [text[p.title_start:p.end] for p in outline.provisions] or [text]
    return texts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    sets = [("sample corpus", sample_corpus_files()), ("development set", sorted(DEV.glob("*.txt")))]
    print(f"{'set':18} {'provisions':>10} {'targets':>8} {'per pass':>10} {'provisions/s':>13}")
    for name, files in sets:
        texts = provision_texts(files)
        found = sum(len(find_targets(t)) for t in texts)  # warm-up: the lexicon is built once
        t0 = time.perf_counter()
        for _ in range(args.rounds):
            for t in texts:
                find_targets(t)
        per_pass = (time.perf_counter() - t0) / args.rounds
        print(f"{name:18} {len(texts):>10} {found:>8} {per_pass * 1000:>8.1f} ms {len(texts) / per_pass:>13,.0f}")


if __name__ == "__main__":
    main()
