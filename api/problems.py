"""One error shape for every failure: RFC 9457 problem details (application/problem+json).

Routers raise ``ApiProblem``; store errors, validation errors, Starlette's own
HTTP errors (unknown route, wrong method) and anything unexpected are turned
into the same shape by the handlers installed here, so a client parses one
format whatever went wrong.

Status codes, and why:
  400 the Cypher text is not valid / the engine rejected it
  401 writes need X-API-Key and it is missing or wrong
  403 the request is understood but refused: a write through the read-only /cypher, or
      writes are disabled because the server has no API key configured
  404 no department / task / document / industry by that name (path or filter)
  405 the path exists, not with this method
  409 a name matches several departments (say which with ?region= or use the id)
  413 the body is larger than the configured bound
  415 a body in a format that is not accepted (upload: no reader for that file type)
  422 a parameter or body field is malformed, out of range, or a document yields nothing usable
  503 the graph store is down or not reachable (Retry-After is set)
  504 the query ran past its time budget and the engine aborted it: the API is a gateway to
      the graph store, and the store did not answer in time (408 would blame the client's
      upload speed, which is not what happened)
"""
from __future__ import annotations

import json
import logging
import re
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from pydantic import BaseModel, ConfigDict, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from policykg.graph.stores.errors import (
    ConstraintViolation,
    QueryError,
    QueryTimeout,
    ReadOnlyViolation,
    ServerNotRunning,
    ServerStartError,
    StoreError,
    StoreUnavailable,
)

log = logging.getLogger("policykg.api")

PROBLEM_MEDIA_TYPE = "application/problem+json"
TYPE_PREFIX = "urn:policykg:problem:"

# the problem type of each status when a router does not name a more specific one
_DEFAULT_TYPES = {
    400: "bad-request", 401: "unauthorized", 403: "forbidden", 404: "not-found", 405: "method-not-allowed",
    409: "conflict", 413: "payload-too-large", 415: "unsupported-media-type", 422: "invalid-parameter",
    500: "internal-error", 503: "store-unavailable", 504: "query-timeout",
}


class Problem(BaseModel):
    """RFC 9457 problem details; members beyond the five standard ones are extensions."""

    model_config = ConfigDict(extra="allow", json_schema_extra={"examples": [{
        "type": "urn:policykg:problem:not-found", "title": "Not Found", "status": 404,
        "detail": "no department named '市发改局' (nor '市发改局' in the alias file); "
                  "GET /departments?prefix=市发 lists departments",
        "instance": "/departments/%E5%B8%82%E5%8F%91%E6%94%B9%E5%B1%80",
    }]})

    type: str = Field("about:blank", description="a URI naming the kind of problem (urn:policykg:problem:…)")
    title: str = Field(description="short summary of the kind of problem")
    status: int = Field(description="the HTTP status code")
    detail: str = Field(description="what went wrong with this request, and how to put it right")
    instance: str | None = Field(None, description="the request path")


class ApiProblem(Exception):
    """Raised by routers; becomes a problem response."""

    def __init__(self, status: int, detail: str, *, kind: str | None = None, headers: dict[str, str] | None = None,
                 **extensions: Any) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.kind = kind or _DEFAULT_TYPES.get(status, "about:blank")
        self.headers = headers or {}
        self.extensions = extensions


def problem_response(request: Request, status: int, detail: str, *, kind: str | None = None,
                     headers: dict[str, str] | None = None, **extensions: Any) -> JSONResponse:
    kind = kind or _DEFAULT_TYPES.get(status)
    body = {
        "type": TYPE_PREFIX + kind if kind else "about:blank",
        "title": HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
        "instance": _instance(request),
        **extensions,
    }
    return JSONResponse(body, status_code=status, media_type=PROBLEM_MEDIA_TYPE, headers=headers)


def _instance(request: Request) -> str:
    """The request path as sent (percent-encoded): a URI reference, as RFC 9457 wants."""
    raw = request.scope.get("raw_path")
    return raw.decode("ascii", "replace") if raw else request.url.path


_PATH = re.compile(r"(?<![\w.])/(?:[^\s:;,'\"()]+/?)+")


def public_reason(exc: BaseException) -> str:
    """What a client may read of a store failure: its first line, with file-system paths left out (the log has
    the whole message; the server's directories are not a stranger's business)."""
    first = (str(exc).strip().splitlines() or [""])[0]
    return _PATH.sub("[path]", first)


def store_problem(exc: StoreError) -> ApiProblem:
    """What a store error means to a client."""
    if isinstance(exc, ReadOnlyViolation):
        return ApiProblem(403, str(exc), kind="read-only")
    if isinstance(exc, QueryTimeout):
        return ApiProblem(504, f"{exc}; ask for less (filters, a smaller page) or, on POST /cypher, "
                               "a larger timeout_ms up to the server's maximum", kind="query-timeout")
    if isinstance(exc, ConstraintViolation):
        return ApiProblem(409, str(exc))
    if isinstance(exc, QueryError):
        return ApiProblem(400, str(exc), kind="cypher-error")
    if isinstance(exc, (StoreUnavailable, ServerNotRunning, ServerStartError)):
        return ApiProblem(503, f"the graph store is not available: {public_reason(exc)}", headers={"Retry-After": "5"})
    return ApiProblem(503, f"the graph store failed: {public_reason(exc)}", headers={"Retry-After": "5"})


