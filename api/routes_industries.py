"""Industries and the tasks about them. Catalog queries: industries, industry-tasks."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path
from pydantic import BaseModel, ConfigDict, Field

from .deps import Page, PagingDep, Runner
from .problems import ApiProblem, problem_responses
from .references import DepartmentRef, DocumentRef, TaskRef

router = APIRouter(tags=["industries"])


class Industry(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{
        "name": "生产性服务业", "parent": None,
        "subindustries": ["商务服务", "工业互联网", "软件服务", "商贸流通", "现代金融", "现代物流"], "tasks": 1}]})

    name: str
    parent: str | None = Field(description="the broader industry it belongs to")
    subindustries: list[str]
    tasks: int = Field(description="tasks about it")


class IndustryTask(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{
        "industry": "工业互联网", "level": "city", "doc_id": "doc:菏政办字〔2024〕7号", "doc_number": "菏政办字〔2024〕7号",
        "document": "菏泽市人民政府办公室关于加快服务业高质量发展的意见", "task_id": "task:菏政办字〔2024〕7号:二/(一)/5",
        "number": "二/(一)/5", "title": "工业互联网",
        "leads": [{"id": "dept:371700:市工业和信息化局", "name": "市工业和信息化局"}],
        "task_ref": {"id": "task:菏政办字〔2024〕7号:二/(一)/5", "number": "二/(一)/5", "title": "工业互联网",
                     "document_id": "doc:菏政办字〔2024〕7号"},
        "document_ref": {"id": "doc:菏政办字〔2024〕7号", "number": "菏政办字〔2024〕7号",
                         "title": "菏泽市人民政府办公室关于加快服务业高质量发展的意见"}}]})

    industry: str = Field(description="the industry asked for, or the sub-industry the task concerns")
    level: str | None
    doc_id: str = Field(description="the document the task belongs to")
    doc_number: str | None
    document: str | None
    task_id: str
    number: str | None
    title: str | None
    leads: list[DepartmentRef] = Field(description="departments that lead it, in the order the clause prints them")
    task_ref: TaskRef = Field(description="the task, as every model refers to one")
    document_ref: DocumentRef = Field(description="its document, as every model refers to one")

    @classmethod
    def from_row(cls, r: dict) -> IndustryTask:
        return cls(**r, task_ref=TaskRef.of_row(r), document_ref=DocumentRef.of_row(r))


@router.get("/industries", response_model=Page[Industry], responses=problem_responses(422, 503, 504),
            summary="Industries named in the documents")
def list_industries(runner: Runner, paging: PagingDep):
    """Industries named in the documents, with the broader industry each belongs to, its sub-industries and how many tasks concern it. Catalog query `industries`."""
    result = runner.page("industries", {}, paging.offset, paging.limit)
    return Page[Industry].of(result, [Industry(**r) for r in result.items])


@router.get("/industries/{name}/tasks", response_model=Page[IndustryTask],
            responses=problem_responses(404, 422, 503, 504),
            summary="Tasks about an industry or any of its sub-industries")
def industry_tasks(
    runner: Runner,
    paging: PagingDep,
    name: Annotated[str, Path(min_length=1, max_length=100, examples=["工业互联网"])],
):
    """Tasks about an industry or any of its sub-industries, across levels and documents. Catalog query `industry-tasks`."""
    result = runner.page("industry-tasks", {"name": name}, paging.offset, paging.limit)
    if result.total == 0 and not runner.rows("industries", {"name": name, "offset": 0, "limit": 1}):
        raise ApiProblem(404, f"no industry named {name!r}; GET /industries lists them")
    return Page[IndustryTask].of(result, [IndustryTask.from_row(r) for r in result.items])
