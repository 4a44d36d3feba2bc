"""Low-level client of the embedded FalkorDB server.

Three entry points, by intent:

* ``read``  -- GRAPH.RO_QUERY: the *engine* refuses any write, with a time
  budget and a row cap. Safe for user-supplied Cypher.
* ``write`` -- one statement; FalkorDB applies a single query all-or-nothing.
* ``write_atomic`` -- several statements composed into ONE query (see
  ``compose_atomic``), because FalkorDB has no multi-query transactions:
  MULTI/EXEC runs the other statements even when one fails.

Results are converted to plain Python values so callers never see falkordb
types (the Neo4j backend must be able to return the same shapes).
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Mapping, Sequence
from contextlib import suppress
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import redis
from falkordb import Edge, FalkorDB, Node
from falkordb import Path as GraphPath

from .backend import ReadResult, Statement
from .cypher_text import mentions_load_csv, parameter_names, rename_parameters, returns_rows, strip_statement
from .errors import (
    ConstraintViolation,
    GraphNotFound,
    QueryError,
    QueryRefused,
    QueryTimeout,
    ReadOnlyViolation,
    StoreFailure,
    StoreUnavailable,
)
from .falkordb_server import EmbeddedServer

DEFAULT_GRAPH = "policykg"
DEFAULT_TIMEOUT_MS = 10_000
DEFAULT_ROW_CAP = 10_000
# what one read may hand back: a value's lists are cut at LIST_CAP items (and the result marked truncated)
LIST_CAP = 100_000

# FalkorDB's answer to a query that would pass QUERY_MEM_CAPACITY
_MEMORY_CAP_PASSED = "mem consumption exceeded capacity"

_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


@dataclass(frozen=True)
class WriteResult:
    stats: dict[str, int] = field(default_factory=dict)
    columns: list[str] = field(default_factory=list)
    rows: list[list[Any]] = field(default_factory=list)
    elapsed_ms: float = 0.0


def compose_atomic(statements: Sequence[Statement]) -> tuple[str, dict[str, Any]]:
    """Chain write statements into one query that FalkorDB applies all-or-nothing.

    ``s0 WITH count(*) AS _s0 s1 WITH count(*) AS _s1 s2``: the aggregation
    collapses each statement's rows to exactly one (so the next statement runs
    once, even after a statement that matched nothing) and closes the variable
    scope (so statements may reuse variable names). Parameters are prefixed per
    statement (``$id`` -> ``$s1_id``) so names may repeat across statements.
    Statements must not RETURN: rows could not flow through the chain.

    Chaining with WITH is used rather than ``CALL { } CALL { }`` because
    FalkorDB 4.16 plans a later CALL{} without seeing labels created by an
    earlier one in the same query (its MATCH silently finds nothing).
    """
    parts: list[str] = []
    merged: dict[str, Any] = {}
    for i, (query, params) in enumerate(statements):
        text, names, rows = _statement_shape(query)
        if not text:
            raise ValueError(f"statement {i} is empty")
        if rows:
            raise ValueError(f"statement {i} has a top-level RETURN/UNION; atomic batches take write statements only")
        given = dict(params or {})
        missing = names - given.keys()
        if missing:
            raise ValueError(f"statement {i} uses undefined parameters: {sorted(missing)}")
        prefix = f"s{i}_"
        parts.append(_renamed(text, prefix))
        merged.update({prefix + k: v for k, v in given.items()})
    # Newlines, not spaces: a statement may end with a // comment.
    query = parts[0] if parts else ""
    for i, part in enumerate(parts[1:]):
        query += f"\nWITH count(*) AS _s{i}\n{part}"
    return query, merged


# A load's statements come from a few dozen texts (loading.py: one per label's key set, relationship shape, step),
# written again for every document: each text is scanned once (scanning them char by char took ~2 ms a document,
# a tenth of what the ingest's own process does per document)
@lru_cache(maxsize=4096)
def _statement_shape(query: str) -> tuple[str, frozenset[str], bool]:
    """The statement trimmed, its parameter names, and whether it returns rows."""
    text = strip_statement(query)
    return text, frozenset(parameter_names(text)), bool(text) and returns_rows(text)


@lru_cache(maxsize=16384)
def _renamed(text: str, prefix: str) -> str:
    return rename_parameters(text, prefix)


class EmbeddedClient:
    def __init__(self, db: FalkorDB, graph: str = DEFAULT_GRAPH, *, query_mem_bytes: int | None = None) -> None:
        """``query_mem_bytes``: the server's cap on one query's memory, restored after a query of policykg's own
        that needed more (``_uncapped``); None: such a query fails."""
        self.db = db
        self.graph_name = graph
        self.graph = db.select_graph(graph)
        self.query_mem_bytes = query_mem_bytes

    @classmethod
    def open(cls, data_dir: Path, graph: str = DEFAULT_GRAPH) -> EmbeddedClient:
        """Start (or reuse) the embedded server for ``data_dir`` and connect to it."""
        server = EmbeddedServer(data_dir)
        return cls(server.ensure_running(), graph, query_mem_bytes=server.query_mem_bytes)

    # -- reads --------------------------------------------------------------

    def read(
        self,
        query: str,
        params: Mapping[str, Any] | None = None,
        *,
        timeout_ms: int = DEFAULT_TIMEOUT_MS,
        row_cap: int = DEFAULT_ROW_CAP,
        max_bytes: int | None = None,
    ) -> ReadResult:
        """``max_bytes``: refuse a result bigger than that (the public path; internal reads may be big)."""
        if not isinstance(timeout_ms, int) or timeout_ms <= 0:
            raise ValueError("timeout_ms must be a positive int")
        if not isinstance(row_cap, int) or row_cap < 0:
            raise ValueError("row_cap must be a non-negative int")
        # RO_QUERY lets LOAD CSV through (it is a read to the engine), but it
        # pulls in data from outside the graph, which the read path must not do.
        if mentions_load_csv(query):
            raise ReadOnlyViolation("LOAD CSV is not allowed in read queries", query=query)
        started = time.perf_counter()
        result = self._run(query, params, read_only=True, timeout_ms=timeout_ms, retry_stale=True,
                           ours=max_bytes is None)
        all_rows = result.result_set
        # The public path pushes a LIMIT down (cypher_admission.push_down_limit), so all_rows holds at most
        # one row more than the cap; here the cap and the size bounds apply to every read.
        budget = _Budget(max_bytes, LIST_CAP)
        rows = [[budget.plain(v) for v in row] for row in all_rows[:row_cap]]
        return ReadResult(
            columns=_columns(result),
            rows=rows,
            truncated=len(all_rows) > row_cap or budget.cut,
            elapsed_ms=(time.perf_counter() - started) * 1000,
        )

    def explain(self, query: str, params: Mapping[str, Any] | None = None) -> list[str]:
        """The engine's plan for a query (GRAPH.EXPLAIN), one operation a line, outermost first; nothing runs."""
        try:
            plan = self.graph.explain(query, dict(params) if params else None)
        except redis.ResponseError as exc:
            raise _translate(exc, query, self.graph_name, None) from exc
        return [line for line in str(plan).splitlines() if line.strip()]

    # -- writes -------------------------------------------------------------

    def write(self, query: str, params: Mapping[str, Any] | None = None) -> WriteResult:
        """Run one write statement; FalkorDB applies it entirely or not at all.

        No time budget: FalkorDB does not enforce TIMEOUT on queries that write.
        """
        started = time.perf_counter()
        result = self._run(query, params, read_only=False, ours=True)
        return WriteResult(
            stats=_stats(result),
            columns=_columns(result),
            rows=[[_plain(v) for v in row] for row in result.result_set],
            elapsed_ms=(time.perf_counter() - started) * 1000,
        )

    def write_atomic(self, statements: Sequence[Statement]) -> WriteResult:
        """Apply all statements or none of them, even if the server is killed mid-way."""
        if not statements:
            return WriteResult()
        query, params = compose_atomic(statements)
        return self.write(query, params)

    # -- schema (FalkorDB-specific DDL, idempotent) ---------------------------

    def create_index(self, label: str, prop: str) -> bool:
        """Range index on ``(:label).prop``; False if it already existed."""
        _check_ident(label, prop)
        try:
            self.write(f"CREATE INDEX FOR (n:{label}) ON (n.{prop})")
        except QueryError as exc:
            if "already indexed" in str(exc):
                return False
            raise
        return True

    def create_unique_constraint(self, label: str, prop: str, timeout_s: float = 30.0) -> bool:
        """Unique constraint (needs the range index, created here); False if it existed.

        FalkorDB builds constraints asynchronously; we wait until OPERATIONAL
        so that callers can rely on it right away.
        """
        self.create_index(label, prop)
        try:
            self.db.connection.execute_command(
                "GRAPH.CONSTRAINT", "CREATE", self.graph_name, "UNIQUE", "NODE", label, "PROPERTIES", 1, prop
            )
            created = True
        except redis.ResponseError as exc:
            if "already exists" not in str(exc):
                raise _translate(exc, "GRAPH.CONSTRAINT CREATE", self.graph_name, None) from exc
            created = False
        deadline = time.monotonic() + timeout_s
        while True:
            status = self.read(
                "CALL db.constraints() YIELD type, label, properties, status "
                "WHERE type = 'UNIQUE' AND label = $label AND properties = [$prop] RETURN status",
                {"label": label, "prop": prop},
            ).rows
            if status and status[0][0] == "OPERATIONAL":
                return created
            if status and status[0][0] == "FAILED":
                raise ConstraintViolation(f"unique constraint on :{label}({prop}) failed: existing duplicates")
            if time.monotonic() > deadline:
                raise QueryTimeout(f"unique constraint on :{label}({prop}) not operational after {timeout_s}s")
            time.sleep(0.05)

    # -- housekeeping -------------------------------------------------------

    def graph_exists(self) -> bool:
        return self.graph_name in self.db.list_graphs()

    def delete_graph(self) -> bool:
        if not self.graph_exists():
            return False
        self.graph.delete()
        return True

    # -- internals ----------------------------------------------------------

    def _run(
        self,
        query: str,
        params: Mapping[str, Any] | None,
        *,
        read_only: bool,
        timeout_ms: int | None = None,
        retry_stale: bool = False,
        ours: bool = False,
    ) -> Any:
        """``ours``: policykg's own query (a write, an internal read), run again uncapped if it needs more memory
        than the cap allows."""
        try:
            return self._run_once(query, params, read_only=read_only, timeout_ms=timeout_ms, retry_stale=retry_stale)
        except QueryError as exc:
            if not (ours and self.query_mem_bytes and _MEMORY_CAP_PASSED in str(exc)):
                raise
        return self._uncapped(lambda: self._run_once(query, params, read_only=read_only, timeout_ms=timeout_ms,
                                                     retry_stale=retry_stale))

    def _uncapped(self, run: Callable[[], Any]) -> Any:
        # The cap guards the server against what strangers send (/cypher). What policykg asks itself grows with
        # the store (a relink reads every unit and writes every inferred link in one query) and must not fail
        # for a cap meant for others.
        # The engine refused the query before changing anything; it runs again with the cap lifted for its
        # duration (a public read arriving meanwhile runs uncapped too, held by its time budget and row cap).
        config = self.db.connection
        config.execute_command("GRAPH.CONFIG", "SET", "QUERY_MEM_CAPACITY", 0)
        try:
            return run()
        finally:
            with suppress(redis.RedisError):
                config.execute_command("GRAPH.CONFIG", "SET", "QUERY_MEM_CAPACITY", self.query_mem_bytes)

    def _run_once(
        self,
        query: str,
        params: Mapping[str, Any] | None,
        *,
        read_only: bool,
        timeout_ms: int | None,
        retry_stale: bool,
    ) -> Any:
        # No PING before a write: the pool hands out a connection only after checking its socket (a connection
        # the server closed when it restarted is readable at EOF, so the pool reconnects it), and a server that
        # is gone fails the connect below with a ConnectionError, reported as StoreUnavailable. A round trip
        # per write would cost as much as a small load's work.
        run = self.graph.ro_query if read_only else self.graph.query
        attempts = 2 if retry_stale else 1
        for attempt in range(attempts):
            try:
                return run(query, dict(params) if params else None, timeout=timeout_ms)
            except redis.BusyLoadingError as exc:
                raise StoreUnavailable("the graph server is still loading its data; retry shortly") from exc
            except redis.ConnectionError as exc:
                # A pooled connection goes stale when the server restarts. Only
                # reads are re-sent: a write's reply may be what was lost.
                if attempt + 1 < attempts:
                    continue
                raise StoreUnavailable(f"lost the connection to the graph server: {exc}") from exc
            except redis.TimeoutError as exc:
                raise StoreUnavailable(f"the graph server did not answer in time: {exc}") from exc
            except redis.ResponseError as exc:
                raise _translate(exc, query, self.graph_name, timeout_ms) from exc
        raise AssertionError("unreachable")


