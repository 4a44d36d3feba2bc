"""Cypher from outside is refused before the engine when it could hold the store (issue 14's attacks)."""
from __future__ import annotations

import pytest

from policykg.graph.stores.cypher_admission import Limits, admit, nesting_depth, push_down_limit, tokenize
from policykg.graph.stores.errors import QueryRefused, ReadOnlyViolation
from policykg.queries.catalog import load_catalog

NESTED = "RETURN ----------------------------------1 AS x"  # 47 bytes that took the store down

REFUSED = [
    NESTED,
    "RETURN " + "(" * 20 + "1" + ")" * 20 + " AS x",
    "RETURN " + "[" * 20 + "1" + "]" * 20 + " AS x",
    "RETURN " + "NOT " * 20 + "true AS x",
    "RETURN " + "-(" * 10 + "1" + ")" * 10 + " AS x",
    "RETURN " + "abs(" * 20 + "1" + ")" * 20 + " AS x",
    "RETURN size(range(1,1000000000)) AS n",
    "RETURN size(range(1, toInteger('1000000000'))) AS n",
    "UNWIND range(1, 100000) AS a UNWIND range(1, 100000) AS b RETURN count(*)",
    "RETURN [x IN range(1,10000) | range(1,10000)] AS l",
    "RETURN reduce(s = '', x IN range(1, 100000) | s + 'xxxxxxxx') AS s",
    "RETURN size(reduce(s = 'x', i IN range(1, 40) | s + s)) AS n",
    "RETURN 'unterminated",
    "RETURN 1 /* unterminated comment",
    " WITH 1 AS x" * 65 + " RETURN 1",
]

PROCEDURES = [
    "CALL `algo.betweenness`(NULL) YIELD node, score RETURN node, score",
    "CALL `dbms.procedures`()",
    "CALL `db.indexes`",
    "CALL db.labels() YIELD label RETURN label",
    "CALL `db`.`labels`() YIELD label RETURN label",
    "call algo.pageRank(NULL, NULL) YIELD node RETURN node",
    "MATCH (n) CALL `algo.BFS`(n, 3, NULL) YIELD nodes RETURN nodes",
]

ADMITTED = [
    "MATCH (d:Department) RETURN d.name, size([(d)-[:LEADS]->() | 1]) AS led ORDER BY led DESC LIMIT 5",
    "UNWIND range(1, 10000000) AS x RETURN x",
    "MATCH (t:Task) WHERE t.title CONTAINS 'CALL db.labels()' AND NOT t.id = '-' RETURN -t.span_start",
    "MATCH (a)-->(b)<--(c) RETURN count(*)",
    "MATCH (call:Task) RETURN call.id",  # a variable named call is not a procedure call
    "CALL { MATCH (t:Task) RETURN t } RETURN count(t)",
    "WITH ['a', 'b'] AS xs UNWIND range(0, size(xs) - 1) AS i RETURN xs[i]",
    "RETURN range(1, $n) AS l",
]


@pytest.mark.parametrize("query", REFUSED)
def test_queries_that_could_hold_the_engine_are_refused(query):
    with pytest.raises(QueryRefused):
        admit(query, {}, Limits())


@pytest.mark.parametrize("query", PROCEDURES)
def test_procedures_are_refused_however_quoted(query):
    with pytest.raises(ReadOnlyViolation, match="procedure"):
        admit(query, {}, Limits())


@pytest.mark.parametrize("query", ADMITTED)
def test_ordinary_reads_are_admitted(query):
    admit(query, {"n": 100}, Limits())


def test_a_range_parameter_counts_like_a_literal():
    with pytest.raises(QueryRefused, match="range"):
        admit("RETURN range(1, $n) AS l", {"n": 10**9}, Limits())


def test_the_nesting_refusal_names_depth_and_limit():
    with pytest.raises(QueryRefused) as caught:
        admit(NESTED, {}, Limits(max_depth=10))
    assert "34 levels" in str(caught.value) and "at most 10" in str(caught.value)


def test_a_query_over_the_length_limit_is_refused():
    with pytest.raises(QueryRefused, match="characters"):
        admit("RETURN 1 AS x " + " " * 100, {}, Limits(max_chars=50))


def test_every_catalog_query_fits_the_nesting_limit():
    # the limit is chosen below where the parser gets slow and above what real queries need
    for query in load_catalog().values():
        assert nesting_depth(tokenize(query.text)) <= Limits().max_depth, query.name


def test_tokens_inside_strings_comments_and_backticks_are_not_structure():
    assert nesting_depth(tokenize("RETURN '((((((((((((((((' AS `((((((((((((((` // ((((((((((((\n")) == 0


@pytest.mark.parametrize(("query", "expected"), [
    ("UNWIND range(1,10000000) AS x RETURN x", "UNWIND range(1,10000000) AS x RETURN x\nLIMIT 6"),
    ("MATCH (n) RETURN n LIMIT 100;", "MATCH (n) RETURN n LIMIT 6;"),
    ("MATCH (n) RETURN n LIMIT 3", "MATCH (n) RETURN n LIMIT 3"),
    ("MATCH (n) RETURN n // a comment", "MATCH (n) RETURN n // a comment\nLIMIT 6"),
    ("MATCH (n) RETURN n LIMIT $k", "MATCH (n) RETURN n LIMIT $k"),
    ("RETURN 1 AS x UNION RETURN 2 AS x", "RETURN 1 AS x UNION RETURN 2 AS x"),
    ("MATCH (n) WHERE exists { MATCH (n)-->() RETURN 1 } RETURN n",
     "MATCH (n) WHERE exists { MATCH (n)-->() RETURN 1 } RETURN n\nLIMIT 6"),
])
def test_the_row_cap_is_pushed_into_the_engine(query, expected):
    assert push_down_limit(query, 5) == expected
