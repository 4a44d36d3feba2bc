"""Analytics computed with networkx over catalog query results: the same report as `policykg analyse`.

Catalog queries: department-workload, responsibility-edges, cascade-edges, unled-tasks, unowned-targets.
Each query reads at most the server's row cap (POLICYKG_ROW_CAP) rows.
"""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import BaseModel, ConfigDict, Field

from policykg.graph.analytics import (
    analysis_report,
    bridging_departments,
    centrality_table,
    collaboration_graph,
    unled_tasks,
    unowned_targets,
    workload,
)

from .deps import Runner
from .problems import problem_responses, wants_html
from .routes_departments import Level

router = APIRouter(tags=["analytics"])

TopQuery = Annotated[int, Query(ge=0, le=10_000, description="at most this many rows (0: all)")]
CollectiveQuery = Annotated[bool, Query(description="count collective units (市有关部门, 各县区政府、管委会) as departments")]
DocumentQuery = Annotated[str | None, Query(max_length=300, description="only this document (id or number)")]


class Workload(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{
        "department_id": "dept:371700:市发展改革委", "department": "市发展改革委", "level": "city", "region": "菏泽市",
        "collective": False, "aliases": [], "led": 68, "cooperated": 12, "targets_owned": 51, "total": 80}]})

    department_id: str
    department: str
    level: str | None
    region: str | None
    collective: bool
    aliases: list[str]
    led: int = Field(description="tasks it leads")
    cooperated: int = Field(description="tasks it cooperates on")
    targets_owned: int = Field(description="targets stated in the tasks it leads")
    total: int = Field(description="led + cooperated")


class Centrality(BaseModel):
    department_id: str
    department: str
    betweenness: float = Field(description="betweenness centrality in the who-works-with-whom network")
    degree_centrality: float
    partners: int = Field(description="departments it shares at least one task with")
    shared_tasks: int = Field(description="tasks shared, summed over its partners")


class Bridge(BaseModel):
    department_id: str
    department: str
    level: str | None
    province_tasks: int = Field(description="provincial tasks it is on, directly or through a cascade")
    city_tasks: int = Field(description="city tasks it is on, directly or through a cascade")
    cascade_links: int = Field(description="cascade links touching its tasks")
    brokerage: float = Field(description="betweenness on paths from provincial to city tasks")


class UnledTask(BaseModel):
    task_id: str
    doc_number: str | None
    document: str | None
    number: str | None
    title: str | None
    level: str | None
    cooperates: list[str]
    span_start: int | None
    span_end: int | None


class UnownedTarget(BaseModel):
    target_id: str
    text: str | None
    metric: str | None
    value: float | None
    unit: str | None
    year: int | None
    doc_number: str | None
    number: str | None
    task_id: str | None
    cooperates: list[str]
    span_start: int | None
    span_end: int | None


class Report(BaseModel):
    workload: list[Workload]
    centrality: list[Centrality]
    bridges: list[Bridge]
    unled_tasks: list[UnledTask]
    unowned_targets: list[UnownedTarget]


def _top(rows: list, top: int) -> list:
    return rows[:top] if top else rows


def _answer(request: Request, key: str, rows: list, title: str):
    """The rows as JSON for API clients, as a table page for a browser."""
    if not wants_html(request):
        return rows
    from policykg.viz.report_page import render_analytics

    base = request.scope.get("root_path", "").rstrip("/")
    here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return HTMLResponse(render_analytics({key: [_plain(r) for r in rows]}, title=title, base=base, json_href=here,
                                         plot=key == "workload"))


def _plain(row) -> dict:
    return row.model_dump() if isinstance(row, BaseModel) else dict(row)


@router.get("/analytics", response_model=Report, responses=problem_responses(422, 503, 504),
            summary="The whole analytics report (what `policykg analyse -f json` prints)")
