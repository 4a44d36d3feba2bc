""".html/.htm as saved from government sites (and .mht web archives): the article body, not the navigation.

The page is parsed with lxml's HTML parser (forgiving with the broken
markup of older CMSs). The body is found by where the text is: every
element's own text is counted in Chinese characters, leaving out link text
(menus, breadcrumbs, "related documents" lists are links) and what can never
be content (scripts, styles, forms, nav/header/footer/aside); the article is
the deepest element holding more than half of the page's remaining text.
When the article's title or document number stands outside it (in an <h1>
above, or a 发文字号 line of the page's information table), it is put in
front, so the metadata reader still sees them.

Inside the article, block elements end lines, <br> breaks them, and tables
become tab-separated rows (rowspan repeats a cell's text down the rows it
spans; colspan leaves the extra columns empty), so a division-of-labour
table on a web page is parsed like one in a text file.

Why not readability-lxml or trafilatura: readability scores paragraphs by
Latin commas and length and tends to drop tables; trafilatura pulls in a
dozen packages for crawling features policykg does not use. lxml is already
required by python-docx.
"""
from __future__ import annotations

import email
import email.policy
import re

from policykg.ingest.reading import ReadError

from . import ReadDocument
from .cells import join_paragraphs, rows_to_lines

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.I)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff0-9０-９]")
_DOC_NUMBER_LABEL = re.compile(r"(发文字号|文\s*号)\s*[:：]?\s*$")
_DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,12}\s*[〔\[［(（【]\s*\d{4}\s*[〕\]］)）】]\s*\d{1,4}\s*号")
_GB = {"gb2312", "gbk", "gb_2312-80", "x-gbk", "cp936", "gb18030", "euc-cn", "csgb2312", "x-euc-cn"}

NEVER_CONTENT = {"script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "canvas", "form",
                 "select", "option", "button", "input", "textarea", "nav", "header", "footer", "aside", "menu",
                 "map", "audio", "video", "head", "title", "meta", "link"}
BLOCK = {"p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt",
         "dd", "blockquote", "pre", "center", "address", "figure", "figcaption", "hr", "body", "html", "table",
         "caption", "fieldset", "legend", "details", "summary", "tbody", "thead", "tfoot"}
MAX_TABLE_CELLS = 200_000


def read(data: bytes, name: str) -> ReadDocument:
    warnings: list[str] = []
    if _is_mht(data):
        data, note = _html_part_of_mht(data, name)
        if note:
            warnings.append(note)
    markup, encoding, guessed = _decode(data, name)
    try:
        import lxml.html
        from lxml import etree
    except ImportError as exc:  # pragma: no cover - a dependency of policykg
        raise ReadError(f"{name}: reading HTML needs lxml ({exc})") from exc
    markup = _XML_DECL.sub("", markup, count=1).replace("\x00", "")
    if not markup.strip():
        raise ReadError(f"{name}: the file is empty")
    try:
        root = lxml.html.document_fromstring(markup, parser=lxml.html.HTMLParser(recover=True, huge_tree=True))
    except (etree.ParserError, ValueError, etree.XMLSyntaxError) as exc:
        raise ReadError(f"{name}: not a readable web page ({exc})") from exc
    try:
        text = _article_text(root)
    except RecursionError as exc:
        raise ReadError(f"{name}: the page nests elements too deeply to read") from exc
    if not text.strip():
        raise ReadError(f"{name}: the web page has no text in its body (a page built by scripts? save it after it "
                        f"has loaded, or print it to PDF)")
    return ReadDocument(text, "html", encoding, guessed, warnings)


# -- bytes to markup --------------------------------------------------------------------

def _is_mht(data: bytes) -> bool:
    head = data[:2048].lower()
    return head.lstrip().startswith(b"mime-version:") or b"content-type: multipart/related" in head \
        or (head.lstrip().startswith(b"from:") and b"multipart/related" in head)


