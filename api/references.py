"""The one shape every API model uses to point at another entity: a department, a document or a task.

A reference carries the id (the key for another request) and what a reader needs to recognise the entity.
Fields a route's query does not return are null rather than absent, so a client reads every reference alike.
"""
from __future__ import annotations

from pydantic import BaseModel, Field


class DepartmentRef(BaseModel):
    id: str | None = Field(description="the department's id (dept:<region code>:<name>); null where the route's "
                                       "query gives only the name")
    name: str = Field(description="canonical name")


class DocumentRef(BaseModel):
    id: str = Field(description="the document's id (doc:<number or title>)")
    number: str | None = Field(description="its number (菏政办字〔2024〕7号); null for a document known by title only")
    title: str | None = Field(description="its title; null where the route's query gives only the number")

    @classmethod
    def of_row(cls, r: dict) -> DocumentRef:
        """From a row in the catalog's columns for a task's document: doc_id, doc_number, document (title)."""
        return cls(id=r["doc_id"], number=r["doc_number"], title=r["document"])


class TaskRef(BaseModel):
    id: str = Field(description="the task's id (task:<document>:<number>)")
    number: str | None = Field(description="the provision's number in its document (二/(一)/1)")
    title: str | None = Field(description="the provision's heading")
    document_id: str | None = Field(description="id of the document it belongs to")

    @classmethod
    def of_row(cls, r: dict) -> TaskRef:
        """From a row in the catalog's columns for a task: task_id, number, title, doc_id."""
        return cls(id=r["task_id"], number=r["number"], title=r["title"], document_id=r["doc_id"])
