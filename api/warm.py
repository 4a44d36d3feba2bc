"""Reading the listings' orders and the graph's counts ahead of the first request after a store change.

The mapping, targets and departments are paged by the key of every row in page order, read once per store
version (``QueryRunner.ordered_keys``), and /stats and the landing page count the graph once per version. At
10,000 documents that read takes seconds, and without this the first request after every load, removal or
relink paid it. A thread watches the store's version (the stamp every write leaves: one read of one node) and,
once the store has kept a version for ``settings.warm_after_ms``, reads the unfiltered listings and the counts
into the runner's caches; the request that comes next finds them there, and one that comes while they are read
waits for that read instead of starting its own, for at most ``settings.listing_wait_ms``: then it is answered in
the order before the change, marked stale (``QueryRunner.page``). It waits for the store to be quiet because a folder's ingest
changes the version every few hundred milliseconds: warming each of those would keep the engine busy reading
listings nobody asks for. Filtered listings are narrower (each filter shape anchors on what it names) and are
read on their first request; the name lists the resolver falls back on are read ahead too.
"""
from __future__ import annotations

import gc
import logging
import threading
import time
from typing import Any

from policykg.queries.catalog import get_query

from .runner import READ_AHEAD, QueryRunner

log = logging.getLogger("policykg.api")

# the whole store's names: an industry filter is checked against its list; a department or a document is found
# through the indexes, and these lists give the suggestions for a name nothing answers to and the documents whose
# title holds part of one
NAME_LISTS = ("document-names", "industry-names", "department-names")

# how often the warmed listings are looked up again while the store does not change
REFRESH_S = 10.0


class ListingWarmer:
    def __init__(self, runner: QueryRunner, *, quiet_s: float) -> None:
        self.runner = runner
        self.quiet_s = quiet_s
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.warmed: Any = None  # the store version last read ahead (tests wait for it)

    def start(self) -> None:
        self._thread = threading.Thread(target=self._watch, name="policykg-warm", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=30)

    def ready(self) -> bool:
        """Are the warmed listings read for the store's current version?"""
        return self.warmed is not None and self.warmed == self.runner.store_version()

    def warm(self) -> None:
        """Read every warmed listing's order, the graph's counts and the name lists into the runner's caches."""
        self.runner.graph_counts()
        for name, filters in READ_AHEAD:
            if self._stop.is_set():
                return
            self.runner.ordered_keys(get_query(name), filters)
        for name in NAME_LISTS:
            if self._stop.is_set():
                return
            self.runner.name_list(name)

    def _watch(self) -> None:
        seen: Any = None
        since = warmed_at = 0.0
        first = True
        while not self._stop.wait(0 if first else min(self.quiet_s, 1.0)):
            try:
                version = self.runner.store_version()
                now = time.monotonic()
                if version != seen:
                    seen, since = version, now
                # at start the store is taken as quiet: the server is new, not in the middle of a change. Read
                # again now and then for the same version: the listings' orders are kept, but the counts and the
                # name lists share a cache with every page's total and may have been pushed out (a lookup of one
                # still there costs a read of the version)
                due = version != self.warmed and (first or now - since >= self.quiet_s)
                if due or (version == self.warmed and now - warmed_at >= REFRESH_S):
                    self.warm()
                    self.warmed, warmed_at = version, time.monotonic()
                    if due:
                        keep_out_of_collections()
            except Exception as exc:  # noqa: BLE001 - a store that is down or slow: requests say so; try later
                log.debug("reading the listings ahead failed: %s", exc)
            first = False


def keep_out_of_collections() -> None:
    """What was just read ahead lives until the next store change, and each full collection walked all of it (about
    200 ms at 100,000 documents, which the slowest requests waited for): collected once now, then frozen. Frozen
    lists are still freed by their reference counts when the next version replaces them (they hold no cycles)."""
    gc.collect()
    gc.freeze()
