"""The public read path bounds what it reads back: rows cut in the engine, long lists cut, big results refused."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from policykg.cli import app
from policykg.graph.stores.errors import QueryRefused, ReadOnlyViolation


def test_a_huge_unwind_comes_back_as_the_capped_rows_marked_truncated(loaded_store):
    result = loaded_store.read_public("UNWIND range(1,10000000) AS x RETURN x", row_cap=5)
    assert result.rows == [[1], [2], [3], [4], [5]] and result.truncated


def test_a_result_within_the_cap_is_not_marked_truncated(loaded_store):
    result = loaded_store.read_public("UNWIND range(1,5) AS x RETURN x", row_cap=5)
    assert len(result.rows) == 5 and not result.truncated


def test_a_long_list_in_one_row_is_cut_and_marked(loaded_store):
    from policykg.graph.stores.embedded_client import LIST_CAP

    result = loaded_store.read_public(f"RETURN range(1, {LIST_CAP + 10}) AS l", row_cap=5)
    assert len(result.rows[0][0]) == LIST_CAP and result.truncated


def test_a_result_over_the_byte_budget_is_refused(loaded_store, monkeypatch):
    monkeypatch.setattr(loaded_store, "result_bytes", 10_000)
    with pytest.raises(QueryRefused, match="larger than"):
        loaded_store.read_public("UNWIND range(1, 1000) AS x RETURN 'some text ' + toString(x) AS s")


def test_the_nested_query_never_reaches_the_engine(loaded_store, monkeypatch):
    def engine(*a, **k):
        raise AssertionError("the engine was asked")

    monkeypatch.setattr(loaded_store.backend, "read", engine)
    with pytest.raises(QueryRefused, match="nests"):
        loaded_store.read_public("RETURN ----------------------------------1 AS x")
    with pytest.raises(ReadOnlyViolation, match="procedure"):
        loaded_store.read_public("CALL `algo.betweenness`(NULL) YIELD node RETURN node")


def test_cli_cypher_refuses_what_could_hold_the_store(loaded_store, monkeypatch):
    monkeypatch.setenv("POLICYKG_DATA", str(loaded_store.backend.server.data_dir))
    monkeypatch.delenv("NEO4J_URI", raising=False)
    runner = CliRunner()
    refused = runner.invoke(app, ["cypher", "RETURN ----------------------------------1 AS x"])
    assert refused.exit_code == 1 and "nests 34 levels" in refused.stderr
    called = runner.invoke(app, ["cypher", "CALL `dbms.procedures`()"])
    assert called.exit_code == 1 and "procedure call dbms.procedures" in called.stderr
    capped = runner.invoke(app, ["cypher", "UNWIND range(1,10000000) AS x RETURN x", "--row-cap", "3", "-f", "json"])
    out = json.loads(capped.stdout)
    assert out["truncated"] is True and len(out["rows"]) == 3
