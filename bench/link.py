"""Cross-level linking: what ``policykg link`` computes, on a synthetic national corpus, at growing sizes.

    python bench/link.py [--provinces 31] [--cities 300] [--counties 3000] [--seed 7]

``policykg link`` reads one row per task from the store (``link-units``), turns them into units,
ranks candidates within the region tree, infers links and writes them. This times the same functions
(``units_from_rows`` → ``link_units`` → ``link_statements``) on rows of a synthetic national corpus
(``bench/national_corpus.py``: real regions, one document per province, city and county), at a quarter,
a half and all of it: near-linear means the time per task stays flat as the corpus grows. The store's
own read and write are timed by ``bench/link_realcorpus.py`` on the real corpus.

Then prints the linking evaluation (``tests/linking/calibration.py`` over ``tests/fixtures/linking``):
the threshold the tuning families choose, and precision and recall of inferred CASCADES_FROM on the
tuning and the held-out families at the threshold in use.
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from national_corpus import regions, rows  # noqa: E402

from policykg.graph.linking.links import link_units  # noqa: E402
from policykg.graph.linking.store import explicit_from_rows, link_statements, units_from_rows  # noqa: E402


def _run(region_rows: list[dict]) -> tuple[float, int, dict[str, int]]:
    t0 = time.perf_counter()
    links = link_units(units_from_rows(region_rows), explicit_from_rows(region_rows))
    link_statements(links)
    elapsed = time.perf_counter() - t0
    kinds: dict[str, int] = {}
    for link in links:
        kinds[link.type] = kinds.get(link.type, 0) + 1
    return elapsed, len(links), kinds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--provinces", type=int, default=31)
    parser.add_argument("--cities", type=int, default=300)
    parser.add_argument("--counties", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    print(f"{'corpus':36} {'docs':>6} {'tasks':>7} {'time':>8} {'ms/task':>8} {'links':>7}  kinds")
    for share in (0.25, 0.5, 1.0):
        regs = regions(max(1, round(args.provinces * share)), round(args.cities * share), round(args.counties * share))
        region_rows = rows(regs, seed=args.seed)
        elapsed, n, kinds = _run(region_rows)
        label = f"national ×{share:g} ({sum(r.level == 'province' for r in regs)} prov)"
        print(f"{label:36} {len(regs):>6} {len(region_rows):>7} {elapsed:>7.1f}s {1000 * elapsed / len(region_rows):>8.2f} "
              f"{n:>7}  {kinds}")
    print(f"cores: {os.cpu_count()}")
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from tests.linking.calibration import report

    report()


if __name__ == "__main__":
    main()
