"""What the side panel shows when a node or a link is clicked: plain data, turned into DOM text by the page.

A task: its provision text and its responsibility clause (the units as printed, in printed order, with the
clause's character span: the graph keeps the provision text before the clause and where each unit was printed,
not the clause's own characters), targets, deadline, document and number. A department: its counts and its
tasks. An inferred link: its basis, score, direction and evidence. Links to other views are given as
``{"view": kind, "key": key}``; the page turns them into URLs when it is served (a standalone file has none).
"""
from __future__ import annotations

import json
from typing import Any

import networkx as nx

ROLE_NAMES = {"LEADS": "leads", "COOPERATES_ON": "cooperates"}


def printed_order(edge: dict[str, Any]) -> tuple:
    """Where a unit stands in its clause: the extractor's position when it gives one, else where it was printed."""
    position = edge.get("position")
    return (0, position) if isinstance(position, (int, float)) else (1, edge.get("span_start") or 0)


def units(g: nx.MultiDiGraph, task: str) -> list[dict[str, Any]]:
    """The departments on a task, leads first, each group in printed order."""
    out = []
    for u, _, e in g.in_edges(task, data=True):
        if e["type"] in ROLE_NAMES:
            d = g.nodes[u]
            out.append({"name": d.get("name", u), "id": u, "role": ROLE_NAMES[e["type"]],
                        "printed": e.get("printed") or e.get("surface") or d.get("name", u),
                        "span": [e.get("span_start"), e.get("span_end")], "_at": printed_order(e)})
    out.sort(key=lambda x: (x["role"] != "leads", x["_at"]))
    seen, unique = set(), []
    for x in out:
        if (x["id"], x["role"]) not in seen:
            seen.add((x["id"], x["role"]))
            x.pop("_at")
            unique.append(x)
    return unique


def listed_names(value: Any) -> list[str]:
    """Names carried on a node (a higher-level task's leads): plain names, or {name, at} in printed order."""
    if not value:
        return []
    if isinstance(value[0], dict):
        ordered = sorted(value, key=lambda x: (x.get("at") is None, x.get("at") or 0))
        return list(dict.fromkeys(x["name"] for x in ordered if x.get("name")))
    return list(dict.fromkeys(value))


def _document(g: nx.MultiDiGraph, d: dict[str, Any]) -> dict[str, Any] | None:
    doc_id = d.get("doc_id")
    doc = g.nodes[doc_id] if doc_id in g else {}
    number = d.get("doc_number") or doc.get("doc_number")
    title = d.get("document") or doc.get("title")
    if not (doc_id or number or title):
        return None
    key = number or doc_id
    return {"id": doc_id, "number": number, "title": title,
            "link": {"view": "document", "key": key} if key and not d.get("stub") else None}


def task_panel(g: nx.MultiDiGraph, n: str) -> dict[str, Any]:
    d = g.nodes[n]
    on = units(g, n)
    leads = [u for u in on if u["role"] == "leads"] or [{"name": x, "role": "leads"} for x in listed_names(d.get("leads"))]
    coop = [u for u in on if u["role"] == "cooperates"] or [{"name": x, "role": "cooperates"}
                                                            for x in listed_names(d.get("cooperates"))]
    spans = [s for u in on for s in u.get("span", []) if isinstance(s, int)]
    clause = None
    if leads or coop:
        clause = {"units": [{"role": u["role"], "printed": u.get("printed") or u["name"]} for u in leads + coop],
                  "span": [min(spans), max(spans + [d.get("span_end") or 0])] if spans else None}
    targets = list(d.get("targets") or [])
    targets += [g.nodes[v].get("text") for _, v, e in g.out_edges(n, data=True)
                if e["type"] == "HAS_TARGET" and g.nodes[v].get("text") not in targets]
    links = [{"text": "task view", "view": "task", "key": n}]
    return {
        "kind": "Task", "id": n, "number": d.get("number"), "title": d.get("title"), "text": d.get("text"),
        "level": d.get("level"), "stub": bool(d.get("stub")), "clause": clause,
        "leads": [{"name": u["name"], "link": {"view": "department", "key": u.get("id") or u["name"]}} for u in leads],
        "cooperates": [{"name": u["name"], "link": {"view": "department", "key": u.get("id") or u["name"]}}
                       for u in coop],
        "targets": [t for t in targets if t], "deadline": d.get("deadline"),
        "document": _document(g, d), "span": [d.get("span_start"), d.get("span_end")], "links": links,
    }


