"""Candidates → graph links: direction and time decide CASCADES_FROM (inferred) or RELATES_TO.

A candidate (upper task U, lower task L, score) becomes

* ``(L)-[:CASCADES_FROM {basis: "inferred", score, ...}]->(U)`` when U's document is dated on or
  before L's, or L's document says it implements U's (贯彻落实《…》: ``DocumentInfo.implements``).
  A higher-level task known only from a table (its document not ingested, so undated) existed by
  the table's date: a lower document dated on or after the table qualifies;
* ``(L)-[:RELATES_TO {basis: "inferred", score, ...}]->(U)`` otherwise: the same subject, but the
  city cannot have carried out a text that did not exist yet (or we cannot tell: an undated stub).

Explicit links (division-of-labour tables: ``CASCADES_FROM {basis: "explicit"}``) always win: a
pair a table states is never inferred again, in either form.

Both kinds point from the lower task to the higher one, like the explicit CASCADES_FROM. Property
values are primitives or lists of strings (what FalkorDB and Neo4j store); the full evidence is a
JSON string.
"""
from __future__ import annotations

import json
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field

from policykg.ingest.records import ExtractedDocument

from .candidates import DEFAULT_WEIGHTS, METHOD, Candidate, Weights, rank_units
from .counterparts import CounterpartTable
from .units import LinkUnit, corpus_units, explicit_pairs, sides
from .words import UnitWords

# Defaults for links written to the graph: of each higher task, the three best tasks of each lower
# document in scope; of those, each lower task keeps its PER_LOWER best higher tasks scoring at least
# MIN_SCORE. PER_LOWER and MIN_SCORE are chosen on the tuning families of the real evaluation set and
# measured on held-out ones (tests/linking/calibration.py, printed by bench/link.py); the catalog's
# province-to-city queries use MIN_SCORE as their default threshold.
TOP_K = 3
PER_LOWER = 1
MIN_SCORE = 0.08
LINKER = "policykg.linking/2"  # written on every inferred link: which rules made it (2: region tree first)


@dataclass(frozen=True)
class Link:
    source: str  # the lower-level task
    type: str  # CASCADES_FROM | RELATES_TO
    target: str  # the higher-level task
    props: dict = field(default_factory=dict, compare=False)

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.source, self.type, self.target)


def direction(upper: LinkUnit, lower: LinkUnit) -> str | None:
    """Why ``lower`` can come from ``upper``: "implements" (its document says so), "dated" (the higher
    document is dated on or before the lower one; for a task known from a table whose document is not
    ingested: the table quoting it is), or None (it cannot, or we cannot tell)."""
    if upper.doc_key in lower.implements:
        return "implements"
    if lower.date:
        if upper.date:
            return "dated" if upper.date <= lower.date else None
        if upper.not_after and upper.not_after <= lower.date:
            return "dated"
    return None


def infer_links(cands: Iterable[Candidate], units: Iterable[LinkUnit],
                explicit: Iterable[tuple[str, str]] = (), *, min_score: float = MIN_SCORE,
                max_rank: int = TOP_K) -> list[Link]:
    """The links ``cands`` justify; ``explicit`` holds (upper id, lower id) pairs a table already states."""
    by_id = {u.id: u for u in units}
    stated = set(explicit)
    out: dict[tuple[str, str, str], Link] = {}
    for c in cands:
        if c.rank > max_rank or c.score < min_score or (c.upper_task_id, c.lower_task_id) in stated:
            continue
        upper, lower = by_id[c.upper_task_id], by_id[c.lower_task_id]
        why = direction(upper, lower)
        rel = "CASCADES_FROM" if why else "RELATES_TO"
        ev = c.evidence or {}
        props = {
            "basis": "inferred",
            "score": c.score,
            "rank": c.rank,
            "direction": why or ("later" if upper.date and lower.date else "undated"),
            "upper_date": upper.date or (f"<={upper.not_after}" if upper.not_after else None),
            "lower_date": lower.date,
            "terms": list(ev.get("terms", [])),
            "shared_industries": sorted({b for _, b in ev.get("industries", [])}),
            "counterparts": [f"{a}→{b}" for a, b in ev.get("departments", [])],
            "region_rule": (ev.get("region") or {}).get("rule"),
            "regions": _regions(ev.get("region") or {}),
            "evidence": json.dumps(ev, ensure_ascii=False, sort_keys=True),
            "linker": LINKER,
        }
        link = Link(lower.id, rel, upper.id, props)
        out[link.key] = link
    return [out[k] for k in sorted(out)]


