"""Read-only path, time budget, row cap and atomic batches of the embedded client."""

from __future__ import annotations

import os
import signal
import threading
import time

import pytest
import redis

from policykg.graph.stores import (
    ConstraintViolation,
    EmbeddedClient,
    EmbeddedServer,
    GraphNotFound,
    QueryError,
    QueryTimeout,
    ReadOnlyViolation,
    StoreUnavailable,
    compose_atomic,
)
from policykg.graph.stores.embedded_client import Statement
from policykg.graph.stores.falkordb_server import _pid_alive


def _count(client: EmbeddedClient, label: str) -> int:
    return client.read(f"MATCH (n:{label}) RETURN count(n)").rows[0][0]


@pytest.fixture
def seeded(client: EmbeddedClient) -> EmbeddedClient:
    client.create_index("P", "id")
    client.write("CREATE (:P {id: 'a', name: '国务院', tags: ['x']})-[:LEADS {w: 1}]->(:P {id: 'b', name: '办公厅'})")
    return client


def _snapshot(client: EmbeddedClient) -> list[list[object]]:
    return client.read("MATCH (n) OPTIONAL MATCH (n)-[r]->() RETURN n, r ORDER BY n.id").rows


# -- reads ----------------------------------------------------------------------


def test_read_returns_plain_values(seeded: EmbeddedClient) -> None:
    columns, rows = seeded.read(
        "MATCH p = (a:P {id: $id})-[r:LEADS]->(b) RETURN a, r, b.name AS name, a {.id, .tags} AS m, p",
        {"id": "a"},
    )
    assert columns == ["a", "r", "name", "m", "p"]
    a, r, name, m, p = rows[0]
    assert a["kind"] == "node" and a["labels"] == ["P"] and a["properties"]["name"] == "国务院"
    assert r["kind"] == "relationship" and r["type"] == "LEADS" and r["properties"] == {"w": 1}
    assert (r["start"], r["end"]) == (a["id"], p["nodes"][1]["id"])
    assert name == "办公厅"
    assert m == {"id": "a", "tags": ["x"]} and type(m) is dict
    assert p["kind"] == "path" and len(p["relationships"]) == 1


@pytest.mark.parametrize(
    "query",
    [
        "CREATE (:X)",
        "MERGE (:P {id: 'zzz'})",
        "MATCH (n:P) SET n.name = 'changed'",
        "MATCH (n:P) SET n:Extra",
        "MATCH (n:P) REMOVE n.name",
        "MATCH ()-[r:LEADS]->() DELETE r",
        "MATCH (n:P) DETACH DELETE n",
        "MATCH (n:P) FOREACH (x IN [1] | SET n.v = x)",
        "CALL { CREATE (:X) } RETURN 1",
        "CREATE INDEX FOR (n:P) ON (n.name)",
        "DROP INDEX ON :P(id)",
        "CALL db.idx.fulltext.createNodeIndex('P', 'name')",
        "CALL db.idx.fulltext.drop('P')",
        "LOAD CSV FROM 'file://x.csv' AS row RETURN row",
        "load csv with headers from 'https://example.com/x.csv' AS row RETURN row",
        "MATCH (n:P) WITH n /* comment */ LOAD\n CSV FROM 'file://x.csv' AS row RETURN row",
    ],
)
def test_read_refuses_every_kind_of_write(seeded: EmbeddedClient, query: str) -> None:
    before = _snapshot(seeded)
    with pytest.raises(ReadOnlyViolation):
        seeded.read(query)
    assert _snapshot(seeded) == before


def test_read_is_not_fooled_by_keywords_in_literals(seeded: EmbeddedClient) -> None:
    rows = seeded.read("RETURN 'LOAD CSV; CREATE (:X)' AS s, $p AS p", {"p": "DELETE n"}).rows
    assert rows == [["LOAD CSV; CREATE (:X)", "DELETE n"]]


def test_read_timeout(client: EmbeddedClient) -> None:
    client.write("UNWIND range(1, 3000) AS i CREATE (:S {i: i})")
    started = time.monotonic()
    with pytest.raises(QueryTimeout, match="100 ms"):
        client.read("MATCH (a:S), (b:S) WHERE a.i + b.i = -1 RETURN count(*)", timeout_ms=100)
    assert time.monotonic() - started < 3


