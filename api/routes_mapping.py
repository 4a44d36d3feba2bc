"""The province-to-city task mapping. Catalog query: province-to-city-mapping."""
from __future__ import annotations

from enum import Enum
from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel, ConfigDict, Field

from .deps import Page, PagingDep, Runner
from .problems import problem_responses
from .references import DepartmentRef, DocumentRef, TaskRef
from .resolve import canonical_name

router = APIRouter(tags=["mapping"])


class Basis(str, Enum):
    explicit = "explicit"
    inferred = "inferred"


class LinkType(str, Enum):
    CASCADES_FROM = "CASCADES_FROM"
    RELATES_TO = "RELATES_TO"
    any = "any"

_PROVINCIAL = "山东省县域经济高质量发展三年行动方案(2023—2025年)"


class CascadeRow(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{
        "provincial_document_id": "doc:" + _PROVINCIAL, "provincial_document": _PROVINCIAL,
        "provincial_task_id": f"task:{_PROVINCIAL}:title:实施经济强县领跑计划", "provincial_task": "实施经济强县领跑计划",
        "provincial_leads": ["省发展改革委"], "provincial_cooperates": ["省有关部门"], "city": "菏泽市",
        "city_document_id": "doc:菏政办字〔2023〕56号", "city_document": "菏政办字〔2023〕56号",
        "city_task_id": "task:菏政办字〔2023〕56号:1", "city_task": "1", "city_leads": ["市发展改革委"],
        "city_cooperates": ["市有关部门"], "link": "CASCADES_FROM", "basis": "explicit", "score": 1.0,
        "direction": None, "shared_terms": [], "counterparts": [],
        "provincial_document_ref": {"id": "doc:" + _PROVINCIAL, "number": None, "title": _PROVINCIAL},
        "provincial_task_ref": {"id": f"task:{_PROVINCIAL}:title:实施经济强县领跑计划", "number": None,
                                "title": "实施经济强县领跑计划", "document_id": "doc:" + _PROVINCIAL},
        "provincial_lead_refs": [{"id": "dept:370000:省发展改革委", "name": "省发展改革委"}],
        "provincial_cooperate_refs": [{"id": "dept:370000:省有关部门", "name": "省有关部门"}],
        "city_document_ref": {"id": "doc:菏政办字〔2023〕56号", "number": "菏政办字〔2023〕56号",
                              "title": "菏泽市人民政府办公室关于印发菏泽市县域经济高质量发展三年行动方案的通知"},
        "city_task_ref": {"id": "task:菏政办字〔2023〕56号:1", "number": "1", "title": None,
                          "document_id": "doc:菏政办字〔2023〕56号"},
        "city_lead_refs": [{"id": "dept:371700:市发展改革委", "name": "市发展改革委"}],
        "city_cooperate_refs": [{"id": "dept:371700:市有关部门", "name": "市有关部门"}]}]})

    provincial_document_id: str
    provincial_document: str | None = Field(description="title (or number) of the higher-level document")
    provincial_task_id: str
    provincial_task: str | None = Field(description="the higher-level task's heading")
    provincial_leads: list[str]
    provincial_cooperates: list[str]
    city: str | None = Field(description="region of the lower-level document")
    city_document_id: str
    city_document: str | None = Field(description="number of the lower-level document")
    city_task_id: str
    city_task: str | None = Field(description="number of the lower-level task in its document")
    city_leads: list[str]
    city_cooperates: list[str]
    link: str = Field(description="CASCADES_FROM (the city task carries the provincial one out) or RELATES_TO "
                                  "(same subject, no direction)")
    basis: str | None = Field(description="explicit (a table or 分工方案 says so) or inferred")
    score: float | None = Field(description="confidence of the link (explicit links score 1.0)")
    direction: str | None = Field(None, description="inferred links: how dates or an implements statement decided "
                                                    "the link's type")
    shared_terms: list[str] = Field(default_factory=list, description="evidence: key terms both texts use")
    counterparts: list[str] = Field(default_factory=list,
                                    description="evidence: department pairs on both sides (省科技厅→市科技局)")
    regions: str | None = Field(None, description="evidence of an inferred link: the two documents' regions and "
                                                  "what gave them, 山东省 (issuer) ⊃ 菏泽市 (doc_number)")
    provincial_document_ref: DocumentRef = Field(description="the higher-level document, as every model refers to one")
    provincial_task_ref: TaskRef = Field(description="the higher-level task")
    provincial_lead_refs: list[DepartmentRef] = Field(description="its leads, in printed order")
    provincial_cooperate_refs: list[DepartmentRef] = Field(description="its cooperating departments")
    city_document_ref: DocumentRef = Field(description="the lower-level document")
    city_task_ref: TaskRef = Field(description="the lower-level task")
    city_lead_refs: list[DepartmentRef] = Field(description="its leads, in printed order")
    city_cooperate_refs: list[DepartmentRef] = Field(description="its cooperating departments")


@router.get("/mapping/province-to-city", response_model=Page[CascadeRow],
            responses=problem_responses(404, 409, 422, 503, 504),
            summary="Provincial tasks and the city tasks and units that carry them out")
def province_to_city(
    runner: Runner,
    paging: PagingDep,
    document: Annotated[str | None, Query(max_length=300, examples=["山东省县域经济高质量发展三年行动方案"],
                                          description="the provincial document: id, number or part of its title")] = None,
    task: Annotated[str | None, Query(max_length=300, examples=["实施经济强县领跑计划"],
                                      description="the provincial task: id or part of its heading")] = None,
    city: Annotated[str | None, Query(max_length=100, examples=["菏泽市"],
                                      description="the region of the lower-level document")] = None,
    department: Annotated[str | None, Query(max_length=100, examples=["省生态环境厅"],
                                            description="a department on either side (any of its names)")] = None,
    basis: Annotated[Basis | None, Query(description="explicit (a table states the link) or inferred "
                                                     "(policykg link); both when omitted")] = None,
    link: Annotated[LinkType, Query(description="CASCADES_FROM (the default), RELATES_TO (same subject, no "
                                                "direction: only when asked) or any")] = LinkType.CASCADES_FROM,
    min_score: Annotated[float | None, Query(ge=0, le=1, description="keep links scored at least this (default: "
                                                                     "the linker's calibrated threshold)")] = None,
):
    """The default answer is what is known or likely: the links tables state, and the inferred CASCADES_FROM
    above the calibrated threshold. RELATES_TO (same subject, but not carried out) only when asked. Every filter value is resolved: an unknown
    document, city, task or department is 404 with suggestions."""
    dept = canonical_name(runner, department, "department") if department else None
    result = runner.page("province-to-city-mapping", {"document": document, "task": task, "city": city,
                                                      "department": dept, "min_score": min_score,
                                                      "basis": basis.value if basis else None, "link": link.value},
                         paging.offset, paging.limit)
    return Page[CascadeRow].of(result, [CascadeRow(**r) for r in result.items])
