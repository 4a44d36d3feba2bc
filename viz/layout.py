"""A layered drawing for the cascade: one row per level (province → city → county), each level's departments in
the row right under its tasks, every node at the middle of the nodes it is linked to in the rows above.

Placement is deterministic (no physics): rows are filled top-down, each node wanting the mean x of its
neighbours already placed (barycentre order, so few lines cross), and nodes are pushed apart by the width of
their labels so that no two overlap. The result is written into the graph as ``row``, ``x`` and ``y``.
"""
from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

LEVEL_ORDER = {"province": 0, "city": 1, "county": 2}
ROW_GAP = 260
STAGGER_AT = 12  # a row longer than this is drawn as two staggered lines
STAGGER_DROP = 0.3  # of the gap between rows
MARGIN = 18
TASK_FONT = 14
DEPARTMENT_FONT = 20
TASK_LABEL_MAX = 130  # px: the task label wraps at this width (render.py's widthConstraint)


def label_width(d: dict) -> float:
    """About how wide a node's label is drawn, in px (CJK characters are square)."""
    if d.get("label") == "Department":
        return len(d.get("name") or "") * DEPARTMENT_FONT + 24
    text = " ".join(x for x in (d.get("number"), d.get("title") or (d.get("text") or "")[:8]) if x)
    return min(TASK_LABEL_MAX, len(text[:16]) * TASK_FONT) + 10


def _spread(order: list[str], wanted: dict[str, float], width: dict[str, float]) -> dict[str, float]:
    """Places as close to ``wanted`` as possible, in ``order``, with no overlap: the mean of a left-to-right and a
    right-to-left greedy pass (both keep the order and the gaps, so their mean does too)."""
    if not order:
        return {}
    gap = [(width[a] + width[b]) / 2 + MARGIN for a, b in zip(order, order[1:])]
    right = [wanted[order[0]]]
    for i, n in enumerate(order[1:]):
        right.append(max(wanted[n], right[-1] + gap[i]))
    left = [wanted[order[-1]]]
    for i in range(len(order) - 2, -1, -1):
        left.append(min(wanted[order[i]], left[-1] - gap[i]))
    left.reverse()
    return {n: (a + b) / 2 for n, a, b in zip(order, right, left)}


def layered_positions(g: nx.MultiDiGraph, uppers: Iterable[str]) -> None:
    """Rows and places for the cascade. ``uppers`` are the higher-level tasks (the top row of their level)."""
    uppers = set(uppers)

    def key(n: str) -> tuple:
        d = g.nodes[n]
        return (LEVEL_ORDER.get(d.get("level"), 9), d.get("doc_id") or "", d.get("span_start") or 0, n)

    simple = nx.Graph(g.to_undirected(as_view=True))
    band: dict[str, int] = {}
    for n in uppers:
        band[n] = LEVEL_ORDER.get(g.nodes[n].get("level"), 0)
    tasks = [n for n, d in g.nodes(data=True) if d["label"] != "Department" and n not in uppers]
    for n in tasks:
        above = [band[m] for m in simple.neighbors(n) if m in uppers]
        band[n] = max([LEVEL_ORDER.get(g.nodes[n].get("level"), 1)] + [b + 1 for b in above])
    for n, d in g.nodes(data=True):
        if d["label"] == "Department":
            own = [band[m] for m in simple.neighbors(n) if m in band]
            band[n] = LEVEL_ORDER.get(d.get("level"), max(own, default=1)) if d.get("level") in LEVEL_ORDER \
                else max(own, default=1)
    # a level's tasks, then its departments right under them; rows numbered top-down with no gaps
    slot = {n: (band[n], g.nodes[n]["label"] == "Department") for n in g}
    rows = {s: i for i, s in enumerate(sorted(set(slot.values())))}
    width = {n: label_width(g.nodes[n]) for n in g}
    x: dict[str, float] = {}
    stagger: dict[str, int] = {}
    by_row: dict[int, list[str]] = {}
    for n in g:
        by_row.setdefault(rows[slot[n]], []).append(n)
    for r in sorted(by_row):
        members = by_row[r]
        wanted = {}
        if not x:  # the top row: in document order, evenly
            first = sorted(members, key=key)
            step = max(width[n] for n in first) / (2 if len(first) > STAGGER_AT else 1) + MARGIN
            wanted = {n: i * step for i, n in enumerate(first)}
        for n in members:
            if n in wanted:
                continue
            placed = [x[m] for m in simple.neighbors(n) if m in x]
            wanted[n] = sum(placed) / len(placed) if placed else float("nan")
        known = [n for n in members if wanted[n] == wanted[n]]
        # nodes with nothing placed above go to the right end, in document order
        end = max(x.values()) if x else 0.0
        for i, n in enumerate(sorted((m for m in members if m not in known), key=key)):
            wanted[n] = end + (i + 1) * (width[n] + MARGIN)
        order = sorted(members, key=lambda m: (wanted[m], key(m)))
        if len(order) > STAGGER_AT:
            # a long row is drawn as two staggered lines (neighbours alternate up and down), each spread on its own:
            # half as wide, and still no two labels on a line overlap
            for drop, line in enumerate((order[0::2], order[1::2])):
                stagger.update(dict.fromkeys(line, drop))
                x.update(_spread(line, wanted, width))
        else:
            x.update(_spread(order, wanted, width))
    span = (max(x.values()) - min(x.values())) if x else 0.0
    gap = max(ROW_GAP, span * 0.22)  # a very wide cascade gets taller rows, so the drawing is not a thin strip
    for n, d in g.nodes(data=True):
        d["row"] = rows[slot[n]]
        d["x"], d["y"] = x.get(n, 0.0), d["row"] * gap + stagger.get(n, 0) * gap * STAGGER_DROP
