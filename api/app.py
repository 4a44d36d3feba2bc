"""The FastAPI application: routers, error handlers, middleware and the OpenAPI schema, put together."""
from __future__ import annotations

import gc
import logging
from contextlib import asynccontextmanager
from importlib.metadata import PackageNotFoundError, version

from fastapi import FastAPI
from fastapi.concurrency import run_in_threadpool
from fastapi.middleware.cors import CORSMiddleware

from policykg.graph.repository import GraphStore
from policykg.settings import Settings

from . import (
    routes_cypher,
    routes_departments,
    routes_documents,
    routes_health,
    routes_industries,
    routes_mapping,
    routes_queries,
    routes_search,
    routes_targets,
    routes_tasks,
    routes_upload,
)
from .guards import ClientLimit, HostAllowList, SecurityHeaders
from .middleware import BodyLimit, RequestLog
from .problems import ApiProblem, Problem, install_handlers
from .runner import QueryRunner
from .store_access import StoreHolder
from .warm import ListingWarmer

log = logging.getLogger("policykg.api")

DESCRIPTION = """\
Who leads and who cooperates on which provision of Chinese government policy documents, their targets,
and how provincial tasks cascade to city departments.

Every read endpoint runs a query of the catalog (`queries/*.cypher`), so `policykg query NAME` gives the
same answer. Names and ids hold Chinese: percent-encode them in paths and query strings (curl's
`--data-urlencode` with `-G`, or any HTTP library). Errors are RFC 9457 problem details
(`application/problem+json`); lists are paged with `limit`/`offset` and carry their `total`.
"""


_RESPONSES = ("Errors are problem details: 404 with suggestions for an unknown name, 409 with the candidates for "
              "an ambiguous one, 422 for a malformed parameter, 503/504 when the store is down or too slow.")


def _version() -> str:
    try:
        return version("policykg")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree without install
        return "0"


# the whole-graph pages, the network views and client Cypher: what one client may run only a few of at once
EXPENSIVE = ("/analytics", "/viz", "/cypher")


def create_app(store: GraphStore | None = None, settings: Settings | None = None) -> FastAPI:
    """The API over ``store`` (or the store the settings name, opened on first use)."""
    settings = settings or Settings.from_env()

    def open_configured() -> GraphStore:
        from policykg.graph.stores.errors import StoreError
        from policykg.graph.stores.factory import open_store

        store = open_store(settings)
        try:
            # the indexes the catalog queries anchor on: a store written by an older policykg lacks the newer ones,
            # and only a write (an ingest) made them; without one a query the index serves reads every node
            store.ensure_schema()
        except StoreError as exc:  # a read-only account: the queries still answer, more slowly
            log.warning("the query indexes could not be made: %s", exc)
        return store

    holder = StoreHolder(store, factory=open_configured)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        if settings.writes_enabled:
            from .extract_worker import warm

            warm()
        # open the store before the first request; if it is not there yet, requests answer 503 until it is
        try:
            await run_in_threadpool(holder.get)
        except ApiProblem as exc:
            log.warning("%s; the API answers 503 until it can be opened", exc.detail)
        # everything imported so far (FastAPI, pydantic models, jieba's dictionary…) lives as long as the
        # service: freezing it keeps the garbage collector from walking it on every full collection, which
        # put 50 ms pauses into the slowest requests (bench/api.py)
        gc.collect()
        gc.freeze()
        warmer = ListingWarmer(app.state.runner, quiet_s=settings.warm_after_ms / 1000) \
            if settings.warm_after_ms else None
        app.state.warmer = warmer
        if warmer is not None:
            warmer.start()
        yield
        if warmer is not None:
            warmer.stop()
        holder.close()

    # no /docs or /redoc: FastAPI's pages load Swagger UI / ReDoc from a CDN, and the service sends no one
    # elsewhere; /openapi.json is the description (load it into any OpenAPI viewer)
    app = FastAPI(title="policykg", version=_version(), description=DESCRIPTION, lifespan=lifespan,
                  docs_url=None, redoc_url=None)
    app.state.settings = settings
    app.state.runner = QueryRunner(holder, settings)
    install_handlers(app)
    # one module per resource (routes_*.py), each a thin layer over catalog queries (queries/*.cypher)
    for module in (routes_departments, routes_tasks, routes_documents, routes_upload, routes_mapping, routes_targets,
                   routes_industries, routes_search, routes_cypher, routes_health, routes_queries):
        app.include_router(module.router)
    _include_views(app)

    # added innermost first: the request log times everything, CORS answers preflights before the body bound
    app.add_middleware(BodyLimit, limit=settings.max_body_bytes, upload_limit=settings.max_upload_bytes)
    if settings.cors_origins:
        app.add_middleware(CORSMiddleware, allow_origins=list(settings.cors_origins), allow_methods=["GET", "POST"],
                           allow_headers=["Content-Type", "X-API-Key"], expose_headers=["Server-Timing", "Location"],
                           max_age=600)
    app.add_middleware(ClientLimit, prefixes=EXPENSIVE, per_client=settings.client_concurrency)
    app.add_middleware(SecurityHeaders)
    if settings.allowed_hosts:
        app.add_middleware(HostAllowList, allowed=settings.allowed_hosts)
    app.add_middleware(RequestLog)
    _document_problems(app)
    return app


def _include_views(app: FastAPI) -> None:
    """The browser views (/, /viz/...) and the analytics (/analytics/...): routes_viz.py, routes_analytics.py."""
    from . import routes_analytics, routes_viz

    app.include_router(routes_viz.router)
    app.include_router(routes_analytics.router)


def _document_problems(app: FastAPI) -> None:
    """Put the Problem schema into the OpenAPI components (routers refer to it from their error responses)."""
    build = app.openapi

    def openapi() -> dict:
        if app.openapi_schema is None:
            schema = build()
            components = schema.setdefault("components", {}).setdefault("schemas", {})
            components["Problem"] = Problem.model_json_schema(ref_template="#/components/schemas/{model}")
            for operations in schema.get("paths", {}).values():
                for op in operations.values():
                    # an operation without a docstring is still described: its summary, and what it answers with
                    op.setdefault("description", op.get("summary", "") + ". " + _RESPONSES)
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
