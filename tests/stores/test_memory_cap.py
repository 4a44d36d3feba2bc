"""The cap on one query's memory guards the server against what strangers send, never against policykg's own work:
a write that was accepted replays from the append-only file, and a write or internal read that needs more than the
cap runs."""

from __future__ import annotations

from pathlib import Path

import pytest

from policykg.graph.stores import EmbeddedClient, EmbeddedServer
from policykg.graph.stores.errors import QueryError

CAP = 4 << 20
# 10,000 nodes of 200 characters: some 2 MB of parameters, which one query turns into more than CAP; small enough
# that the append-only file is not rewritten (it would move the write into a snapshot, which is not replayed)
ROWS = [{"id": f"n{i}", "text": "x" * 200} for i in range(10_000)]
WRITE = "UNWIND $rows AS r CREATE (:N {id: r.id, text: r.text})"
# a read that allocates about 4 MB of strings
BIG_READ = "MATCH (n:N) RETURN size(collect(n.text + n.text)) AS n"


def _cap(server: EmbeddedServer) -> int:
    with server._raw_client() as raw:
        return int(raw.execute_command("GRAPH.CONFIG", "GET", "QUERY_MEM_CAPACITY")[1])


def _client(server: EmbeddedServer) -> EmbeddedClient:
    return EmbeddedClient(server.ensure_running(), graph="t", query_mem_bytes=server.query_mem_bytes)


def test_a_write_accepted_without_the_cap_replays_under_it(data_dir: Path) -> None:
    roomy = EmbeddedServer(data_dir, query_mem_bytes=1 << 40)
    try:
        _client(roomy).write(WRITE, {"rows": ROWS})
    finally:
        roomy.stop()
    capped = EmbeddedServer(data_dir, query_mem_bytes=CAP)
    try:
        client = _client(capped)
        assert client.read("MATCH (n:N) RETURN count(n)").rows == [[len(ROWS)]]
        assert _cap(capped) == CAP
    finally:
        capped.stop()


def test_policykgs_own_queries_run_past_the_cap_and_the_cap_stays(data_dir: Path) -> None:
    server = EmbeddedServer(data_dir, query_mem_bytes=CAP)
    try:
        client = _client(server)
        client.write(WRITE, {"rows": ROWS})
        assert _cap(server) == CAP
        assert client.read(BIG_READ).rows == [[len(ROWS)]]
        # a public read (one with a bound on its result) is held to the cap
        with pytest.raises(QueryError, match="mem consumption exceeded capacity"):
            client.read(BIG_READ, max_bytes=1 << 20)
        assert _cap(server) == CAP
        # a client that is not told the cap does not lift it
        with pytest.raises(QueryError, match="mem consumption exceeded capacity"):
            EmbeddedClient(server.connection(), graph="t").write(WRITE, {"rows": ROWS})
    finally:
        server.stop()
