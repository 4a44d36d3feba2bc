"""The linking evaluation on real families (``tests/fixtures/linking/families.toml``): precision and recall
of inferred CASCADES_FROM, and the choice of the threshold on the tuning families only.

    .venv/bin/python -m tests.linking.calibration

All families are linked together (a local task may be linked to another family's provincial task: a
false positive like any other). A predicted link counts for the split of its lower document.
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from policykg.graph.ids import document_key, task_id
from policykg.graph.linking.candidates import rank_units
from policykg.graph.linking.links import MIN_SCORE, PER_LOWER, TOP_K, infer_links, select
from policykg.graph.linking.units import corpus_units, explicit_pairs
from policykg.ingest.extract import extract_file

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "linking"
THRESHOLDS = [round(0.02 * i, 2) for i in range(1, 31)]  # 0.02 … 0.60
PER_LOWER_CHOICES = (1, 2, 3)
# the lower tasks kept per (higher task, lower document) is not tuned: 2, 3 and 5 tie on the tuning
# families, so it stays at the linker's earlier default, 3
PRECISION_GOAL = 0.8


@dataclass(frozen=True)
class Family:
    name: str
    split: str
    upper: str
    lower: tuple[str, ...]
    pairs: frozenset[tuple[str, str]]  # (upper task id, lower task id)


@dataclass(frozen=True)
class Measure:
    predicted: int
    correct: int
    gold: int

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.correct / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@lru_cache(maxsize=1)
def corpus():
    """(documents by file name, families)."""
    spec = tomllib.loads((FIXTURES / "families.toml").read_text(encoding="utf-8"))
    files = sorted({f for fam in spec["family"] for f in [fam["upper"], *fam["lower"]]})
    docs = {f: extract_file(FIXTURES / f) for f in files}
    families = []
    for fam in spec["family"]:
        up_key = document_key(docs[fam["upper"]])
        pairs = frozenset((task_id(up_key, p["upper"]), task_id(document_key(docs[p["file"]]), p["lower"]))
                          for p in fam["pairs"])
        families.append(Family(fam["name"], fam["split"], fam["upper"], tuple(fam["lower"]), pairs))
    return docs, tuple(families)


@lru_cache(maxsize=1)
def scored():
    """Every candidate the linker could keep (scores only), with the units and explicit pairs."""
    docs, _ = corpus()
    units = corpus_units(list(docs.values()))
    upper = [u for u in units if u.level in ("national", "province", "city", None)]
    lower = [u for u in units if not u.stub and u.level in ("city", "county", None)]
    cands = rank_units(upper, lower, top_k=TOP_K, min_score=0.0, with_evidence=False, per_document=True)
    return units, cands, explicit_pairs(list(docs.values()))


def cascades(min_score: float, per_lower: int) -> set[tuple[str, str]]:
    """(upper, lower) of the inferred CASCADES_FROM ``link_units`` writes with these settings."""
    units, cands, explicit = scored()
    kept = select([c for c in cands if c.score >= min_score], explicit, per_lower)
    return {(lk.target, lk.source) for lk in infer_links(kept, units, explicit, min_score=min_score, max_rank=TOP_K)
            if lk.type == "CASCADES_FROM"}


def measure(split: str, predicted: set[tuple[str, str]]) -> Measure:
    docs, families = corpus()
    fams = [f for f in families if f.split == split]
    lower_docs = {document_key(docs[f]) for fam in fams for f in fam.lower}
    gold = set().union(*(f.pairs for f in fams))
    mine = {p for p in predicted if p[1].split(":")[1] in lower_docs}
    return Measure(len(mine), len(mine & gold), len(gold))


def choose(split: str = "tune") -> tuple[float, int, Measure]:
    """The threshold and per-lower count with the best F1 at precision ≥ PRECISION_GOAL on ``split``;
    among equals, the fewest links per lower task, then the lowest threshold (it keeps the most links)."""
    best = None
    for per_lower in PER_LOWER_CHOICES:
        for t in THRESHOLDS:
            m = measure(split, cascades(t, per_lower))
            key = (m.precision >= PRECISION_GOAL, round(m.f1, 6), -per_lower, -t)
            if best is None or key > best[0]:
                best = (key, t, per_lower, m)
    return best[1], best[2], best[3]


def report() -> None:
    t, per_lower, _ = choose("tune")
    print(f"linking evaluation ({FIXTURES.name}/families.toml): inferred CASCADES_FROM")
    print(f"  chosen on 'tune': min_score {t}, per_lower {per_lower}  (in use: {MIN_SCORE}, {PER_LOWER}; "
          f"top_k per document {TOP_K})")
    print(f"  {'split':7} {'P':>6} {'R':>6} {'F1':>6} {'pred':>5} {'ok':>4} {'gold':>5}")
    for split in ("tune", "test", "late"):
        m = measure(split, cascades(MIN_SCORE, PER_LOWER))
        print(f"  {split:7} {m.precision:>6.2f} {m.recall:>6.2f} {m.f1:>6.2f} {m.predicted:>5} {m.correct:>4} {m.gold:>5}")
    print("  (late: a family added after the choice, measured only)")


if __name__ == "__main__":
    report()
