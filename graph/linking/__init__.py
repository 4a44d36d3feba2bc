"""Linking across documents and levels (issue 7): which lower-level tasks answer a higher-level one.

``candidates`` ranks, for every provincial task, the city (or county) provisions on the same subject,
with a score and evidence; ``links`` turns candidates into CASCADES_FROM {basis: "inferred"} or
RELATES_TO by direction and time, explicit table links always winning; ``counterparts`` pairs
departments across levels from their names and ``data/counterparts.toml``. The documents a text cites
or implements are read at extraction (``policykg.ingest.references``). Pure functions over extracted
documents.
"""
from .candidates import DEFAULT_WEIGHTS, METHOD, Candidate, Weights, candidates, rank_units
from .counterparts import CounterpartTable, default_table
from .links import MIN_SCORE, TOP_K, Link, add_links, direction, infer_links, link_corpus, link_units
from .units import DocumentIndex, LinkUnit, corpus_units, explicit_pairs, quoted_units, units_of

__all__ = [
    "Candidate", "CounterpartTable", "DEFAULT_WEIGHTS", "DocumentIndex", "Link", "LinkUnit", "METHOD", "MIN_SCORE",
    "TOP_K", "Weights", "add_links", "candidates", "corpus_units", "default_table", "direction", "explicit_pairs",
    "infer_links", "link_corpus", "link_units", "quoted_units", "rank_units", "units_of",
]
