"""What every graph store offers, and the loading logic they share.

A store runs parameterised read queries (read-only, with a time budget and a
row cap), loads documents one at a time all-or-nothing, reports counts, and
closes. The two stores differ only in how they run a read and how they apply
a batch of write statements atomically.
"""
from __future__ import annotations

import os
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import Any, Mapping, Sequence

from graph.build import titles_of, build_graph, document_id, document_key
from graph.model import NODE_LABELS
from ingest.records import ExtractedDocument

from .cypher_guard import refuse_writes
from .embedded_client import ReadResult
from .loading import Statement, document_removal, document_statements

DEFAULT_TIMEOUT_MS = int(os.environ.get("POLICYKG_QUERY_TIMEOUT_MS", "10000"))
DEFAULT_ROW_CAP = int(os.environ.get("POLICYKG_ROW_CAP", "10000"))


@dataclass
class LoadReport:
    document_id: str
    nodes: int
    relationships: int
    statements: int
    replaced: bool  # a previous version of the document was in the store


@dataclass
class StoreCounts:
    nodes: dict[str, int] = field(default_factory=dict)
    relationships: dict[str, int] = field(default_factory=dict)

    @property
    def total_nodes(self) -> int:
        return sum(self.nodes.values())

    @property
    def total_relationships(self) -> int:
        return sum(self.relationships.values())


class GraphStore(ABC):
    kind: str = "abstract"

    # -- what a backend provides -------------------------------------------------
    @abstractmethod
    def _read(self, query: str, params: Mapping[str, Any], timeout_ms: int, row_cap: int) -> ReadResult: ...

    @abstractmethod
    def _write_atomic(self, statements: Sequence[Statement]) -> None: ...

    @abstractmethod
    def ensure_schema(self) -> None:
        """Indexes (and, where the engine has them, uniqueness constraints) on every label's id."""

    @abstractmethod
    def close(self) -> None: ...

    def describe(self) -> str:
        return self.kind

    # -- shared behaviour -----------------------------------------------------------
    def read(self, query: str, params: Mapping[str, Any] | None = None, *, timeout_ms: int | None = None,
             row_cap: int | None = None) -> ReadResult:
        """A read-only query: writes are refused, the time budget and row cap always apply."""
        refuse_writes(query)
        return self._read(query, dict(params or {}), timeout_ms or DEFAULT_TIMEOUT_MS,
                          DEFAULT_ROW_CAP if row_cap is None else row_cap)

    def rows(self, query: str, params: Mapping[str, Any] | None = None, **kw) -> list[dict[str, Any]]:
        result = self.read(query, params, **kw)
        return [dict(zip(result.columns, row)) for row in result.rows]

    def known_documents(self) -> list[tuple[str, str | None, str | None]]:
        rows = self.rows("MATCH (d:Document) WHERE NOT coalesce(d.stub, false) "
                         "RETURN d.id AS id, d.doc_number AS number, d.title AS title", row_cap=1_000_000)
        return [(r["id"][len("doc:"):], r["number"], r["title"]) for r in rows]

    def load_document(self, doc: ExtractedDocument) -> LoadReport:
        """Put one document in the store, replacing its previous version; all or nothing."""
        key = document_key(doc)
        did = document_id(key)
        known = [k for k in self.known_documents() if k[0] != key]
        replaced = any(True for _ in self.rows("MATCH (d:Document {id: $id}) WHERE NOT coalesce(d.stub, false) "
                                               "RETURN d.id AS id", {"id": did}))
        subgraph = build_graph([doc], known_documents=known)
        statements = document_statements(subgraph, did, doc.document.doc_number, titles_of(doc.document.title))
        self._write_atomic(statements)
        return LoadReport(did, len(subgraph.nodes), len(subgraph.edges), len(statements), replaced)

    def remove_document(self, doc_id: str) -> None:
        self._write_atomic(document_removal(doc_id))

    def counts(self) -> StoreCounts:
        counts = StoreCounts()
        for label in NODE_LABELS:
            rows = self.rows(f"MATCH (n:{label}) RETURN count(n) AS n")
            if rows and rows[0]["n"]:
                counts.nodes[label] = rows[0]["n"]
        for row in self.rows("MATCH ()-[r]->() RETURN type(r) AS type, count(r) AS n"):
            counts.relationships[row["type"]] = row["n"]
        counts.relationships = dict(sorted(counts.relationships.items()))
        return counts

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()
