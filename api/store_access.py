"""Which graph store the API reads, opened lazily and reopened after it went away.

The app is created before the store may be reachable (a Neo4j container still
starting, an embedded server that has to be launched), so the store is opened
on first use and a failure answers 503 instead of killing the service. A
store handed in by the caller (tests, `policykg serve`) is used as is; one the
holder opened itself is dropped after it stopped answering, so the next
request opens it again (for the embedded store that restarts its server).
"""
from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from policykg.graph.repository import GraphStore
from policykg.graph.stores.errors import ServerNotRunning, ServerStartError, StoreError, StoreUnavailable

from .problems import ApiProblem, public_reason

log = logging.getLogger("policykg.api")

LOST = (StoreUnavailable, ServerNotRunning, ServerStartError)


class StoreHolder:
    def __init__(self, store: GraphStore | None = None, factory: Callable[[], GraphStore] | None = None):
        if store is None and factory is None:
            raise ValueError("a store or a way to open one is needed")
        self._store = store
        self._factory = None if store is not None else factory
        self._lock = threading.Lock()

    def get(self) -> GraphStore:
        store = self._store
        if store is not None:
            return store
        with self._lock:
            if self._store is None:
                try:
                    self._store = self._factory()  # type: ignore[misc]
                except StoreError as exc:
                    log.warning("the graph store cannot be opened: %s", exc)
                    raise ApiProblem(503, f"the graph store cannot be opened: {public_reason(exc)}",
                                     headers={"Retry-After": "5"}) from exc
                log.info("graph store opened: %s", self._store.describe())
            return self._store

    def lost(self, store: GraphStore, exc: StoreError) -> None:
        """The store stopped answering: forget it (if we opened it) so that the next request reopens it."""
        if self._factory is None or not isinstance(exc, LOST):
            return
        with self._lock:
            if self._store is store:
                log.warning("graph store lost (%s); it is reopened on the next request", exc)
                self._store = None
        try:
            store.close()
        except Exception:  # noqa: BLE001 - closing a dead connection may fail in any way
            pass

    def describe(self) -> str:
        return self._store.describe() if self._store is not None else "not opened yet"

    def close(self) -> None:
        """Close the store if the holder opened it; a store handed in belongs to whoever handed it in."""
        with self._lock:
            if self._factory is not None and self._store is not None:
                self._store.close()
                self._store = None