def server_failure(exc: redis.ResponseError) -> StoreFailure | None:
    """The server cannot do its job at all (not this query's fault): a disk it cannot write, no memory."""
    msg = str(exc)
    if msg.startswith("MISCONF") or "No space left" in msg:
        return StoreFailure(f"the graph server cannot write to its disk ({msg.splitlines()[0]}); free space or fix "
                            "the data directory's permissions, then run `policykg store stop` and try again")
    if msg.startswith("OOM"):
        return StoreFailure(f"the graph server is out of memory ({msg.splitlines()[0]})")
    return None


def _translate(exc: redis.ResponseError, query: str, graph: str,
               timeout_ms: int | None) -> QueryError | StoreFailure:
    failure = server_failure(exc)
    if failure is not None:
        return failure
    msg = str(exc)
    if "executed only on read-only queries" in msg:
        return ReadOnlyViolation(f"read queries may not modify the graph (engine: {msg})", query=query)
    if "Query timed out" in msg:
        return QueryTimeout(f"query exceeded its {timeout_ms} ms time budget and was aborted", query=query)
    if "constraint violation" in msg:
        return ConstraintViolation(f"constraint violated, nothing was written: {msg}", query=query)
    if "empty key" in msg:
        return GraphNotFound(f"graph {graph!r} does not exist yet (nothing has been written to it)", query=query)
    return QueryError(f"FalkorDB rejected the query: {msg}", query=query)


