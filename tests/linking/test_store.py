"""Linking what a store holds: units read back from the graph equal the extracted ones; links written."""
from __future__ import annotations

import pytest

from policykg.graph.build import build_graph
from policykg.graph.linking import corpus_units, explicit_pairs, link_corpus, link_units
from policykg.graph.linking.store import (
    UNITS_QUERY,
    explicit_from_rows,
    link_statements,
    rows_of_graph,
    units_from_graph,
    units_from_rows,
)
from policykg.graph.stores.cypher_guard import refuse_writes

from .compare import sample_docs


def test_units_from_the_graph_are_the_extracted_units():
    docs = list(sample_docs())
    graph = build_graph(docs)
    assert units_from_graph(graph) == corpus_units(docs)
    rows = rows_of_graph(graph)
    assert explicit_from_rows(rows) == explicit_pairs(docs)
    from_graph = link_units(units_from_graph(graph), explicit_from_rows(rows))
    assert [(lk.key, lk.props) for lk in from_graph] == [(lk.key, lk.props) for lk in link_corpus(docs)]


def test_units_query_is_read_only():
    refuse_writes(UNITS_QUERY)


def test_link_statements_shape():
    links = link_corpus(list(sample_docs()))
    statements = link_statements(links)
    assert "DELETE" in statements[0][0] and "inferred" in statements[0][0]
    rows = [r for q, params in statements[1:] if "MERGE" in q for r in params["rows"]]
    assert len(rows) == len(links)
    assert all("doc_id" not in r["props"] for r in rows)


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    from policykg.graph.stores.factory import embedded_store

    s = embedded_store(tmp_path_factory.mktemp("policykg-link"))
    for doc in sample_docs():
        s.load_document(doc)
    yield s
    s.backend.server.stop(force=True)


def test_link_a_store(store):
    docs = list(sample_docs())
    rows = store.rows(UNITS_QUERY)
    units = units_from_rows(rows)
    assert units == corpus_units(docs)
    links = link_units(units, explicit_from_rows(rows))
    assert [(lk.key, lk.props) for lk in links] == [(lk.key, lk.props) for lk in link_corpus(docs)]

    count = ("MATCH (:Task)-[r:CASCADES_FROM|RELATES_TO]->(:Task) "
             "RETURN r.basis AS basis, type(r) AS type, count(r) AS n ORDER BY basis, type")
    before = store.rows(count)
    for _ in range(2):  # writing twice gives the same graph
        store.backend.write_atomic(link_statements(links))
        after = {(r["basis"], r["type"]): r["n"] for r in store.rows(count)}
        assert after[("explicit", "CASCADES_FROM")] == {(r["basis"], r["type"]): r["n"] for r in before}[
            ("explicit", "CASCADES_FROM")] == 35
        assert after[("inferred", "CASCADES_FROM")] == sum(lk.type == "CASCADES_FROM" for lk in links)
        assert after[("inferred", "RELATES_TO")] == sum(lk.type == "RELATES_TO" for lk in links)
    top = store.rows("MATCH (low:Task)-[r:RELATES_TO]->(up:Task {id: $up}) WHERE r.rank = 1 "
                     "RETURN low.id AS low, r.score AS score, r.terms AS terms",
                     {"up": "task:鲁服务业办〔2025〕4号:一"})
    assert [r["low"] for r in top] == ["task:菏政办字〔2024〕7号:二/(三)/2"]
    assert "人工智能" in top[0]["terms"]
    # recomputing with fewer links replaces, never accumulates
    store.backend.write_atomic(link_statements(links[:5]))
    assert sum(r["n"] for r in store.rows(count) if r["basis"] == "inferred") == 5


