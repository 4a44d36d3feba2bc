"""Layouts a document arrives in besides the one its gold was written on: what a PDF converter, a scanner's
text layer or another editor makes of the same text. Each is a function of the text alone (the same text
always gets the same damage), used by ``bench/robustness.py``.

The layouts change where lines break and how characters are spaced, never what the text says: a reader of
the page sees the same provisions, clauses and targets, so the gold still holds.
"""
from __future__ import annotations

import re
import zlib
from collections.abc import Callable

# The official page (GB/T 9704): 28 characters a line, 22 lines a page, a paragraph's first line indented by two.
OFFICIAL_LINE = 28
OFFICIAL_PAGE_LINES = 22

_FULL_WIDTH = str.maketrans({",": "，", ";": "；", ":": "：", "(": "（", ")": "）", "!": "！", "?": "？"})


def _is_table_row(line: str) -> bool:
    # a converter lays out a table's rows as rows, whatever the page's width
    return "\t" in line or "|" in line


def wrapped(text: str, width: int = OFFICIAL_LINE) -> str:
    """Every line cut into lines of ``width`` characters, as text taken from a PDF without its layout is."""
    out: list[str] = []
    for line in text.split("\n"):
        if _is_table_row(line) or len(line) <= width:
            out.append(line)
        else:
            out.extend(line[i:i + width] for i in range(0, len(line), width))
    return "\n".join(out)


def paged(text: str, width: int = OFFICIAL_LINE, lines_per_page: int = OFFICIAL_PAGE_LINES) -> str:
    """``wrapped``, with each page's number (— 3 —) on a line of its own between blank lines after every page's
    lines, as a printed document's pages carry it."""
    out: list[str] = []
    for k, line in enumerate(wrapped(text, width).split("\n"), start=1):
        out.append(line)
        if k % lines_per_page == 0:
            out += ["", f"— {k // lines_per_page} —", ""]
    return "\n".join(out)


def _indented(text: str) -> str:
    return "\n".join("\u3000\u3000" + line if line.strip() and not _is_table_row(line) else line
                     for line in text.split("\n"))


def official_page(text: str) -> str:
    """``paged``, each paragraph's first line indented by two characters (two ideographic spaces), as the official
    page sets a paragraph (a table's rows as they are)."""
    return paged(_indented(text))


def browser_printed(text: str, width: int = 40, lines_per_page: int = 38) -> str:
    """``wrapped`` at a web page's width, and each page between the lines a browser prints on a page it prints: the
    time and the page's title above (its first line with the site's name), the address and the page's count below."""
    lines = wrapped(text, width).split("\n")
    title = next((line.strip() for line in lines if line.strip()), "")[:30]
    pages = [lines[i:i + lines_per_page] for i in range(0, len(lines), lines_per_page)]
    out: list[str] = []
    for k, page in enumerate(pages, start=1):
        out.append(f"2023/6/12 09:41 {title}_门户网站")
        out += page
        out.append(f"https://www.example.gov.cn/zwgk/zcwj/202306/t20230612_4812345.html {k}/{len(pages)}")
    return "\n".join(out)


_DOC_NUMBER = re.compile(r"^\S{1,12}? ?[〔\[【(（] ?\d{4} ?[〕\]】)）] ?\d{1,4} ?号$")


def _running_header(text: str, number_first: bool) -> str:
    """The line a printed document repeats above every page but its first: its number (湘政发〔2023〕12号), when
    ``number_first`` and it has one, else its first line (the issuer's name, or its title), as much of it as a
    line of the page holds."""
    lines = [line.strip().lstrip("#").strip() for line in text.split("\n")]
    lines = [line for line in lines if line]
    number = next((line for line in lines if _DOC_NUMBER.match(line)), None) if number_first else None
    return number or (lines[0][:OFFICIAL_LINE] if lines else "")


def _headed_pages(text: str, footer: Callable[[int, int], str], number_first: bool, indent: bool,
                  first_too: bool = False, margin: list[str] | None = None, header: str | None = None) -> str:
    """``text`` on pages of 22 lines cut at 28, ``footer`` below each page and the running header above every page
    but the first (``first_too``: above the first as well); ``margin``: the lines either side of the footer (a blank
    line each side unless given); ``header``: the header's line, when not the document's own."""
    lines = wrapped(_indented(text) if indent else text).split("\n")
    header = _running_header(text, number_first) if header is None else header
    margin = [""] if margin is None else margin
    pages = [lines[i:i + OFFICIAL_PAGE_LINES] for i in range(0, len(lines), OFFICIAL_PAGE_LINES)]
    out: list[str] = []
    for k, page in enumerate(pages, start=1):
        if k > 1 or first_too:
            out.append(header)
        out += page
        out += [*margin, footer(k, len(pages)), *margin]
    return "\n".join(out)


