"""Quantified targets. Catalog query: targets."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel, ConfigDict, Field

from .deps import Page, PagingDep, Runner
from .problems import problem_responses
from .resolve import canonical_name

router = APIRouter(tags=["targets"])


class Target(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{
        "year": 2025, "metric": "服务业增加值年均增长", "value": 6.0, "unit": "%", "qualifier": "以上",
        "text": "全市服务业增加值年均增长6%以上", "task_id": None, "number": "", "doc_number": "菏政办字〔2024〕7号",
        "owners": []}]})

    year: int | None = Field(description="the year it falls due (null when the text gives none)")
    metric: str | None = Field(description="what is measured")
    value: float | None
    unit: str | None = Field(description="its unit (万/亿 kept in the unit)")
    qualifier: str | None = Field(description="以上, 左右, 达到, 不少于 …")
    text: str | None = Field(description="the words that state it")
    task_id: str | None = Field(description="the task stating it (null for a document-wide target)")
    number: str | None = Field(description="the provision it sits in")
    doc_number: str | None
    owners: list[str] = Field(description="departments leading the task")


@router.get("/targets", response_model=Page[Target], responses=problem_responses(404, 409, 422, 503, 504),
            summary="Targets by due year, department, industry or document")
def list_targets(
    runner: Runner,
    paging: PagingDep,
    year: Annotated[int | None, Query(ge=1900, le=2200, examples=[2025], description="the year it falls due")] = None,
    department: Annotated[str | None, Query(max_length=100, examples=["市发展改革委"],
                                            description="a department leading the target's task (any of its names)")] = None,
    industry: Annotated[str | None, Query(max_length=100, examples=["生物医药"],
                                          description="an industry the target's task concerns")] = None,
    document: Annotated[str | None, Query(max_length=300, examples=["菏政发〔2024〕1号"],
                                          description="document id, number or part of its title")] = None,
):
    dept = canonical_name(runner, department, "department") if department else None
    result = runner.page("targets", {"year": year, "department": dept, "industry": industry, "document": document},
                         paging.offset, paging.limit)
    return Page[Target].of(result, [Target(**r) for r in result.items])