@pytest.mark.parametrize("provincial_first", [True, False])
def test_a_named_document_is_found_whatever_the_order(tmp_path, provincial_first):
    """信阳 cites 《河南省…关于印发<关于支持住房消费的若干措施>的通知》(豫建房〔2025〕181号); the provincial text
    carries no number. Ingested before or after it, 信阳's tasks take their links from it (rule: implements)."""
    from pathlib import Path

    from policykg.graph.stores.factory import embedded_store
    from policykg.ingest.extract import extract_file

    fixtures = Path(__file__).resolve().parents[1] / "fixtures" / "linking"
    province = extract_file(fixtures / "POL_273216F1CBEED1531204.txt")
    city = extract_file(fixtures / "POL_8DF518026BD48DE5A7FE.txt")
    s = embedded_store(tmp_path / "data")
    try:
        for doc in ([province, city] if provincial_first else [city, province]):
            s.load_document(doc)
        s.relink()
        rows = s.rows("MATCH (low:Task)-[r:CASCADES_FROM]->(up:Task)-[:IN_DOCUMENT]->(d:Document) "
                      "WHERE r.basis = 'inferred' RETURN d.title AS doc, r.region_rule AS rule")
        assert rows and {(r["doc"], r["rule"]) for r in rows} == {("关于支持住房消费的若干措施", "implements")}
        assert s.rows("MATCH (d:Document) WHERE d.stub = true AND d.doc_number = '豫建房〔2025〕181号' RETURN d") == []
    finally:
        s.backend.server.stop(force=True)


def test_units_read_before_a_table_was_loaded_still_see_its_rows(tmp_path):
    """FalkorDB caches a query's plan; one made while no CASCADES_FROM existed answered [] for ``stated_by``
    ever after, so the quoted tasks of a table loaded later lost their text (and their explicit pairs)."""
    from policykg.graph.stores.factory import embedded_store

    by_name = {d.file.rsplit("/", 1)[-1][:3]: d for d in sample_docs()}
    s = embedded_store(tmp_path / "data")
    try:
        s.load_document(by_name["000"])
        assert explicit_from_rows(s.rows(UNITS_QUERY)) == set()
        s.load_document(by_name["001"])  # a division-of-labour table
        rows = s.rows(UNITS_QUERY)
        assert explicit_from_rows(rows) == explicit_pairs([by_name["000"], by_name["001"]]) != set()
    finally:
        s.backend.server.stop(force=True)


def _listed(rows):
    """Rows with their lists in one order (the catalog query leaves it to the engine), duplicates kept."""
    return [{k: sorted(v, key=lambda x: (x is not None, str(x))) if isinstance(v, list) else v for k, v in r.items()}
            for r in rows]


def test_units_read_by_pages_and_parts_are_those_of_the_catalog_query(store):
    """A relink reads the rows of ``link-units`` a few documents at a time, each list by a match of its own (the
    comprehensions of the catalog query cost ten times the rest): the same rows, duplicates included (a department
    both leading and cooperating on a task is listed twice)."""
    from policykg.graph.linking.store import every_unit_row

    def read(query, params):
        return store.rows(query, params, row_cap=1_000_000)

    twice = [("MATCH (x:Department)-[:LEADS]->(t:Task) WITH x, t ORDER BY t.id LIMIT 1 "
              "CREATE (x)-[:COOPERATES_ON {doc_id: t.doc_id, key: 'test-twice'}]->(t)", {})]
    store.backend.write_atomic(twice)
    try:
        catalog = store.rows(UNITS_QUERY, row_cap=1_000_000)
        parts = every_unit_row(read, page=2)
    finally:
        store.backend.write_atomic([("MATCH ()-[r:COOPERATES_ON {key: 'test-twice'}]->() DELETE r", {})])
    assert any(len(r["departments"]) > len(set(r["departments"])) for r in catalog)
    assert any(r["stated_by"] for r in catalog) and any(r["implements"] for r in catalog)
    assert any(r["metrics"] for r in catalog) and any(r["industries"] for r in catalog)
    assert _listed(parts) == _listed(catalog)
