"""The Neo4j backend turns the driver's errors into policykg's store errors (a mocked driver: no server needed)."""
from __future__ import annotations

import neo4j
import pytest
from neo4j.exceptions import Neo4jError, ServiceUnavailable

from policykg.graph.stores.errors import QueryError, QueryTimeout, ReadOnlyViolation, StoreError, StoreUnavailable
from policykg.graph.stores.neo4j_store import Neo4jBackend
from policykg.settings import Neo4jConnection


class _Session:
    def __init__(self, error: Exception) -> None:
        self.error = error

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        return None

    def execute_read(self, work):
        raise self.error


class _Driver:
    def __init__(self, error: Exception | None = None, unreachable: bool = False) -> None:
        self.error, self.unreachable, self.closed = error, unreachable, False

    def verify_connectivity(self) -> None:
        if self.unreachable:
            raise ServiceUnavailable("Couldn't connect to db:7687")

    def session(self, **kw):
        return _Session(self.error)

    def close(self) -> None:
        self.closed = True


def _backend(monkeypatch, driver: _Driver) -> Neo4jBackend:
    monkeypatch.setattr(neo4j.GraphDatabase, "driver", lambda uri, auth: driver)
    return Neo4jBackend(Neo4jConnection(uri="bolt://db:7687", password="pw"))


def _server_error(code: str, message: str) -> Neo4jError:
    # how the driver builds an error from the server's FAILURE message
    return Neo4jError._hydrate_neo4j(code=code, message=message)


@pytest.mark.parametrize("code, kind", [
    ("Neo.ClientError.Statement.AccessMode", ReadOnlyViolation),
    ("Neo.ClientError.Security.Forbidden", ReadOnlyViolation),
    ("Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration", QueryTimeout),
    ("Neo.ClientError.Statement.SyntaxError", QueryError),
])
def test_server_refusals_become_store_errors(monkeypatch, code, kind):
    backend = _backend(monkeypatch, _Driver(_server_error(code, "refused")))
    with pytest.raises(kind) as caught:
        backend.read("MATCH (n) RETURN n", {}, 1000, 10)
    assert caught.value.query == "MATCH (n) RETURN n"
    if kind is QueryTimeout:
        assert "1000 ms" in str(caught.value)


def test_a_lost_server_is_unavailable_not_a_query_error(monkeypatch):
    backend = _backend(monkeypatch, _Driver(ServiceUnavailable("connection reset")))
    with pytest.raises(StoreUnavailable, match="bolt://db:7687"):
        backend.read("RETURN 1", {}, 1000, 10)


def test_an_unreachable_server_is_reported_at_once_and_the_driver_closed(monkeypatch):
    driver = _Driver(unreachable=True)
    with pytest.raises(StoreError, match="cannot reach Neo4j at bolt://db:7687"):
        _backend(monkeypatch, driver)
    assert driver.closed
