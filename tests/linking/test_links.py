"""Candidates and links: invariants, direction and time, explicit links winning, order independence."""
from __future__ import annotations

import json
import random

import pytest

from policykg.graph.build import build_graph, document_key
from policykg.graph.linking import (
    Candidate,
    LinkUnit,
    add_links,
    candidates,
    corpus_units,
    direction,
    explicit_pairs,
    infer_links,
    link_corpus,
    link_units,
    rank_units,
)
from policykg.graph.linking.units import LEVEL_RANK

from .compare import sample_docs


def _doc(prefix: str):
    return next(d for d in sample_docs() if d.file.rsplit("/", 1)[-1].startswith(prefix))


def _unit(uid, level, date=None, implements=(), doc=None, not_after=None, **kw):
    doc = doc or uid.split(":")[1]
    return LinkUnit(id=uid, doc_key=doc, level=level, date=date, number=uid.rsplit(":", 1)[-1], title=kw.pop("title", ""),
                    text=kw.pop("text", ""), implements=tuple(implements), source_doc=kw.pop("source_doc", doc),
                    not_after=not_after, **kw)


# -- direction and time ------------------------------------------------------------------------------

def test_direction_by_date():
    up = _unit("task:P:1", "province", "2023-05-01")
    assert direction(up, _unit("task:C:1", "city", "2023-05-01")) == "dated"  # same day counts
    assert direction(up, _unit("task:C:1", "city", "2024-01-01")) == "dated"
    assert direction(up, _unit("task:C:1", "city", "2023-04-30")) is None
    assert direction(up, _unit("task:C:1", "city", None)) is None
    assert direction(_unit("task:P:1", "province", None), _unit("task:C:1", "city", "2024-01-01")) is None


def test_direction_by_implements_beats_dates():
    up = _unit("task:P:1", "province", "2025-01-01")
    low = _unit("task:C:1", "city", "2024-01-01", implements=["P"])
    assert direction(up, low) == "implements"


def test_direction_of_a_task_quoted_by_a_table():
    """An undated higher-level task quoted by a table existed by the table's date."""
    up = _unit("task:Plan:title:x", "province", None, not_after="2023-12-31", source_doc="T", stub=True)
    assert direction(up, _unit("task:C:1", "city", "2024-02-01")) == "dated"
    assert direction(up, _unit("task:C:1", "city", "2023-03-31")) is None


def test_links_from_candidates():
    up_early = _unit("task:P:1", "province", "2023-01-01")
    up_late = _unit("task:Q:1", "province", "2026-01-01")
    low = _unit("task:C:1", "city", "2024-01-01")
    cands = [Candidate(up_early.id, low.id, 0.3, 1, {"terms": ["人工智能"], "departments": [["省科技厅", "市科技局"]]}),
             Candidate(up_late.id, low.id, 0.2, 1, {}),
             Candidate(up_late.id, "task:C:2", 0.01, 2, {})]  # below the threshold
    links = infer_links(cands, [up_early, up_late, low, _unit("task:C:2", "city")])
    assert [(lk.source, lk.type, lk.target) for lk in links] == [
        ("task:C:1", "CASCADES_FROM", "task:P:1"), ("task:C:1", "RELATES_TO", "task:Q:1")]
    cascade = links[0].props
    assert cascade["basis"] == "inferred" and cascade["score"] == 0.3 and cascade["direction"] == "dated"
    assert cascade["terms"] == ["人工智能"] and cascade["counterparts"] == ["省科技厅→市科技局"]
    assert json.loads(cascade["evidence"])["terms"] == ["人工智能"]
    assert links[1].props["direction"] == "later"
    for lk in links:  # what FalkorDB and Neo4j can store: primitives and lists of strings
        for v in lk.props.values():
            assert v is None or isinstance(v, (str, int, float, bool)) or all(isinstance(x, str) for x in v)


def test_explicit_pairs_are_never_inferred():
    up, low = _unit("task:P:1", "province", "2023-01-01"), _unit("task:C:1", "city", "2024-01-01")
    cands = [Candidate(up.id, low.id, 0.9, 1, {})]
    assert infer_links(cands, [up, low], explicit={(up.id, low.id)}) == []


# -- on the sample corpus ----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def corpus_links():
    return link_corpus(list(sample_docs()))


def test_sample_corpus_links(corpus_links):
    docs = sample_docs()
    units = {u.id: u for u in corpus_units(docs)}
    stated = explicit_pairs(docs)
    assert len(stated) == 35
    assert corpus_links
    for lk in corpus_links:
        up, low = units[lk.target], units[lk.source]
        assert LEVEL_RANK[up.level] < LEVEL_RANK[low.level]
        assert (lk.target, lk.source) not in stated
        assert low.source_doc != up.source_doc  # a table's own rows are its explicit links
        assert lk.type == ("CASCADES_FROM" if direction(up, low) else "RELATES_TO")
        assert 1 <= lk.props["rank"] <= 3 and lk.props["score"] >= 0.06
    types = {lk.type for lk in corpus_links}
    # the 县域经济 plan's tasks (quoted by a table of 2023-12-31) cascade into the 2024 city documents;
    # the 2025 provincial measures only relate to them
    assert types == {"CASCADES_FROM", "RELATES_TO"}
    cascades = [lk for lk in corpus_links if lk.type == "CASCADES_FROM"]
    assert all(units[lk.target].stub and units[lk.source].date >= "2024-01-01" for lk in cascades)


