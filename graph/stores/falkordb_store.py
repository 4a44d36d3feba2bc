"""The embedded default: FalkorDB run by policykg itself on a Unix socket in its data directory."""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from .backend import UNIQUE_IDS, ReadResult, Statement, StoreBackend, schema_indexes
from .embedded_client import DEFAULT_GRAPH, EmbeddedClient
from .errors import GraphNotFound
from .falkordb_server import EmbeddedServer
from .writer_lock import writer_lock


class EmbeddedBackend(StoreBackend):
    kind = "embedded"

    def __init__(self, data_dir: Path, graph: str = DEFAULT_GRAPH, *, query_mem_bytes: int | None = None,
                 engine_threads: int | None = None):
        self.server = EmbeddedServer(data_dir, query_mem_bytes=query_mem_bytes, engine_threads=engine_threads)
        self.client = EmbeddedClient(self.server.ensure_running(), graph, query_mem_bytes=self.server.query_mem_bytes)
        self._schema_ready = False

    def writer_lock(self, what: str):
        return writer_lock(self.server.data_dir, what=what)

    def describe(self) -> str:
        return f"embedded FalkorDB at {self.server.socket_path}"

    def ensure_schema(self) -> None:
        if self._schema_ready:
            return
        # FalkorDB's unique constraints are built asynchronously and need the index anyway; the MERGE on id
        # keeps ids unique, the index makes it fast
        for label in UNIQUE_IDS:
            self.client.create_index(label, "id")
        for label, prop in schema_indexes():
            self.client.create_index(label, prop)
        self._schema_ready = True

    def read(self, query: str, params: Mapping[str, Any], timeout_ms: int, row_cap: int,
             max_bytes: int | None = None) -> ReadResult:
        try:
            return self.client.read(query, params, timeout_ms=timeout_ms, row_cap=row_cap, max_bytes=max_bytes)
        except GraphNotFound:
            # nothing loaded yet: an empty graph answers every read with no rows
            return ReadResult(columns=[], rows=[])

    def write_atomic(self, statements: Sequence[Statement]) -> None:
        self.ensure_schema()
        self.client.write_atomic(statements)

    def clear(self) -> None:
        self.client.delete_graph()
        self._schema_ready = False

    def close(self) -> None:
        pass  # the server keeps running for other policykg processes; `policykg store stop` ends it
