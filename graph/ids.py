"""Stable ids of graph nodes, and the titles a document is known by.

A document is keyed by its number (else its title, else its file), a task by
its document and provision number, a region by its adcode: re-ingesting gives
the same ids.
"""
from __future__ import annotations

from policykg.ingest.normalize import compact
from policykg.ingest.records import ExtractedDocument
from policykg.ingest.references import titles_of
from policykg.ingest.regions import Region

__all__ = ["document_id", "document_key", "region_id", "task_id", "titles_of"]


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
