"""The whole Neo4j code path, run only against a dedicated TEST database.

These tests clear the database they run on, so they never use NEO4J_URI (the
variable a user sets for the team's server): they run when
POLICYKG_TEST_NEO4J_URI names a throw-away Neo4j 5 (with _USER, _PASSWORD and
_DATABASE beside it), and are skipped otherwise: no Neo4j runs on the CI
machines. The catalog's Neo4j compatibility is still checked there, offline, by
tests/lint/test_cypher_lint.py (Neo4j's own language service), and the error
mapping by tests/stores/test_neo4j_errors.py with a mocked driver.
"""
from __future__ import annotations

import os

import pytest

from policykg.graph.stores.errors import ReadOnlyViolation
from policykg.queries.catalog import load_catalog

TEST_URI = os.environ.get("POLICYKG_TEST_NEO4J_URI", "")
pytestmark = pytest.mark.skipif(not TEST_URI, reason="POLICYKG_TEST_NEO4J_URI is not set: no test Neo4j database "
                                                     "to run the Neo4j code path against")


@pytest.fixture(scope="module")
def neo4j_store(extracted):
    from policykg.graph.repository import GraphStore
    from policykg.graph.stores.neo4j_store import Neo4jBackend
    from policykg.settings import Neo4jConnection

    store = GraphStore(Neo4jBackend(Neo4jConnection(
        uri=TEST_URI, user=os.environ.get("POLICYKG_TEST_NEO4J_USER", "neo4j"),
        password=os.environ.get("POLICYKG_TEST_NEO4J_PASSWORD", ""),
        database=os.environ.get("POLICYKG_TEST_NEO4J_DATABASE", "neo4j"))))
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
        neo4j_store.backend.read(query, {}, 5000, 10)  # the server's read transaction refuses it too
