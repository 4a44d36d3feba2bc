"""What a graph store backend is: read, write atomically, keep a schema, clear, close.

A backend talks to one database engine and knows nothing about documents,
versions or links: that is ``policykg.graph.repository.GraphStore``, which runs
over any backend. The shapes every backend shares live here: the result of a
read, a write statement, and the schema both engines build.
"""
from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from typing import Any

from policykg.graph.model import NODE_LABELS

# one write statement: Cypher text and its parameters
Statement = tuple[str, Mapping[str, Any] | None]

VERSION_LABEL = "DocumentVersion"
# every node label has a unique ``id``; these properties are looked up by value as well
UNIQUE_IDS: tuple[str, ...] = (*NODE_LABELS, VERSION_LABEL)
INDEXES: tuple[tuple[str, str], ...] = (
    ("Task", "doc_id"),
    ("Target", "doc_id"),
    ("Department", "name"),
    (VERSION_LABEL, "doc_id"),
    # an ingest asks whether a file (its bytes) or its text is stored already (GraphStore.current_versions)
    (VERSION_LABEL, "file_hash"),
    (VERSION_LABEL, "content_hash"),
    # a load looks up the documents it refers to and the stubs it replaces by these (graph.stores.loading)
    ("Document", "doc_number"),
    ("Document", "title_key"),
    # the departments a reloaded document named, checked for a clause left at the end of the load
    ("Department", "orphan_check"),
)


@dataclass(frozen=True)
class ReadResult:
    columns: list[str]
    rows: list[list[Any]]
    truncated: bool = False
    elapsed_ms: float = 0.0

    def __iter__(self) -> Iterator[Any]:
        # Lets callers write ``columns, rows = store.read(...)``.
        yield self.columns
        yield self.rows


# what catalog queries (queries/*.cypher) select by value: each such filter parameter has an index here, and
# tests/test_query_plans.py checks that the engine uses it
QUERY_INDEXES: tuple[tuple[str, str], ...] = (
    ("Target", "year"),
    ("Target", "scope"),
    ("Target", "scope_level"),
    ("Target", "owner_task"),  # the targets a led task owns, as a division-of-labour row names it
    ("Document", "doc_number"),
    ("Document", "title"),
    ("Document", "region"),
    ("Department", "region"),
    ("Department", "level"),
    ("Department", "aliases"),  # each name a list holds, for `$name IN d.aliases` (the name resolver)
    ("Industry", "name"),
)


def schema_indexes() -> list[tuple[str, str]]:
    """Every (label, property) index a store keeps besides the unique ids, each once."""
    return list(dict.fromkeys((*INDEXES, *QUERY_INDEXES)))


class StoreBackend(ABC):
    """One database engine, as the repository needs it."""

    kind: str = "abstract"

    @abstractmethod
    def read(self, query: str, params: Mapping[str, Any], timeout_ms: int, row_cap: int,
             max_bytes: int | None = None) -> ReadResult:
        """Run a read in the engine's read-only mode, within the time budget; at most ``row_cap`` rows.

        ``max_bytes``: refuse a result that converts to more than that (public reads; internal ones may be big).
        """

    @abstractmethod
    def write_atomic(self, statements: Sequence[Statement]) -> None:
        """Apply every statement or none of them."""

    @abstractmethod
    def ensure_schema(self) -> None:
        """``UNIQUE_IDS`` and ``schema_indexes()``, created once (idempotent)."""

    @abstractmethod
    def clear(self) -> None:
        """Remove the whole graph."""

    @abstractmethod
    def close(self) -> None: ...

    def describe(self) -> str:
        return self.kind

    def writer_lock(self, what: str) -> AbstractContextManager[None]:
        """Held while a process writes documents (see ``writer_lock``); engines with transactions need none."""
        return nullcontext()
