"""The public Cypher surfaces refuse writes, keep to a time budget and cap rows."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from policykg.cli import app
from policykg.graph.stores.errors import QueryTimeout, ReadOnlyViolation

WRITES = [
    "CREATE (n:Task {id: 'x'}) RETURN n",
    "MERGE (n:Department {id: 'x'}) RETURN n",
    "MATCH (n:Task) SET n.title = 'x' RETURN count(n)",
    "MATCH (n:Target) DELETE n",
    "MATCH (n:Task) DETACH DELETE n",
    "MATCH (n:Task) REMOVE n.title RETURN count(n)",
    "LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line",
    "CALL db.idx.fulltext.createNodeIndex('Task', 'text')",
    "CALL dbms.security.createUser('x', 'y', false)",
    "MATCH (n) CALL { WITH n CREATE (:X) } RETURN count(*)",
    "UNWIND [1] AS x FOREACH (i IN [1] | CREATE (:X)) RETURN x",
]


@pytest.mark.parametrize("query", WRITES)
def test_writes_are_refused(loaded_store, query):
    before = loaded_store.counts()
    with pytest.raises(ReadOnlyViolation):
        loaded_store.read(query)
    assert loaded_store.counts() == before


def test_the_engine_refuses_writes_even_without_the_guard(loaded_store):
    with pytest.raises(ReadOnlyViolation):
        loaded_store.backend.read("CREATE (n:Task {id: 'sneaky'}) RETURN n", {}, 1000, 10)
    assert not loaded_store.rows("MATCH (n:Task {id: 'sneaky'}) RETURN n.id AS id")


def test_words_inside_strings_are_not_clauses(loaded_store):
    rows = loaded_store.rows("MATCH (t:Task) WHERE t.text CONTAINS 'CREATE' OR t.title = 'SET' RETURN count(t) AS n")
    assert rows == [{"n": 0}]


def test_a_slow_query_is_stopped_by_its_time_budget(loaded_store):
    with pytest.raises(QueryTimeout):
        # a cross product streamed row by row: time, not memory, is what runs out
        loaded_store.read("MATCH (a:Task), (b:Task), (c:Task) WHERE a.span_start + b.span_start > c.span_start "
                          "RETURN count(*)", timeout_ms=50)


def test_rows_are_capped(loaded_store):
    result = loaded_store.read("MATCH (t:Task) RETURN t.id AS id", row_cap=7)
    assert len(result.rows) == 7 and result.truncated


def test_cli_cypher_refuses_writes_and_answers_reads(loaded_store, monkeypatch):
    monkeypatch.setenv("POLICYKG_DATA", str(loaded_store.backend.server.data_dir))
    monkeypatch.delenv("NEO4J_URI", raising=False)
    runner = CliRunner()
    refused = runner.invoke(app, ["cypher", "MATCH (n:Task) DETACH DELETE n"])
    assert refused.exit_code == 1 and "read-only" in refused.stderr
    ok = runner.invoke(app, ["cypher", "MATCH (d:Document) WHERE d.stub = false RETURN count(d) AS n", "-f", "json"])
    assert ok.exit_code == 0, ok.output
    assert json.loads(ok.stdout)["rows"] == [{"n": 5}]
    capped = runner.invoke(app, ["cypher", "MATCH (t:Task) RETURN t.id", "--row-cap", "3", "-f", "json"])
    assert json.loads(capped.stdout)["truncated"] is True