def test_row_cap(client: EmbeddedClient) -> None:
    client.write("RETURN 1")  # creates the (empty) graph
    capped = client.read("UNWIND range(1, 100) AS x RETURN x", row_cap=10)
    assert capped.rows == [[x] for x in range(1, 11)] and capped.truncated is True
    exact = client.read("UNWIND range(1, 100) AS x RETURN x", row_cap=100)
    assert len(exact.rows) == 100 and exact.truncated is False
    assert client.read("UNWIND [] AS x RETURN x", row_cap=0).truncated is False


def test_read_on_missing_graph(client: EmbeddedClient) -> None:
    with pytest.raises(GraphNotFound):
        client.read("MATCH (n) RETURN n")


def test_query_errors_are_wrapped(seeded: EmbeddedClient) -> None:
    with pytest.raises(QueryError, match="rejected"):
        seeded.read("MATCH (n RETURN n")
    with pytest.raises(QueryError):
        seeded.write("RETURN 1/0")


def test_reconnects_after_server_restart(server: EmbeddedServer, seeded: EmbeddedClient) -> None:
    server.stop()
    EmbeddedServer(server.data_dir).ensure_running()
    # The client's pooled connection is stale now; both paths must recover.
    assert seeded.read("MATCH (n:P) RETURN count(n)").rows == [[2]]
    seeded.write("CREATE (:P {id: 'c'})")
    assert _count(seeded, "P") == 3


def test_unreachable_server_is_reported(server: EmbeddedServer, seeded: EmbeddedClient) -> None:
    server.stop()
    with pytest.raises(StoreUnavailable):
        seeded.read("RETURN 1")
    with pytest.raises(StoreUnavailable):
        seeded.write("CREATE (:X)")


# -- writes -----------------------------------------------------------------------


def test_write_reports_stats(client: EmbeddedClient) -> None:
    res = client.write("UNWIND $rows AS r MERGE (n:N {id: r.id}) SET n.v = r.v", {"rows": [{"id": 1, "v": "x"}] * 2})
    assert res.stats["nodes_created"] == 1


def test_atomic_batch_failing_third_statement_leaves_no_trace(seeded: EmbeddedClient) -> None:
    before = _snapshot(seeded)
    batch: list[Statement] = [
        ("UNWIND $ids AS id CREATE (:A {id: id})", {"ids": [1, 2, 3]}),
        ("MATCH (p:P {id: $id}) SET p.name = $name", {"id": "a", "name": "overwritten"}),
        ("MATCH (a:A) SET a.bad = 1 / (a.id - a.id)", None),  # runtime error: division by zero
    ]
    with pytest.raises(QueryError, match="Division by zero"):
        seeded.write_atomic(batch)
    assert _snapshot(seeded) == before
    # No node, relationship or property survives. (FalkorDB may keep the empty
    # label 'A' registered in db.labels() until restart: schema, not data.)
    assert _count(seeded, "A") == 0


def test_atomic_batch_constraint_violation_rolls_back(seeded: EmbeddedClient) -> None:
    seeded.create_unique_constraint("P", "id")
    with pytest.raises(ConstraintViolation):
        seeded.write_atomic(
            [
                ("CREATE (:P {id: $id})", {"id": "new-1"}),
                ("CREATE (:P {id: $id})", {"id": "new-2"}),
                ("CREATE (:P {id: $id})", {"id": "a"}),  # duplicate of an existing node
            ]
        )
    assert _count(seeded, "P") == 2


def test_atomic_batch_applies_all_in_order(client: EmbeddedClient) -> None:
    res = client.write_atomic(
        [
            # Same parameter and variable names in every statement on purpose.
            ("UNWIND $rows AS r CREATE (:Org {id: r}) // trailing comment", {"rows": ["o1", "o2"]}),
            ("MATCH (n:Nothing) CREATE (:Never {v: $rows})", {"rows": 1}),  # zero rows must not stop the chain
            # A label created by statement 1 must be visible to statement 3.
            ("MATCH (n:Org) SET n.seen = $rows", {"rows": True}),
            ("MATCH (a:Org {id: 'o1'}), (b:Org {id: 'o2'}) MERGE (a)-[:COOP]->(b);", None),
        ]
    )
    assert res.stats["nodes_created"] == 2 and res.stats["relationships_created"] == 1
    assert client.read("MATCH (n:Org) RETURN n.id, n.seen ORDER BY n.id").rows == [["o1", True], ["o2", True]]
    assert _count(client, "Never") == 0


