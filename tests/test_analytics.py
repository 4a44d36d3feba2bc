"""Analytics over a subgraph fetched by a catalog query, computed in networkx."""
from __future__ import annotations

import itertools
import re
from collections import Counter

from policykg.graph.analytics import (collaboration_graph, department_centrality, responsibility_graph, responsibility_rows,
                             shortest_path)

COLLECTIVE = re.compile(r"(有关|^各|所属|相关)")


def test_collaboration_weights_match_the_gold_files(loaded_store, gold):
    collab = collaboration_graph(responsibility_rows(loaded_store, "菏政办字〔2023〕13号"))
    expected: Counter = Counter()
    for t in gold["003_a6d61ab50cb7c05a.txt"]["tasks"]:
        named = sorted({u for u in t["leads"] + t["cooperates"] if not COLLECTIVE.search(u)})
        expected.update(itertools.combinations(named, 2))
    got = {tuple(sorted((collab.nodes[a]["name"], collab.nodes[b]["name"]))): d["weight"]
           for a, b, d in collab.edges(data=True)}
    assert got == dict(expected)


def test_centrality_and_paths(loaded_store):
    rows = responsibility_rows(loaded_store)
    ranked = department_centrality(collaboration_graph(rows), top=5)
    assert ranked[0][0] == "市发展改革委"
    bipartite = responsibility_graph(rows)
    path = shortest_path(bipartite, "dept:371700:市统计局", "dept:371700:市邮政管理局")
    assert path[0] == "dept:371700:市统计局" and path[-1] == "dept:371700:市邮政管理局"
    assert all(bipartite.has_edge(a, b) for a, b in zip(path, path[1:]))
    assert shortest_path(bipartite, "dept:371700:市统计局", "dept:nowhere") == []
