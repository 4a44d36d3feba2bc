"""The catalog over HTTP, as datasette serves stored queries: GET /queries lists them, GET /queries/{name} runs one.

One operation per catalog query, generated from its header: the parameters (types, examples, descriptions)
and the columns are the catalog's, so a query added to queries/*.cypher is served without code. Internal
queries (views, analytics, the linker) are not served.
"""
from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from pydantic import BaseModel, ConfigDict, Field

from policykg.queries.catalog import CatalogQuery, load_catalog

from .deps import Page, PagingDep, Runner, next_link
from .problems import problem_responses

router = APIRouter(tags=["queries"])
_TYPES = {"string": "string", "int": "integer", "float": "number", "bool": "boolean"}


class QueryParameter(BaseModel):
    name: str
    type: str = Field(description="string, int, float or bool")
    required: bool
    default: Any = None
    example: Any = None
    description: str


class QueryColumn(BaseModel):
    name: str
    description: str


class CatalogEntry(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{
        "name": "department-leads", "description": "Everything a department leads …", "path": "/queries/department-leads",
        "parameters": [{"name": "name", "type": "string", "required": True, "default": None, "example": "市发展改革委",
                        "description": "department id, canonical name, alias, or full name with its region"}],
        "columns": [{"name": "department", "description": "canonical name of the department"}]}]})

    name: str
    description: str
    path: str = Field(description="where to run it")
    parameters: list[QueryParameter]
    columns: list[QueryColumn]


class QueryRows(Page[dict[str, Any]]):
    query: str = Field(description="the catalog query that answered")
    columns: list[str] = Field(description="the columns of each item, in order")


def public_queries() -> list[CatalogQuery]:
    return [q for q in load_catalog().values() if not q.internal]


def entry(q: CatalogQuery) -> CatalogEntry:
    return CatalogEntry(
        name=q.name, description=q.description, path=f"/queries/{q.name}",
        parameters=[QueryParameter(name=p.name, type=p.type, required=p.required, default=p.default,
                                   example=p.example, description=p.description) for p in q.params],
        columns=[QueryColumn(name=c, description=d) for c, d in q.columns])


@router.get("/queries", response_model=list[CatalogEntry], summary="The query catalog",
            responses=problem_responses(503))
def list_queries() -> list[CatalogEntry]:
    """Every catalog query users run (`policykg query` lists the same): its parameters and its columns, as the
    query file's header declares them. Run one with `GET /queries/{name}`."""
    return [entry(q) for q in public_queries()]


def _operation(q: CatalogQuery):
    paging = {"offset", "limit"}

    def run(request: Request, runner: Runner, paging_dep: PagingDep) -> QueryRows:
        given = {k: v for k, v in request.query_params.items() if k not in paging}
        result = runner.page(q.name, given, paging_dep.offset, paging_dep.limit)
        columns = [c for c in q.column_names if c != "total"]
        return QueryRows(query=q.name, columns=columns, items=result.items, total=result.total,
                         offset=result.offset, limit=result.limit, truncated=result.truncated,
                         next=next_link(result.offset, result.limit, result.total), stale=result.stale)

    parameters = [{"name": p.name, "in": "query", "required": p.required, "description": p.description,
                   "schema": {"type": _TYPES[p.type], **({"default": p.cast(p.default)} if p.default is not None else {})},
                   **({"example": p.cast(p.example)} if p.example is not None else {})}
                  for p in q.params if p.name not in paging]
    columns = "\n".join(f"- `{c}`: {d}" for c, d in q.columns if c != "total")
    router.add_api_route(
        f"/queries/{q.name}", run, methods=["GET"], response_model=QueryRows, name=f"query_{q.name}",
        summary=f"Run {q.name}", description=f"{q.description}\n\nColumns of each item:\n{columns}",
        responses=problem_responses(404, 409, 422, 503, 504), openapi_extra={"parameters": parameters})


for _q in public_queries():
    _operation(_q)
