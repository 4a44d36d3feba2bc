""".docx (Word 2007 and later): paragraphs and tables in reading order, with Word's list numbers.

python-docx opens the package (zip, content types, relationships); the
body is then walked at the XML level so that nothing Word shows is lost:

* paragraphs, including text in tracked insertions, hyperlinks, fields'
  displayed results and content controls; deleted text and field codes
  are left out;
* list numbers that Word generates (一、 （一） 1. ①, from numbering.xml)
  are written in front of the paragraph, since provisions are found by them;
* tables become one tab-separated line per row, merged cells resolved on
  the table's grid (a vertically merged cell repeats its text in every row
  it spans, a horizontally merged one fills its first column), so the
  division-of-labour parser reads them as it reads a text file's tables;
* text boxes follow the paragraph they are anchored to.

Headers, footers, footnotes and comments are not part of the document's
provisions and are not read.
"""
from __future__ import annotations

from io import BytesIO

from policykg.ingest.reading import ReadError

from . import ReadDocument
from .budget import BUDGET, Budget, Clock, OverBudget
from .cells import join_paragraphs, rows_to_lines

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_T, _TAB, _BR, _CR, _P, _TBL, _TR, _TC, _SDT, _SDT_CONTENT = (W + x for x in (
    "t", "tab", "br", "cr", "p", "tbl", "tr", "tc", "sdt", "sdtContent"))
_SKIP = {W + x for x in ("pPr", "rPr", "delText", "instrText", "del", "moveFrom", "footnoteReference",
                         "endnoteReference", "commentReference", "annotationRef", "sectPr", "tblPr", "trPr", "tcPr",
                         "tblGrid")} | {MC + "Fallback"}
_TXBX = W + "txbxContent"


def _val(el, path: str) -> str | None:
    found = el.find(path)
    return None if found is None else found.get(W + "val")


def read(data: bytes, name: str) -> ReadDocument:
    try:
        import docx
    except ImportError as exc:  # pragma: no cover - a dependency of policykg
        raise ReadError(f"{name}: reading .docx needs python-docx ({exc})") from exc
    clock = Clock(name)
    _check_package(data, name, clock)
    try:
        document = docx.Document(BytesIO(data))
        body = document.element.body
        numbering = _Numbering(document)
    except Exception as exc:  # a damaged package can fail in zipfile, lxml or python-docx itself
        raise ReadError(f"{name}: not a readable Word document ({type(exc).__name__}: {exc})") from exc
    reader = _BodyReader(numbering, clock)
    try:
        reader.blocks(body)
    except RecursionError as exc:
        raise ReadError(f"{name}: the document nests tables or content controls too deeply to read") from exc
    text = "\n".join(reader.lines)
    if not text.strip():
        raise ReadError(f"{name}: the Word document has no text (only images or empty pages?)")
    return ReadDocument(text, "docx", "docx", warnings=reader.warnings)


