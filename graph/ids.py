"""Stable ids of graph nodes, and the titles a document is known by.

A document is keyed by its number (else its title, else its file), a task by
its document and provision number (a number the document prints again keys its
later provisions 一@2, 一@3: graph.numbering), a region by its adcode:
re-ingesting gives the same ids.
"""
from __future__ import annotations

from policykg.ingest.normalize import compact
from policykg.ingest.records import ExtractedDocument
from policykg.ingest.references import core_title, titles_of
from policykg.ingest.regions import Region

__all__ = ["document_id", "document_key", "region_id", "task_id", "title_key", "title_probes", "titles_of"]


def document_key(doc: ExtractedDocument) -> str:
    info = doc.document
    if info.doc_number:
        return info.doc_number
    if info.title:
        return compact(info.title)
    return "file:" + doc.file


def document_id(key: str) -> str:
    return "doc:" + key


def task_id(doc_key: str, number: str, clause: int = 1) -> str:
    return f"task:{doc_key}:{number}" + (f"#{clause}" if clause > 1 else "")


def region_id(region: Region) -> str:
    return "region:" + region.code


def title_key(title: str | None) -> str | None:
    """The indexed key a document (ingested or stub) is looked up by its title with: the title it is printed
    under (``core_title``: 关于印发《X》的通知 → X, the issuer left out). Every title ``titles_of`` gives for a
    document has this key or is it (see ``title_probes``), so an exact, indexed lookup finds what the build
    would match."""
    return core_title(title) or None if title else None


def title_probes(forms: list[str]) -> list[str]:
    """The keys to look up to find every document one of ``forms`` (compacted titles) may name: each form and
    its ``title_key``. A document whose ``titles_of`` holds a form has one of them as its key: the form is its
    whole title (same key), the text it promulgates (its key) or its title without the issuer (the same
    promulgated text, or its key)."""
    out: dict[str, None] = {}
    for form in forms:
        for key in (form, title_key(form)):
            if key:
                out[key] = None
    return list(out)
