"""The browser views: a landing page and four responsibility networks, every asset served from here.

Catalog queries: viz-department, viz-document, viz-cascade, viz-industry, viz-neighbours (the networks, the task
view and the JSON a double-click expands with); department-workload,
documents, industries, the graph's counts (the landing page). The pages load vis-network and their own script and
style from /viz/static/ and nothing from any other host.
"""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse

from policykg.viz import AmbiguousName, ViewNotFound, build_view
from policykg.viz.assets import ASSETS, AssetMissing, asset_path, media_type
from policykg.viz.graphs import DEFAULT_NODE_LIMIT
from policykg.viz.render import network_data, render_html, render_landing

from .deps import Runner
from .problems import ApiProblem, problem_responses
from .resolve import resolve_department
from .routes_mapping import Basis, LinkType

router = APIRouter(tags=["views"])

HTML = {"content": {"text/html": {}}, "description": "an HTML page"}
MAX_LIMIT = 5000
LimitQuery = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="at most this many nodes; a larger network "
                                                                    "collapses to its most connected part and says so")]


def _base(request: Request) -> str:
    return request.scope.get("root_path", "").rstrip("/")


def _page(request: Request, view) -> HTMLResponse:
    base = _base(request)
    html = render_html(view, inline=False, static=f"{base}/viz/static", home=f"{base}/viz")
    return HTMLResponse(html, headers={"Cache-Control": "no-cache"})


def _build(runner: Runner, kind: str, key: str | None, limit: int, **options):
    try:
        return build_view(kind, runner.rows, key, limit=limit, **options)
    except AmbiguousName as exc:
        raise ApiProblem(409, str(exc), kind="ambiguous-name", candidates=exc.candidates) from exc
    except ViewNotFound as exc:
        raise ApiProblem(404, str(exc)) from exc


@router.get("/", include_in_schema=False)
def root(request: Request):
    return RedirectResponse(f"{_base(request)}/viz", status_code=307)


@router.get("/viz", response_class=HTMLResponse, responses={200: HTML, **problem_responses(422, 503, 504)},
            summary="Landing page: counts, a search box, links to every view")
def landing(
    request: Request,
    runner: Runner,
    q: Annotated[str, Query(max_length=100, description="show only departments, documents and industries whose "
                                                        "name (or alias, title, number) contains this")] = "",
):
    departments = runner.cached_rows("department-workload", {"include_collective": True})
    documents = runner.cached_rows("documents", {"offset": 0, "limit": 100_000})  # every one, once per store version
    if q.strip():
        # the same search as GET /search: a department by an alias file's form (发改委), a document by the words
        # of its provisions (光伏); marked on copies, the cached rows are shared
        words = q.strip()
        alt = runner.resolver().alternative(words)
        hits = runner.page("search", {"q": words, "alt": alt}, 0, 10_000).items
        found = {h["id"] for h in hits if h["kind"] == "department"} | {h["doc_id"] for h in hits if h["doc_id"]}
        departments = [{**row, "found_by": [words]} if row["department_id"] in found else row for row in departments]
        documents = [{**row, "found_by": [words]} if row["id"] in found else row for row in documents]
    industries = runner.cached_rows("industries", {"offset": 0, "limit": 100_000})
    stored = runner.graph_counts()
    counts = {**stored.nodes, **stored.relationships}
    html = render_landing(departments=departments, documents=documents, industries=industries, counts=counts,
                          q=q.strip(), base=_base(request))
    return HTMLResponse(html, headers={"Cache-Control": "no-cache"})


@router.get("/viz/static/{name}", include_in_schema=False)
def static_asset(name: str):
    if name not in ASSETS:
        raise ApiProblem(404, f"no asset {name!r}; the views use {', '.join(sorted(ASSETS))}")
    try:
        path = asset_path(name)
    except AssetMissing as exc:  # a broken install, not the client's fault
        raise RuntimeError(str(exc)) from exc
    return FileResponse(path, media_type=media_type(name), headers={"Cache-Control": "public, max-age=3600"})


