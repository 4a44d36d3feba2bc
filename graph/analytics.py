"""Graph algorithms the two stores do not share, computed with networkx.

Plain functions over graphs (networkx style): fetch a subgraph with a catalog
query once, then analyse it in Python, so no algorithm is written twice in two
Cypher dialects.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import networkx as nx

from queries.catalog import get_query


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
