"""Running catalog queries for the routers: bound parameters, the configured budget, paging, error mapping.

Every read endpoint goes through ``QueryRunner.rows`` or ``QueryRunner.page``
with the name of a query in queries/*.cypher, so `policykg query NAME` gives
the same answer as the endpoint.
"""
from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from policykg.graph.repository import StoreCounts
from policykg.graph.stores.backend import ReadResult
from policykg.graph.stores.errors import QueryError, QueryRefused, QueryTimeout, ReadOnlyViolation, StoreError
from policykg.queries.catalog import CatalogError, CatalogQuery, get_query
from policykg.queries.resolve import AmbiguousName, Resolver, UnknownName, needs_resolving
from policykg.settings import Settings

from .problems import ApiProblem
from .result_cache import FINGERPRINT, VersionedCache
from .store_access import StoreHolder

# where a client finds the names it may use, said after an unknown one
LISTS = {"department": "; GET /departments lists them", "document": "; GET /documents lists them",
         "industry": "; GET /industries lists them", "task": "; GET /search?q= finds tasks by their words"}
DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 1000
MAX_OFFSET = 1_000_000
# the name lists the resolver reads (every department, document, industry): whole, whatever the answers' row cap
NAME_LIST_CAP = 10_000_000
# the listings read ahead after every store change (api/warm.py) and kept whatever filtered listings come after:
# each paged listing without a filter (what a first visit asks for), and the two ownership filters, which read
# every target (the others anchor on what they name)
READ_AHEAD: tuple[tuple[str, Mapping[str, Any]], ...] = (
    ("province-to-city-mapping", {}),
    ("targets", {}),
    ("departments", {}),
    ("documents", {}),
    ("targets", {"owned": True}),
    ("targets", {"owned": False}),
)
# filtered listings' orders kept besides those: few, each a listing long
FILTERED_ORDERS = 8


class ClientGone(Exception):
    """The client closed its connection; nobody is waiting for the answer."""


@dataclass
class PageResult:
    items: list[dict[str, Any]]
    total: int
    offset: int
    limit: int
    truncated: bool = False
    stale: bool = False  # in the order of the listing before the store's last change (QueryRunner.page)


def check_text(name: str, value: str) -> str:
    """Refuse text the store cannot take: NUL ends FalkorDB's parameter header, lone surrogates are not UTF-8."""
    if "\x00" in value:
        raise ApiProblem(422, f"{name} contains a NUL character")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ApiProblem(422, f"{name} is not valid Unicode text (an unpaired surrogate)") from exc
    return value