def test_an_earlier_provincial_document_cascades():
    """The same measures, had they been issued before the city opinion, would be CASCADES_FROM inferred."""
    measures, opinion = _doc("002"), _doc("000")
    early = measures.model_copy(update={"document": measures.document.model_copy(update={"date": "2023-06-01"})})
    links = link_corpus([early, opinion])
    assert links and {lk.type for lk in links} == {"CASCADES_FROM"}
    assert {lk.props["direction"] for lk in links} == {"dated"}


def test_an_implementing_document_cascades_whatever_the_dates():
    measures, opinion = _doc("002"), _doc("000")
    says = opinion.model_copy(update={"document": opinion.document.model_copy(
        update={"implements": ["《关于推动生产性服务业高端化发展的若干措施》"]})})
    links = link_corpus([measures, says])
    assert links and {lk.props["direction"] for lk in links} == {"implements"}


def _snapshot(graph):
    return ({n.id: (n.label, n.props) for n in graph.nodes.values()},
            {k: e.props for k, e in graph.edges.items()})


def test_same_links_and_graph_in_any_order(corpus_links):
    """20 random orders of the five documents: the same links, and the same graph once they are added."""
    docs = list(sample_docs())
    reference = build_graph(docs)
    add_links(reference, corpus_links)
    expected = _snapshot(reference)
    rng = random.Random(20)
    for _ in range(20):
        rng.shuffle(docs)
        again = link_corpus(docs)
        assert [(lk.key, lk.props) for lk in again] == [(lk.key, lk.props) for lk in corpus_links]
        graph = build_graph(docs)
        add_links(graph, again)
        assert _snapshot(graph) == expected


def test_links_in_the_graph(corpus_links):
    docs = list(sample_docs())
    graph = build_graph(docs)
    explicit_before = [e for e in graph.edges.values() if e.type == "CASCADES_FROM"]
    assert add_links(graph, corpus_links) == len(corpus_links)
    cascades = [e for e in graph.edges.values() if e.type == "CASCADES_FROM"]
    assert {e.props["basis"] for e in explicit_before} == {"explicit"}
    assert {e.props["basis"] for e in cascades} == {"explicit", "inferred"}
    pairs = [(e.source, e.target) for e in graph.edges.values() if e.type in ("CASCADES_FROM", "RELATES_TO")]
    assert len(pairs) == len(set(pairs))  # one link per pair: explicit, or inferred, never both
    # an explicit pair offered again as inferred is refused
    e = explicit_before[0]
    from policykg.graph.linking import Link

    assert add_links(graph, [Link(e.source, "RELATES_TO", e.target, {"basis": "inferred", "score": 0.5})]) == 0


# -- candidates ----------------------------------------------------------------------------------------

def test_candidates_invariants():
    measures, opinion, key_tasks = _doc("002"), _doc("000"), _doc("003")
    cands = candidates([measures], [opinion, key_tasks], top_k=4)
    by_upper: dict[str, list[Candidate]] = {}
    for c in cands:
        by_upper.setdefault(c.upper_task_id, []).append(c)
    assert len(by_upper) == 16
    for ranked in by_upper.values():
        assert [c.rank for c in ranked] == list(range(1, len(ranked) + 1))
        assert all(0 < c.score <= 1 for c in ranked)
        assert [c.score for c in ranked] == sorted((c.score for c in ranked), reverse=True)
        for c in ranked:
            assert c.upper_task_id.startswith(f"task:{document_key(measures)}:")
            assert not c.lower_task_id.startswith(f"task:{document_key(measures)}:")
            assert set(c.evidence) == {"signals", "terms", "industries", "metrics", "departments", "region"}
            assert c.evidence["region"] == {"rule": "region", "upper": "山东省", "upper_basis": "issuer",
                                            "lower": "菏泽市", "lower_basis": "issuer"}
    assert candidates([measures], [opinion]) == candidates([measures], [opinion])  # pure


def test_candidates_of_a_table():
    """The provincial tasks a city table quotes are higher-level units; the table's own rows never candidates."""
    table, key_tasks = _doc("001"), _doc("003")
    cands = candidates([table], [key_tasks, table], top_k=3)
    assert {c.upper_task_id.split(":title:")[0] for c in cands} == {"task:山东省县域经济高质量发展三年行动方案(2023—2025年)"}
    assert not any(c.lower_task_id.startswith(f"task:{document_key(table)}:") for c in cands)


def test_nothing_to_link():
    assert rank_units([], []) == []
    assert candidates([_doc("000")], [_doc("003")]) == []  # two city documents: no level above the other
    assert link_units([]) == []


def test_evidence_names_what_is_shared():
    measures, opinion = _doc("002"), _doc("000")
    first = {c.upper_task_id: c for c in candidates([measures], [opinion], top_k=1)}
    ai = first[f"task:{document_key(measures)}:一"]
    assert ai.lower_task_id.endswith(":二/(三)/2")
    assert "人工智能" in ai.evidence["terms"]
    assert ["人工智能", "人工智能"] in ai.evidence["industries"]
    assert ["省工业和信息化厅", "市工业和信息化局"] in ai.evidence["departments"]
    assert ai.evidence["signals"]["text"] > 0
