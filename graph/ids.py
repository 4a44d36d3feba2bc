"""Stable ids of graph nodes, and the titles a document is known by.

A document is keyed by its number (else its title, else its file), a task by
its document and provision number, a region by its adcode: re-ingesting gives
the same ids.
"""
from __future__ import annotations

import re

from policykg.ingest.normalize import compact
from policykg.ingest.records import ExtractedDocument
from policykg.ingest.regions import Region


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


_PROMULGATION = re.compile(r"关于印发《?(.+?)》?的通知$")


def titles_of(title: str | None) -> list[str]:
    """A document's own title, and for a notice that promulgates a text (关于印发《X》的通知) the text's title X."""
    if not title:
        return []
    title = compact(title)
    out = [title]
    m = _PROMULGATION.search(title)
    if m:
        out.append(m.group(1))
    return out