def _validation_errors(exc: RequestValidationError) -> list[dict[str, Any]]:
    out = []
    for err in exc.errors():
        out.append({"location": [str(p) for p in err.get("loc", ())], "message": err.get("msg", ""),
                    "type": err.get("type", "")})
    return out


def wants_html(request: Request) -> bool:
    """A browser asking for a page: Accept names text/html at least as high as any JSON type (curl's */* and
    API clients' application/json keep JSON)."""
    html = json_q = 0.0
    for part in request.headers.get("accept", "").split(","):
        media, *params = (p.strip() for p in part.split(";"))
        q = 1.0
        for param in params:
            if param.startswith("q="):
                try:
                    q = float(param[2:])
                except ValueError:
                    q = 0.0
        media = media.lower()
        if media in ("text/html", "application/xhtml+xml"):
            html = max(html, q)
        elif media == "application/json" or media.endswith("+json"):
            json_q = max(json_q, q)
    return html > 0 and html >= json_q


def problem_page(request: Request, body: dict[str, Any], status: int, headers: dict[str, str]) -> HTMLResponse:
    """The problem as a small HTML page, for a person in a browser."""
    from html import escape

    home = request.scope.get("root_path", "").rstrip("/") + "/viz"
    extra = "".join(f"<li>{escape(str(k))}: {escape(json.dumps(v, ensure_ascii=False))}</li>"
                    for k, v in body.items() if k not in ("type", "title", "status", "detail", "instance"))
    page = (f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>{status} '
            f'{escape(str(body.get("title", "")))} · policykg</title><link rel="icon" href="data:,">'
            '<style>body{font-family:"Noto Sans CJK SC",system-ui,sans-serif;max-width:760px;margin:40px auto;'
            'padding:0 16px;color:#1f2937}h1{font-size:22px}p.detail{font-size:16px}.meta{color:#64748b;'
            'font-size:13px}</style></head><body>'
            f'<h1>{status} {escape(str(body.get("title", "")))}</h1>'
            f'<p class="detail">{escape(str(body.get("detail", "")))}</p>'
            + (f"<ul>{extra}</ul>" if extra else "")
            + f'<p><a href="{escape(home)}">all views</a></p><p class="meta">{escape(str(body.get("type", "")))} · '
            f'{escape(str(body.get("instance") or ""))} · API clients get this as {PROBLEM_MEDIA_TYPE}</p>'
            "</body></html>")
    return HTMLResponse(page, status_code=status, headers=headers)


def _negotiated(handler):
    """An exception handler that answers a browser with an HTML page and everyone else with problem details."""
    async def handle(request: Request, exc: Exception):
        response = await handler(request, exc)
        if response is not None and response.media_type == PROBLEM_MEDIA_TYPE and wants_html(request):
            headers = {k: v for k, v in response.headers.items() if k.lower() not in ("content-length", "content-type")}
            return problem_page(request, json.loads(response.body), response.status_code, headers)
        return response

    return handle


def install_handlers(app: FastAPI) -> None:
    _install(app)
    # the same handlers, wrapped: a browser gets HTML (content negotiation in this one place)
    for kind in (ApiProblem, StoreError, RequestValidationError, StarletteHTTPException, Exception):
        app.exception_handlers[kind] = _negotiated(app.exception_handlers[kind])


def _install(app: FastAPI) -> None:
    @app.exception_handler(ApiProblem)
    async def _api_problem(request: Request, exc: ApiProblem) -> JSONResponse:
        return problem_response(request, exc.status, exc.detail, kind=exc.kind, headers=exc.headers, **exc.extensions)

    @app.exception_handler(StoreError)
    async def _store_error(request: Request, exc: StoreError) -> JSONResponse:
        problem = store_problem(exc)
        if problem.status >= 500:
            log.warning("store error on %s %s: %s", request.method, request.url.path, exc)
        return await _api_problem(request, problem)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = _validation_errors(exc)
        summary = "; ".join(f"{'.'.join(e['location'])}: {e['message']}" for e in errors[:5])
        return problem_response(request, 422, f"invalid request: {summary}", errors=errors)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        detail = exc.detail if isinstance(exc.detail, str) else HTTPStatus(exc.status_code).description
        if exc.status_code == 404 and detail == "Not Found":
            detail = f"no such path: {request.url.path} (GET /openapi.json describes the API)"
        elif exc.status_code == 405:
            detail = f"{request.method} is not allowed on {request.url.path}"
        return problem_response(request, exc.status_code, detail, headers=getattr(exc, "headers", None))

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return problem_response(request, 500, "internal error; the server log has the details")


def problem_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI entries for the problems an operation can answer with.

    An operation that takes parameters (it may answer 422) may also answer 404 and 409: every name a parameter
    gives (a department, a document, a city…) goes through the shared resolver, which says unknown or ambiguous.
    """
    if 422 in statuses:
        statuses = tuple(sorted({*statuses, 404, 409}))
    return {
        status: {
            "description": HTTPStatus(status).phrase + " (problem details)",
            "content": {PROBLEM_MEDIA_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}},
        }
        for status in statuses
    }
