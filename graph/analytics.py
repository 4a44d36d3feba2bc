"""Graph algorithms the two stores do not share, computed with networkx.

Plain functions over graphs (networkx style): fetch a subgraph with a catalog
query once, then analyse it in Python, so no algorithm is written twice in two
Cypher dialects.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

import networkx as nx

from policykg.queries.catalog import get_query


def responsibility_rows(store, document: str | None = None) -> list[dict[str, Any]]:
    q = get_query("responsibility-edges")
    return store.rows(q.text, q.bind({"document": document}), row_cap=1_000_000)


def responsibility_graph(rows: Iterable[Mapping[str, Any]], include_collective: bool = False) -> nx.Graph:
    """Bipartite graph: departments and tasks, an edge per LEADS / COOPERATES_ON."""
    g = nx.Graph()
    for r in rows:
        if r["collective"] and not include_collective:
            continue
        g.add_node(r["department_id"], kind="department", name=r["department"])
        g.add_node(r["task_id"], kind="task", level=r["level"], doc_id=r["doc_id"])
        g.add_edge(r["department_id"], r["task_id"], role=r["role"])
    return g


def collaboration_graph(rows: Iterable[Mapping[str, Any]]) -> nx.Graph:
    """Departments only, weighted by the number of tasks two departments share."""
    bipartite = responsibility_graph(rows)
    departments = [n for n, d in bipartite.nodes(data=True) if d["kind"] == "department"]
    g = nx.Graph()
    for n in departments:
        g.add_node(n, name=bipartite.nodes[n]["name"])
    for task, d in bipartite.nodes(data=True):
        if d["kind"] != "task":
            continue
        people = sorted(bipartite.neighbors(task))
        for i, a in enumerate(people):
            for b in people[i + 1:]:
                w = g.get_edge_data(a, b, {"weight": 0})["weight"]
                g.add_edge(a, b, weight=w + 1)
    return g


def department_centrality(collab: nx.Graph, top: int = 10) -> list[tuple[str, float]]:
    """Betweenness centrality in the who-works-with-whom network (names, highest first)."""
    scores = nx.betweenness_centrality(collab, weight=None)
    ranked = sorted(scores.items(), key=lambda kv: (-kv[1], collab.nodes[kv[0]]["name"]))
    return [(collab.nodes[n]["name"], s) for n, s in ranked[:top]]


def shortest_path(bipartite: nx.Graph, source_id: str, target_id: str) -> list[str]:
    """Departments and tasks linking two departments; empty when they are not connected."""
    try:
        return nx.shortest_path(bipartite, source_id, target_id)
    except (nx.NetworkXNoPath, nx.NodeNotFound):
        return []


# -- the report behind `policykg analyse` and /analytics ------------------------------------------
#
# Each piece takes rows of a catalog query (so the CLI and the API share them); ``fetch(name, params)``
# runs a catalog query: ``store_fetch(store)`` for a store, the API's query runner otherwise.

Fetch = Callable[[str, dict[str, Any]], list[dict[str, Any]]]
LEVELS = ("province", "city", "county")


def store_fetch(store) -> Fetch:
    """``fetch`` over a GraphStore: run a catalog query with its parameters bound, no row cap worth the name."""

    def fetch(name: str, params: dict[str, Any]) -> list[dict[str, Any]]:
        q = get_query(name)
        return store.rows(q.text, q.bind(params), row_cap=1_000_000)

    return fetch


def workload(fetch: Fetch, level: str | None = None, include_collective: bool = False) -> list[dict[str, Any]]:
    """Departments by workload (tasks led, cooperated on, targets owned), busiest first."""
    rows = fetch("department-workload", {"level": level, "include_collective": include_collective})
    for r in rows:
        r["total"] = r["led"] + r["cooperated"]
    return rows


def centrality_table(collab: nx.Graph, top: int = 10) -> list[dict[str, Any]]:
    """Who brokers between others in the who-works-with-whom network: betweenness, partners, shared tasks."""
    if collab.number_of_nodes() == 0:
        return []
    betweenness = nx.betweenness_centrality(collab, weight=None)
    degree = nx.degree_centrality(collab)
    rows = [{"department_id": n, "department": collab.nodes[n]["name"], "betweenness": round(betweenness[n], 6),
             "degree_centrality": round(degree[n], 6), "partners": collab.degree(n),
             "shared_tasks": int(collab.degree(n, weight="weight"))} for n in collab.nodes]
    rows.sort(key=lambda r: (-r["betweenness"], -r["partners"], r["department"]))
    return rows[:top] if top else rows


def cascade_graph(resp_rows: Iterable[Mapping[str, Any]], cascade_rows: Iterable[Mapping[str, Any]],
                  include_collective: bool = False) -> nx.Graph:
    """The responsibility graph plus the cascade links between tasks of different levels."""
    g = responsibility_graph(resp_rows, include_collective)
    for c in cascade_rows:
        for node, level in ((c["lower_id"], c["lower_level"]), (c["upper_id"], c["upper_level"])):
            if node not in g:
                g.add_node(node, kind="task", level=level, doc_id=None)
        g.add_edge(c["lower_id"], c["upper_id"], role="CASCADES_FROM")
    return g


def bridging_departments(resp_rows: Iterable[Mapping[str, Any]], cascade_rows: Iterable[Mapping[str, Any]],
                         upper: str = "province", lower: str = "city",
                         include_collective: bool = False) -> list[dict[str, Any]]:
    """Departments that bridge provincial and city tasks.

    A department reaches a task directly (it leads or cooperates on it) or
    through a cascade (it is on a task that carries out, or is carried out by,
    that task). It bridges when it reaches tasks of both levels. ``brokerage``
    is its betweenness restricted to paths from provincial to city tasks in the
    responsibility graph with the cascade links (networkx
    ``betweenness_centrality_subset``): how much of the provincial-to-city flow
    passes through it.
    """
    g = cascade_graph(resp_rows, cascade_rows, include_collective)
    uppers = [n for n, d in g.nodes(data=True) if d["kind"] == "task" and d.get("level") == upper]
    lowers = [n for n, d in g.nodes(data=True) if d["kind"] == "task" and d.get("level") == lower]
    brokerage = nx.betweenness_centrality_subset(g, sources=uppers, targets=lowers, normalized=True) \
        if uppers and lowers else {}
    out = []
    for n, d in g.nodes(data=True):
        if d["kind"] != "department":
            continue
        reached: dict[str, set[str]] = {upper: set(), lower: set()}
        links = 0
        for t in g.neighbors(n):
            level = g.nodes[t].get("level")
            if level in reached:
                reached[level].add(t)
            for u in g.neighbors(t):
                if g.edges[t, u].get("role") == "CASCADES_FROM":
                    links += 1
                    if g.nodes[u].get("level") in reached:
                        reached[g.nodes[u]["level"]].add(u)
        if reached[upper] and reached[lower]:
            out.append({"department_id": n, "department": d["name"], f"{upper}_tasks": len(reached[upper]),
                        f"{lower}_tasks": len(reached[lower]), "cascade_links": links,
                        "brokerage": round(brokerage.get(n, 0.0), 6)})
    out.sort(key=lambda r: (-r["brokerage"], -r["cascade_links"], r["department"]))
    return out


def unled_tasks(fetch: Fetch, document: str | None = None) -> list[dict[str, Any]]:
    """Tasks whose responsibility clause names no lead."""
    return fetch("unled-tasks", {"document": document})


def unowned_targets(fetch: Fetch, document: str | None = None) -> list[dict[str, Any]]:
    """Targets in the preamble or in a provision no department leads."""
    return fetch("unowned-targets", {"document": document})


def analysis_report(fetch: Fetch, top: int = 10, include_collective: bool = False) -> dict[str, Any]:
    """Everything `policykg analyse` prints and GET /analytics answers, in one dictionary."""
    resp = fetch("responsibility-edges", {"document": None})
    cascades = fetch("cascade-edges", {"min_score": None})
    load = workload(fetch, include_collective=include_collective)
    levels = {r["department_id"]: r["level"] for r in load}
    bridges = bridging_departments(resp, cascades, include_collective=include_collective)
    for r in bridges:
        r["level"] = levels.get(r["department_id"])
    return {
        "workload": load,
        "centrality": centrality_table(collaboration_graph(resp), top),
        "bridges": bridges,
        "unled_tasks": unled_tasks(fetch),
        "unowned_targets": unowned_targets(fetch),
    }
