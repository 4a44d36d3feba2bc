"""Documents: the list and one document with its outline. Catalog queries: documents, document."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path
from pydantic import BaseModel, ConfigDict, Field

from .deps import Page, PagingDep, Runner
from .problems import ApiProblem, problem_responses
from .references import DocumentRef

router = APIRouter(tags=["documents"])

_EXAMPLE_TITLE = "菏泽市人民政府办公室关于印发菏泽市贯彻落实山东省县域经济高质量发展三年行动方案(2023—2025年)分工方案的通知"


class DocumentSummary(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{
        "id": "doc:菏政办字〔2023〕56号", "doc_number": "菏政办字〔2023〕56号", "title": _EXAMPLE_TITLE,
        "issuer": "菏泽市人民政府办公室", "region": "菏泽市", "level": "city", "date": "2023-12-31",
        "tasks": 35, "targets": 33}]})

    id: str
    doc_number: str | None
    title: str | None
    issuer: str | None
    region: str | None
    level: str | None = Field(description="province, city or county")
    date: str | None = Field(description="signing date (成文日期), ISO 8601")
    tasks: int = Field(description="provisions with a responsibility clause")
    targets: int = Field(description="quantified goals")


class Provision(BaseModel):
    id: str
    number: str | None
    title: str | None
    has_responsibility: bool
    parent: str | None = Field(description="id of the provision it is a sub-item of")
    span_start: int | None
    span_end: int | None


class Implemented(DocumentRef):
    stub: bool = Field(description="only known because this document cites it")
    cited_as: str | None = Field(description="how this document cites it")


class Implementing(DocumentRef):
    date: str | None


class DocumentDetail(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{
        "id": "doc:菏政办字〔2023〕56号", "doc_number": "菏政办字〔2023〕56号", "title": _EXAMPLE_TITLE,
        "issuer": "菏泽市人民政府办公室", "region": "菏泽市", "level": "city", "date": "2023-12-31", "stub": False,
        "file": "001_eac2c624b6a1218d.txt", "targets": 33,
        "outline": [{"id": "task:菏政办字〔2023〕56号:1", "number": "1", "title": "实施经济强县领跑计划",
                     "has_responsibility": True, "parent": None, "span_start": 369, "span_end": 542}],
        "implements": [{"id": "doc:山东省县域经济高质量发展三年行动方案(2023—2025年)", "number": None,
                        "title": "山东省县域经济高质量发展三年行动方案(2023—2025年)", "stub": True,
                        "cited_as": "《山东省县域经济高质量发展三年行动方案(2023—2025年)》"}],
        "implemented_by": []}]})

    id: str
    doc_number: str | None
    title: str | None
    issuer: str | None
    region: str | None
    level: str | None
    date: str | None
    stub: bool = Field(description="only known because another document cites it")
    file: str | None = Field(description="the file it was read from")
    targets: int = Field(description="quantified goals it states")
    outline: list[Provision] = Field(description="its provisions in reading order")
    implements: list[Implemented] = Field(description="documents it says it carries out")
    implemented_by: list[Implementing] = Field(description="documents that say they carry it out")


@router.get("/documents", response_model=Page[DocumentSummary], responses=problem_responses(422, 503, 504),
            summary="Ingested documents")
def list_documents(runner: Runner, paging: PagingDep):
    """Ingested documents (not the stubs of documents only cited) with their metadata and how many tasks and targets each holds. Catalog query `documents`."""
    result = runner.page("documents", {}, paging.offset, paging.limit)
    return Page[DocumentSummary].of(result, [DocumentSummary(**r) for r in result.items])


@router.get("/documents/{doc_id:path}", response_model=DocumentDetail,
            responses=problem_responses(404, 422, 503, 504),
            summary="One document: metadata, outline, what it implements and what implements it")
def get_document(
    runner: Runner,
    doc_id: Annotated[str, Path(min_length=1, max_length=300, examples=["菏政办字〔2023〕56号"],
                                description="the document's id (doc:…), its number or its exact title")],
):
    """One document by its id, number or exact title: metadata, the outline of its provisions, what it implements and what implements it. Catalog query `document`."""
    rows = runner.rows("document", {"id": doc_id})
    if not rows and not doc_id.startswith("doc:"):
        rows = runner.rows("document", {"id": "doc:" + doc_id})
    if not rows:
        raise ApiProblem(404, f"no document {doc_id!r} (by id, number or exact title); GET /documents lists them")
    return DocumentDetail(**rows[0])
