"""Quantified targets. Catalog query: targets."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel, ConfigDict, Field

from .deps import Page, PagingDep, Runner
from .problems import problem_responses
from .references import DepartmentRef, DocumentRef, TaskRef
from .resolve import canonical_name

router = APIRouter(tags=["targets"])


class Target(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{
        "year": 2025, "year_basis": "stated", "metric": "服务业增加值年均增长", "value": 6.0, "unit": "%",
        "qualifier": "以上", "text": "全市服务业增加值年均增长6%以上", "scope": "菏泽市", "scope_level": "city",
        "task_id": None, "number": "", "deadline": None, "doc_id": "doc:菏政办字〔2024〕7号", "doc_number": "菏政办字〔2024〕7号",
        "owner_task_id": None, "owners": [], "owned": False,
        "document_ref": {"id": "doc:菏政办字〔2024〕7号", "number": "菏政办字〔2024〕7号",
                         "title": "菏泽市人民政府办公室关于印发菏泽市服务业高质量发展行动方案的通知"},
        "task_ref": None, "owner_task_ref": None, "owner_refs": []}]})

    year: int | None = Field(description="the year it falls due (null when the text gives none)")
    year_basis: str | None = Field(None, description="where the year comes from: stated (the sentence or its "
                                                     "heading), package (a one-year package), none")
    metric: str | None = Field(description="what is measured")
    value: float | None
    unit: str | None = Field(description="its unit (万/亿 kept in the unit)")
    qualifier: str | None = Field(description="以上, 左右, 达到, 不少于 …")
    text: str | None = Field(description="the words that state it")
    scope: str | None = Field(None, description="the region the goal counts over")
    scope_level: str | None = Field(None, description="province, city or county")
    task_id: str | None = Field(description="the task that states it (null for a document-wide target)")
    number: str | None = Field(description="the provision it sits in")
    deadline: str | None = Field(None, description="the stating task's deadline as printed (完成时限), null if none")
    doc_id: str | None = Field(description="the document that states it")
    doc_number: str | None
    owner_task_id: str | None = Field(None, description="the task that owns it: the stating task, or for a "
                                                        "provincial goal quoted in a division-of-labour row the "
                                                        "province's task")
    owners: list[str] = Field(description="departments leading the owning task")
    owned: bool = Field(False, description="whether any department leads the owning task")
    document_ref: DocumentRef | None = Field(None, description="the document that states it, as every model refers "
                                                               "to one")
    task_ref: TaskRef | None = Field(None, description="the task that states it (null for a document-wide target)")
    owner_task_ref: TaskRef | None = Field(None, description="the task that owns it")
    owner_refs: list[DepartmentRef] = Field(default_factory=list, description="departments leading the owning task")


@router.get("/targets", response_model=Page[Target], responses=problem_responses(404, 409, 422, 503, 504),
            summary="Targets by due year, department, industry, document or scope; owned or not")
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
    scope: Annotated[str | None, Query(max_length=100, examples=["菏泽市"],
                                       description="the region the target counts over, or its level "
                                                   "(province, city, county)")] = None,
    owned: Annotated[bool | None, Query(description="true: only targets a department owns; "
                                                    "false: only targets with no owner")] = None,
):
    dept = canonical_name(runner, department, "department") if department else None
    result = runner.page("targets", {"year": year, "department": dept, "industry": industry, "document": document,
                                     "scope": scope, "owned": owned},
                         paging.offset, paging.limit)
    return Page[Target].of(result, [Target(**r) for r in result.items])
