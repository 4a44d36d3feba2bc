"""What extraction produces for one document: typed, with provenance.

The JSON form of ``ExtractedDocument`` is what ``policykg extract --format
json`` prints; its core fields follow tests/fixtures/gold/SCHEMA.md, and the
extra fields carry provenance (character spans into the source text as read).
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from pydantic import BaseModel, Field

from .span import Span

M = TypeVar("M", bound=BaseModel)


def maker(model: type[M]) -> Callable[[dict[str, Any]], M]:
    """``model(**fields)`` as a function of the dict of fields: the model's own validator, called without the
    Python frame of ``BaseModel.__init__`` around it (the same validation, the same instance). For the
    records a document makes by the thousand (a span for every unit named), where that frame is a
    good part of their cost."""
    return model.__pydantic_validator__.validate_python


class UnitRef(BaseModel):
    name: str = Field(description="canonical department name")
    surface: str = Field(description="the name as written, whitespace removed")
    printed: str = Field("", description="the surface form exactly as printed in the clause's list "
                                          "(a bare 事管局 before it takes its list's 省 prefix)")
    position: int = Field(0, description="0-based index of the unit in the clause's printed list; "
                                         "the first-listed lead is the main one")
    role: str = Field(description="lead | cooperate | implement")
    level: str | None = None
    known: bool = True
    collective: bool = False
    span: Span


class DocumentInfo(BaseModel):
    doc_number: str | None = None
    title: str | None = None
    issuer: str | None = None
    region: str | None = None
    level: str | None = None
    date: str | None = None
    implements: list[str] = Field(default_factory=list)
    region_code: str | None = None
    region_basis: str | None = Field(None, description="what gave the region: issuer | title | doc_number | body")
    plan_year: int | None = None


class TaskRecord(BaseModel):
    number: str
    title: str | None = None
    text_start: str = ""
    leads: list[str] = Field(default_factory=list)
    cooperates: list[str] = Field(default_factory=list)
    implementers: list[str] = Field(default_factory=list)
    text: str = ""
    clause: int = Field(default=1, description="which responsibility clause of the provision (1 for the first)")
    parent: str | None = None
    span: Span
    clause_span: Span | None = None
    units: list[UnitRef] = Field(default_factory=list)
    industries: list[str] = Field(default_factory=list)
    deadline: str | None = Field(default=None,
                                 description="the deadline a 完成时限 column or the clause gives, as printed")
    deadline_year: int | None = Field(default=None, description="the one year the deadline names")


class CascadeRecord(BaseModel):
    number: str
    clause: int = Field(default=1, description="which part of the row (a row printed below a merged cell: 2, 3 …), "
                                               "as the task it cascades to")
    province_task: str
    province_leads: list[str] = Field(default_factory=list)
    province_cooperates: list[str] = Field(default_factory=list)
    city_leads: list[str] = Field(default_factory=list)
    city_cooperates: list[str] = Field(default_factory=list)
    upper_level: str = "province"
    lower_level: str = "city"
    span: Span
    units: list[UnitRef] = Field(default_factory=list)


class TargetRecord(BaseModel):
    task: str
    clause: int = Field(default=1, description="the responsibility clause (task) of the provision it belongs to")
    text: str
    metric: str
    value: float
    unit: str
    qualifier: str
    year: int | None = None
    year_basis: str = Field(default="none",
                            description="where the year comes from: stated (the sentence or its heading), "
                                        "package (a one-year package), none")
    scope: str | None = Field(default=None, description="the region the goal counts over")
    scope_level: str | None = Field(default=None, description="province | city | county: the level of ``scope``")
    span: Span


class IndustryRecord(BaseModel):
    name: str
    parent: str | None = None
    provision: str | None = Field(None, description="the provision that is about this industry, if any")


class ProvisionRecord(BaseModel):
    """Every numbered provision, with or without a responsibility clause."""

    number: str
    title: str | None = None
    parent: str | None = None
    text: str = ""
    span: Span


class ReferenceRecord(BaseModel):
    """A document this one cites (CITES) or says it carries out (IMPLEMENTS: 贯彻落实《X》)."""

    kind: str = Field(description="IMPLEMENTS | CITES")
    target: str = Field(description="the cited document's number, else its title (compacted, without 《》)")
    cited_as: list[str] = Field(default_factory=list, description="every form it is written in: 《title》, number")
    where: str | None = Field(None, description="header (the title or preamble) | provision | text")
    provision: str | None = Field(None, description="the provision that cites it")
    verb: str | None = Field(None, description="the implementing verb before the citation (贯彻落实, 根据…)")
    clause: str | None = None
    count: int = 1


class ExtractedDocument(BaseModel):
    file: str
    content_hash: str
    encoding: str = "utf-8"
    document: DocumentInfo
    tasks: list[TaskRecord] = Field(default_factory=list)
    cascades: list[CascadeRecord] = Field(default_factory=list)
    targets: list[TargetRecord] = Field(default_factory=list)
    industries: list[IndustryRecord] = Field(default_factory=list)
    departments: dict[str, list[str]] = Field(default_factory=dict)
    provisions: list[ProvisionRecord] = Field(default_factory=list)
    unknown_departments: list[str] = Field(default_factory=list)
    ignored_columns: list[str] = Field(default_factory=list, description="headers of table columns the reader "
                                       "found no role for, so their cells are not read (备注 …)")
    references: list[ReferenceRecord] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
