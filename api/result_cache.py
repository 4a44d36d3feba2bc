"""Catalog results computed once per store version, shared by concurrent requests.

The landing page and the analytics read the whole graph (9-12 s on 605
documents); six browsers asking at once ran six copies and starved the
rest. Results are kept per store version (a fingerprint: the token every
write stamps on the store and the graph's size, read with every lookup:
three reads of one node or the engines' counters) and a result being
computed is waited for, not computed again.
"""
from __future__ import annotations

import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any

from policykg.graph.repository import STORE_VERSION

log = logging.getLogger("policykg.api")

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
    started: float = field(default_factory=time.monotonic)
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
            if entry is not None and self._current(entry, version, now):
                self._entries.move_to_end(key)
                return entry.value
            flight = self._flights.get((key, version))
            owner = flight is None
            if flight is None:
                flight = self._flights[(key, version)] = _Flight()
        if owner:
            self._fill(key, version, flight, compute, now)
        else:
            flight.done.wait()
        if flight.error is not None:
            raise flight.error
        return flight.value

    def get_or_previous(self, key: Hashable, compute: Callable[[], Any], *, wait_s: float) -> tuple[Any, bool]:
        """``get``, except when the value kept is an earlier version's and the current one takes longer than
        ``wait_s`` (from when its computation began): then the earlier value, while the current one is computed in
        the background. Returns the value and whether it is the earlier one.

        A listing's order at 100,000 documents takes up to a minute to read again after a store change; a page
        waited for it. One refresh of a key runs at a time: a folder's ingest changes the version every few hundred
        milliseconds, and each page asked meanwhile would start another minute-long read."""
        version = self._version()
        now = time.monotonic()
        start = False
        with self._lock:
            previous = self._entries.get(key)
            if previous is None:
                flight = None
            elif self._current(previous, version, now):
                self._entries.move_to_end(key)
                return previous.value, False
            else:
                flight = self._flights.get((key, version))
                if flight is None:
                    if any(k == key for k, _ in self._flights):  # an earlier version's refresh is still running
                        return previous.value, True
                    flight = self._flights[(key, version)] = _Flight()
                    start = True
        if flight is None or previous is None:  # nothing kept to answer meanwhile: wait, as get does
            return self.get(key, compute), False
        if start:
            threading.Thread(target=self._refresh, args=(key, version, flight, compute, now),
                             name="policykg-refresh", daemon=True).start()
        # the wait counts from when the value began to be computed: the first request after a change waits at most
        # wait_s, those after it no longer than what is left of it
        if flight.done.wait(max(0.0, flight.started + wait_s - time.monotonic())):
            if flight.error is not None:
                raise flight.error
            return flight.value, False
        return previous.value, True

    def _current(self, entry: _Entry, version: Any, now: float) -> bool:
        return entry.version == version and (self.max_age_s is None or now - entry.at < self.max_age_s)

    def _refresh(self, key: Hashable, version: Any, flight: _Flight, compute: Callable[[], Any], now: float) -> None:
        self._fill(key, version, flight, compute, now)
        if flight.error is not None:  # those who waited were told; one that gave up waiting was answered the earlier value
            log.warning("reading %r for the store's new version failed: %s", key, flight.error)

    def _fill(self, key: Hashable, version: Any, flight: _Flight, compute: Callable[[], Any], now: float) -> None:
        """Compute the flight's value (or its error) and keep it; those waiting for the flight are woken."""
        try:
            flight.value = compute()
        except BaseException as exc:  # noqa: BLE001 - handed to whoever waits for the flight
            flight.error = exc
        finally:
            with self._lock:
                self._flights.pop((key, version), None)
                kept = self._entries.get(key)
                # (a value asked for later, of a later version, may be kept already: a slow refresh must not put an
                # earlier version back in its place)
                if flight.error is None and (kept is None or kept.at <= now):
                    self._entries[key] = _Entry(version, flight.value, now)
                    self._entries.move_to_end(key)
                    evictable = [k for k in self._entries if not self._kept(k)]  # oldest first
                    for k in evictable[:max(0, len(evictable) - self.max_entries)]:
                        del self._entries[k]
            flight.done.set()

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
