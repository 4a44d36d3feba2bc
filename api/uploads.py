"""Which reader turns an uploaded file into an extracted document, by file type.

Every format ingest reads (plain text in UTF-8 or GB18030, .docx, .pdf with a
text layer, saved web pages) goes through ingest.readers, as on the command line.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import PurePosixPath, PureWindowsPath

from policykg.ingest.readers import FORMATS, extract_bytes
from policykg.ingest.records import ExtractedDocument

from .problems import ApiProblem

Reader = Callable[[bytes, str], ExtractedDocument]

READERS: dict[str, Reader] = {suffix: extract_bytes for suffix in FORMATS}
MEDIA_TYPES: dict[str, str] = {
    "text/plain": ".txt",
    "text/html": ".html",
    "application/pdf": ".pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
}
_UNSAFE = re.compile(r"[\x00-\x1f\x7f]")


def safe_name(filename: str | None) -> str:
    """The file's own name, without any directory a client put in front of it (it only labels the document)."""
    name = PureWindowsPath(PurePosixPath(filename or "").name).name
    name = _UNSAFE.sub("", name).strip()[:200]
    return name or "upload.txt"


def reader_for(name: str, media_type: str | None) -> Reader:
    suffix = PurePosixPath(name).suffix.lower()
    if suffix in READERS:
        return READERS[suffix]
    base_type = (media_type or "").split(";")[0].strip().lower()
    if not suffix and base_type in MEDIA_TYPES:
        return READERS[MEDIA_TYPES[base_type]]
    accepted = ", ".join(sorted(READERS))
    raise ApiProblem(415, f"no reader for {name!r} ({base_type or 'no media type'}); accepted file types: {accepted}",
                     accepted=sorted(READERS))
