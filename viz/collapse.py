"""Truncating a network that is larger than the node limit: whole pieces, never loose ends.

A piece is what makes sense on its own: a focus node's neighbour with everything
around it (for a department: one of its tasks with every department on it), or,
when a view has several focus nodes (the cascade's higher-level tasks), each focus
node with its two-step neighbourhood (a provincial task, the city tasks carrying
it out, their departments). Pieces are taken whole, the most connected first, as
long as they fit; whatever room is left is filled by growing the kept part along
its edges. So every kept node is connected to another kept node (unless it
stood alone in the full network too), and :func:`summary` says what was left out.
"""
from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Iterable

import networkx as nx


def _pieces(simple: nx.Graph, focus: list[str]) -> list[set[str]]:
    if len(focus) == 1:
        f = focus[0]
        return [{f, t, *simple.neighbors(t)} for t in simple.neighbors(f)]
    if focus:
        return [set(nx.single_source_shortest_path_length(simple, f, cutoff=2)) for f in focus]
    return [set(c) for c in nx.connected_components(simple)]


def collapse(g: nx.MultiDiGraph, limit: int, focus: Iterable[str] = ()) -> nx.MultiDiGraph:
    """At most ``limit`` nodes: whole pieces around the focus, the most connected first, then growth along edges."""
    if limit <= 0 or g.number_of_nodes() <= limit:
        return g
    simple = nx.Graph(g.to_undirected(as_view=True))
    simple.remove_edges_from(nx.selfloop_edges(simple))
    degree = dict(simple.degree())
    seeds = [n for n in dict.fromkeys(focus) if n in simple]
    kept: set[str] = set(seeds[:1]) if len(seeds) == 1 else set()

    pieces = []
    for piece in _pieces(simple, seeds):
        edges = simple.subgraph(piece).number_of_edges()
        pieces.append((-edges, -len(piece), min(piece), piece))
    pieces.sort(key=lambda p: p[:3])
    for _, _, _, piece in pieces:  # the most connected first; a piece that no longer fits is skipped
        new = piece - kept
        if new and len(kept) + len(new) <= limit:
            kept |= new

    # fill the room left: the neighbour with most links into what is kept, then the best-connected
    def links(n: str) -> int:
        return sum(1 for m in simple.neighbors(n) if m in kept)

    frontier: list[tuple[int, int, str, str]] = []

    def push_neighbours(n: str) -> None:
        for m in simple.neighbors(n):
            if m not in kept:
                heapq.heappush(frontier, (-links(m), -degree[m], m, m))

    for n in kept:
        push_neighbours(n)
    while len(kept) < limit:
        while frontier and frontier[0][3] in kept:
            heapq.heappop(frontier)
        if frontier:
            n = heapq.heappop(frontier)[3]
        else:
            # nothing touches the kept part: start a new piece, but only where two nodes still fit (no loose end)
            rest = sorted((m for m in simple if m not in kept), key=lambda m: (-degree[m], m))
            if not rest or (degree[rest[0]] > 0 and limit - len(kept) < 2):
                break
            n = rest[0]  # (a node of degree 0 stood alone in the full network as well)
        kept.add(n)
        push_neighbours(n)
    return g.subgraph(kept).copy()


def summary(full: nx.MultiDiGraph, shown: nx.MultiDiGraph) -> str:
    """What the truncated view leaves out, by kind: '40 tasks, 12 departments'."""
    hidden = Counter(d.get("label", "?") for n, d in full.nodes(data=True) if n not in shown)
    names = {"Task": "tasks", "Department": "departments", "Target": "targets", "Industry": "industries",
             "Document": "documents"}
    return ", ".join(f"{k} {names.get(label, label)}" for label, k in hidden.most_common())
