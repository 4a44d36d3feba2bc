"""Choosing a store: Neo4j when it is configured (NEO4J_URI or --store neo4j), the embedded FalkorDB otherwise."""
from __future__ import annotations

import os
from pathlib import Path

from .base import GraphStore

STORE_KINDS = ("auto", "embedded", "neo4j")


def open_store(kind: str = "auto", data_dir: Path | None = None) -> GraphStore:
    if kind not in STORE_KINDS:
        raise ValueError(f"unknown store {kind!r}; choose one of {', '.join(STORE_KINDS)}")
    if kind == "neo4j" or (kind == "auto" and os.environ.get("NEO4J_URI")):
        from .neo4j_store import Neo4jStore

        return Neo4jStore()
    from .falkordb_store import EmbeddedStore

    return EmbeddedStore(data_dir)