class QueryRunner:
    def __init__(self, holder: StoreHolder, settings: Settings):
        self.holder = holder
        self.settings = settings
        self._cypher_lanes = threading.BoundedSemaphore(settings.cypher_lanes)
        self.cache = VersionedCache(self._store_version)
        # the keys of whole listings in page order (queries read by key): few, each a listing long (the mapping's
        # 100k links of a 10k-document store hold about 30 MB of keys)
        self._read_ahead = {self._order_key(get_query(name), filters) for name, filters in READ_AHEAD}
        self.orders = VersionedCache(self._store_version, max_entries=FILTERED_ORDERS, kept=self._read_ahead.__contains__)
        # the listings read ahead are each a sort of a whole label: read one at a time. After a change at 100,000
        # documents six of them at once (the warmer's, and the pages' refreshes) held every engine thread for a
        # minute, and /healthz and every page's rows queued behind them
        self._whole_listing_lane = threading.Lock()

    def store_version(self) -> tuple:
        """What the caches are kept against: the store's version stamp and size (``result_cache.FINGERPRINT``)."""
        return self._store_version()

    def _store_version(self) -> tuple:
        store = self.holder.get()
        version: list[Any] = [id(store)]
        try:
            for statement in FINGERPRINT:
                result = store.read(statement, {}, timeout_ms=self.settings.query_timeout_ms, row_cap=1)
                version.extend(result.rows[0] if result.rows else ())
        except StoreError as exc:
            self.holder.lost(store, exc)
            raise
        return tuple(version)

    def cached(self, key: tuple, compute: Callable[[], Any]) -> Any:
        """``compute()`` once per store version for ``key`` (heavy pages: the landing page, the analytics)."""
        return self.cache.get(key, compute)

    def graph_counts(self) -> StoreCounts:
        """Nodes by label and relationships by type (GET /stats, the landing page), kept per store version: the
        engine's own count of each label and type (what the catalog query `graph-counts` gives, without reading
        every node)."""
        def count() -> StoreCounts:
            store = self.holder.get()
            try:
                return store.graph_counts()
            except StoreError as exc:
                self.holder.lost(store, exc)
                raise

        return self.cached(("graph-counts",), count)

    # -- raw reads (POST /cypher) -------------------------------------------------
    def read(self, text: str, params: Mapping[str, Any], *, timeout_ms: int, row_cap: int,
             client_gone: Callable[[], bool] | None = None) -> ReadResult:
        """Cypher from a client: admitted by the store, run in its own lane, waiting counted in its budget.

        A client that leaves while its query waits for a lane takes the query with it; once the engine runs
        it, only its time budget ends it (FalkorDB cannot kill a running query).
        """
        started = time.monotonic()
        deadline = started + timeout_ms / 1000
        while not self._cypher_lanes.acquire(timeout=min(0.1, max(deadline - time.monotonic(), 0))):
            if time.monotonic() >= deadline:
                raise QueryTimeout(f"the query waited its whole {timeout_ms} ms time budget for one of the "
                                   f"{self.settings.cypher_lanes} Cypher lanes (other queries hold them)")
            if client_gone is not None and client_gone():
                raise ClientGone("the client left while its query waited for a Cypher lane")
        try:
            left = timeout_ms - int((time.monotonic() - started) * 1000)
            if left <= 0:
                raise QueryTimeout(f"the query spent its {timeout_ms} ms time budget waiting for a Cypher lane")
            store = self.holder.get()
            try:
                return store.read_public(text, params, timeout_ms=left, row_cap=row_cap)
            except StoreError as exc:
                self.holder.lost(store, exc)
                raise
        finally:
            self._cypher_lanes.release()

    def ping(self, *, timeout_ms: int):
        """The store answers a trivial read (GET /healthz), outside the Cypher lanes: it answers while they are full."""
        store = self.holder.get()
        try:
            store.read("RETURN 1 AS ok", {}, timeout_ms=timeout_ms, row_cap=1)
        except StoreError as exc:
            self.holder.lost(store, exc)
            raise
        return store

    # -- names ------------------------------------------------------------------
    def resolver(self) -> Resolver:
        """The shared name resolver (queries/resolve.py) over this store; internal queries run unresolved."""
        def raw(name: str, params: dict[str, Any]) -> list[dict[str, Any]]:
            if not params:
                return self.name_list(name)
            result, rows = self._run(get_query(name), dict(params), resolve=False)
            return rows

        return Resolver.for_data(raw, self.settings.resolved_data_dir())

    def name_list(self, name: str) -> list[dict[str, Any]]:
        """A whole-store name list the resolver reads (department-names, document-names, industry-names): kept per
        store version, not read on every request; whole, not cut at the row cap that bounds an answer (past it,
        names would be "unknown")."""
        return self.cached(("names", name),
                           lambda: self._run(get_query(name), {}, resolve=False, row_cap=NAME_LIST_CAP)[1])

    # -- catalog queries --------------------------------------------------------
    def rows(self, name: str, params: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
        result, _ = self._run(get_query(name), dict(params or {}))
        return [dict(zip(result.columns, row)) for row in result.rows]

    def cached_rows(self, name: str, params: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
        """``rows`` kept per store version: for the whole-graph queries behind the heavy pages."""
        key = ("rows", name, tuple(sorted((k, repr(v)) for k, v in (params or {}).items())))
        rows = self.cached(key, lambda: self.rows(name, params))
        return [dict(r) for r in rows]  # callers may change their copy

    def page(self, name: str, params: Mapping[str, Any], offset: int, limit: int) -> PageResult:
        """One page of a list query.

        Queries that declare ``offset``/``limit`` cut the page in the engine; their total comes from a
        ``total`` column, or from the count query their header names (``total:``), run only when the page
        does not already tell it and kept per store version. The others (catalog queries written before the
        API) are run whole, bounded by the row cap, and sliced here.
        """
        query = get_query(name)
        declared = {p.name for p in query.params}
        given = dict(params)
        if query.pages_by_key:
            keys, stale = self.orders.get_or_previous(self._order_key(query, given), self._order_reader(query, given),
                                                      wait_s=self.settings.listing_wait_ms / 1000)
            page = keys[offset:offset + limit]
            rows = self._run(get_query(query.rows_query or ""), {"keys": page}, resolve=False)[1] if page else []
            return PageResult(rows, len(keys), offset, limit, stale=stale)
        if query.pages:
            result, rows = self._run(query, {**given, "offset": offset, "limit": limit})
            if "total" in query.column_names:
                if rows:
                    total = rows[0]["total"]
                elif offset > 0:  # past the end: the page is empty, ask once more for the total alone
                    _, first = self._run(query, {**given, "offset": 0, "limit": 1})
                    total = first[0]["total"] if first else 0
                else:
                    total = 0
            elif query.total_query and not (rows and len(rows) < limit) and not (offset == 0 and not rows):
                total = self.total(query.total_query, given)
            else:  # a short page (or an empty first one) is the end of the list: it tells the total
                total = offset + len(rows)
            items = [{k: v for k, v in r.items() if k != "total"} for r in rows]
            return PageResult(items, total, offset, limit, result.truncated)
        if "limit" in declared:  # a query with its own LIMIT: let it return as much as the row cap allows
            given["limit"] = self.settings.row_cap
        result, rows = self._run(query, given)
        return PageResult(rows[offset:offset + limit], len(rows), offset, limit, result.truncated)

    def ordered_keys(self, query: CatalogQuery, given: Mapping[str, Any]) -> list[Any]:
        """The key of every row ``query`` lists for these filters, in page order: read once per store version
        (its order query sorts the whole listing, as the query itself does to cut any page), then each page
        is read by its keys through the id index. The answer is the query's own, row for row and in order."""
        return self.orders.get(self._order_key(query, given), self._order_reader(query, given))

    def _order_reader(self, query: CatalogQuery, given: Mapping[str, Any]) -> Callable[[], list[Any]]:
        order = get_query(query.order_query or "")
        whole = self._order_key(query, given) in self._read_ahead

        def read() -> list[Any]:
            # the longest budget a query may have: read once for every page that follows, and a listing cut at the
            # usual budget would answer 504 to every request until the machine is quiet enough to finish it once
            with self._whole_listing_lane if whole else contextlib.nullcontext():
                result, _ = self._run(order, dict(given), row_cap=NAME_LIST_CAP,
                                      timeout_ms=self.settings.max_query_timeout_ms)
            seen: dict[str, str] = {}  # a key of several ids (a link: its two tasks) repeats them: kept once
            return [[seen.setdefault(x, x) if isinstance(x, str) else x for x in row[0]] if isinstance(row[0], list)
                    else row[0] for row in result.rows]

        return read

    @staticmethod
    def _order_key(query: CatalogQuery, given: Mapping[str, Any]) -> tuple:
        try:  # the filters as the query runs with them (defaults in): a filter left out and one given as None or
            # as its default are the same listing, read once (the routes pass every filter; the warmer, none)
            filters = get_query(query.order_query or "").bind(dict(given))
        except CatalogError:
            filters = dict(given)  # refused by the run that binds them again
        return ("order", query.name, tuple(sorted((k, repr(v)) for k, v in filters.items())))

    def total(self, count_query: str, params: Mapping[str, Any]) -> int:
        """What a count query says (the sum of its rows: one per branch of a UNION), kept per store version: the
        next page of the same list asks again."""
        key = ("total", count_query, tuple(sorted((k, repr(v)) for k, v in params.items())))
        rows = self.cached(key, lambda: self._run(get_query(count_query), dict(params))[1])
        return sum(int(r["total"]) for r in rows)

    def _run(self, query: CatalogQuery, given: dict[str, Any], resolve: bool = True,
             row_cap: int | None = None, timeout_ms: int | None = None) -> tuple[ReadResult, list[dict[str, Any]]]:
        for key, value in given.items():
            if isinstance(value, str):
                check_text(key, value)
        try:
            query.bind(given)
            bound = query.bind(self.resolver().params(query, given) if resolve and needs_resolving(query, given) else given)
        except UnknownName as exc:
            raise ApiProblem(404, f"{exc}{LISTS.get(exc.kind, '')}", suggestions=exc.suggestions) from exc
        except AmbiguousName as exc:
            raise ApiProblem(409, str(exc), kind="ambiguous-name", candidates=exc.candidates,
                             suggestions=exc.suggestions) from exc
        except CatalogError as exc:
            raise ApiProblem(422, str(exc)) from exc
        store = self.holder.get()
        try:
            result = store.read(query.text, bound, timeout_ms=timeout_ms or self.settings.query_timeout_ms,
                                row_cap=row_cap or self.settings.row_cap)
        except (QueryTimeout, ReadOnlyViolation, QueryRefused):
            raise
        except QueryError as exc:
            # a catalog query the engine rejects is our bug, not the client's: a 500, logged
            raise RuntimeError(f"catalog query {query.name!r} failed: {exc}") from exc
        except StoreError as exc:
            self.holder.lost(store, exc)
            raise
        return result, [dict(zip(result.columns, row)) for row in result.rows]
