"""The analytics as a page for people: the workload plot and one table per part of the report, each name a link
to its view. API clients get the same data as JSON (the routes negotiate on Accept)."""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import quote

from .render import _env

SECTION_TITLES = {"workload": "Workload by department", "centrality": "Centrality in the who-works-with-whom network",
                  "bridges": "Departments bridging provincial and city tasks", "unled_tasks": "Tasks with no lead",
                  "unowned_targets": "Targets no one owns"}
HIDDEN = {"department_id", "task_id", "target_id", "span_start", "span_end", "aliases"}


def _cell(row: Mapping[str, Any], key: str, base: str) -> dict[str, str]:
    value = row.get(key)
    if isinstance(value, list):
        text = "、".join(str(x) for x in value)
    elif isinstance(value, float):
        text = f"{value:.3f}"
    else:
        text = "" if value is None else str(value)
    href = ""
    if key == "department" and row.get("department_id"):
        href = f"{base}/viz/department/{quote(str(row['department_id']), safe='')}"
    elif key in ("title", "number") and row.get("task_id"):
        href = f"{base}/viz/task/{quote(str(row['task_id']), safe='')}"
    elif key == "doc_number" and value:
        href = f"{base}/viz/document/{quote(str(value), safe='')}"
    return {"text": text, "href": href}


def section(key: str, rows: Sequence[Mapping[str, Any]], base: str, title: str | None = None) -> dict[str, Any]:
    columns = [k for k in (rows[0].keys() if rows else []) if k not in HIDDEN]
    return {"id": key, "title": title or SECTION_TITLES.get(key, key),
            "columns": [c.replace("_", " ") for c in columns],
            "rows": [[_cell(r, c, base) for c in columns] for r in rows]}


def render_analytics(parts: Mapping[str, Sequence[Mapping[str, Any]]], *, title: str, json_href: str, base: str = "",
                     plot: bool = False) -> str:
    """``parts``: section key → rows (the report's parts, or one list)."""
    sections = [section(k, [dict(r) for r in rows], base) for k, rows in parts.items()]
    return _env().get_template("analytics.html").render(title=title, sections=sections, json_href=json_href,
                                                         base=base, static=f"{base}/viz/static", plot=plot)
