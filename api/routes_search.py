"""One search over departments, documents and provisions. Catalog query: search (substring matching: Chinese
needs no word segmentation; the alias files' form of the words is looked for too, so 发改委 finds 发展改革委)."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel, ConfigDict, Field

from .deps import Page, PagingDep, Runner
from .problems import problem_responses
from .references import DepartmentRef, DocumentRef, TaskRef

router = APIRouter(tags=["search"])
SNIPPET = 30  # characters of context on each side of a match in a provision's text


class SearchHit(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{
        "kind": "task", "id": "task:菏政发〔2024〕1号:二/(三)/1", "label": "太阳能", "doc_id": "doc:菏政发〔2024〕1号",
        "doc_number": "菏政发〔2024〕1号", "number": "二/(三)/1", "region": "菏泽市",
        "snippet": "……推进光伏发电规模化开发……", "department_ref": None,
        "document_ref": {"id": "doc:菏政发〔2024〕1号", "number": "菏政发〔2024〕1号", "title": None},
        "task_ref": {"id": "task:菏政发〔2024〕1号:二/(三)/1", "number": "二/(三)/1", "title": "太阳能",
                     "document_id": "doc:菏政发〔2024〕1号"}}]})

    kind: str = Field(description="department, document or task")
    id: str = Field(description="the department's, document's or task's id")
    label: str | None = Field(description="its name, title, or the provision's heading")
    doc_id: str | None = Field(description="the document it belongs to (documents and tasks)")
    doc_number: str | None = Field(description="that document's number")
    number: str | None = Field(description="the provision's number (tasks)")
    region: str | None = Field(description="the department's or document's region")
    snippet: str | None = Field(description="the words around the match in the provision's text (tasks)")
    department_ref: DepartmentRef | None = Field(description="the department found, as every model refers to one")
    document_ref: DocumentRef | None = Field(description="the document found, or the one the provision belongs to")
    task_ref: TaskRef | None = Field(description="the provision found, as every model refers to one")

    @classmethod
    def from_row(cls, r: dict, words: list[str]) -> SearchHit:
        kind, label = r["kind"], r["label"]
        return cls(**{k: v for k, v in r.items() if k != "text"}, snippet=snippet(r["text"], words),
                   department_ref=DepartmentRef(id=r["id"], name=label) if kind == "department" else None,
                   document_ref=DocumentRef(id=r["doc_id"], number=r["doc_number"],
                                            title=label if kind == "document" else None) if r["doc_id"] else None,
                   task_ref=TaskRef(id=r["id"], number=r["number"], title=label, document_id=r["doc_id"])
                   if kind == "task" else None)


def snippet(text: str | None, words: list[str]) -> str | None:
    if not text:
        return None
    for w in words:
        at = text.find(w)
        if at >= 0:
            start, end = max(0, at - SNIPPET), min(len(text), at + len(w) + SNIPPET)
            return ("……" if start else "") + text[start:end] + ("……" if end < len(text) else "")
    return text[: 2 * SNIPPET] + ("……" if len(text) > 2 * SNIPPET else "")


@router.get("/search", response_model=Page[SearchHit], responses=problem_responses(422, 503, 504),
            summary="Departments, documents and provisions that contain the words")
def search(
    runner: Runner,
    paging: PagingDep,
    q: Annotated[str, Query(min_length=1, max_length=100, examples=["光伏"], description="the words to find")],
):
    """Departments whose name (or a name the documents print for them) contains the words, then documents whose
    title or number does, then provisions whose heading or text does. Matching is by substring, so Chinese needs
    no word segmentation; the alias files' form of the words is looked for too (发改委 finds 市发展改革委 and
    省发展改革委). Catalog query `search`."""
    alt = runner.resolver().alternative(q)
    result = runner.page("search", {"q": q, "alt": alt}, paging.offset, paging.limit)
    words = [q] + ([alt] if alt else [])
    return Page[SearchHit].of(result, [SearchHit.from_row(r, words) for r in result.items])
