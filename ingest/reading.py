"""Reading a plain-text document: bytes to text, with the encoding guess reported.

Chinese government text arrives in UTF-8 (with or without BOM) as often as
in GB18030/GBK. Strict decoding is tried first, in that order (GB18030 is a
superset of GBK and GB2312); charset-normalizer is asked only when both fail.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from policykg.errors import PolicyKGError


class ReadError(PolicyKGError):
    """A file that cannot be read as a document; the message names the file."""


@dataclass
class DecodedText:
    text: str
    encoding: str  # the codec that decoded it ("utf-8", "utf-8-sig", "gb18030", …)
    guessed: bool  # True when a detector chose the codec, not a strict decode


def decode(data: bytes, name: str = "<bytes>") -> DecodedText:
    if not data.strip():
        raise ReadError(f"{name}: the file is empty")
    if b"\x00" in data[:4096]:
        raise ReadError(f"{name}: a binary file (NUL bytes at the start), not a text document")
    for codec in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if codec == "gb18030" and not _mostly_chinese(text):
            break  # GB18030 decodes nearly any bytes; trust it only when the result reads as Chinese
        return DecodedText(text, "utf-8" if codec == "utf-8-sig" and not data.startswith(b"\xef\xbb\xbf") else codec, False)
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding is None or not _mostly_chinese(str(best)):
        raise ReadError(f"{name}: unknown text encoding (not UTF-8 or GB18030, and no reliable guess)")
    return DecodedText(str(best), best.encoding, True)


def _mostly_chinese(text: str) -> bool:
    sample = [c for c in text[:20000] if not c.isspace()]
    if not sample:
        return False
    cjk = sum(1 for c in sample if "\u4e00" <= c <= "\u9fff" or "\u3000" <= c <= "\u303f" or "\uff00" <= c <= "\uffef")
    printable = sum(1 for c in sample if c.isprintable())
    return cjk / len(sample) > 0.3 and printable / len(sample) > 0.95


def read_text_file(path: Path) -> DecodedText:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReadError(f"{path}: cannot read ({exc.strerror or exc})") from exc
    return decode(data, str(path))