def department_panel(g: nx.MultiDiGraph, n: str) -> dict[str, Any]:
    d = g.nodes[n]
    tasks = []
    for _, v, e in g.out_edges(n, data=True):
        if e["type"] in ROLE_NAMES:
            t = g.nodes[v]
            tasks.append({"id": v, "role": ROLE_NAMES[e["type"]], "number": t.get("number"),
                          "title": t.get("title") or (t.get("text") or "")[:30],
                          "doc": t.get("doc_number") or (t.get("doc_id") or "").removeprefix("doc:")})
    tasks.sort(key=lambda t: (t["role"] != "leads", t["doc"] or "", t["number"] or ""))
    counts = {"leads": sum(1 for t in tasks if t["role"] == "leads"),
              "cooperates": sum(1 for t in tasks if t["role"] == "cooperates")}
    return {"kind": "Department", "id": n, "name": d.get("name"), "level": d.get("level"), "region": d.get("region"),
            "collective": bool(d.get("collective")), "aliases": d.get("aliases") or [], "counts": counts,
            "tasks": tasks, "links": [{"text": "department view", "view": "department", "key": n}]}


def node_panel(g: nx.MultiDiGraph, n: str) -> dict[str, Any]:
    d = g.nodes[n]
    if d["label"] == "Task":
        return task_panel(g, n)
    if d["label"] == "Department":
        return department_panel(g, n)
    base = {"kind": d["label"], "id": n}
    if d["label"] == "Document":
        key = d.get("doc_number") or n
        return {**base, "title": d.get("title"), "number": d.get("doc_number"), "issuer": d.get("issuer"),
                "date": d.get("date"), "level": d.get("level"), "stub": bool(d.get("stub")),
                "links": [] if d.get("stub") else [{"text": "document view", "view": "document", "key": key}]}
    if d["label"] == "Industry":
        return {**base, "name": d.get("name"), "links": [{"text": "industry view", "view": "industry",
                                                          "key": d.get("name") or n}]}
    if d["label"] == "Target":
        return {**base, "text": d.get("text"), "metric": d.get("metric"), "value": d.get("value"),
                "unit": d.get("unit"), "year": d.get("year"), "year_basis": d.get("year_basis"),
                "scope": d.get("scope"), "document": _document(g, d), "links": []}
    return {**base, "links": []}


EVIDENCE_KEYS = ("basis", "score", "direction", "rank", "terms", "counterparts", "shared_industries", "linker")


def edge_panel(g: nx.MultiDiGraph, u: str, v: str, edges: list[dict[str, Any]]) -> dict[str, Any]:
    e = edges[0]
    out: dict[str, Any] = {"kind": "link", "type": e["type"], "from": u, "to": v,
                           "inferred": is_inferred(e)}
    for k in EVIDENCE_KEYS:
        if e.get(k) not in (None, [], ""):
            out[k] = e[k]
    evidence = e.get("evidence")
    if isinstance(evidence, str):
        try:
            evidence = json.loads(evidence)
        except ValueError:
            evidence = {"text": evidence}
    if evidence:
        out["evidence"] = evidence
    return out


def is_inferred(e: dict[str, Any]) -> bool:
    """A link policykg inferred (policykg link), not one a document states."""
    return e["type"] in ("CASCADES_FROM", "RELATES_TO") and e.get("basis") not in (None, "explicit")
