"""A view (networkx graph) → a pyvis network → one HTML page.

pyvis builds the vis-network node and edge records and holds the options;
the page comes from policykg's own template (``viz/templates/network.html``)
because pyvis's template loads bootstrap and vis-network from CDNs. Assets are
either inlined (a standalone file that opens anywhere, offline) or linked under
a static prefix that the API serves (``/viz/static``).

Hover text is plain text built here (a task's provision, a target's sentence,
and where each was read: document, provision number, character span); the
page's script turns it into DOM text nodes, so nothing from a document is
ever interpreted as HTML.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version
from typing import Any

import networkx as nx
from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from .assets import VIS_VERSION, asset_text
from .graphs import LEVEL_ORDER, View
from .layout import DEPARTMENT_FONT, TASK_FONT
from .panel import edge_panel, is_inferred, listed_names, node_panel, printed_order
from .table import view_rows

TEXT_MAX = 360  # characters of a provision shown on hover

KIND_LABELS = {"department": "department network", "document": "document network",
               "cascade": "province → city cascade", "industry": "industry across levels",
               "task": "a task and its neighbours"}
# below this size on screen (px) a label is not drawn: zoomed out, only departments and documents keep theirs
LABEL_THRESHOLD = {"Task": 9, "Target": 9, "Industry": 7, "Department": 3, "Document": 3}


@dataclass(frozen=True)
class NodeStyle:
    shape: str
    fill: str
    border: str
    size: int = 12
    dashed: bool = False
    text: str = ""


# node colour and shape by type (and level); the legend shows the ones a view uses
NODE_STYLES: dict[str, NodeStyle] = {
    "Department:province": NodeStyle("box", "#e0e7ff", "#3730a3", text="provincial department"),
    "Department:city": NodeStyle("box", "#dbeafe", "#2563eb", text="city department"),
    "Department:county": NodeStyle("box", "#e0f2fe", "#0284c7", text="county department"),
    "Department:collective": NodeStyle("box", "#f1f5f9", "#64748b", dashed=True, text="collective unit (市有关部门…)"),
    "Task:province": NodeStyle("dot", "#b45309", "#78350f", 14, text="provincial task"),
    "Task:city": NodeStyle("dot", "#f59e0b", "#b45309", 11, text="city task"),
    "Task:county": NodeStyle("dot", "#fcd34d", "#b45309", 10, text="county task"),
    "Task:outline": NodeStyle("dot", "#e7e5e4", "#a8a29e", 7, text="provision without a responsibility clause"),
    "Target": NodeStyle("diamond", "#22c55e", "#15803d", 8, text="target"),
    "Industry": NodeStyle("triangle", "#a78bfa", "#6d28d9", 13, text="industry"),
    "Document": NodeStyle("square", "#475569", "#1e293b", 18, text="document"),
}


@dataclass(frozen=True)
class EdgeStyle:
    color: str
    width: float
    dashes: Any = False
    arrow: bool = False
    text: str = ""

    @property
    def legend_style(self) -> str:
        if not self.dashes:
            return "solid"
        return "dotted" if self.dashes[0] <= 2 else "dashed"


EDGE_STYLES: dict[str, EdgeStyle] = {
    "LEADS": EdgeStyle("#1e3a8a", 2.4, False, text="leads"),
    "COOPERATES_ON": EdgeStyle("#64748b", 1.3, [6, 4], text="cooperates on"),
    "CASCADES_FROM": EdgeStyle("#b45309", 2.0, False, True, text="carried out by (cascade)"),
    "CASCADES_FROM:inferred": EdgeStyle("#d97706", 1.5, [8, 5], True, text="inferred cascade"),
    "RELATES_TO": EdgeStyle("#a8a29e", 1.2, [2, 4], False, text="related subject (inferred)"),
    "UNDER": EdgeStyle("#cbd5e1", 1.0, False, text="sub-item of"),
    "IN_DOCUMENT": EdgeStyle("#94a3b8", 1.0, False, text="provision of"),
    "HAS_TARGET": EdgeStyle("#86efac", 1.2, False, text="states target"),
    "CONCERNS": EdgeStyle("#a78bfa", 1.2, [2, 3], text="concerns industry"),
    "SUBINDUSTRY_OF": EdgeStyle("#7c3aed", 1.6, False, True, text="part of industry"),
}


def _style_key(d: dict[str, Any]) -> str:
    label = d["label"]
    if label == "Department":
        if d.get("collective"):
            return "Department:collective"
        return f"Department:{d.get('level') if d.get('level') in LEVEL_ORDER else 'city'}"
    if label == "Task":
        if d.get("has_responsibility") is False:
            return "Task:outline"
        return f"Task:{d.get('level') if d.get('level') in LEVEL_ORDER else 'city'}"
    return label


def _edge_style_key(e: dict[str, Any]) -> str:
    if e["type"] == "CASCADES_FROM" and is_inferred(e):
        return "CASCADES_FROM:inferred"
    return e["type"]


def _short(text: str | None, n: int) -> str:
    text = (text or "").strip()
    return text if len(text) <= n else text[: n - 1] + "…"


def _span(d: dict[str, Any]) -> str:
    if d.get("span_start") is None:
        return ""
    return f"characters {d['span_start']}–{d.get('span_end', '?')}"


def _doc_ref(g: nx.MultiDiGraph, doc_id: str | None, number: str | None = None, title: str | None = None) -> str:
    if not doc_id:
        return ""
    doc = g.nodes[doc_id] if doc_id in g else {}
    name = number or doc.get("doc_number") or ""
    full = title or doc.get("title") or ""
    label = " ".join(x for x in (name, f"《{full}》" if full else "") if x) or doc_id.removeprefix("doc:")
    return label


def _names(g: nx.MultiDiGraph, node: str, rel: str) -> list[str]:
    seen: list[str] = []
    for u, _, e in sorted(g.in_edges(node, data=True), key=lambda x: printed_order(x[2])):
        if e["type"] == rel:
            name = g.nodes[u].get("name", u)
            if name not in seen:
                seen.append(name)
    return seen


def node_label(d: dict[str, Any]) -> str:
    label = d["label"]
    if label == "Department":
        return d.get("name") or d.get("id", "")
    if label == "Task":
        head = d.get("title") or _short(d.get("text"), 8)
        number = d.get("number")
        return _short(f"{number} {head}" if number else head, 16)
    if label == "Target":
        value = d.get("value")
        amount = f"{value:g}{d.get('unit') or ''}" if isinstance(value, (int, float)) else ""
        return _short(f"{d.get('metric') or ''} {amount}".strip(), 14)
    if label == "Industry":
        return d.get("name") or ""
    if label == "Document":
        return d.get("doc_number") or _short(d.get("title"), 16)
    return d.get("id", "")


def node_tip(g: nx.MultiDiGraph, n: str) -> dict[str, str]:
    d = g.nodes[n]
    label = d["label"]
    if label == "Department":
        led = len({v for _, v, e in g.out_edges(n, data=True) if e["type"] == "LEADS"})
        helped = len({v for _, v, e in g.out_edges(n, data=True) if e["type"] == "COOPERATES_ON"})
        lines = [" · ".join(x for x in (d.get("level"), d.get("region")) if x)]
        if d.get("collective"):
            lines.append("a collective unit: stands for several bodies")
        if d.get("aliases"):
            lines.append("also written: " + "、".join(d["aliases"]))
        lines.append(f"in this view: leads {led} tasks, cooperates on {helped}")
        written = sorted({e["surface"] for _, _, e in g.out_edges(n, data=True) if e.get("surface")} - {d.get("name")})
        if written:
            lines.append("printed as: " + "、".join(written))
        return {"head": f"Department {d.get('name', n)}", "body": "\n".join(x for x in lines if x),
                "prov": "source documents: " + ", ".join(
                    _doc_ref(g, s) or s for s in sorted({e["doc_id"] for _, _, e in g.out_edges(n, data=True)
                                                          if e.get("doc_id")})) if g.out_degree(n) else ""}
    if label == "Task":
        head = " ".join(x for x in (d.get("number"), d.get("title")) if x) or "task"
        body = [_short(d.get("text"), TEXT_MAX)] if d.get("text") else []
        leads = _names(g, n, "LEADS") or listed_names(d.get("leads"))
        coop = _names(g, n, "COOPERATES_ON") or listed_names(d.get("cooperates"))
        if leads:
            body.append("leads: " + "、".join(leads))
        if coop:
            body.append("cooperates: " + "、".join(coop))
        if d.get("stub"):
            body.append("a higher-level task known from a division-of-labour table row")
        doc = _doc_ref(g, d.get("doc_id") if d.get("doc_id") in g else None, d.get("doc_number"), d.get("document"))
        if not doc:
            doc = " ".join(x for x in (d.get("doc_number"), f"《{d['document']}》" if d.get("document") else "") if x)
        read_from = d.get("doc_id", "")
        prov = [f"{d.get('level') or '?'}-level task in {doc}" if doc else f"{d.get('level') or '?'}-level task"]
        if d.get("number"):
            prov.append(f"provision {d['number']}")
        if d.get("span_start") is not None:
            where = f"read from {read_from.removeprefix('doc:')}, " if read_from else ""
            prov.append(where + _span(d))
        return {"head": f"Task {head}", "body": "\n".join(body), "prov": " · ".join(prov)}
    if label == "Target":
        value = d.get("value")
        amount = f"{value:g}" if isinstance(value, (int, float)) else str(value or "")
        facts = f"{d.get('metric') or ''}: {d.get('qualifier') or ''} {amount}{d.get('unit') or ''}".strip()
        if d.get("year"):
            facts += f" by {d['year']}"
        where = " · ".join(x for x in (_doc_ref(g, d.get("doc_id")) or (d.get("doc_id") or "").removeprefix("doc:"),
                                       f"provision {d['number']}" if d.get("number") else "preamble", _span(d)) if x)
        return {"head": "Target", "body": f"{d.get('text') or ''}\n{facts}", "prov": where}
    if label == "Industry":
        parents = [g.nodes[v].get("name") for _, v, e in g.out_edges(n, data=True) if e["type"] == "SUBINDUSTRY_OF"]
        subs = [g.nodes[u].get("name") for u, _, e in g.in_edges(n, data=True) if e["type"] == "SUBINDUSTRY_OF"]
        tasks = sum(1 for _, _, e in g.in_edges(n, data=True) if e["type"] == "CONCERNS")
        body = [f"tasks about it in this view: {tasks}"]
        if parents:
            body.append("part of: " + "、".join(parents))
        if subs:
            body.append("includes: " + "、".join(subs))
        return {"head": f"Industry {d.get('name', n)}", "body": "\n".join(body), "prov": ""}
    if label == "Document":
        body = [d.get("title") or ""]
        body.append(" · ".join(str(x) for x in (d.get("doc_number"), d.get("issuer"), d.get("level"), d.get("date"))
                               if x))
        if d.get("stub"):
            body.append("known only because another document cites it")
        return {"head": "Document", "body": "\n".join(x for x in body if x),
                "prov": f"read from {d['file']}" if d.get("file") else ""}
    return {"head": n, "body": "", "prov": ""}


def edge_tip(g: nx.MultiDiGraph, u: str, v: str, edges: list[dict[str, Any]]) -> dict[str, str]:
    e = edges[0]
    style = EDGE_STYLES.get(_edge_style_key(e))
    a, b = g.nodes[u], g.nodes[v]
    head = f"{node_label(a)} — {style.text if style else e['type']} — {node_label(b)}"
    body = []
    provs = []
    for x in edges:
        if x.get("surface") and x["surface"] != a.get("name"):
            body.append(f"printed as {x['surface']}")
        if x.get("basis"):
            body.append(f"basis: {x['basis']}, score {x.get('score', '?')}")
        where = " · ".join(p for p in (_doc_ref(g, x.get("doc_id")) or (x.get("doc_id") or "").removeprefix("doc:"),
                                       f"provision {x['number']}" if x.get("number") else "", _span(x)) if p)
        if where:
            provs.append(where)
    return {"head": head, "body": "\n".join(dict.fromkeys(body)), "prov": "\n".join(dict.fromkeys(provs))}


def _options(view: View, n_nodes: int) -> dict[str, Any]:
    big = n_nodes > 150
    # measured on the largest sample view (259 nodes, bench/viz.py): 150 iterations at minVelocity 2 settle it in
    # about 0.6 s in headless chromium, and the drawing looks the same as after 250
    # (the side panel, table and filters cost the page about 0.3 s more: above 200 nodes 100 iterations, which
    # leave the 259-node view looking the same)
    iterations = 100 if n_nodes > 200 else 150 if big else 300
    options: dict[str, Any] = {
        "autoResize": True,
        "nodes": {"font": {"size": 14, "face": "Noto Sans CJK SC, WenQuanYi Micro Hei, sans-serif"},
                  "borderWidth": 1.5},
        "edges": {"smooth": False if big else {"enabled": True, "type": "continuous", "roundness": 0.3},
                  "selectionWidth": 2},
        "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": big, "navigationButtons": False,
                        "keyboard": False, "multiselect": False},
        "physics": {
            "enabled": True,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {"gravitationalConstant": -80, "centralGravity": 0.01, "springLength": 110,
                                 "springConstant": 0.08, "damping": 0.5, "avoidOverlap": 0.3},
            "maxVelocity": 60, "minVelocity": 2.0 if big else 1.5, "timestep": 0.45,
            "stabilization": {"enabled": True, "iterations": iterations, "updateInterval": 25, "fit": True},
        },
        "layout": {"randomSeed": 7, "improvedLayout": n_nodes <= 100},
    }
    if view.layered:
        # every node fixed where layout.py put it: the short stabilisation only signals that the drawing is ready
        options["layout"] = {"randomSeed": 7, "improvedLayout": False}
        options["physics"] = {
            "enabled": True, "solver": "barnesHut", "minVelocity": 1.0,
            "stabilization": {"enabled": True, "iterations": 10, "updateInterval": 5, "fit": True},
        }
        options["edges"]["smooth"] = False
    return options


def to_pyvis(view: View):
    """The view as a pyvis Network: nodes styled by type, edges by role, hover text, options."""
    from pyvis.network import Network

    g = view.graph
    net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line")
    focus = set(view.focus)
    order = sorted(g.nodes, key=lambda n: (n not in focus, g.nodes[n]["label"], n))
    for n in order:
        d = g.nodes[n]
        style = NODE_STYLES[_style_key(d)]
        opts: dict[str, Any] = {
            "color": {"background": style.fill, "border": style.border,
                      "highlight": {"background": style.fill, "border": "#dc2626"},
                      "hover": {"background": style.fill, "border": "#dc2626"}},
            "kind": d["label"],
            "skey": _style_key(d),
            "level": d.get("level") or "",
            "tip": node_tip(g, n),
            "panel": node_panel(g, n),
            # find also searches the panel's provision text (not repeated here: pages stay small)
            "search": " ".join(str(x) for x in (d.get("name"), d.get("number"), d.get("title"), d.get("doc_number"))
                               if x),
            "scaling": {"label": {"drawThreshold": LABEL_THRESHOLD.get(d["label"], 5)}},
        }
        if d["label"] == "Task":  # what "group by" gathers: the document, the top-level provision
            opts["gdoc"] = d.get("doc_number") or d.get("doc_id") or ""
            opts["gprov"] = ((d.get("doc_number") or "") + " " + (d.get("number") or "").split("/")[0]).strip()
        if style.shape != "box":
            opts["size"] = style.size + (8 if n in focus else 0)
            opts["font"] = {"size": 12}
        elif g.number_of_nodes() > 150:
            # departments stay legible when a large network is zoomed out to fit the window
            opts["font"] = {"size": 24}
        if style.dashed:
            opts["shapeProperties"] = {"borderDashes": [4, 3]}
        if n in focus:
            opts["borderWidth"] = 4
            opts["font"] = {"size": 26 if g.number_of_nodes() > 150 else 18, "bold": True}
        if view.layered:
            # every node keeps the place layout.py gave it: rows by level, no overlap, nothing for physics to do
            opts.update(x=d["x"], y=d["y"], fixed={"x": True, "y": True})
            opts["font"] = {"size": DEPARTMENT_FONT if d["label"] == "Department" else TASK_FONT}
            # the layout keeps labels apart, so task labels can show from further out than in a force layout
            opts["scaling"] = {"label": {"drawThreshold": 6}}
        if d["label"] == "Task":
            opts["widthConstraint"] = {"maximum": 130}
        net.add_node(n, label=node_label(d), shape=style.shape, **opts)
    # one drawn line per pair and relationship type; every edge's provenance goes into its hover text
    grouped: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
    for u, v, e in g.edges(data=True):
        grouped.setdefault((u, v, _edge_style_key(e)), []).append(e)
    for (u, v, key), edges in sorted(grouped.items()):
        line = EDGE_STYLES[key]
        src, dst = (v, u) if edges[0]["type"] in ("CASCADES_FROM", "RELATES_TO") else (u, v)  # drawn the way the work flows
        opts = {"color": {"color": line.color, "highlight": "#dc2626", "hover": "#dc2626"}, "width": line.width,
                "dashes": line.dashes, "arrows": {"to": {"enabled": line.arrow, "scaleFactor": 0.6}},
                "rel": edges[0]["type"], "skey": key, "inferred": is_inferred(edges[0]),
                "tip": edge_tip(g, u, v, edges)}
        if edges[0]["type"] in ("CASCADES_FROM", "RELATES_TO"):  # a link between levels: its basis and evidence
            opts["panel"] = edge_panel(g, u, v, edges)
        net.add_edge(src, dst, **opts)
    net.options = _options(view, len(order))
    return net


@lru_cache(maxsize=1)
def _env() -> Environment:
    env = Environment(loader=PackageLoader("policykg.viz", "templates"), autoescape=select_autoescape(["html"]))
    env.globals["asset"] = lambda name: Markup(asset_text(name))
    return env


def _version(package: str) -> str:
    try:
        return version(package)
    except PackageNotFoundError:
        return "?"


def _script_json(payload: Any) -> Markup:
    # JSON inside <script>: no "</script>", no HTML comment openers, whatever the documents say
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    return Markup(text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
                  .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _legend(view: View) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    g = view.graph
    used_nodes = {_style_key(d) for _, d in g.nodes(data=True)}
    used_edges = {_edge_style_key(e) for _, _, e in g.edges(data=True)}
    nodes = [{"shape": s.shape if s.shape in ("box", "dot", "diamond", "triangle") else "box", "fill": s.fill,
              "border": s.border, "dashed": s.dashed, "text": s.text} for k, s in NODE_STYLES.items() if k in used_nodes]
    edges = [{"style": s.legend_style, "color": s.color, "width": max(2, round(s.width)), "text": s.text}
             for k, s in EDGE_STYLES.items() if k in used_edges]
    return nodes, edges


FILTER_NAMES = {"kind": {"Department": "departments", "Task": "tasks", "Target": "targets", "Industry": "industries",
                          "Document": "documents"},
                "level": {"province": "province", "city": "city", "county": "county"},
                "basis": {"explicit": "stated links", "inferred": "inferred links"}}


def _filters(view: View) -> list[dict[str, Any]]:
    """The toggles a view offers: node kinds, levels, relationship types, stated/inferred links (those it has)."""
    g = view.graph
    kinds = {d["label"] for _, d in g.nodes(data=True)}
    levels = {d.get("level") for _, d in g.nodes(data=True) if d["label"] in ("Task", "Department")}
    rels = {e["type"] for _, _, e in g.edges(data=True)}
    links = [e for _, _, e in g.edges(data=True) if e["type"] in ("CASCADES_FROM", "RELATES_TO")]
    basis = {"inferred" if is_inferred(e) else "explicit" for e in links}
    groups = [("kind", [k for k in FILTER_NAMES["kind"] if k in kinds]),
              ("level", [k for k in FILTER_NAMES["level"] if k in levels]),
              ("rel", [k for k in EDGE_STYLES if k in rels]),
              ("basis", [k for k in FILTER_NAMES["basis"] if k in basis])]
    return [{"name": name, "entries": [{"value": v, "text": FILTER_NAMES.get(name, {}).get(v) or
                                      (EDGE_STYLES[v].text if v in EDGE_STYLES else v)} for v in values]}
            for name, values in groups if len(values) > (0 if name == "rel" else 1)]


def network_data(view: View) -> dict[str, Any]:
    """The vis-network nodes and edges of a view, with their hover text and panel data (no options)."""
    net = to_pyvis(view)
    nodes, edges, _, _, _, _ = net.get_network_data()
    return {"nodes": nodes, "edges": edges}


def render_html(view: View, *, inline: bool = True, static: str = "/viz/static", home: str | None = None,
                links: list[dict[str, str]] | None = None) -> str:
    """The page for ``view``: standalone (assets inlined) or linking the assets under ``static``.

    Served (``home`` given), the side panel links to the other views and double-click expands a node through
    ``/viz/neighbours``; a standalone file has neither (there is no server to ask)."""
    net = to_pyvis(view)
    nodes, edges, _, _, _, options = net.get_network_data()
    base = home.rsplit("/viz", 1)[0] if home else None
    table = view_rows(view)
    payload = {"nodes": nodes, "edges": edges, "options": json.loads(options), "maxLayoutMs": 15000,
               "table": table, "kind": view.kind, "key": view.key,
               "views": f"{base}/viz/" if base is not None else None,
               "neighbours": f"{base}/viz/neighbours" if base is not None else None}
    legend_nodes, legend_edges = _legend(view)
    empty = {"cascade": "no cascade links match", "department": "this department has no tasks",
             "document": "this document has no provisions", "industry": "no task concerns this industry",
             "task": "nothing is linked to this task"}
    return _env().get_template("network.html").render(
        kind=view.kind, kind_label=KIND_LABELS[view.kind], title=view.title, subtitle=view.subtitle,
        notice=view.notice, node_count=len(nodes), edge_count=len(edges), total_nodes=view.total_nodes,
        legend_nodes=legend_nodes, legend_edges=legend_edges, data_json=_script_json(payload), inline=inline,
        static=static.rstrip("/"), home=home, links=links or [], empty_text=empty[view.kind],
        filters=_filters(view), table=table, grouping=view.kind in ("department", "document", "industry", "task"),
        version=_version("policykg"), pyvis_version=_version("pyvis"), vis_version=VIS_VERSION)


def _entry(name: str, href: str, meta: str, *search: str | None) -> dict[str, str]:
    return {"name": name, "href": href, "meta": meta, "search": " ".join(x for x in (name, *search) if x)}


def render_landing(*, departments: list[dict[str, Any]], documents: list[dict[str, Any]],
                   industries: list[dict[str, Any]], counts: dict[str, int], q: str = "", base: str = "") -> str:
    """The landing page: counts, a search box, and a link to the view of every department, document and industry.

    ``departments`` are rows of department-workload (with ``aliases`` when known), ``documents`` rows of the
    documents query, ``industries`` rows of the industries query; links are under ``base`` (the app's root path).
    A row's ``found_by`` lists words the search found it by beyond its names (a provision's text, an alias file's
    form), so the filter keeps it.
    """
    from urllib.parse import quote

    names = [d["department"] for d in departments]
    shared = {n for n in names if names.count(n) > 1}
    deps = []
    for d in departments:
        key = d["department_id"] if d["department"] in shared else d["department"]
        region = f" · {d['region']}" if d["department"] in shared and d.get("region") else ""
        deps.append(_entry(d["department"], f"{base}/viz/department/{quote(key, safe='')}",
                           f"{d['led']} / {d['cooperated']}{region}", d.get("region"), *(d.get("aliases") or []),
                           *(d.get("found_by") or [])))
    docs = [_entry(d.get("doc_number") or d.get("title") or d["id"],
                   f"{base}/viz/document/{quote(d['id'], safe='')}",
                   " · ".join(str(x) for x in (d.get("title"), d.get("date"), f"{d.get('tasks', 0)} tasks") if x),
                   d.get("title"), d.get("issuer"), d.get("region"), *(d.get("found_by") or [])) for d in documents]
    inds = [_entry(d["name"], f"{base}/viz/industry/{quote(d['name'], safe='')}",
                   f"{d.get('tasks', 0)}" + (f" · in {d['parent']}" if d.get("parent") else ""), d.get("parent"),
                   *(d.get("subindustries") or [])) for d in industries]
    if q:
        needle = q.lower()
        deps, docs, inds = ([e for e in xs if needle in e["search"].lower()] for xs in (deps, docs, inds))
    labels = [("Department", "departments"), ("Task", "tasks"), ("Target", "targets"), ("Document", "documents"),
              ("Industry", "industries"), ("LEADS", "lead assignments"), ("COOPERATES_ON", "cooperations"),
              ("CASCADES_FROM", "cascade links")]
    shown = [{"key": k, "n": counts.get(k, 0), "label": label} for k, label in labels]
    return _env().get_template("landing.html").render(
        departments=deps, documents=docs, industries=inds, counts=shown, q=q, base=base,
        static=f"{base}/viz/static")
