""".pdf with a text layer: lines in reading order, ruled tables as tab-separated rows (pdfplumber).

pdfplumber (on pdfminer.six, which carries the Adobe CMaps that Chinese CID
fonts need) gives every character with its position; its table finder
recovers ruled tables from the drawn lines, which is how division-of-labour
tables are printed. Per page, the text outside the tables is read line by
line and each table is put where it stands on the page, one tab-separated
line per row (a cell's wrapped lines glued together again).

A PDF without a text layer (a scan) cannot be read without OCR: that is an
error that says so. Pages of an otherwise readable PDF that have no text are
reported as warnings, and so are fonts without a Unicode mapping, since the
text of those pages is then missing or garbled.

Line breaks inside paragraphs are kept as the page has them; the
normaliser joins the lines of a paragraph again.
"""
from __future__ import annotations

import logging
import re
from io import BytesIO

from policykg.ingest.reading import ReadError

from . import ReadDocument
from .budget import BUDGET, Budget, Clock, OverBudget, inflated_size
from .cells import join_wrapped, rows_to_lines

_CID = re.compile(r"\(cid:\d+\)")
# a page whose only text is its number ("— 8 —", "第8页") has no text layer of its own: a scan with a stamped number
_PAGE_NUMBER_ONLY = re.compile(r"^[\s\-—–―－]*(?:第\s*)?\d{1,4}(?:\s*页)?(?:\s*/\s*\d{1,4})?[\s\-—–―－]*$")
MAX_PAGES = BUDGET.max_pages
# text-showing operators (Tj TJ ' ") and the strings they show, counted in a page's content before layout
_TEXT_OP = re.compile(rb"(?:\)|>|\])\s*(?:Tj|TJ|'|\")")
_SHOWN = re.compile(rb"\((?:\\.|[^\\)])*\)|<[0-9A-Fa-f\s]*>")


def read(data: bytes, name: str) -> ReadDocument:
    try:
        import pdfplumber
        from pdfminer.pdfdocument import PDFPasswordIncorrect
    except ImportError as exc:  # pragma: no cover - a dependency of policykg
        raise ReadError(f"{name}: reading PDF needs pdfplumber ({exc})") from exc
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    warnings: list[str] = []
    lines: list[str] = []
    empty_pages: list[int] = []
    garbled_pages: list[int] = []
    images = 0
    clock = Clock(name)
    try:
        with pdfplumber.open(BytesIO(data)) as pdf:
            pages = pdf.pages
            if len(pages) > MAX_PAGES:
                raise OverBudget(f"{name}: {len(pages)} pages; policykg reads PDFs of at most {MAX_PAGES} pages")
            for number, page in enumerate(pages, start=1):
                clock.check(f"page {number}")
                _check_page(page.page_obj, number, name)
                page_lines, chars, page_images = _page_lines(page)
                images += page_images
                page.close()  # frees the page's parsed objects: long PDFs stay small in memory
                text = "\n".join(page_lines)
                cid = len(_CID.findall(text))
                if cid and cid * 4 > max(chars, 1):
                    garbled_pages.append(number)
                    text = _CID.sub("", text)
                    page_lines = [_CID.sub("", x) for x in page_lines]
                if not text.strip() or all(_PAGE_NUMBER_ONLY.match(x) for x in page_lines):
                    empty_pages.append(number)
                lines.extend(page_lines)
            page_count = len(pages)
    except ReadError:
        raise
    except PDFPasswordIncorrect as exc:
        raise ReadError(f"{name}: the PDF is encrypted with a password; save an unprotected copy") from exc
    except Exception as exc:  # pdfminer raises many kinds on damaged files (PSSyntaxError, KeyError, ...)
        raise ReadError(f"{name}: not a readable PDF ({type(exc).__name__}: {exc})") from exc
    text = "\n".join(lines)
    if not text.strip() or len(empty_pages) == page_count:
        if garbled_pages:
            raise ReadError(f"{name}: the PDF's fonts have no Unicode mapping, so its text cannot be extracted; "
                            f"OCR is needed (for example ocrmypdf --force-ocr) before policykg can read it")
        what = f"{images} images and no text" if images else "no text"
        raise ReadError(f"{name}: the PDF has no text layer ({page_count} pages with {what}: a scan?); "
                        f"OCR is needed (for example ocrmypdf) before policykg can read it")
    if empty_pages:
        warnings.append(f"PDF pages {_ranges(empty_pages)} have no text layer (scanned?): their content is missing; "
                        f"OCR them to read it")
    if garbled_pages:
        warnings.append(f"PDF pages {_ranges(garbled_pages)} use fonts without a Unicode mapping: "
                        f"their text is incomplete; OCR them to read it")
    return ReadDocument(text, "pdf", "pdf text layer", warnings=warnings, pages=page_count)


