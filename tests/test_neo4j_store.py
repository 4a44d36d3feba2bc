"""The whole Neo4j code path, run when NEO4J_URI points at a Neo4j 5 server (docker compose up).

Without NEO4J_URI these tests are skipped: no Neo4j runs on the CI machines. The
catalog's Neo4j compatibility is still checked there, offline, by
tests/lint/test_cypher_lint.py (Neo4j's own language service).
"""
from __future__ import annotations

import os

import pytest

from policykg.graph.stores.errors import ReadOnlyViolation
from policykg.queries.catalog import load_catalog

pytestmark = pytest.mark.skipif(not os.environ.get("NEO4J_URI"),
                                reason="NEO4J_URI is not set: no Neo4j server to run the Neo4j code path against")


@pytest.fixture(scope="module")
def neo4j_store(extracted):
    from policykg.graph.stores.neo4j_store import Neo4jStore

    store = Neo4jStore()
    store.clear()
    for doc in extracted.values():
        store.load_document(doc)
    yield store
    store.clear()
    store.close()


def _canonical(rows):
    return sorted(repr({k: sorted(v, key=repr) if isinstance(v, list) else v for k, v in r.items()}) for r in rows)


def test_loading_is_idempotent(neo4j_store, extracted):
    first = neo4j_store.counts()
    for doc in extracted.values():
        neo4j_store.load_document(doc)
    assert neo4j_store.counts() == first


def test_every_catalog_query_gives_the_embedded_answer(neo4j_store, loaded_store):
    for q in load_catalog().values():
        params = q.bind(q.example_params())
        assert _canonical(neo4j_store.rows(q.text, params)) == _canonical(loaded_store.rows(q.text, params)), q.name


@pytest.mark.parametrize("query", ["CREATE (n:Task {id: 'x'})", "MATCH (n:Task) DETACH DELETE n",
                                   "MERGE (n:X {id: 1})", "MATCH (n:Task) SET n.t = 1"])
def test_writes_are_refused(neo4j_store, query):
    with pytest.raises(ReadOnlyViolation):
        neo4j_store.read(query)
    with pytest.raises(ReadOnlyViolation):
        neo4j_store._read(query, {}, 5000, 10)  # the server's read transaction refuses it too