def _columns(result: Any) -> list[str]:
    return [str(h[1]) for h in (result.header or [])]


_STAT_NAMES = (
    "nodes_created",
    "nodes_deleted",
    "relationships_created",
    "relationships_deleted",
    "properties_set",
    "properties_removed",
    "labels_added",
    "labels_removed",
    "indices_created",
    "indices_deleted",
)


def _stats(result: Any) -> dict[str, int]:
    return {name: int(getattr(result, name) or 0) for name in _STAT_NAMES}


def _plain(value: Any) -> Any:
    """falkordb result values -> JSON-like Python values (dates stay dates)."""
    if isinstance(value, Node):
        return {
            "kind": "node",
            "id": value.id,
            "labels": list(value.labels or []),
            "properties": _plain(value.properties),
        }
    if isinstance(value, Edge):
        return {
            "kind": "relationship",
            "id": value.id,
            "type": value.relation,
            "start": _entity_id(value.src_node),
            "end": _entity_id(value.dest_node),
            "properties": _plain(value.properties),
        }
    if isinstance(value, GraphPath):
        return {
            "kind": "path",
            "nodes": [_plain(n) for n in value.nodes()],
            "relationships": [_plain(e) for e in value.edges()],
        }
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


class _Budget:
    """Converts result values like ``_plain`` while counting their size: long lists are cut, a result over
    the byte budget is refused (a row holding a 20M-item list must not reach a JSON encoder whole)."""

    def __init__(self, max_bytes: int | None, max_items: int) -> None:
        self.left = max_bytes if max_bytes is not None else float("inf")
        self.max_bytes = max_bytes
        self.max_items = max_items
        self.cut = False

    def _spend(self, n: int) -> None:
        self.left -= n
        if self.left < 0:
            raise QueryRefused(f"the result is larger than {self.max_bytes:,} bytes; ask for fewer rows or "
                               "smaller values (LIMIT, fewer columns, size() instead of a whole list)")

    def plain(self, value: Any) -> Any:
        kind = type(value)
        if kind is str:  # most values: answered before the isinstance tests (Mapping's is an ABC check, slow)
            self._spend(len(value))
            return value
        if kind is int or kind is float or kind is bool or value is None:
            self._spend(8)
            return value
        if isinstance(value, (Node, Edge, GraphPath)):
            out = _plain(value)
            self._spend(len(repr(out)))
            return out
        if isinstance(value, Mapping):
            self._spend(16 * len(value))
            return {str(k): self.plain(v) for k, v in value.items()}
        if isinstance(value, list | tuple):
            if len(value) > self.max_items:
                self.cut = True
                value = value[: self.max_items]
            self._spend(8 * len(value))
            return [self.plain(v) for v in value]
        if isinstance(value, str | bytes):
            self._spend(len(value))
        else:
            self._spend(8)
        return value


def _entity_id(ref: Any) -> Any:
    return ref.id if isinstance(ref, Node) else ref


def _check_ident(*names: str) -> None:
    # Labels and property keys cannot be parameters in Cypher, so they are
    # spliced into the text; only plain identifiers may get there.
    for name in names:
        if not _IDENT.match(name):
            raise ValueError(f"not a plain Cypher identifier: {name!r}")