def _check_package(data: bytes, name: str, clock: Clock, budget: Budget = BUDGET) -> None:
    """Refuse a package whose parts inflate beyond the budget or whose body has too many paragraphs.

    Sizes come from the zip directory and a streaming count of the body, before python-docx builds its
    tree (which costs about a kilobyte per element: five million empty paragraphs were 5 GB).
    """
    import zipfile

    from lxml import etree

    try:
        zf = zipfile.ZipFile(BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise ReadError(f"{name}: not a readable Word document (BadZipFile: {exc})") from exc
    with zf:
        for info in zf.infolist():
            if info.file_size > budget.max_inflated_bytes:
                raise OverBudget(f"{name}: the part {info.filename} inflates to {info.file_size:,} bytes; policykg "
                                 f"reads parts of at most {budget.max_inflated_bytes:,}")
        try:
            body = zf.open("word/document.xml")
        except KeyError:
            return  # python-docx says what is missing
        paragraphs = elements = 0
        # the real inflated size: the directory's sizes are whatever the file claims
        with body:
            limited = _Limited(body, budget.max_inflated_bytes, name)
            try:
                for _, el in etree.iterparse(limited, events=("end",), resolve_entities=False, huge_tree=False):
                    elements += 1
                    if el.tag == _P:
                        paragraphs += 1
                        if paragraphs > budget.max_paragraphs:
                            raise OverBudget(f"{name}: more than {budget.max_paragraphs:,} paragraphs; policykg reads "
                                             "documents of at most that many")
                    if elements > budget.max_xml_elements:
                        raise OverBudget(f"{name}: more than {budget.max_xml_elements:,} XML elements in the body; "
                                         "policykg refuses documents that large")
                    if not elements % 50_000:
                        clock.check("counting the body")
                    if el.getparent() is not None and el.tag in (_P, _TBL):
                        el.clear()  # keep memory flat: only the count is needed
            except etree.XMLSyntaxError:
                return  # python-docx reports the damage in its own words


class _Limited:
    """A file object that refuses to give more than ``limit`` bytes (a zip member that lies about its size)."""

    def __init__(self, fh, limit: int, name: str):
        self.fh, self.left, self.limit, self.name = fh, limit, limit, name

    def read(self, n: int = -1) -> bytes:
        chunk = self.fh.read(65536 if n is None or n < 0 else min(n, 65536))
        self.left -= len(chunk)
        if self.left < 0:
            raise OverBudget(f"{self.name}: the document body inflates to more than {self.limit:,} bytes")
        return chunk


class _BodyReader:
    def __init__(self, numbering: _Numbering, clock: Clock | None = None):
        self.clock = clock
        self.numbering = numbering
        self.lines: list[str] = []
        self.warnings: list[str] = []
        self.tables = 0

    def blocks(self, container) -> None:
        for child in container:
            tag = child.tag
            if tag == _P:
                text, boxes = self.paragraph(child)
                self.lines.append(text)
                if self.clock is not None and not len(self.lines) % 2000:
                    self.clock.check(f"paragraph {len(self.lines)}")
                for box in boxes:
                    self.blocks(box)
            elif tag == _TBL:
                self.lines.extend(rows_to_lines(self.table(child)))
            elif tag in (_SDT, _SDT_CONTENT, W + "customXml", W + "smartTag", W + "ins", W + "moveTo"):
                self.blocks(child.find(_SDT_CONTENT) if tag == _SDT and child.find(_SDT_CONTENT) is not None
                            else child)

    # -- paragraphs --------------------------------------------------------------
    def paragraph(self, p) -> tuple[str, list]:
        out: list[str] = []
        boxes: list = []
        _inline_text(p, out, boxes)
        text = "".join(out)
        prefix = self.numbering.label(p)
        if prefix:
            text = prefix + text
        return text, boxes

    def cell_text(self, tc) -> str:
        pieces: list[str] = []
        for child in tc:
            if child.tag == _P:
                text, boxes = self.paragraph(child)
                pieces.extend(text.split("\n"))
                for box in boxes:
                    sub = _BodyReader(self.numbering)
                    sub.blocks(box)
                    pieces.extend(sub.lines)
            elif child.tag == _TBL:
                # a table inside a cell: its rows read as the cell's text
                for row in self.table(child):
                    pieces.append(join_paragraphs(row))
            elif child.tag in (_SDT, W + "customXml"):
                content = child.find(_SDT_CONTENT) if child.tag == _SDT else child
                if content is not None:
                    pieces.append(self.cell_text(content))
        return join_paragraphs(pieces)

    # -- tables --------------------------------------------------------------------
    def table(self, tbl) -> list[list[str]]:
        rows: list[list[str]] = []
        above: dict[int, str] = {}
        for tr in _rows(tbl):
            grid: list[str] = []
            before = _val(tr, f"{W}trPr/{W}gridBefore")
            grid.extend([""] * _int(before, 0))
            for tc in _cells(tr):
                col = len(grid)
                span = max(1, _int(_val(tc, f"{W}tcPr/{W}gridSpan"), 1))
                vmerge = tc.find(f"{W}tcPr/{W}vMerge")
                if vmerge is not None and vmerge.get(W + "val") in (None, "continue"):
                    text = above.get(col, "")  # continues the cell above: the same text
                else:
                    text = self.cell_text(tc)
                grid.append(text)
                grid.extend([""] * (span - 1))
                above[col] = text
            rows.append(grid)
        return rows


def _rows(tbl):
    for child in tbl:
        if child.tag == _TR:
            yield child
        elif child.tag in (_SDT, W + "customXml"):
            content = child.find(_SDT_CONTENT) if child.tag == _SDT else child
            if content is not None:
                yield from _rows(content)


def _cells(tr):
    for child in tr:
        if child.tag == _TC:
            yield child
        elif child.tag in (_SDT, W + "customXml"):
            content = child.find(_SDT_CONTENT) if child.tag == _SDT else child
            if content is not None:
                yield from _cells(content)


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _inline_text(el, out: list[str], boxes: list) -> None:
    """The text Word shows for a paragraph's content, in order; text boxes are collected, not inlined."""
    for child in el:
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIP:
            continue  # comments, processing instructions; properties, deleted text, field codes
        if tag == _T:
            out.append(child.text or "")
        elif tag == _TAB:
            out.append("\t")
        elif tag in (_BR, _CR):
            out.append("\n")
        elif tag == W + "noBreakHyphen":
            out.append("-")
        elif tag == _TXBX:
            boxes.append(child)
        else:
            _inline_text(child, out, boxes)


# -- Word's generated list numbers -----------------------------------------------------

_CN_DIGITS = "〇一二三四五六七八九"
_CN_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_HEAVENLY = "甲乙丙丁戊己庚辛壬癸"
_EARTHLY = "子丑寅卯辰巳午未申酉戌亥"


def _chinese(n: int, digits: str = _CN_DIGITS, ten: str = "十", hundred: str = "百") -> str:
    if n <= 0:
        return digits[0]
    if n < 10:
        return digits[n]
    if n < 20:
        return ten + (digits[n % 10] if n % 10 else "")
    if n < 100:
        return digits[n // 10] + ten + (digits[n % 10] if n % 10 else "")
    if n < 1000:
        rest = n % 100
        tail = "" if rest == 0 else (digits[0] + digits[rest] if rest < 10 else
                                     (digits[1] + _chinese(rest, digits, ten, hundred) if rest < 20
                                      else _chinese(rest, digits, ten, hundred)))
        return digits[n // 100] + hundred + tail
    return str(n)


def _roman(n: int) -> str:
    if not 0 < n < 4000:
        return str(n)
    out = ""
    for value, sym in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
                       (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out += sym
            n -= value
    return out


def _letters(n: int) -> str:
    if n <= 0:
        return str(n)
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_number(n: int, fmt: str) -> str:
    if fmt in ("chineseCounting", "chineseCountingThousand", "taiwaneseCounting", "taiwaneseCountingThousand",
               "japaneseCounting", "koreanCounting"):
        return _chinese(n)
    if fmt in ("ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand"):
        return "".join(_CN_DIGITS[int(d)] for d in str(n))
    if fmt in ("chineseLegalSimplified", "japaneseLegal", "koreanLegal"):
        return _chinese(n, _CN_LEGAL, "拾", "佰")
    if fmt in ("ideographTraditional",):
        return _HEAVENLY[(n - 1) % 10]
    if fmt in ("ideographZodiac",):
        return _EARTHLY[(n - 1) % 12]
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese", "ideographEnclosedCircle"):
        return chr(0x2460 + n - 1) if 1 <= n <= 20 else f"({n})"
    if fmt == "decimalEnclosedParen":
        return f"({n})"
    if fmt == "decimalEnclosedFullstop":
        return f"{n}."
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "upperLetter":
        return _letters(n)
    if fmt == "lowerLetter":
        return _letters(n).lower()
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt in ("bullet", "none"):
        return ""
    return str(n)  # decimal and anything unknown


class _Level:
    __slots__ = ("fmt", "text", "start", "legal", "style")

    def __init__(self, lvl):
        self.fmt = _val(lvl, f"{W}numFmt") or "decimal"
        self.text = _val(lvl, f"{W}lvlText")
        self.start = _int(_val(lvl, f"{W}start"), 1)
        self.legal = lvl.find(f"{W}isLgl") is not None
        self.style = _val(lvl, f"{W}pStyle")


class _Numbering:
    """Word's list numbering: the label Word would draw in front of each numbered paragraph."""

    def __init__(self, document):
        self.abstract: dict[str, dict[int, _Level]] = {}
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}
        self.style_num: dict[str, tuple[str | None, int | None]] = {}
        self.style_based: dict[str, str] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self.started: set[str] = set()
        part = document.part
        try:
            numbering = part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            numbering = None
        if numbering is not None:
            for an in numbering.findall(f"{W}abstractNum"):
                levels = {_int(lvl.get(W + "ilvl"), 0): _Level(lvl) for lvl in an.findall(f"{W}lvl")}
                self.abstract[an.get(W + "abstractNumId")] = levels
            for num in numbering.findall(f"{W}num"):
                overrides = {}
                for ov in num.findall(f"{W}lvlOverride"):
                    start = _val(ov, f"{W}startOverride")
                    if start is not None:
                        overrides[_int(ov.get(W + "ilvl"), 0)] = _int(start, 1)
                self.nums[num.get(W + "numId")] = (_val(num, f"{W}abstractNumId") or "", overrides)
        try:
            styles = part.styles.element
        except (KeyError, NotImplementedError, AttributeError):
            styles = None
        if styles is not None:
            for style in styles.findall(f"{W}style"):
                sid = style.get(W + "styleId")
                numpr = style.find(f"{W}pPr/{W}numPr")
                if numpr is not None:
                    ilvl = _val(numpr, f"{W}ilvl")
                    self.style_num[sid] = (_val(numpr, f"{W}numId"), None if ilvl is None else _int(ilvl, 0))
                based = _val(style, f"{W}basedOn")
                if based:
                    self.style_based[sid] = based

    def _style_numbering(self, style: str | None) -> tuple[str | None, int | None, str | None]:
        seen = set()
        while style and style not in seen:
            seen.add(style)
            if style in self.style_num:
                num_id, ilvl = self.style_num[style]
                return num_id, ilvl, style
            style = self.style_based.get(style)
        return None, None, None

    def label(self, p) -> str:
        if not self.nums:
            return ""
        numpr = p.find(f"{W}pPr/{W}numPr")
        num_id = ilvl = None
        if numpr is not None:
            num_id = _val(numpr, f"{W}numId")
            lv = _val(numpr, f"{W}ilvl")
            ilvl = None if lv is None else _int(lv, 0)
        style = _val(p, f"{W}pPr/{W}pStyle")
        if num_id is None or ilvl is None:
            s_num, s_ilvl, s_style = self._style_numbering(style)
            num_id = num_id or s_num
            if ilvl is None:
                ilvl = s_ilvl
            if ilvl is None and num_id in self.nums:
                levels = self.abstract.get(self.nums[num_id][0], {})
                ilvl = next((k for k, lvl in levels.items() if lvl.style in (style, s_style) and lvl.style), 0)
        if not num_id or num_id == "0" or num_id not in self.nums:
            return ""
        ilvl = min(max(ilvl or 0, 0), 8)
        abstract_id, overrides = self.nums[num_id]
        found = self.abstract.get(abstract_id)
        if not found or ilvl not in found:
            return ""
        counters = self.counters.setdefault(abstract_id, {})
        if num_id not in self.started:
            self.started.add(num_id)
            for k, start in overrides.items():
                counters[k] = start - 1
        level = found[ilvl]
        counters[ilvl] = counters.get(ilvl, level.start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        if level.fmt == "bullet" or level.text is None:
            return ""
        label = level.text
        for k in range(8, -1, -1):
            token = f"%{k + 1}"
            if token in label:
                lvl = found.get(k)
                value = counters.get(k, lvl.start if lvl else 1)
                fmt = "decimal" if (level.legal and lvl is not None) else (lvl.fmt if lvl else "decimal")
                label = label.replace(token, format_number(value, fmt))
        label = label.strip()
        if not label:
            return ""
        return label if not label[-1].isalnum() else label + " "
