"""Exceptions raised by the graph stores.

Callers (CLI, API) catch these instead of redis/falkordb exceptions so that the
backend can change (FalkorDB embedded today, Neo4j later) without touching them.
"""

from __future__ import annotations

from policykg.errors import PolicyKGError


class StoreError(PolicyKGError):
    """Base class for every store failure."""


class ServerStartError(StoreError):
    """The embedded server could not be started; the message carries the log tail."""


class ServerNotRunning(StoreError):
    """An operation needed a running server and there is none."""


class StoreUnavailable(StoreError):
    """The server stopped answering in the middle of an operation."""


class StoreFailure(StoreError):
    """The server answers but cannot do its job: it cannot write to disk (MISCONF: disk full, no permission)
    or is out of memory. Every later write fails the same way, so a run stops at the first one."""


class QueryError(StoreError):
    """The engine rejected or failed a query (syntax, runtime, constraint...)."""

    def __init__(self, message: str, *, query: str | None = None) -> None:
        super().__init__(message)
        self.query = query


class ReadOnlyViolation(QueryError):
    """A query sent through the read path tried to modify the graph or load data."""


class QueryRefused(QueryError):
    """A query from outside was refused before or after the engine: it could hold the store or the client too long."""


class QueryTimeout(QueryError):
    """A read query ran longer than its time budget and was aborted by the engine."""


class ConstraintViolation(QueryError):
    """A write broke a unique/mandatory constraint; nothing of it was applied."""


class GraphNotFound(QueryError):
    """The graph has never been written to, so there is nothing to read."""
