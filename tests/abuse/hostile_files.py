"""Hostile documents, built small: each costs gigabytes or minutes to a reader that does not budget."""
from __future__ import annotations

import io
import zipfile
import zlib
from pathlib import Path

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def empty_paragraphs_docx(paragraphs: int = 3_000_000) -> bytes:
    """A valid .docx whose body is millions of empty paragraphs: tens of MB of XML, tens of KB zipped."""
    import docx

    base = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("一、总体要求")
    document.save(base)
    body = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W_NS}"><w:body>'
            + "<w:p><w:r><w:t>一、总体要求</w:t></w:r></w:p>" + "<w:p/>" * paragraphs
            + "</w:body></w:document>").encode()
    out = io.BytesIO()
    with zipfile.ZipFile(base) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            dst.writestr(item.filename, body if item.filename == "word/document.xml" else src.read(item.filename))
    return out.getvalue()


def _pdf(content: bytes, extra_objects: list[bytes] | None = None, xobjects: str = "") -> bytes:
    """A one-page PDF with ``content`` as its (Flate-compressed) content stream."""
    packed = zlib.compress(content, 9)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> "
         + xobjects.encode() + b" >> >>"),
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed) + packed + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        *(extra_objects or []),
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def many_text_operators_pdf(operators: int = 10_000) -> bytes:
    """A few KB of PDF whose one page shows text ``operators`` times."""
    ops = b"".join(b"1 0 0 1 72 %d Tm (policykg policykg policykg) Tj\n" % (800 - 15 * (i % 50))
                   for i in range(operators))
    return _pdf(b"BT /F1 12 Tf\n" + ops + b"ET\n")


def huge_stream_pdf(inflated: int = 256 << 20) -> bytes:
    """A PDF whose page draws an image XObject stream that inflates to ``inflated`` bytes (zeros compress ~1000:1)."""
    z = zlib.compressobj(9)
    chunk = bytes(1 << 20)
    packed = b"".join(z.compress(chunk) for _ in range(inflated >> 20)) + z.flush()
    image = (b"<< /Type /XObject /Subtype /Image /Width 16384 /Height %d /ColorSpace /DeviceGray "
             b"/BitsPerComponent 8 /Length %d /Filter /FlateDecode >>\nstream\n" % (inflated // 16384, len(packed))
             + packed + b"\nendstream")
    content = b"q 595 0 0 842 0 0 cm /Im1 Do Q\nBT /F1 12 Tf 72 720 Td (policykg) Tj ET\n"
    return _pdf(content, [image], xobjects="/XObject << /Im1 6 0 R >>")


def sparse_text(path: Path, size: int = 1 << 30) -> Path:
    """A .txt that claims ``size`` bytes without taking them on disk."""
    with path.open("wb") as fh:
        fh.write("一、总体要求\n".encode())
        fh.truncate(size)
    return path