def _html_part_of_mht(data: bytes, name: str) -> tuple[bytes, str | None]:
    try:
        message = email.message_from_bytes(data, policy=email.policy.compat32)
    except Exception as exc:  # noqa: BLE001 - email parsing of damaged archives
        raise ReadError(f"{name}: not a readable .mht web archive ({exc})") from exc
    for part in message.walk():
        if part.get_content_type() == "text/html":
            payload = part.get_payload(decode=True) or b""
            charset = part.get_content_charset()
            if charset and not _CHARSET.search(payload[:4096]):
                payload = f'<meta charset="{charset}">'.encode("ascii", "ignore") + payload
            return payload, None
    raise ReadError(f"{name}: the .mht web archive holds no HTML page")


def _decode(data: bytes, name: str) -> tuple[str, str, bool]:
    if not data.strip():
        raise ReadError(f"{name}: the file is empty")
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(codec), codec.replace("-sig", ""), False
            except UnicodeDecodeError:
                break
    declared = None
    m = _CHARSET.search(data[:8192])
    if m:
        declared = m.group(1).decode("ascii", "ignore").lower()
        declared = "gb18030" if declared in _GB else declared
    candidates = [c for c in (declared, "utf-8", "gb18030") if c]
    for codec in dict.fromkeys(candidates):
        try:
            text = data.decode(codec)
        except (UnicodeDecodeError, LookupError):
            continue
        return text, codec, False
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise ReadError(f"{name}: unknown text encoding (declared {declared or 'nothing'}; not UTF-8 or GB18030)")
    text = str(best)
    return text, best.encoding, True


# -- finding the article -------------------------------------------------------------------

def _tag(el) -> str:
    tag = el.tag
    return tag.lower() if isinstance(tag, str) else ""


_CHROME = re.compile(r"(?:^|[-_\s])(nav|navbar|menu|menus|footer|foot|breadcrumbs?|crumbs?|sidebar|share|copyright|"
                     r"banner|toolbar|search|login|topbar|friendlinks?|weizhi|dqwz|bottom)(?:$|[-_\s\d])", re.I)
# how government CMSs (TRS, UCAP, Hanweb …) and most others name the element holding the article body
_CONTENT = re.compile(r"(?:^|[-_\s])(zoom|trs_editor|trs_ueditor|ucap-content|article|articlecontent|article-content|"
                      r"content|contents|con|detail|details|text|maintext|main-text|pages_content|wzcon|wz_con|"
                      r"zw|zwnr|nr|body|mainbody|article_body|xl_con|xxgk_content|info_content|view)(?:$|[-_\s\d])",
                      re.I)
CONTENT_SHARE = 0.4
INNER_SHARE = 0.5
LEAF_BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "pre", "blockquote", "dt", "dd", "a", "span", "font",
               "strong", "b", "em", "i", "u"}
DESCEND_SHARE = 0.8


def _looks_like_chrome(el) -> bool:
    marks = f"{el.get('id', '')} {el.get('class', '')}"
    return bool(marks.strip()) and bool(_CHROME.search(marks))


def _weigh(el, weights: dict, links: dict) -> tuple[int, int]:
    """Chinese characters (and digits) of ``el``'s text outside links and never-content elements; and inside links."""
    in_link = _tag(el) == "a"
    own = len(_CJK.findall(el.text or ""))
    total, linked = (0, own) if in_link else (own, 0)
    for child in el:
        tag = _tag(child)
        if tag and tag not in NEVER_CONTENT:
            w, lw = _weigh(child, weights, links)
            if tag == "a" or in_link:
                linked += w + lw
            else:
                total += w
                linked += lw
        if child.tail:
            total += len(_CJK.findall(child.tail))
    weights[el] = total
    links[el] = linked
    return total, linked


def _chrome_elements(body, weights: dict, total: int) -> set:
    """Page furniture by its id or class (导航, 页脚, 当前位置…), unless it holds most of the page's text."""
    return {el for el in body.iter() if _tag(el) and el is not body and _looks_like_chrome(el)
            and weights.get(el, 0) * 2 <= total}


