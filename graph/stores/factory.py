"""Choosing a store: Neo4j when the settings name one (NEO4J_URI or --store neo4j), the embedded FalkorDB otherwise."""
from __future__ import annotations

from policykg.errors import ConfigurationError
from policykg.graph.repository import GraphStore
from policykg.settings import Neo4jConnection, Settings


def open_store(settings: Settings) -> GraphStore:
    return GraphStore(open_backend(settings), timeout_ms=settings.query_timeout_ms, row_cap=settings.row_cap,
                      result_bytes=settings.result_bytes, relink_budget=settings.relink_budget)


def open_backend(settings: Settings):
    if settings.uses_neo4j:
        from .neo4j_store import Neo4jBackend

        if settings.neo4j is None and settings.store_kind == "neo4j":
            raise ConfigurationError("--store neo4j needs NEO4J_URI (and NEO4J_USER, NEO4J_PASSWORD)")
        return Neo4jBackend(settings.neo4j or Neo4jConnection())
    from .falkordb_store import EmbeddedBackend

    return EmbeddedBackend(settings.resolved_data_dir(), query_mem_bytes=settings.query_mem_bytes,
                           engine_threads=settings.engine_threads or None)


def embedded_store(data_dir, graph: str | None = None) -> GraphStore:
    """The embedded store of ``data_dir`` with the default budgets (tests, benchmarks, one-off scripts)."""
    from .falkordb_store import EmbeddedBackend

    return GraphStore(EmbeddedBackend(data_dir) if graph is None else EmbeddedBackend(data_dir, graph))
