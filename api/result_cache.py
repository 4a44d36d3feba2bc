"""Catalog results computed once per store version, shared by concurrent requests.

The landing page and the analytics read the whole graph (9-12 s on 605
documents); six browsers asking at once ran six copies and starved the
rest. Results are kept per store version (a fingerprint: the token every
write stamps on the store and the graph's size, read with every lookup:
three reads of one node or the engines' counters) and a result being
computed is waited for, not computed again.
"""
from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any

from policykg.graph.repository import STORE_VERSION

# the store's version: the token every write stamps on the store (graph.repository.STORE_STAMP: a load, a removal,
# a relink), then its size for a store no write of this policykg has stamped yet. Three statements, not one: each
# is answered from one node or from the engine's counters (FalkorDB and Neo4j alike) without a scan; joined in one
# statement they made FalkorDB scan the whole graph on every cached lookup
FINGERPRINT: tuple[str, ...] = (
    STORE_VERSION,
    "MATCH (n) RETURN count(n) AS nodes",
    "MATCH ()-[r]->() RETURN count(r) AS relationships",
)


@dataclass
class _Entry:
    version: Any
    value: Any
    at: float


@dataclass
class _Flight:
    done: threading.Event = field(default_factory=threading.Event)
    value: Any = None
    error: BaseException | None = None


class VersionedCache:
    def __init__(self, version: Callable[[], Any], *, max_entries: int = 256, max_age_s: float | None = None,
                 kept: Callable[[Hashable], bool] | None = None) -> None:
        self._version = version
        # keys never evicted and not counted in max_entries (the listings read ahead: another entry pushing one
        # out would have it read again, seconds of engine time on a big store, while requests wait behind it)
        self._kept = kept or (lambda key: False)
        self._entries: OrderedDict[Hashable, _Entry] = OrderedDict()
        self._flights: dict[tuple[Hashable, Any], _Flight] = {}
        self._lock = threading.Lock()
        self.max_entries = max_entries
        self.max_age_s = max_age_s  # an optional bound on an entry's age; the fingerprint sees every write

    def get(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        version = self._version()
        now = time.monotonic()
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None and entry.version == version and (self.max_age_s is None or now - entry.at < self.max_age_s):
                self._entries.move_to_end(key)
                return entry.value
            flight = self._flights.get((key, version))
            owner = flight is None
            if flight is None:
                flight = self._flights[(key, version)] = _Flight()
        if not owner:
            flight.done.wait()
            if flight.error is not None:
                raise flight.error
            return flight.value
        try:
            flight.value = compute()
        except BaseException as exc:
            flight.error = exc
            raise
        finally:
            with self._lock:
                self._flights.pop((key, version), None)
                if flight.error is None:
                    self._entries[key] = _Entry(version, flight.value, now)
                    self._entries.move_to_end(key)
                    evictable = [k for k in self._entries if not self._kept(k)]  # oldest first
                    for k in evictable[:max(0, len(evictable) - self.max_entries)]:
                        del self._entries[k]
            flight.done.set()
        return flight.value

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
