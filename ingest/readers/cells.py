"""Helpers the readers share: joining text pieces, and tables as tab-separated lines."""
from __future__ import annotations

import re

_ASCII_WORD = re.compile(r"[A-Za-z0-9]")
_LATIN_HEAD = re.compile(r"[A-Za-z]")  # (a piece opening with a figure is an item: 2.推进…, 2025年…)
_ENDS_CLAUSE = re.compile(r"[。；;，,、：:）)》\]】!！?？]$")
_PUNCT_INSIDE = re.compile(r"[。；;，,：:]")
SHORT_NAME = 20
_FIGURE = re.compile(r"[0-9%％]")
_BRACKETED = re.compile(r"[(（][^()（）]*[)）]")
# the marks that close an item or a sentence of a cell, one of which closes a cell's piece that ends with none
_CELL_MARKS = ("。", "；", ";")
# a piece of a cell that ends with one of these, or the next that opens with one of the others, is a sentence broken
# across lines, not two
_RUNS_ON = ("和", "及", "与", "或", "(", "（", "“", "《", "—", "-")
_RUNS_ON_HEAD = ("，", ",", "、", "。", "；", ";", "：", ":", "）", ")", "”", "》", "！", "？", "!", "?", "（", "(")
_NAME_SEPARATORS = ("、", "，", ",", "；", ";")


def join_wrapped(pieces: list[str]) -> str:
    """Pieces of one text that a layout wrapped (a PDF cell's lines): glued, with a space only between Latin words."""
    out = ""
    for piece in pieces:
        piece = piece.strip()
        if not piece:
            continue
        if out and _ASCII_WORD.match(out[-1]) and _ASCII_WORD.match(piece[0]):
            out += " "
        out += piece
    return out


def join_paragraphs(pieces: list[str]) -> str:
    """Paragraphs of one table cell as one line.

    Short pieces without punctuation or figures, one of them a unit's name, are
    a list of names, one per paragraph (市发展改革委 / 市科技局等): they are
    joined with 、 so they stay apart. Other pieces are items or sentences a
    reader sees apart, whether or not they end with a mark (建设5G基站1000个 /
    新增数据中心2个, a heading line above its measures): a piece that ends with
    none is closed with the mark the cell's own pieces end with (。 or ；, ；
    when none does), so the tab row keeps the boundary the clause and target
    finders read. Only a piece that runs on into the next (和 at its end, ， or
    a bracket at the next one's head) is glued to it, and a Latin word across
    the break is kept apart by a space.
    """
    pieces = [p.strip() for p in pieces if p and p.strip()]
    if len(pieces) <= 1:
        return pieces[0] if pieces else ""
    names = _names(pieces)
    marks = [p[-1] for p in pieces if p[-1] in _CELL_MARKS]
    mark = marks[-1] if marks else "；"
    out = pieces[0]
    for piece in pieces[1:]:
        if names:
            # (a name's role in brackets ends it as well, 市商务局（牵头） / 市财政局, or stands below it)
            out += "" if out.endswith(_NAME_SEPARATORS) or piece.startswith(("(", "（")) else "、"
        elif _ENDS_CLAUSE.search(out):
            pass
        elif _ASCII_WORD.match(out[-1]) and _LATIN_HEAD.match(piece):
            out += " "
        elif not (out.endswith(_RUNS_ON) or piece.startswith(_RUNS_ON_HEAD)):
            out += mark
        out += piece
    return out


def _names(pieces: list[str]) -> bool:
    """Are a cell's pieces a list of unit names? Goals and measures written one a line are as short and as bare
    (建设5G基站1000个 / 新增数据中心2个, 加强组织领导 / 建立工作机制): only a name the department catalog takes for
    a unit's (its role in brackets left out) tells a list of names from them."""
    if not all(len(p) <= SHORT_NAME and not _PUNCT_INSIDE.search(p) and not _FIGURE.search(p) for p in pieces):
        return False
    from policykg.ingest.departments import default_catalog  # (read only when a cell may be names)
    catalog = default_catalog()
    return any(catalog.looks_like_unit(_BRACKETED.sub("", p)) for p in pieces)


def cell_line(text: str) -> str:
    """One cell's text made safe for a tab-separated line (no tabs or line breaks inside)."""
    return re.sub(r"[\t\r\n\v\f]+", " ", text).strip()


def rows_to_lines(rows: list[list[str]]) -> list[str]:
    """A table's rows as lines: tab-separated when the table has two or more columns.

    A one-column table is a frame around text, not a table: its cells become
    plain lines. Rows with nothing in them are dropped.
    """
    width = max((len(r) for r in rows), default=0)
    lines: list[str] = []
    for row in rows:
        cells = [cell_line(c) for c in row]
        if not any(cells):
            continue
        if width <= 1:
            lines.append(cells[0])
        else:
            lines.append("\t".join(cells + [""] * (width - len(cells))))
    return lines
