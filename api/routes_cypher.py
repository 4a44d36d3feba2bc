"""Read-only Cypher for analysts: writes refused, a time budget and a row cap the server bounds."""
from __future__ import annotations

from typing import Any

from anyio import from_thread
from fastapi import APIRouter, Request
from pydantic import BaseModel, ConfigDict, Field

from .deps import AppSettings, Runner
from .problems import ApiProblem, problem_responses
from .runner import ClientGone, check_text
from .values import check_params, to_json

router = APIRouter(tags=["cypher"])

MAX_QUERY_CHARS = 20_000


class CypherRequest(BaseModel):
    # strict: JSON false is not the number 0, "5" is not 5
    model_config = ConfigDict(extra="forbid", strict=True, json_schema_extra={"examples": [{
        "query": "MATCH (d:Department)-[:LEADS]->(t:Task) WHERE d.name = $name RETURN t.id AS task, t.title AS title",
        "params": {"name": "市科技局"}, "row_cap": 100}]})

    query: str = Field(min_length=1, max_length=MAX_QUERY_CHARS, description="one read-only Cypher statement")
    params: dict[str, Any] = Field(default_factory=dict, description="query parameters ($name in the query)")
    timeout_ms: int | None = Field(None, ge=1, description="time budget; the server's default when left out, "
                                                           "at most the server's maximum")
    row_cap: int | None = Field(None, ge=0, description="at most this many rows; the server's default when left "
                                                        "out, at most the server's maximum")


class CypherResult(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{
        "columns": ["task", "title"], "rows": [["task:菏政办字〔2023〕13号:一/1", "完善实验室体系"]],
        "truncated": False, "row_cap": 100, "timeout_ms": 10000, "elapsed_ms": 1.3}]})

    columns: list[str]
    rows: list[list[Any]] = Field(description="one list per row, in column order; dates as ISO 8601 text, "
                                              "nodes and relationships as objects")
    truncated: bool = Field(description="the row cap cut the result")
    row_cap: int
    timeout_ms: int
    elapsed_ms: float


@router.post("/cypher", response_model=CypherResult, responses=problem_responses(400, 403, 413, 422, 503, 504),
             summary="Run read-only Cypher")
def run_cypher(body: CypherRequest, runner: Runner, settings: AppSettings, request: Request):
    """Run your own read-only Cypher with parameters. Writes (CREATE, MERGE, SET, DELETE…) are refused with 403, by policykg and by the engine; a time budget and a row cap apply (ask for less, or up to the server's maximum)."""
    timeout_ms = body.timeout_ms or settings.query_timeout_ms
    if timeout_ms > settings.max_query_timeout_ms:
        raise ApiProblem(422, f"timeout_ms may be at most {settings.max_query_timeout_ms}")
    row_cap = settings.row_cap if body.row_cap is None else body.row_cap
    if row_cap > settings.max_row_cap:
        raise ApiProblem(422, f"row_cap may be at most {settings.max_row_cap}")
    check_text("query", body.query)
    try:
        result = runner.read(body.query, check_params(body.params), timeout_ms=timeout_ms, row_cap=row_cap,
                             client_gone=lambda: from_thread.run(request.is_disconnected))
    except ClientGone as exc:
        raise ApiProblem(408, str(exc)) from exc  # nobody reads it: the status only goes to the log
    return CypherResult(columns=result.columns, rows=to_json(result.rows), truncated=result.truncated,
                        row_cap=row_cap, timeout_ms=timeout_ms, elapsed_ms=round(result.elapsed_ms, 3))