def _streams(page_obj):
    """The page's content streams and the XObjects (forms, images) its resources name, as pdfminer streams."""
    from pdfminer.pdftypes import PDFStream, resolve1

    contents = resolve1(page_obj.attrs.get("Contents"))
    for item in contents if isinstance(contents, list) else [contents]:
        stream = resolve1(item)
        if isinstance(stream, PDFStream):
            yield "content", stream
    resources = resolve1(page_obj.attrs.get("Resources")) or {}
    xobjects = resolve1(resources.get("XObject")) if isinstance(resources, dict) else None
    for ref in (xobjects or {}).values() if isinstance(xobjects, dict) else ():
        stream = resolve1(ref)
        if isinstance(stream, PDFStream):
            yield "xobject", stream


def _check_page(page_obj, number: int, name: str, budget: Budget = BUDGET) -> None:
    """Refuse a page whose streams inflate beyond the budget or that shows too much text, before pdfminer lays it
    out (it keeps about a kilobyte per character shown, and decodes a stream whole)."""
    from pdfminer.pdftypes import resolve1

    ops = shown = 0
    for kind, stream in _streams(page_obj):
        filters = resolve1(stream.attrs.get("Filter"))
        filters = filters if isinstance(filters, list) else [filters]
        names = [getattr(resolve1(f), "name", f) for f in filters if f is not None]
        raw = stream.rawdata if stream.rawdata is not None else stream.data or b""
        if names and names[0] in ("FlateDecode", "Fl"):
            size = inflated_size(raw, budget.max_inflated_bytes)
        elif not names:
            size = len(raw)
        else:
            continue  # images in their own codecs (DCT, JPX, CCITT) are not decoded to read text
        if size > budget.max_inflated_bytes:
            raise OverBudget(f"{name}: a stream on page {number} inflates to more than {budget.max_inflated_bytes:,} "
                             "bytes; policykg refuses PDFs that large")
        subtype = getattr(resolve1(stream.attrs.get("Subtype")), "name", None)
        if kind == "content" or subtype == "Form":
            content = stream.get_data()
            ops += len(_TEXT_OP.findall(content))
            shown += sum(len(m) for m in _SHOWN.findall(content))
    if ops > budget.max_page_text_ops:
        raise OverBudget(f"{name}: page {number} has {ops:,} text operators; policykg reads pages of at most "
                         f"{budget.max_page_text_ops:,}")
    if shown > budget.max_page_text_bytes:
        raise OverBudget(f"{name}: page {number} shows {shown:,} bytes of text; policykg reads pages of at most "
                         f"{budget.max_page_text_bytes:,}")


def _page_lines(page) -> tuple[list[str], int, int]:
    """The page's lines top to bottom, tables as tab-separated rows; also its character and image counts."""
    chars = len(page.chars)
    images = len(page.images)
    if not chars:
        return [], 0, images
    tables = page.find_tables() if page.rects or page.lines or page.curves else []
    boxes = [t.bbox for t in tables]
    items: list[tuple[float, int, list[str]]] = []
    for table in tables:
        rows = [[join_wrapped((cell or "").split("\n")) for cell in row] for row in table.extract()]
        items.append((table.bbox[1], 1, rows_to_lines(rows)))
    outside = page.filter(lambda obj: obj.get("object_type") != "char" or not _inside(obj, boxes)) if boxes else page
    for line in outside.extract_text_lines(layout=False, strip=True, return_chars=False):
        if line["text"].strip():
            items.append((line["top"], 0, [line["text"]]))
    items.sort(key=lambda x: (round(x[0], 1), x[1]))
    return [text for _, _, texts in items for text in texts], chars, images


def _inside(obj, boxes) -> bool:
    cx = (obj["x0"] + obj["x1"]) / 2
    cy = (obj["top"] + obj["bottom"]) / 2
    return any(x0 <= cx <= x1 and top <= cy <= bottom for x0, top, x1, bottom in boxes)


def _ranges(numbers: list[int]) -> str:
    out, start, prev = [], None, None
    for n in numbers:
        if start is None:
            start = prev = n
        elif n == prev + 1:
            prev = n
        else:
            out.append(f"{start}" if start == prev else f"{start}-{prev}")
            start = prev = n
    if start is not None:
        out.append(f"{start}" if start == prev else f"{start}-{prev}")
    return ", ".join(out)
