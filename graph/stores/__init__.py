"""Graph store backends: the embedded FalkorDB (default) and Neo4j, behind ``backend.StoreBackend``."""

from .backend import ReadResult, Statement, StoreBackend
from .embedded_client import EmbeddedClient, WriteResult, compose_atomic
from .errors import (
    ConstraintViolation,
    GraphNotFound,
    QueryError,
    QueryTimeout,
    ReadOnlyViolation,
    ServerNotRunning,
    ServerStartError,
    StoreError,
    StoreUnavailable,
)
from .falkordb_server import EmbeddedServer

__all__ = [
    "ConstraintViolation",
    "EmbeddedClient",
    "EmbeddedServer",
    "GraphNotFound",
    "QueryError",
    "QueryTimeout",
    "ReadOnlyViolation",
    "ReadResult",
    "Statement",
    "StoreBackend",
    "ServerNotRunning",
    "ServerStartError",
    "StoreError",
    "StoreUnavailable",
    "WriteResult",
    "compose_atomic",
]
