"""The linking evaluation on real families: the threshold is chosen on the tuning families, and the
held-out ones are measured with it (``calibration.py``; the pairs and the reasons in
``tests/fixtures/linking/families.toml``)."""
from __future__ import annotations

from policykg.graph.linking.links import MIN_SCORE, PER_LOWER, link_corpus

from .calibration import PRECISION_GOAL, cascades, choose, corpus, measure


def test_the_threshold_in_use_is_the_one_the_tuning_families_choose():
    threshold, per_lower, tuned = choose("tune")
    assert (threshold, per_lower) == (MIN_SCORE, PER_LOWER)
    assert tuned.precision >= PRECISION_GOAL


def test_held_out_families():
    m = measure("test", cascades(MIN_SCORE, PER_LOWER))
    print(f"\nheld-out CASCADES_FROM: precision {m.precision:.2f}, recall {m.recall:.2f} "
          f"({m.correct} of {m.predicted} predicted, {m.gold} gold)")
    assert m.precision >= 0.8 and m.recall >= 0.7


def test_the_evaluation_measures_what_the_linker_writes():
    docs, _ = corpus()
    written = {(lk.target, lk.source) for lk in link_corpus(list(docs.values())) if lk.type == "CASCADES_FROM"}
    assert written == cascades(MIN_SCORE, PER_LOWER)


def test_families_are_split_and_checked():
    _, families = corpus()
    assert {f.split for f in families} == {"tune", "test", "late"}
    assert sum(1 for f in families if f.split == "test") >= 2 and all(f.pairs for f in families)


def test_queries_default_to_the_threshold_in_use():
    """The mapping, its count and the cascade view show what the linker calls a link, no more, no less."""
    from policykg.queries.catalog import load_catalog

    defaults = {q.name: float(p.default) for q in load_catalog().values() for p in q.params if p.name == "min_score" and p.default is not None}
    assert {"province-to-city", "province-to-city-mapping", "province-to-city-mapping-count"} <= set(defaults)
    assert set(defaults.values()) == {MIN_SCORE}, defaults
