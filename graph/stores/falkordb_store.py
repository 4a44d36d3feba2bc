"""The embedded default: FalkorDB run by policykg itself on a Unix socket in its data directory."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Mapping, Sequence

from policykg.graph.model import NODE_LABELS

from .base import GraphStore
from .embedded_client import DEFAULT_GRAPH, EmbeddedClient, ReadResult
from .errors import GraphNotFound
from .falkordb_server import EmbeddedServer, default_data_dir
from .loading import VERSION_LABEL, Statement


class EmbeddedStore(GraphStore):
    kind = "embedded"

    def __init__(self, data_dir: Path | None = None, graph: str = DEFAULT_GRAPH):
        self.server = EmbeddedServer(data_dir or default_data_dir())
        self.client = EmbeddedClient(self.server.ensure_running(), graph)
        self._schema_ready = False

    def describe(self) -> str:
        return f"embedded FalkorDB at {self.server.socket_path}"

    def ensure_schema(self) -> None:
        if self._schema_ready:
            return
        for label in NODE_LABELS:
            self.client.create_index(label, "id")
        for label in ("Task", "Target"):
            self.client.create_index(label, "doc_id")
        self.client.create_index("Department", "name")
        for prop in ("id", "doc_id"):  # document versions (see loading: kept beside the current graph)
            self.client.create_index(VERSION_LABEL, prop)
        self._schema_ready = True

    def _read(self, query: str, params: Mapping[str, Any], timeout_ms: int, row_cap: int,
              max_bytes: int | None = None) -> ReadResult:
        try:
            return self.client.read(query, params, timeout_ms=timeout_ms, row_cap=row_cap, max_bytes=max_bytes)
        except GraphNotFound:
            # nothing loaded yet: an empty graph answers every read with no rows
            return ReadResult(columns=[], rows=[])

    def _write_atomic(self, statements: Sequence[Statement]) -> None:
        self.ensure_schema()
        self.client.write_atomic(statements)

    def clear(self) -> None:
        self.client.delete_graph()
        self._schema_ready = False

    def close(self) -> None:
        pass  # the server keeps running for other policykg processes; `policykg store stop` ends it
