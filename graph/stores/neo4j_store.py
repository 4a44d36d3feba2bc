"""Neo4j 5 through the official driver, for teams (docker compose up).

Reads run in ``execute_read`` (a read transaction: the server itself refuses
writes) with a per-query timeout; loading runs every statement of a document
in one ``execute_write`` transaction, which the driver retries on transient
errors, so a document is in the store whole or not at all.
"""
from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from typing import Any

from policykg.settings import Neo4jConnection

from .backend import UNIQUE_IDS, ReadResult, Statement, StoreBackend, schema_indexes
from .errors import QueryError, QueryTimeout, ReadOnlyViolation, StoreUnavailable


class Neo4jBackend(StoreBackend):
    kind = "neo4j"

    def __init__(self, connection: Neo4jConnection):
        import neo4j

        self._neo4j = neo4j
        self.uri = connection.uri
        self.database = connection.database
        self.driver = neo4j.GraphDatabase.driver(self.uri, auth=(connection.user, connection.password))
        try:
            self.driver.verify_connectivity()
        except Exception as exc:  # the driver raises several kinds; all mean "not reachable"
            self.driver.close()
            raise StoreUnavailable(f"cannot reach Neo4j at {self.uri}: {exc}") from exc
        self._schema_ready = False

    def describe(self) -> str:
        return f"Neo4j at {self.uri} (database {self.database})"

    def ensure_schema(self) -> None:
        if self._schema_ready:
            return
        with self.driver.session(database=self.database) as session:
            for label in UNIQUE_IDS:
                session.run(f"CREATE CONSTRAINT {label.lower()}_id IF NOT EXISTS FOR (n:{label}) REQUIRE n.id IS UNIQUE")
            for label, prop in schema_indexes():
                session.run(f"CREATE INDEX {label.lower()}_{prop} IF NOT EXISTS FOR (n:{label}) ON (n.{prop})")
        self._schema_ready = True

    def read(self, query: str, params: Mapping[str, Any], timeout_ms: int, row_cap: int,
             max_bytes: int | None = None) -> ReadResult:
        # rows are streamed and cut at the cap; max_bytes is the embedded client's concern (it parses whole replies)
        neo4j = self._neo4j
        started = time.perf_counter()

        def work(tx):
            result = tx.run(neo4j.Query(query, timeout=timeout_ms / 1000), dict(params))
            columns = list(result.keys())
            rows, truncated = [], False
            for record in result:
                if len(rows) >= row_cap:
                    truncated = True
                    break
                rows.append([_plain(v) for v in record.values()])
            result.consume()
            return columns, rows, truncated

        try:
            with self.driver.session(database=self.database, default_access_mode=neo4j.READ_ACCESS) as session:
                columns, rows, truncated = session.execute_read(work)
        except neo4j.exceptions.ClientError as exc:
            code = exc.code or ""
            if "AccessMode" in code or "Forbidden" in code:
                raise ReadOnlyViolation(f"read-only: {exc.message}", query=query) from exc
            if "TransactionTimedOut" in code or "Timeout" in code:
                raise QueryTimeout(f"query exceeded its {timeout_ms} ms time budget and was aborted", query=query) from exc
            raise QueryError(f"Neo4j rejected the query: {exc.message}", query=query) from exc
        except neo4j.exceptions.ServiceUnavailable as exc:
            raise StoreUnavailable(f"Neo4j at {self.uri} is not reachable: {exc}") from exc
        return ReadResult(columns=columns, rows=rows, truncated=truncated,
                          elapsed_ms=(time.perf_counter() - started) * 1000)

    def write_atomic(self, statements: Sequence[Statement]) -> None:
        self.ensure_schema()

        def work(tx):
            for query, params in statements:
                tx.run(query, params).consume()

        with self.driver.session(database=self.database) as session:
            session.execute_write(work)

    def clear(self) -> None:
        with self.driver.session(database=self.database) as session:
            session.run("MATCH (n) DETACH DELETE n").consume()

    def close(self) -> None:
        self.driver.close()


def _plain(value: Any) -> Any:
    """Driver values as plain Python: nodes and relationships become dicts of their properties."""
    if hasattr(value, "items") and hasattr(value, "element_id"):
        return dict(value.items())
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if hasattr(value, "iso_format"):
        return value.iso_format()
    return value