LINK_LISTS = {"div", "ul", "ol", "dl", "section", "table", "p"}


def _article(body) -> tuple[object, set]:
    weights: dict = {}
    links: dict = {}
    total, _ = _weigh(body, weights, links)
    chrome = _chrome_elements(body, weights, total)
    # lists of links inside the article ("相关文件", attachments, share buttons): furniture as well
    chrome |= {el for el in body.iter() if _tag(el) in LINK_LISTS and weights.get(el, 0) <= 8
               and links.get(el, 0) >= 8 and links.get(el, 0) >= 2 * weights.get(el, 0)}
    if chrome:
        outermost = [el for el in chrome if not any(a in chrome for a in el.iterancestors())]
        for el in outermost:  # take the furniture's text out of its ancestors' weights
            w = weights.get(el, 0)
            parent = el.getparent()
            while parent is not None and w:
                if parent in weights:
                    weights[parent] -= w
                parent = parent.getparent()
            weights[el] = 0
    # an element named like an article body and holding a good part of the text: the deepest such
    named = [el for el in body.iter() if _tag(el) and el is not body and el not in chrome
             and weights.get(el, 0) > 0 and _CONTENT.search(f"{el.get('id', '')} {el.get('class', '')}")]
    found = [el for el in named if weights[el] >= CONTENT_SHARE * weights.get(body, 0)]
    if found:
        choice = max(found, key=lambda el: (weights[el], -_depth(el)))
        while True:  # a body named inside the article named: when it holds most of it
            inner = [el for el in named if el is not choice and _is_inside(el, choice)
                     and weights[el] >= INNER_SHARE * weights[choice]]
            if not inner:
                return choice, chrome
            choice = max(inner, key=lambda el: (weights[el], -_depth(el)))
    node = body
    while True:
        children = [c for c in node if _tag(c) and _tag(c) not in NEVER_CONTENT and c not in chrome]
        if not children or not weights.get(node):
            return node, chrome
        best = max(children, key=lambda c: weights.get(c, 0))
        if _tag(best) in LEAF_BLOCKS or weights.get(best, 0) < DESCEND_SHARE * weights[node]:
            return node, chrome
        node = best


def _article_text(root) -> str:
    body = root.find(".//body")
    if body is None:
        body = root
    article, chrome = _article(body)
    lines = _Lines()
    _render(article, lines, chrome)
    text_lines = lines.finish()
    text = "\n".join(text_lines)
    front = _front_matter(root, article, text)
    return "\n".join(front + text_lines) if front else text


def _front_matter(root, article, text: str) -> list[str]:
    """The title and document number when the page shows them outside the article."""
    compact = re.sub(r"\s+", "", text)
    out: list[str] = []
    number = None
    for el in root.iter():
        if not _tag(el) or el is article or _is_inside(el, article):
            continue
        own = re.sub(r"\s+", "", el.text or "")
        if own and _DOC_NUMBER_LABEL.search(own):
            value = el.tail or ""
            sibling = el.getnext()
            probe = re.sub(r"\s+", "", own + value + (sibling.text_content() if sibling is not None else ""))
            m = _DOC_NUMBER.search(probe)
            if m:
                number = m.group()
                break
        elif own and len(own) < 60:
            m = _DOC_NUMBER.search(own)
            if m and ("文号" in own or "字号" in own):
                number = m.group()
                break
    title = None
    for tag in ("h1", "h2", "h3"):
        for el in root.iter(tag):
            if _is_inside(el, article) or el is article:
                continue
            candidate = re.sub(r"\s+", " ", el.text_content()).strip()
            if len(_CJK.findall(candidate)) >= 6 and candidate.replace(" ", "") not in compact:
                title = candidate
                break
        if title:
            break
    if title:
        out.append(title)
    if number and re.sub(r"\s+", "", number) not in compact:
        out.append(number)
    return out


