"""Departments: the list, one department (any alias or OCR variant finds it), and its tasks.

Catalog queries: departments, department, department-tasks.
"""
from __future__ import annotations

from enum import Enum
from typing import Annotated

from fastapi import APIRouter, Path, Query
from pydantic import BaseModel, ConfigDict, Field

from .deps import Page, PagingDep, Runner, next_link
from .problems import problem_responses
from .references import DepartmentRef, DocumentRef, TaskRef
from .resolve import find_department, resolve_department

router = APIRouter(tags=["departments"])

NAME_MAX = 100


class Level(str, Enum):
    province = "province"
    city = "city"
    county = "county"


class Role(str, Enum):
    lead = "lead"
    cooperate = "cooperate"
    any = "any"


class Department(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{
        "id": "dept:371700:人行菏泽市分行", "name": "人行菏泽市分行", "level": "city", "region": "菏泽市",
        "collective": False, "known": True, "aliases": ["人行菏泽市中心支行"], "leads_count": 1, "cooperates_count": 2}]})

    id: str = Field(description="stable id: dept:<region code>:<name>")
    name: str = Field(description="canonical name")
    level: str | None = Field(description="province, city or county; null when unknown")
    region: str | None = Field(description="the region whose government it belongs to")
    collective: bool = Field(description="a collective unit such as 市有关部门 or 各县区政府、管委会")
    known: bool = Field(description="the alias file knows the name")
    aliases: list[str] = Field(description="other names the documents write it under (OCR variants, old names)")
    leads_count: int = Field(description="how many tasks it leads")
    cooperates_count: int = Field(description="how many tasks it cooperates on")


class DepartmentDetail(Department):
    model_config = ConfigDict(json_schema_extra={"examples": [{
        "id": "dept:371700:人行菏泽市分行", "name": "人行菏泽市分行", "level": "city", "region": "菏泽市",
        "collective": False, "known": True, "aliases": ["人行菏泽市中心支行"], "leads_count": 1, "cooperates_count": 2,
        "documents": [{"id": "doc:菏政办字〔2024〕7号", "number": "菏政办字〔2024〕7号",
                       "title": "菏泽市人民政府办公室关于加快服务业高质量发展的意见"}],
        "asked_for": "人行菏泽市中心支行", "resolution": "alias"}]})

    documents: list[DocumentRef] = Field(description="the documents that give it a task")
    asked_for: str = Field(description="the name as given in the request")
    resolution: str = Field(description="how the name was matched: exact (canonical name or id), alias (a name the "
                                        "documents use for it) or alias-file (the canonical form in the alias file)")


class DepartmentTask(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{
        "role": "lead", "task_id": "task:菏政办字〔2023〕13号:三/23", "doc_id": "doc:菏政办字〔2023〕13号",
        "doc_number": "菏政办字〔2023〕13号", "document": "菏泽市人民政府办公室关于印发菏泽市建设绿色低碳高质量发展先行区2023年重点工作任务的通知",
        "number": "三/23", "title": "大力发展可再生能源", "text": "有序发展风力发电、太阳能发电、生物质发电等新能源……",
        "targets": ["新能源和可再生能源发电装机达到460万千瓦以上"], "written_as": "市发展改革委",
        "task_ref": {"id": "task:菏政办字〔2023〕13号:三/23", "number": "三/23", "title": "大力发展可再生能源",
                     "document_id": "doc:菏政办字〔2023〕13号"},
        "document_ref": {"id": "doc:菏政办字〔2023〕13号", "number": "菏政办字〔2023〕13号",
                         "title": "菏泽市人民政府办公室关于印发菏泽市建设绿色低碳高质量发展先行区2023年重点工作任务的通知"}}]})

    role: str = Field(description="lead or cooperate")
    task_id: str
    doc_id: str
    doc_number: str | None = Field(description="null for a document known only by title")
    document: str | None = Field(description="the document's title")
    number: str | None = Field(description="the provision's number in its document (二/(一)/1)")
    title: str | None = Field(description="the provision's heading")
    text: str | None = Field(description="the provision text before its responsibility clause")
    targets: list[str] = Field(description="quantified goals the provision states")
    written_as: str | None = Field(description="the department's name as the clause prints it")
    task_ref: TaskRef = Field(description="the task, as every model refers to one")
    document_ref: DocumentRef = Field(description="its document, as every model refers to one")

    @classmethod
    def from_row(cls, r: dict) -> DepartmentTask:
        return cls(**r, task_ref=TaskRef.of_row(r), document_ref=DocumentRef.of_row(r))


