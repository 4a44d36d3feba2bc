"""One task with its full picture and where every fact was read. Catalog query: task."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path
from pydantic import BaseModel, ConfigDict, Field

from .deps import Runner
from .problems import ApiProblem, problem_responses
from .references import DepartmentRef, DocumentRef, TaskRef

router = APIRouter(tags=["tasks"])


class Responsible(DepartmentRef):
    id: str = Field(description="the department's id")
    written_as: str | None = Field(description="the name as the clause prints it (null for a table's unit columns)")
    span_start: int | None = Field(description="where the name starts in the source text")
    span_end: int | None = Field(description="where it ends")


class TaskTarget(BaseModel):
    text: str | None
    metric: str | None
    value: float | None
    unit: str | None
    qualifier: str | None
    year: int | None


class CascadeLink(TaskRef):
    id: str = Field(description="the other task's id")
    title: str | None = None
    number: str | None = None
    document_id: str | None = Field(None, description="the document the link was read from")
    basis: str | None = Field(description="explicit (a table or 分工方案 says so) or inferred")
    score: float | None = Field(description="confidence of the link")


class TaskDocument(DocumentRef):
    doc_number: str | None = Field(description="the same as number (the name other models give the column)")
    date: str | None


class Provenance(BaseModel):
    document_id: str = Field(description="the document whose text this task was read from (for a higher-level task "
                                         "known only from a division-of-labour table: the document with the table)")
    number: str | None = Field(description="the provision's number in its document")
    span_start: int | None = Field(description="first character of the provision in that text")
    span_end: int | None = Field(description="end of the provision in that text")
    source_text: str | None = Field(description="the provision's words as read: its text, or its heading when only "
                                                "the heading was printed (a table row)")


class TaskDetail(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{
        "id": "task:菏政办字〔2023〕13号:一/1", "number": "一/1", "title": "完善实验室体系",
        "text": "积极争创全国、全省重点实验室,……力争2023年省重点实验室达到2家以上。", "level": "city",
        "has_responsibility": True, "stub": False,
        "document": {"id": "doc:菏政办字〔2023〕13号", "number": "菏政办字〔2023〕13号", "doc_number": "菏政办字〔2023〕13号",
                     "title": "菏泽市人民政府办公室关于印发菏泽市建设绿色低碳高质量发展先行区2023年重点工作任务的通知",
                     "date": "2023-03-31"},
        "leads": [{"name": "市科技局", "id": "dept:371700:市科技局", "written_as": "市科技局",
                   "span_start": 531, "span_end": 535}],
        "cooperates": [{"name": "各县区政府、管委会", "id": "dept:371700:各县区政府、管委会",
                        "written_as": "各县区政府、管委会", "span_start": 541, "span_end": 550}],
        "targets": [{"text": "力争2023年省重点实验室达到2家以上", "metric": "省重点实验室", "value": 2.0, "unit": "家",
                     "qualifier": "以上", "year": 2023}],
        "industries": [], "parent": "task:菏政办字〔2023〕13号:一", "children": [], "cascades_from": [],
        "cascaded_by": [],
        "provenance": {"document_id": "doc:菏政办字〔2023〕13号", "number": "一/1", "span_start": 436,
                       "span_end": 551, "source_text": "积极争创全国、全省重点实验室,……力争2023年省重点实验室达到2家以上。"}}]})

    id: str
    number: str | None = Field(description="the provision's number (null for a higher-level task known from a table)")
    title: str | None
    text: str | None = Field(description="the provision text before its responsibility clause")
    level: str | None = Field(description="province, city or county")
    has_responsibility: bool = Field(description="a responsibility clause names who carries it out")
    stub: bool = Field(description="a higher-level task known only from a division-of-labour table row")
    document: TaskDocument = Field(description="the document it belongs to")
    leads: list[Responsible]
    cooperates: list[Responsible]
    targets: list[TaskTarget]
    industries: list[str]
    parent: str | None = Field(description="id of the provision it is a sub-item of")
    children: list[str] = Field(description="ids of its sub-items")
    cascades_from: list[CascadeLink] = Field(description="higher-level tasks it carries out")
    cascaded_by: list[CascadeLink] = Field(description="lower-level tasks that carry it out")
    provenance: Provenance


@router.get("/tasks/{task_id:path}", response_model=TaskDetail, responses=problem_responses(404, 422, 503, 504),
            summary="A task's full picture with provenance")
def get_task(
    runner: Runner,
    task_id: Annotated[str, Path(min_length=1, max_length=300, examples=["task:菏政办字〔2023〕13号:一/1"],
                                 description="the task's id (task:<document number>:<provision number>; the "
                                             "task: prefix may be left out). Percent-encode it: it holds / and 〔〕")],
):
    """One task with every fact about it and where it was read: its document, its leads and cooperators in the order the clause prints them (each with the name as printed and its character span), targets, industries, parent, sub-items, and the tasks it cascades from and to. Catalog query `task`."""
    tid = task_id if task_id.startswith("task:") else "task:" + task_id
    rows = runner.rows("task", {"id": tid})
    if not rows:
        raise ApiProblem(404, f"no task {tid!r}; task ids look like task:菏政办字〔2023〕13号:一/1 "
                              "(GET /documents/{id} lists a document's provisions)")
    r = rows[0]
    return TaskDetail(
        id=r["id"], number=r["number"], title=r["title"], text=r["text"], level=r["level"],
        has_responsibility=r["has_responsibility"], stub=r["stub"],
        document=TaskDocument(id=r["document_id"], number=r["doc_number"], doc_number=r["doc_number"], title=r["document"],
                              date=r["date"]),
        leads=r["leads"], cooperates=r["cooperates"], targets=r["targets"], industries=r["industries"],
        parent=r["parent"], children=r["children"], cascades_from=r["cascades_from"], cascaded_by=r["cascaded_by"],
        provenance=Provenance(document_id=r["read_from"], number=r["number"], span_start=r["span_start"],
                              span_end=r["span_end"], source_text=r["text"] or r["title"]),
    )
