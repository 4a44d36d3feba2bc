"""Which uploaded files can be read, by file type, before anything is read.

Every format ingest reads (plain text in UTF-8 or GB18030, .docx, .pdf with a
text layer, saved web pages) is accepted; the ingestion service then reads it
exactly as ``policykg ingest`` reads a file.
"""
from __future__ import annotations

import re
from pathlib import PurePosixPath, PureWindowsPath

from policykg.ingest.readers import FORMATS

from .problems import ApiProblem

READERS: tuple[str, ...] = tuple(sorted(FORMATS))
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


def check_readable(name: str, media_type: str | None) -> str:
    """``name`` when its type is one ingest reads (a suffix added from the media type when it has none); else 415."""
    suffix = PurePosixPath(name).suffix.lower()
    if suffix in READERS:
        return name
    base_type = (media_type or "").split(";")[0].strip().lower()
    if not suffix and base_type in MEDIA_TYPES:
        return name + MEDIA_TYPES[base_type]
    accepted = ", ".join(sorted(READERS))
    raise ApiProblem(415, f"no reader for {name!r} ({base_type or 'no media type'}); accepted file types: {accepted}",
                     accepted=sorted(READERS))