def _depth(el) -> int:
    depth = 0
    parent = el.getparent()
    while parent is not None:
        depth += 1
        parent = parent.getparent()
    return depth


def _is_inside(el, ancestor) -> bool:
    return any(a is ancestor for a in el.iterancestors())


# -- rendering the article as lines -----------------------------------------------------------

class _Lines:
    def __init__(self):
        self.lines: list[str] = []
        self.current: list[str] = []

    def add(self, text: str) -> None:
        if text:
            self.current.append(text)

    def br(self) -> None:
        self.lines.append(self._flush())

    def block(self) -> None:
        line = self._flush()
        if line:
            self.lines.append(line)

    def _flush(self) -> str:
        line = re.sub(r"[ \t\r\n\f\v]+", " ", "".join(self.current)).strip()
        self.current = []
        return line

    def finish(self) -> list[str]:
        self.block()
        out: list[str] = []
        for line in self.lines:
            if line or (out and out[-1]):
                out.append(line)
        while out and not out[-1]:
            out.pop()
        return out


def _render(el, lines: _Lines, chrome: set = frozenset()) -> None:
    tag = _tag(el)
    if tag in NEVER_CONTENT or el in chrome:
        return
    if tag == "table" and _is_data_table(el):
        lines.block()
        lines.lines.extend(rows_to_lines(_table_rows(el)))
        return
    if tag == "br":
        lines.br()
        return
    block = tag in BLOCK or tag in ("tr", "td", "th")
    if block:
        lines.block()
    lines.add(el.text or "")
    for child in el:
        if _tag(child):
            _render(child, lines, chrome)
        if child.tail:
            lines.add(child.tail)
    if block:
        lines.block()


def _is_data_table(table) -> bool:
    """Rows of cells (a table to read row by row), not a layout grid holding the page's blocks."""
    rows = list(_own_rows(table))
    if len(rows) < 2 or max((sum(1 for c in r if _tag(c) in ("td", "th")) for r in rows), default=0) < 2:
        return False
    return not any(_tag(x) == "table" for x in table.iterdescendants())


def _cell_text(cell) -> str:
    sub = _Lines()
    sub.add(cell.text or "")
    for child in cell:
        if _tag(child):
            _render(child, sub)
        if child.tail:
            sub.add(child.tail)
    return join_paragraphs(sub.finish())


def _span(el, attr: str) -> int:
    try:
        return max(1, min(int(str(el.get(attr, "1")).strip() or 1), 1000))
    except ValueError:
        return 1


def _table_rows(table) -> list[list[str]]:
    rows: list[list[str]] = []
    pending: dict[int, tuple[str, int]] = {}  # column -> (text, rows still to fill)
    cells_seen = 0
    for tr in _own_rows(table):
        row: list[str] = []
        col = 0

        def fill_pending(row: list[str]) -> None:
            nonlocal col
            while col in pending:
                text, left = pending[col]
                row.append(text)
                if left <= 1:
                    del pending[col]
                else:
                    pending[col] = (text, left - 1)
                col += 1

        for cell in tr:
            if _tag(cell) not in ("td", "th"):
                continue
            cells_seen += 1
            if cells_seen > MAX_TABLE_CELLS:
                return rows
            fill_pending(row)
            text = _cell_text(cell)
            rowspan, colspan = _span(cell, "rowspan"), _span(cell, "colspan")
            row.append(text)
            if rowspan > 1:
                pending[col] = (text, rowspan - 1)
            col += 1
            for _ in range(colspan - 1):
                row.append("")
                col += 1
        fill_pending(row)
        rows.append(row)
    return rows


def _own_rows(table):
    """The table's rows (through thead/tbody/tfoot), not those of tables nested in its cells."""
    for child in table:
        tag = _tag(child)
        if tag == "tr":
            yield child
        elif tag in ("thead", "tbody", "tfoot"):
            yield from (r for r in child if _tag(r) == "tr")


__all__ = ["read"]
