"""The rows beside every picture: what a view draws, as a table (and as the CSV the page exports).

The cascade: one row per link (provincial task | leads | city task | units | basis). Every other view: one row
per task (task | document | number | leads | cooperates | targets), with the focus department's role in a
department view. Each row carries the id of the node it is about, so the page can focus it.
"""
from __future__ import annotations

from typing import Any

import networkx as nx

from .graphs import LINK_TYPES, View
from .panel import listed_names, units


def _task_name(d: dict[str, Any]) -> str:
    return " ".join(x for x in (d.get("number"), d.get("title") or (d.get("text") or "")[:40]) if x)


def _doc(d: dict[str, Any]) -> str:
    return d.get("doc_number") or d.get("document") or (d.get("doc_id") or "").removeprefix("doc:")


def _names(g: nx.MultiDiGraph, n: str, role: str) -> str:
    return "、".join(u["printed"] if u["printed"] == u["name"] else f"{u['name']}（{u['printed']}）"
                    for u in units(g, n) if u["role"] == role)


def cascade_rows(g: nx.MultiDiGraph) -> dict[str, Any]:
    columns = ["provincial task", "leads", "city task", "units", "basis"]
    rows = []
    for low, up, e in g.edges(data=True):
        if e["type"] not in LINK_TYPES:
            continue
        a, b = g.nodes[up], g.nodes[low]
        leads = "、".join(listed_names(a.get("leads"))) or _names(g, up, "leads")
        on = [f"{u['name']}（{'牵头' if u['role'] == 'leads' else '配合'}）" for u in units(g, low)]
        basis = e.get("basis") or "explicit"
        if e["type"] == "RELATES_TO":
            basis = f"related subject ({basis})"
        if e.get("score") is not None and basis != "explicit":
            basis += f", score {e['score']:.2f}"
        rows.append({"id": low, "cells": [f"{_task_name(a)} · {_doc(a)}".strip(" ·"), leads,
                                          f"{_task_name(b)} · {_doc(b)}".strip(" ·"), "、".join(on), basis]})
    rows.sort(key=lambda r: (r["cells"][0], r["cells"][2]))
    return {"columns": columns, "rows": rows}


def task_rows(view: View) -> dict[str, Any]:
    g = view.graph
    focus = view.focus[0] if view.kind == "department" and view.focus else None
    columns = (["role"] if focus else []) + ["task", "document", "level", "leads", "cooperates", "targets"]
    rows = []
    for n, d in g.nodes(data=True):
        if d["label"] != "Task":
            continue
        targets = list(d.get("targets") or []) + [g.nodes[v].get("text") or "" for _, v, e in g.out_edges(n, data=True)
                                                  if e["type"] == "HAS_TARGET"]
        cells = [_task_name(d), _doc(d), d.get("level") or "", _names(g, n, "leads") or "、".join(
            listed_names(d.get("leads"))), _names(g, n, "cooperates"), " | ".join(t for t in targets if t)]
        if focus:
            roles = {e["type"] for u, _, e in g.in_edges(n, data=True) if u == focus}
            cells.insert(0, "leads" if "LEADS" in roles else "cooperates" if roles else "")
        rows.append({"id": n, "cells": cells, "_key": (d.get("doc_id") or "", d.get("span_start") or 0)})
    rows.sort(key=lambda r: r.pop("_key"))
    return {"columns": columns, "rows": rows}


def view_rows(view: View) -> dict[str, Any]:
    return cascade_rows(view.graph) if view.kind == "cascade" else task_rows(view)