def test_compose_atomic_validates_statements() -> None:
    with pytest.raises(ValueError, match="RETURN"):
        compose_atomic([("CREATE (n:X) RETURN n", None)])
    with pytest.raises(ValueError, match="undefined parameters"):
        compose_atomic([("CREATE (:X {v: $v})", {})])
    query, params = compose_atomic(
        [("CALL { MATCH (n) RETURN n } SET n.x = $v", {"v": 1}), ("CREATE (:Y {s: '$v'})", None)]
    )
    assert params == {"s0_v": 1}
    assert "'$v'" in query and "$s0_v" in query  # literals untouched


def test_multi_exec_is_not_atomic(server: EmbeddedServer) -> None:
    """Evidence for the design: MULTI/EXEC keeps going after a failed GRAPH.QUERY."""
    raw = redis.Redis(unix_socket_path=str(server.socket_path), decode_responses=True)
    pipe = raw.pipeline(transaction=True)
    pipe.execute_command("GRAPH.QUERY", "m", "CREATE (:A {i: 1})")
    pipe.execute_command("GRAPH.QUERY", "m", "CREATE (:A {i: 2})")
    pipe.execute_command("GRAPH.QUERY", "m", "CREATE (:A {i: 3}) WITH 1 AS x RETURN 1 / 0")
    replies = pipe.execute(raise_on_error=False)
    assert isinstance(replies[2], redis.ResponseError)
    rows = raw.execute_command("GRAPH.QUERY", "m", "MATCH (a:A) RETURN a.i ORDER BY a.i")[1]
    assert rows == [[1], [2]]  # statements 1-2 stayed, only the failing one was undone


def test_atomic_batch_survives_kill9_mid_way(server: EmbeddedServer, client: EmbeddedClient) -> None:
    bulk = ("UNWIND range(1, $n) AS i CREATE (:Bulk {i: i, s: 'padding padding'})", {"n": 50_000})
    # ~3 s of pure computation between the two bulk creates, streamed (little memory).
    slow = (
        "UNWIND range(1, 30000) AS i UNWIND range(1, 1000) AS j WITH i, j WHERE i * j = 7 CREATE (:Bulk {i: i})",
        None,
    )
    client.write("CREATE (:Marker)")
    outcome: dict[str, object] = {}

    def run() -> None:
        try:
            outcome["result"] = client.write_atomic([bulk, slow, bulk])
        except Exception as exc:  # noqa: BLE001 - recorded for the assertion below
            outcome["error"] = exc

    pid = server.status()["pid"]
    worker = threading.Thread(target=run)
    worker.start()
    time.sleep(0.8)  # statement 1 is done (~0.05 s), statement 2 is running
    os.kill(pid, signal.SIGKILL)
    worker.join(30)
    while _pid_alive(pid):
        time.sleep(0.02)

    assert isinstance(outcome.get("error"), StoreUnavailable), outcome  # really killed mid-way
    EmbeddedServer(server.data_dir).ensure_running()
    assert _count(client, "Bulk") == 0  # nothing of statement 1 came back
    assert _count(client, "Marker") == 1  # the earlier acknowledged write did


def test_acknowledged_atomic_batch_survives_kill9(server: EmbeddedServer, client: EmbeddedClient) -> None:
    res = client.write_atomic([("UNWIND range(1, 1000) AS i CREATE (:Done {i: i})", None)] * 3)
    assert res.stats["nodes_created"] == 3000
    pid = server.status()["pid"]
    os.kill(pid, signal.SIGKILL)  # immediately after the reply: not yet fsynced
    while _pid_alive(pid):
        time.sleep(0.02)
    EmbeddedServer(server.data_dir).ensure_running()
    assert _count(client, "Done") == 3000
