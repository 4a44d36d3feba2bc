"""Readers: a file as people have it (.txt, .docx, .pdf, .html) to the text the extraction reads.

Each format has its own module; every reader returns a ``ReadDocument``
(the text, what it was read as, and what the reader had to leave out or
guess) or raises ``ReadError`` with a message that names the file. Tables
(division-of-labour tables in Word, PDF and web pages) come out as
tab-separated lines, one line per row, so the same table parser reads them
as reads a text file's tables.

The format is decided by the file's content first (a PDF is a PDF whatever
its name), then by its extension.
"""
from __future__ import annotations

import os
import re
import zipfile
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path

from policykg.ingest.reading import DecodedText, ReadError

# extension -> format
FORMATS: dict[str, str] = {
    ".txt": "txt", ".text": "txt",
    ".docx": "docx", ".docm": "docx",
    ".pdf": "pdf",
    ".html": "html", ".htm": "html", ".shtml": "html", ".xhtml": "html", ".mht": "html", ".mhtml": "html",
}
# formats people have that policykg cannot read, with what to do about them
UNSUPPORTED: dict[str, str] = {
    ".doc": "a Word 97-2003 (.doc) file: open it in Word or LibreOffice and save it as .docx",
    ".wps": "a WPS Writer (.wps) file: save it as .docx from WPS",
    ".rtf": "an RTF file: save it as .docx",
    ".odt": "an OpenDocument (.odt) file: save it as .docx",
    ".ofd": "an OFD file: export it as PDF",
    ".caj": "a CAJ file: export it as PDF",
    ".xls": "a spreadsheet: save the table as .docx or as tab-separated .txt",
    ".xlsx": "a spreadsheet: save the table as .docx or as tab-separated .txt",
    ".et": "a WPS spreadsheet: save the table as .docx or as tab-separated .txt",
}
DEFAULT_SUFFIXES = tuple(sorted(FORMATS))
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass
class ReadDocument:
    """A document as read: its text and how it was obtained."""

    text: str
    format: str  # txt | docx | pdf | html
    encoding: str  # the codec (txt, html) or the container ("docx", "pdf text layer")
    guessed: bool = False  # the encoding was guessed by a detector, not decoded strictly
    warnings: list[str] = field(default_factory=list)  # what the reader left out or repaired
    pages: int | None = None

    def decoded(self) -> DecodedText:
        return DecodedText(self.text, self.encoding, self.guessed)

    @property
    def encoding_label(self) -> str:
        return self.encoding + (" (guessed)" if self.guessed else "")


def sniff(data: bytes, name: str) -> str:
    """The format of ``data``: by its content when that is unambiguous, else by the name's extension."""
    head = data[:1024]
    if re.search(rb"%PDF-\d", head):  # the header may follow a little junk (the spec allows 1 KB)
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(BytesIO(data)) as zf:
                names = set(zf.namelist())
        except zipfile.BadZipFile:
            names = set()
        if "word/document.xml" in names:
            return "docx"
        return "zip"
    if head.startswith(_OLE2_MAGIC):
        return "ole2"
    suffix = Path(name).suffix.lower()
    if suffix in FORMATS:
        fmt = FORMATS[suffix]
        if fmt in ("txt", "html"):
            return "html" if _looks_like_html(head) else fmt
        return fmt
    if _looks_like_html(head):
        return "html"
    return "txt"


def _looks_like_html(head: bytes) -> bool:
    probe = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if probe.startswith(b"mime-version:") or b"content-type: multipart/related" in head.lower():
        return True  # a saved .mht web archive
    return probe.startswith((b"<!doctype html", b"<html", b"<?xml")) and b"<html" in head.lower()


def read_bytes(data: bytes, name: str) -> ReadDocument:
    """Read one document's bytes; ``name`` (its path) is used in messages and to tell the format."""
    from .budget import check_file_size

    check_file_size(len(data), name)
    fmt = sniff(data, name)
    if fmt == "ole2":
        suffix = Path(name).suffix.lower()
        raise ReadError(f"{name}: {UNSUPPORTED.get(suffix, UNSUPPORTED['.doc'])}")
    if fmt == "zip":
        suffix = Path(name).suffix.lower()
        if suffix in UNSUPPORTED:
            raise ReadError(f"{name}: {UNSUPPORTED[suffix]}")
        raise ReadError(f"{name}: a ZIP archive, not a Word document (no word/document.xml): unpack it first")
    if fmt == "docx":
        from . import docx

        return docx.read(data, name)
    if fmt == "pdf":
        from . import pdf

        return pdf.read(data, name)
    if fmt == "html":
        from . import html

        return html.read(data, name)
    suffix = Path(name).suffix.lower()
    if suffix in UNSUPPORTED:
        raise ReadError(f"{name}: {UNSUPPORTED[suffix]}")
    from . import txt

    return txt.read(data, name)


def file_bytes(path: Path, where: str | None = None) -> bytes:
    """The bytes of a document file, refused before reading when the file is over the size budget."""
    from .budget import check_file_size

    where = where or str(path)
    try:
        with open(path, "rb") as fh:
            check_file_size(os.fstat(fh.fileno()).st_size, where)
            return fh.read()
    except OSError as exc:
        raise ReadError(f"{where}: cannot read ({exc.strerror or exc})") from exc


def read_path(path: Path) -> ReadDocument:
    return read_bytes(file_bytes(path), str(path))


def extract_document(data: bytes, name: str, catalog=None, where: str | None = None):
    """Read and extract one document: ``(ExtractedDocument, ReadDocument)``.

    ``name`` is the file name recorded in the result, ``where`` (default
    ``name``) names the file in error messages. What the reader had to leave
    out comes first in the document's warnings. Raises ``ReadError`` or
    ``ExtractionError``.
    """
    from policykg.ingest.extract import extract_text

    where = where or name
    read = read_bytes(data, where)
    doc = extract_text(read.decoded(), Path(name).name, catalog, where=where)
    if read.warnings:
        doc.warnings[:0] = read.warnings
    return doc, read


def extract_bytes(data: bytes, name: str, catalog=None):
    """Any supported format's bytes to an ``ExtractedDocument`` (the signature of ``ingest.extract.extract_bytes``)."""
    return extract_document(data, name, catalog)[0]


def extract_path(path: Path, catalog=None):
    path = Path(path)
    return extract_document(file_bytes(path), path.name, catalog, where=str(path))[0]


__all__ = ["DEFAULT_SUFFIXES", "FORMATS", "ReadDocument", "ReadError", "UNSUPPORTED", "extract_bytes",
           "extract_document", "extract_path", "file_bytes", "read_bytes", "read_path", "sniff"]