def _regions(ev: dict) -> str | None:
    """The region evidence for people: 山东省 (issuer) ⊃ 菏泽市 (doc_number)."""
    if not ev:
        return None
    side = lambda name, basis: f"{name or '?'} ({basis or 'unknown'})"  # noqa: E731
    sign = {"region": " ⊃ ", "national": " ⊃ ", "implements": " ← implemented by "}.get(ev.get("rule") or "", " → ")
    return side(ev.get("upper"), ev.get("upper_basis")) + sign + side(ev.get("lower"), ev.get("lower_basis"))


def link_units(units: Sequence[LinkUnit], explicit: Iterable[tuple[str, str]] = (), *, top_k: int = TOP_K,
               min_score: float = MIN_SCORE, per_lower: int = PER_LOWER, method: tuple[str, str] = METHOD,
               weights: Weights = DEFAULT_WEIGHTS, counterparts: CounterpartTable | None = None,
               lower_docs: Collection[str] | None = None, words: UnitWords | None = None) -> list[Link]:
    """Every inferred link among ``units``: each higher unit is ranked against the lower units the region tree
    lets it reach (``scope``); each lower unit keeps its ``per_lower`` best higher units (a local measure
    carries out one provincial measure, seldom two), each higher unit its ``top_k`` best lower ones.

    With ``lower_docs``, only the links from the units of those lower documents, exactly as a run over
    everything would make them: a link belongs to its lower unit, and what decides it (the lower unit,
    the higher documents in its scope) is all in ``units`` (``incremental``). ``words``: the units' evidence
    words a store kept, filled with those segmented here (``words.UnitWords``)."""
    units = list(units)
    upper, lower = sides(units)
    explicit = set(explicit)
    return infer_links(rank_units(upper, lower, top_k=top_k, min_score=min_score, method=method, weights=weights,
                                  counterparts=counterparts, per_document=True, lower_docs=lower_docs,
                                  per_lower=per_lower, explicit=explicit, words=words,
                                  select=lambda cands: select(cands, explicit, per_lower)),
                       units, explicit, min_score=min_score, max_rank=top_k)


def select(cands: list[Candidate], explicit: set[tuple[str, str]], per_lower: int) -> list[Candidate]:
    """The candidates links are made of: not a pair a table states, and each lower unit's ``per_lower`` best."""
    return _best_per_lower([c for c in cands if (c.upper_task_id, c.lower_task_id) not in explicit], per_lower)


def _best_per_lower(cands: list[Candidate], n: int) -> list[Candidate]:
    by_lower: dict[str, list[Candidate]] = {}
    for c in cands:
        by_lower.setdefault(c.lower_task_id, []).append(c)
    return [c for low in sorted(by_lower)
            for c in sorted(by_lower[low], key=lambda c: (-c.score, c.upper_task_id))[:n]]


def link_corpus(docs: Sequence[ExtractedDocument],
                known_documents: Iterable[tuple[str, str | None, str | None]] = (), **kwargs) -> list[Link]:
    """Every inferred link of a corpus (``policykg link``): the same links whatever the order of ``docs``."""
    docs = list(docs)
    known_documents = list(known_documents)
    return link_units(corpus_units(docs, known_documents), explicit_pairs(docs, known_documents), **kwargs)


def add_links(graph, links: Iterable[Link]) -> int:
    """Add ``links`` to a ``graph.model.PolicyGraph`` (nodes must exist); returns how many were added.
    A pair the graph already links by an explicit CASCADES_FROM is skipped (explicit wins)."""
    explicit = {(e.source, e.target) for e in graph.edges.values()
                if e.type == "CASCADES_FROM" and e.props.get("basis") == "explicit"}
    n = 0
    for link in links:
        if (link.source, link.target) in explicit:
            continue
        if link.source not in graph.nodes or link.target not in graph.nodes:
            continue
        graph.add_edge(link.source, link.type, link.target, **link.props)
        n += 1
    return n