def report(request: Request, runner: Runner, top: TopQuery = 15, include_collective: CollectiveQuery = False):
    r = runner.cached(("analytics", top, include_collective),
                      lambda: analysis_report(runner.cached_rows, top=top, include_collective=include_collective))
    if wants_html(request):
        from policykg.viz.report_page import render_analytics

        base = request.scope.get("root_path", "").rstrip("/")
        parts = {"workload": _top(r["workload"], top), "centrality": r["centrality"], "bridges": _top(r["bridges"], top),
                 "unled_tasks": r["unled_tasks"], "unowned_targets": r["unowned_targets"]}
        return HTMLResponse(render_analytics(parts, title="Analytics", base=base, json_href=f"{base}/analytics",
                                             plot=True))
    return Report(workload=_top(r["workload"], top), centrality=r["centrality"], bridges=_top(r["bridges"], top),
                  unled_tasks=r["unled_tasks"], unowned_targets=r["unowned_targets"])


@router.get("/analytics/workload", response_model=list[Workload], responses=problem_responses(422, 503, 504),
            summary="Departments by workload: tasks led, cooperated on, targets owned")
def department_workload(request: Request, runner: Runner, level: Level | None = None,
                        include_collective: CollectiveQuery = False, top: TopQuery = 0):
    rows = _top(workload(runner.cached_rows, level.value if level else None, include_collective), top)
    return _answer(request, "workload", rows, "Workload by department")


@router.get("/analytics/centrality", response_model=list[Centrality], responses=problem_responses(422, 503, 504),
            summary="Centrality in the who-works-with-whom network")
def centrality(request: Request, runner: Runner, top: TopQuery = 15, document: DocumentQuery = None):
    rows = runner.cached(("centrality", top, document), lambda: centrality_table(
        collaboration_graph(runner.cached_rows("responsibility-edges", {"document": document})), top))
    return _answer(request, "centrality", rows, "Centrality")


@router.get("/analytics/bridges", response_model=list[Bridge], responses=problem_responses(422, 503, 504),
            summary="Departments that bridge provincial and city tasks")
def bridges(request: Request, runner: Runner, top: TopQuery = 0, include_collective: CollectiveQuery = False):
    resp = runner.cached_rows("responsibility-edges", {"document": None})
    cascades = runner.cached_rows("cascade-edges", {"min_score": None})
    levels = {r["department_id"]: r["level"] for r in workload(runner.cached_rows, include_collective=True)}
    rows = bridging_departments(resp, cascades, include_collective=include_collective)
    return _answer(request, "bridges", _top([{**r, "level": levels.get(r["department_id"])} for r in rows], top),
                   "Departments bridging provincial and city tasks")


@router.get("/analytics/unled-tasks", response_model=list[UnledTask], responses=problem_responses(422, 503, 504),
            summary="Tasks whose responsibility clause names no lead")
def tasks_without_lead(request: Request, runner: Runner, document: DocumentQuery = None):
    return _answer(request, "unled_tasks", unled_tasks(runner.cached_rows, document), "Tasks with no lead")


@router.get("/analytics/unowned-targets", response_model=list[UnownedTarget],
            responses=problem_responses(422, 503, 504), summary="Targets in the preamble or in a provision no one leads")
def targets_without_owner(request: Request, runner: Runner, document: DocumentQuery = None):
    return _answer(request, "unowned_targets", unowned_targets(runner.cached_rows, document), "Targets no one owns")


def _plot(runner: Runner, fmt: str, top: int, include_collective: bool) -> Response:
    from policykg.viz.plots import FORMATS, workload_plot

    body = runner.cached(("plot", fmt, top, include_collective), lambda: workload_plot(
        workload(runner.cached_rows, include_collective=include_collective), fmt, top=top))
    return Response(body, media_type=FORMATS[fmt], headers={"Cache-Control": "no-cache"})


PlotTop = Annotated[int, Query(ge=1, le=200, description="departments in the plot, busiest first")]


@router.get("/analytics/workload.svg", response_class=Response,
            responses={200: {"content": {"image/svg+xml": {}}, "description": "the plot as SVG"},
                       **problem_responses(422, 503, 504)},
            summary="Plot of workload by department (SVG)")
def workload_svg(runner: Runner, top: PlotTop = 20, include_collective: CollectiveQuery = False):
    return _plot(runner, "svg", top, include_collective)


@router.get("/analytics/workload.png", response_class=Response,
            responses={200: {"content": {"image/png": {}}, "description": "the plot as PNG"},
                       **problem_responses(422, 503, 504)},
            summary="Plot of workload by department (PNG)")
def workload_png(runner: Runner, top: PlotTop = 20, include_collective: CollectiveQuery = False):
    return _plot(runner, "png", top, include_collective)