class DepartmentTaskPage(Page[DepartmentTask]):
    department: str = Field(description="canonical name of the department")
    department_id: str
    department_ref: DepartmentRef = Field(description="the department, as every model refers to one")
    role: Role


NameParam = Annotated[str, Path(min_length=1, max_length=NAME_MAX, description="canonical name, id or any alias",
                                examples=["人行菏泽市中心支行"])]
RegionParam = Annotated[str | None, Query(max_length=NAME_MAX, examples=["菏泽市"],
                                          description="only the department of this region (a name like 市发展改革委 "
                                                      "exists once per city)")]


@router.get("/departments", response_model=Page[Department], responses=problem_responses(422, 503, 504),
            summary="Departments, filtered and paginated")
def list_departments(
    runner: Runner,
    paging: PagingDep,
    level: Annotated[Level | None, Query(description="province, city or county")] = None,
    region: Annotated[str | None, Query(max_length=NAME_MAX, examples=["菏泽市"],
                                        description="the region whose government it belongs to")] = None,
    prefix: Annotated[str | None, Query(max_length=NAME_MAX, examples=["市"],
                                        description="the canonical name starts with this")] = None,
):
    """Departments in name order, with how many tasks each leads and cooperates on; filter by level, region or name prefix. Catalog query `departments`."""
    result = runner.page("departments", {"level": level.value if level else None, "region": region,
                                         "prefix": prefix}, paging.offset, paging.limit)
    return Page[Department].of(result, [Department(**r) for r in result.items])


@router.get("/departments/{name}", response_model=DepartmentDetail,
            responses=problem_responses(404, 409, 422, 503, 504), summary="One department, by any of its names")
def get_department(runner: Runner, name: NameParam, region: RegionParam = None):
    """One department by its id, canonical name, any name the documents print, its full name with its region (菏泽市发展改革委) or a name the alias files know (市发改委). `resolution` says how the name was matched; an unknown name is 404 with suggestions, a name several regions or levels share is 409 with the candidates. Catalog query `department`."""
    row, how = find_department(runner, name, region)
    return DepartmentDetail(**row, asked_for=name, resolution=how)


@router.get("/departments/{name}/tasks", response_model=DepartmentTaskPage,
            responses=problem_responses(404, 409, 422, 503, 504),
            summary="What a department leads, cooperates on, or both")
def department_tasks(
    runner: Runner,
    paging: PagingDep,
    name: NameParam,
    role: Annotated[Role, Query(description="lead, cooperate or any")] = Role.any,
    region: RegionParam = None,
):
    """The tasks a department leads, cooperates on, or both, in document order, with the document, the provision and its targets. The department is found as in `GET /departments/{name}`. Catalog query `department-tasks`."""
    row = resolve_department(runner, name, region).row
    result = runner.page("department-tasks", {"name": row["id"], "role": role.value}, paging.offset, paging.limit)
    items = [DepartmentTask.from_row({k: v for k, v in r.items() if k not in ("department", "department_id")})
             for r in result.items]
    return DepartmentTaskPage(items=items, total=result.total, offset=result.offset, limit=result.limit,
                              truncated=result.truncated, department=row["name"], department_id=row["id"],
                              department_ref=DepartmentRef(id=row["id"], name=row["name"]), role=role,
                              next=next_link(result.offset, result.limit, result.total), stale=result.stale)