@router.get("/viz/department/{name}", response_class=HTMLResponse,
            responses={200: HTML, **problem_responses(404, 409, 422, 503, 504)},
            summary="A department's responsibility network (HTML)")
def department_page(
    request: Request,
    runner: Runner,
    name: Annotated[str, Path(min_length=1, max_length=100, examples=["市发展改革委"],
                              description="department name, alias or id")],
    region: Annotated[str | None, Query(max_length=100, examples=["菏泽市"],
                                        description="the department's region when several share the name")] = None,
    limit: LimitQuery = DEFAULT_NODE_LIMIT,
):
    department = resolve_department(runner, name, region).row  # 404 with suggestions, 409 when ambiguous
    view = _build(runner, "department", department["id"], limit)
    view.key = name
    return _page(request, view)


@router.get("/viz/document/{doc_id:path}", response_class=HTMLResponse,
            responses={200: HTML, **problem_responses(404, 422, 503, 504)},
            summary="A document's network: provisions, departments, targets, industries (HTML)")
def document_page(
    request: Request,
    runner: Runner,
    doc_id: Annotated[str, Path(min_length=1, max_length=300, examples=["菏政办字〔2023〕13号"],
                                description="document id (doc:…), number or exact title")],
    limit: LimitQuery = DEFAULT_NODE_LIMIT,
):
    return _page(request, _build(runner, "document", doc_id, limit))


@router.get("/viz/cascade", response_class=HTMLResponse, responses={200: HTML, **problem_responses(422, 503, 504)},
            summary="The province-to-city cascade, top-down (HTML)")
def cascade_page(
    request: Request,
    runner: Runner,
    document: Annotated[str | None, Query(max_length=300, examples=["山东省县域经济高质量发展三年行动方案"],
                                          description="only this higher-level document: id, number or part of "
                                                      "its title")] = None,
    min_score: Annotated[float | None, Query(ge=0, le=1, description="only links scored at least this (default: "
                                                                     "the linker's calibrated threshold)")] = None,
    basis: Annotated[Basis | None, Query(description="explicit or inferred links only")] = None,
    link: Annotated[LinkType | None, Query(description="CASCADES_FROM (the default), RELATES_TO or any")] = None,
    limit: LimitQuery = DEFAULT_NODE_LIMIT,
):
    return _page(request, _build(runner, "cascade", document, limit, min_score=min_score,
                                 basis=basis.value if basis else None, link=link.value if link else None))


@router.get("/viz/industry/{name}", response_class=HTMLResponse,
            responses={200: HTML, **problem_responses(404, 422, 503, 504)},
            summary="An industry's network across levels (HTML)")
def industry_page(
    request: Request,
    runner: Runner,
    name: Annotated[str, Path(min_length=1, max_length=100, examples=["生产性服务业"])],
    limit: LimitQuery = DEFAULT_NODE_LIMIT,
):
    return _page(request, _build(runner, "industry", name, limit))


@router.get("/viz/task/{task_id:path}", response_class=HTMLResponse,
            responses={200: HTML, **problem_responses(404, 422, 503, 504)},
            summary="A task and everything one relationship away: its document, departments, targets, links (HTML)")
def task_page(
    request: Request,
    runner: Runner,
    task_id: Annotated[str, Path(min_length=1, max_length=300, examples=["task:菏政办字〔2024〕7号:四/(五)"])],
    limit: LimitQuery = DEFAULT_NODE_LIMIT,
):
    return _page(request, _build(runner, "task", task_id, limit))


@router.get("/viz/neighbours", responses={200: {"description": "vis-network nodes and edges, with hover text and "
                                                               "panel data"}, **problem_responses(404, 422, 503, 504)},
            summary="A node's neighbours, for expanding a node in a view (JSON)")
def neighbours(
    runner: Runner,
    id: Annotated[str, Query(min_length=1, max_length=300, examples=["dept:371700:市统计局"],
                             description="the node's id")],
    limit: LimitQuery = DEFAULT_NODE_LIMIT,
):
    """Catalog query viz-neighbours: the node and everything one relationship away, drawn as in the views."""
    return network_data(_build(runner, "task", id, limit))
