"""The four browser views as networkx graphs, built from catalog query results.

Each view runs one catalog query (``queries/viz-*.cypher``) that answers in
generic rows: ``source`` (a node's properties and label), ``rel`` (the
relationship type, or ``FOCUS`` for the node the view is about), ``props``
(the relationship's provenance) and ``target``. :func:`rows_to_graph` turns
the rows into a ``networkx.MultiDiGraph`` whose nodes carry ``label`` and
their properties and whose edges carry ``type`` and provenance; the view
builders then shape it (which edges to draw, levels for the top-down cascade)
and :func:`collapse` keeps large graphs usable.

Nothing here talks to a store directly: a builder takes ``fetch(name,
params) -> rows``, so the command line passes a store and the API passes its
query runner (with its budget and error mapping).
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from policykg.errors import PolicyKGError
from policykg.graph.analytics import Fetch, store_fetch  # noqa: F401 - store_fetch is part of this module's interface

from .collapse import collapse, summary
from .layout import LEVEL_ORDER, layered_positions

# what a browser handles comfortably with physics on; beyond it the view keeps the most connected part
DEFAULT_NODE_LIMIT = 300
VIEW_KINDS = ("department", "document", "cascade", "industry", "task")

# the links between a higher-level and a lower-level task: stated by a table, or inferred (policykg link)
LINK_TYPES = ("CASCADES_FROM", "RELATES_TO")
LINK_NAMES = {"CASCADES_FROM": "cascade links", "RELATES_TO": "related-subject links (inferred)"}


class ViewNotFound(PolicyKGError, LookupError):
    """The department, document or industry a view is about is not in the graph."""

    def __init__(self, kind: str, key: str):
        super().__init__(f"no {kind} {key!r} in the graph")
        self.kind = kind
        self.key = key


class AmbiguousName(PolicyKGError, LookupError):
    """A department name that several departments share (市发展改革委 of two cities)."""

    def __init__(self, key: str, candidates: list[str]):
        super().__init__(f"department {key!r} matches {len(candidates)} departments: {', '.join(candidates)}; "
                         "give the region or the id")
        self.key = key
        self.candidates = candidates


@dataclass
class View:
    kind: str
    key: str  # what the view is about, as asked for
    title: str
    subtitle: str
    graph: nx.MultiDiGraph
    focus: list[str] = field(default_factory=list)
    layered: bool = False
    total_nodes: int = 0
    total_edges: int = 0
    limit: int = DEFAULT_NODE_LIMIT
    left_out: str = ""

    @property
    def collapsed(self) -> bool:
        return self.graph.number_of_nodes() < self.total_nodes

    @property
    def notice(self) -> str | None:
        if not self.collapsed:
            return None
        shown, hidden = self.graph.number_of_nodes(), self.total_nodes - self.graph.number_of_nodes()
        return (f"This network has {self.total_nodes} nodes, more than the limit of {self.limit}: showing the "
                f"{shown} most connected, whole pieces first (a task with its departments). Left out: "
                f"{self.left_out or f'{hidden} nodes'} and {self.total_edges - self.graph.number_of_edges()} edges. "
                f"Raise the limit to see more (?limit= in the browser, --limit on the command line).")

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for _, d in self.graph.nodes(data=True):
            out[d["label"]] = out.get(d["label"], 0) + 1
        return dict(sorted(out.items()))


# -- rows → graph ---------------------------------------------------------------------------------

def _merge_node(g: nx.MultiDiGraph, node: Mapping[str, Any]) -> str:
    node_id = node["id"]
    attrs = {k: v for k, v in node.items() if v is not None and k != "id"}
    if node_id in g:
        g.nodes[node_id].update(attrs)
    else:
        g.add_node(node_id, **attrs)
    return node_id


def rows_to_graph(rows: Iterable[Mapping[str, Any]]) -> tuple[nx.MultiDiGraph, list[str]]:
    """The graph the rows describe, and the ids of the FOCUS nodes (what the view is about)."""
    g = nx.MultiDiGraph()
    focus: list[str] = []
    for r in rows:
        src = _merge_node(g, r["source"])
        if r["rel"] == "FOCUS":
            if src not in focus:
                focus.append(src)
            continue
        dst = _merge_node(g, r["target"])
        # "key" is the store's own merge key of a relationship (viz-neighbours returns every property)
        props = {k: v for k, v in (r.get("props") or {}).items() if v is not None and k not in ("key", "type")}
        key = f"{r['rel']}:{props.get('doc_id', '')}:{props.get('span_start', '')}"
        g.add_edge(src, dst, key=key, type=r["rel"], **props)
    return g, focus


# -- the views ------------------------------------------------------------------------------------

def _finish(view_kind: str, key: str, g: nx.MultiDiGraph, focus: list[str], limit: int, title: str,
            subtitle: str, layered: bool = False) -> View:
    total_nodes, total_edges = g.number_of_nodes(), g.number_of_edges()
    shown = collapse(g, limit, focus)
    if layered:  # laid out after truncation, so the rows close up over what was left out
        layered_positions(shown, [n for n in focus if n in shown])
    return View(view_kind, key, title, subtitle, shown, focus, layered, total_nodes, total_edges, limit,
                summary(g, shown) if shown is not g else "")


def department_view(fetch: Fetch, name: str, region: str | None = None,
                    limit: int = DEFAULT_NODE_LIMIT) -> View:
    """The department, the tasks it leads and cooperates on, and the other departments on those tasks."""
    rows = fetch("viz-department", {"name": name, "region": region})
    if not rows:  # not a name the documents print: try the canonical form the alias file gives (市发改委 → 市发展改革委)
        from policykg.ingest.departments import default_catalog

        canonical = default_catalog().resolve(name).name
        if canonical and canonical != name:
            rows = fetch("viz-department", {"name": canonical, "region": region})
    g, focus = rows_to_graph(rows)
    if not focus:
        raise ViewNotFound("department", name)
    if len(focus) > 1:
        raise AmbiguousName(name, sorted(focus))
    d = g.nodes[focus[0]]
    led = len({v for _, v, e in g.out_edges(focus[0], data=True) if e["type"] == "LEADS"})
    helped = len({v for _, v, e in g.out_edges(focus[0], data=True) if e["type"] == "COOPERATES_ON"})
    partners = sum(1 for _, x in g.nodes(data=True) if x["label"] == "Department") - 1
    subtitle = (f"{d.get('region') or ''} · leads {led} tasks, cooperates on {helped}; "
                f"{partners} other departments share them").strip(" ·")
    return _finish("department", name, g, focus, limit, d["name"], subtitle)


def document_view(fetch: Fetch, doc: str, limit: int = DEFAULT_NODE_LIMIT) -> View:
    """A document: its provisions (outline as a tree), their departments, targets, industries and sources."""
    rows = fetch("viz-document", {"id": doc})
    g, focus = rows_to_graph(rows)
    if not focus:
        raise ViewNotFound("document", doc)
    doc_id = focus[0]
    # the outline is a tree: a sub-item hangs off its parent, only the top-level provisions off the document
    nested = {u for u, _, e in g.edges(data=True) if e["type"] == "UNDER"}
    drop = [(u, v, k) for u, v, k, e in g.edges(keys=True, data=True) if e["type"] == "IN_DOCUMENT" and u in nested]
    g.remove_edges_from(drop)
    d = g.nodes[doc_id]
    tasks = sum(1 for _, x in g.nodes(data=True) if x["label"] == "Task" and x.get("doc_id") == doc_id)
    title = d.get("title") or d.get("doc_number") or doc_id
    subtitle = " · ".join(str(x) for x in (d.get("doc_number"), d.get("issuer"), d.get("date"),
                                           f"{tasks} provisions") if x)
    return _finish("document", doc, g, focus, limit, title, subtitle)


def cascade_view(fetch: Fetch, document: str | None = None, min_score: float | None = None,
                 limit: int = DEFAULT_NODE_LIMIT, basis: str | None = None, link: str | None = None) -> View:
    """Provincial tasks → the city tasks that carry them out → the city departments on those, top-down.
    By default the links tables state and the inferred CASCADES_FROM above the calibrated threshold."""
    rows = fetch("viz-cascade", {"document": document, "min_score": min_score, "basis": basis, "link": link})
    g, _ = rows_to_graph(rows)
    uppers = sorted({v for _, v, e in g.edges(data=True) if e["type"] in LINK_TYPES})
    by_type = {t: sum(1 for _, _, e in g.edges(data=True) if e["type"] == t) for t in LINK_TYPES}
    docs = sorted({g.nodes[u].get("document") or g.nodes[u].get("doc_number") or "" for u in uppers} - {""})
    # only inferred subject matches and no stated cascade: say so in the title, not just in the line style
    name = "Province-to-city cascade" if by_type["CASCADES_FROM"] or not by_type["RELATES_TO"] else \
        "Provincial and city tasks on related subjects (no cascade stated)"
    title = name + (f": {document}" if document else "")
    # a cascade named by an inferred subject match only is not a cascade: say which links there are
    links = ", ".join(f"{n} {LINK_NAMES[t]}" for t, n in by_type.items() if n) or "no links"
    subtitle = (f"{len(uppers)} higher-level tasks; {links}"
                + (f" · from {'、'.join(docs)}" if docs else "")
                + (f" · score ≥ {min_score:g}" if min_score is not None else "")
                + (f" · {basis}" if basis else "") + (f" · {link}" if link else ""))
    return _finish("cascade", document or "", g, uppers, limit, title, subtitle, layered=True)


def industry_view(fetch: Fetch, name: str, limit: int = DEFAULT_NODE_LIMIT) -> View:
    """An industry across levels: broader and narrower industries, tasks about them, their departments."""
    rows = fetch("viz-industry", {"name": name})
    g, focus = rows_to_graph(rows)
    if not focus:
        raise ViewNotFound("industry", name)
    levels: dict[str, int] = {}
    for _, x in g.nodes(data=True):
        if x["label"] == "Task":
            levels[x.get("level") or "?"] = levels.get(x.get("level") or "?", 0) + 1
    ordered = sorted(levels.items(), key=lambda kv: LEVEL_ORDER.get(kv[0], 9))
    subtitle = "tasks by level: " + (", ".join(f"{k} {v}" for k, v in ordered) if ordered else "none")
    return _finish("industry", name, g, focus, limit, g.nodes[focus[0]].get("name", name), subtitle)


def task_view(fetch: Fetch, node_id: str, limit: int = DEFAULT_NODE_LIMIT) -> View:
    """A node (a task, usually) and everything one relationship away: the task view, and what expanding a node in
    any view brings in."""
    g, focus = rows_to_graph(fetch("viz-neighbours", {"id": node_id}))
    if not focus:
        raise ViewNotFound("node", node_id)
    d = g.nodes[focus[0]]
    title = " ".join(x for x in (d.get("number"), d.get("title") or d.get("name") or d.get("doc_number")) if x) \
        or node_id
    doc = g.nodes[d["doc_id"]] if d.get("doc_id") in g else {}
    subtitle = " · ".join(x for x in (d["label"], d.get("level"), doc.get("doc_number"), doc.get("title")) if x)
    return _finish("task", node_id, g, focus, limit, title, subtitle)


def build_view(kind: str, fetch: Fetch, key: str | None = None, *, limit: int = DEFAULT_NODE_LIMIT,
               **options: Any) -> View:
    if kind == "department":
        return department_view(fetch, key or "", options.get("region"), limit=limit)
    if kind == "document":
        return document_view(fetch, key or "", limit=limit)
    if kind == "cascade":
        return cascade_view(fetch, key or options.get("document"), options.get("min_score"), limit=limit,
                            basis=options.get("basis"), link=options.get("link"))
    if kind == "industry":
        return industry_view(fetch, key or "", limit=limit)
    if kind == "task":
        return task_view(fetch, key or "", limit=limit)
    raise ValueError(f"unknown view {kind!r}: one of {', '.join(VIEW_KINDS)}")
