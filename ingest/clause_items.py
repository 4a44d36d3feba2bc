"""Measures printed without numbers: each stretch of text closed by a responsibility clause is one item.

Some pages drop the list numbers (a web page whose numbering was an image or a
styled span, an excerpt of paragraphs); the measures are still there, each
closed by its (责任单位:…). They are numbered by their order, 1, 2, 3…; a
number the page left glued to the start of an item ("〕02对生育家庭…") is taken
as printed when it agrees with that order.
"""
from __future__ import annotations

import re

from .clauses import find_clauses
from .departments import DepartmentCatalog
from .outline import Provision

_GLUED_NUMBER = re.compile(r"0?(\d{1,2})(?=[\u4e00-\u9fff])")
_HEADING_MAX = 30  # a short line above a measure is its heading, not preamble


def clause_items(text: str, start: int, catalog: DepartmentCatalog) -> list[Provision]:
    """Items in ``text[start:]``, closed by responsibility clauses; offsets into ``text``."""
    items: list[Provision] = []
    cursor = start
    for clause in find_clauses(text[start:], catalog):
        c_end = start + clause.end
        if items:
            a = cursor
        else:
            # the first item begins with the paragraph its clause closes, with a heading line above it
            a = text.rfind("\n", start, start + clause.start) + 1
            prev_start = text.rfind("\n", start, max(a - 1, start)) + 1
            if a > start and 0 < a - 1 - prev_start <= _HEADING_MAX and not text[prev_start:a - 1].endswith((":", "：")):
                a = prev_start
            a = max(a, start)
        while a < c_end and text[a] in " \n":
            a += 1
        number = str(len(items) + 1)
        body = a
        glued = _GLUED_NUMBER.match(text, a)
        if glued and glued.group(1).lstrip("0") == number:
            body = glued.end()
        title, body_start = _title(text, body, start + clause.start)
        items.append(Provision((number,), "item", a, c_end, title, body, body_start))
        cursor = c_end
    return items


def _title(text: str, a: int, clause_start: int) -> tuple[str | None, int]:
    stop = text.find("。", a, clause_start)
    head = text[a:stop] if stop >= 0 else ""
    if 0 < len(head) <= 40 and not re.search(r"[,，;；:：\n]", head):
        return head, stop + 1
    return None, a
