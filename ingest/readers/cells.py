"""Helpers the readers share: joining text pieces, and tables as tab-separated lines."""
from __future__ import annotations

import re

_ASCII_WORD = re.compile(r"[A-Za-z0-9]")
_ENDS_CLAUSE = re.compile(r"[。；;，,、：:）)》\]】!！?？]$")
_PUNCT_INSIDE = re.compile(r"[。；;，,：:]")
SHORT_NAME = 20


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

    Short pieces without punctuation are a list of names, one per paragraph
    (市发展改革委 / 市科技局): they are joined with 、 so they stay apart; other
    pieces are glued as wrapped text is.
    """
    pieces = [p.strip() for p in pieces if p and p.strip()]
    if len(pieces) <= 1:
        return pieces[0] if pieces else ""
    names = all(len(p) <= SHORT_NAME and not _PUNCT_INSIDE.search(p) for p in pieces)
    out = pieces[0]
    for piece in pieces[1:]:
        if names and not _ENDS_CLAUSE.search(out):
            out += "、"
        elif _ASCII_WORD.match(out[-1]) and _ASCII_WORD.match(piece[0]):
            out += " "
        out += piece
    return out


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
