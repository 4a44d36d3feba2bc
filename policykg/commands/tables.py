"""Query results on a terminal: tables that fit its width without cutting an identifier in two.

Identifiers (ids, document numbers, provision numbers) and the names in a list
cell are kept whole: such a column never wraps and is as wide as its longest
value, a list cell puts one item per line. Only running text (headings,
provision text) wraps. When even that cannot fit, the records are printed one
per block (``vertical``), which always fits.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Sequence

from rich.console import Console
from rich.table import Table, box

from .console import err

# what must never be cut: stable ids, document numbers (菏政办字〔2024〕7号), short numbers and codes
_ID_PREFIX = re.compile(r"^[a-z]+:\S")
_DOC_NUMBER = re.compile(r"[〔\[［(（]\d{4}[〕\]］)）]\s*\d+\s*号")
SHORT_TOKEN = 14
PROSE_MIN = 10


@dataclass
class Layout:
    columns: list[str]  # what to show, in order
    group: list[str]  # columns whose values head a group of rows instead of repeating on each


def cell_text(value: Any, multiline: bool = False) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ("\n" if multiline else "、").join(cell_text(v) for v in value)
    if isinstance(value, dict):  # a reference reads as a department's name, a document's number, else its id
        shown = value.get("name") or value.get("text") or value.get("number") or value.get("title") or value.get("id")
        if shown:
            return str(shown)
        return ", ".join(f"{k}={cell_text(v)}" for k, v in value.items() if v not in (None, "", []))
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def is_token(text: str) -> bool:
    """A value that must stay whole: an id, a document number, or a short code with no spaces."""
    if not text or any(c.isspace() for c in text):
        return False
    return bool(_ID_PREFIX.match(text) or _DOC_NUMBER.search(text)) or len(text) <= SHORT_TOKEN


def _kind(values: list[Any]) -> str:
    present = [v for v in values if v not in (None, "", [])]
    if present and all(isinstance(v, list) for v in present):
        return "list"
    if all(is_token(cell_text(v)) for v in present):
        return "token"
    return "prose"


def _width(text: str) -> int:
    from rich.cells import cell_len

    return max((cell_len(line) for line in text.splitlines()), default=0)


def render(console: Console, columns: Sequence[str], rows: Sequence[Sequence[Any]], layout: Layout,
           vertical: bool = False) -> None:
    index = {c: i for i, c in enumerate(columns)}
    shown = [c for c in layout.columns if c in index]
    group = [c for c in layout.group if c in index]
    body = [c for c in shown if c not in group]
    if vertical or not body:
        _vertical(console, shown, [[r[index[c]] for c in shown] for r in rows])
        return
    groups: list[tuple[tuple, list[Sequence[Any]]]] = []
    for r in rows:
        key = tuple(cell_text(r[index[c]]) for c in group)
        if groups and groups[-1][0] == key:
            groups[-1][1].append(r)
        else:
            groups.append((key, [r]))
    kinds = {c: _kind([r[index[c]] for r in rows]) for c in body}
    needs = {c: (max((_width(cell_text(r[index[c]], True)) for r in rows), default=0) if kinds[c] != "prose"
                 else PROSE_MIN) for c in body}
    needs = {c: max(n, _width(c)) if kinds[c] != "prose" else n for c, n in needs.items()}
    if sum(needs.values()) + 3 * len(body) + 1 > console.width:
        err.print(f"[yellow]note:[/yellow] {len(body)} columns do not fit {console.width} characters: one record "
                  "per block (choose fewer with --columns)", highlight=False)
        _vertical(console, shown, [[r[index[c]] for c in shown] for r in rows])
        return
    for key, members in groups:
        if group:
            console.print()
            label = max(len(c) for c in group)
            for c, text in zip(group, key):
                if text:
                    console.print(f"[bold]{c:<{label}}[/bold]  {text}", highlight=False, soft_wrap=False)
        table = Table(box=box.SIMPLE_HEAD if group else box.HEAVY_HEAD)
        for c in body:
            if kinds[c] == "prose":
                table.add_column(c, overflow="fold", min_width=PROSE_MIN, ratio=1)
            else:
                table.add_column(c, no_wrap=True, min_width=needs[c])
        for r in members:
            table.add_row(*[cell_text(r[index[c]], multiline=kinds[c] == "list") for c in body])
        console.print(table, soft_wrap=False)


def _vertical(console: Console, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    label = max((len(c) for c in columns), default=0)
    for n, r in enumerate(rows, start=1):
        console.rule(f"{n}", align="left")
        for c, v in zip(columns, r):
            console.print(f"[bold]{c:<{label}}[/bold]  {cell_text(v)}", highlight=False)
