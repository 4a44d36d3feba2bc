"""Plain text: UTF-8 (with or without BOM), GB18030/GBK/GB2312, UTF-16 with a BOM; the guess is reported.

Strict decoding and the detector fallback live in ``ingest.reading``; this
reader adds what Windows tools write besides: UTF-16 and UTF-32 text with a
byte-order mark (Notepad's "Unicode"), which would otherwise look binary.
"""
from __future__ import annotations

import codecs

from policykg.ingest.reading import ReadError, decode

from . import ReadDocument

_WIDE_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16"),
)


def read(data: bytes, name: str) -> ReadDocument:
    for bom, codec, label in _WIDE_BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(codec)
            except UnicodeDecodeError as exc:
                raise ReadError(f"{name}: starts with a {label} byte-order mark but is not valid {label} "
                                f"(byte {exc.start + len(bom)})") from exc
            if not text.strip():
                raise ReadError(f"{name}: the file is empty")
            if "\x00" in text:
                raise ReadError(f"{name}: a binary file (NUL characters in {label} text), not a text document")
            return ReadDocument(text, "txt", label)
    decoded = decode(data, name)
    return ReadDocument(decoded.text, "txt", decoded.encoding, decoded.guessed)
