"""Graph store backends. Only the embedded FalkorDB store exists so far."""

from .embedded_client import EmbeddedClient, ReadResult, WriteResult, compose_atomic
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
from .falkordb_server import EmbeddedServer, default_data_dir

__all__ = [
    "ConstraintViolation",
    "EmbeddedClient",
    "EmbeddedServer",
    "GraphNotFound",
    "QueryError",
    "QueryTimeout",
    "ReadOnlyViolation",
    "ReadResult",
    "ServerNotRunning",
    "ServerStartError",
    "StoreError",
    "StoreUnavailable",
    "WriteResult",
    "compose_atomic",
    "default_data_dir",
]