def numbered_pages(text: str) -> str:
    """``wrapped`` at the official page's 28 and paged by its 22 lines, as a printed document's PDF gives its text:
    each page's count below it (第 3 页 共 5 页, between blank lines), and every page but the first opening with
    the document's number (its first line when it has none) as its running header."""
    return _headed_pages(text, lambda k, n: f"第 {k} 页 共 {n} 页", True, False)


def issuer_headed_pages(text: str) -> str:
    """``official_page``'s indented paragraphs cut at 28 and paged by 22, each page's number centred below it
    (- 3 -), and every page but the first opening with the document's first line (its issuer's name, or its
    title) as its running header."""
    return _headed_pages(text, lambda k, n: " " * 12 + f"- {k} -", False, True)


def numbered_pages_headed_from_first(text: str) -> str:
    """``numbered_pages`` by a printer that puts the running header above the first page as well, where it stands
    above the document's own first line."""
    return _headed_pages(text, lambda k, n: f"第 {k} 页 共 {n} 页", True, False, first_too=True)


def numbered_pages_tight(text: str) -> str:
    """``numbered_pages`` without the blank lines around each page's count: a page's last line, its count and the
    next page's running header stand one under another."""
    return _headed_pages(text, lambda k, n: f"第 {k} 页 共 {n} 页", True, False, margin=[])


# the lines a site's PDF export puts above every page (its section's name, the file's class): not the document's
# title, number or issuer
_PAGE_TITLES = ("政策文件", "政务公开", "内部资料", "公开")


def _page_title(text: str) -> str:
    return _PAGE_TITLES[zlib.crc32(text.encode()) % len(_PAGE_TITLES)]


def site_titled_pages(text: str) -> str:
    """``wrapped`` at 28 and paged by 22 as a site exports a page to PDF: every page, the first too, opening with a
    short line of the site's (one of ``_PAGE_TITLES``, chosen by the text), and no page number."""
    lines = wrapped(text).split("\n")
    title = _page_title(text)
    return "\n".join(line for i in range(0, len(lines), OFFICIAL_PAGE_LINES)
                     for line in [title, *lines[i:i + OFFICIAL_PAGE_LINES]])


def site_titled_numbered_pages(text: str) -> str:
    """``site_titled_pages`` with each page's number below it (— 3 —, between blank lines)."""
    return _headed_pages(text, lambda k, n: f"— {k} —", False, False, first_too=True, header=_page_title(text))


def browser_printed_apart(text: str, width: int = 40, lines_per_page: int = 38) -> str:
    """``browser_printed`` by a browser that prints the time and the page's title on two lines above each page,
    and the page's address alone below it, without the page's count."""
    lines = wrapped(text, width).split("\n")
    title = next((line.strip() for line in lines if line.strip()), "")[:30]
    pages = [lines[i:i + lines_per_page] for i in range(0, len(lines), lines_per_page)]
    out: list[str] = []
    for page in pages:
        out += ["2023/6/12 09:41", f"{title}_门户网站"]
        out += page
        out.append("https://www.example.gov.cn/zwgk/zcwj/202306/t20230612_4812345.html")
    return "\n".join(out)


def full_width(text: str) -> str:
    """ASCII punctuation written full-width, as an editor with a Chinese input method types it."""
    return text.translate(_FULL_WIDTH)


def spaced(text: str, share: float = 0.2) -> str:
    """About ``share`` of the lines longer than ten characters with a space between every two characters, as
    some converters give a justified line; which lines is decided by each line's text."""
    threshold = int(share * 0xFFFFFFFF)
    return "\n".join(" ".join(line) if len(line) > 10 and zlib.crc32(line.encode()) < threshold else line
                     for line in text.split("\n"))


def crlf(text: str) -> str:
    """Windows line ends."""
    return text.replace("\n", "\r\n")


LAYOUTS: dict[str, Callable[[str], str]] = {
    "as given": lambda text: text,
    "wrapped at 28": wrapped,
    "wrapped at 34": lambda text: wrapped(text, 34),
    "wrapped at 40": lambda text: wrapped(text, 40),
    "paged (28 × 22)": paged,
    "official page": official_page,
    "numbered pages, number above": numbered_pages,
    "centred numbers, issuer above": issuer_headed_pages,
    "numbered pages, number above every page": numbered_pages_headed_from_first,
    "numbered pages, number above, no blank lines": numbered_pages_tight,
    "a site's line on every page": site_titled_pages,
    "a site's line on every page, numbered": site_titled_numbered_pages,
    "browser-printed": browser_printed,
    "browser-printed, time and title apart": browser_printed_apart,
    "full-width": full_width,
    "spaced lines": spaced,
    "CRLF": crlf,
}
