"""Analytics over a subgraph fetched by a catalog query, computed in networkx, on the hand-built graph."""
from __future__ import annotations

from policykg.graph.analytics import (
    bridging_departments,
    collaboration_graph,
    department_centrality,
    responsibility_graph,
    responsibility_rows,
    shortest_path,
    store_fetch,
)

from .fixtures.graph import CITY

CITY_NDRC, CITY_MIIT = "dept:371700:市发展改革委", "dept:371700:市工业和信息化局"
PROV_NDRC = "dept:370000:省发展改革委"


def weights(collab) -> dict[tuple[str, ...], int]:
    return {tuple(sorted((collab.nodes[a]["name"], collab.nodes[b]["name"]))): d["weight"]
            for a, b, d in collab.edges(data=True)}


def test_collaboration_weights_count_shared_tasks(fixture_store):
    # 一/1 and 一/2 have both; 二/3's other unit is collective and left out
    city = collaboration_graph(responsibility_rows(fixture_store, CITY))
    assert weights(city) == {("市发展改革委", "市工业和信息化局"): 2}
    # provincial tasks 1 and 2, and the provincial task the city's row quotes
    assert weights(collaboration_graph(responsibility_rows(fixture_store))) == {
        ("市发展改革委", "市工业和信息化局"): 2, ("省发展改革委", "省工业和信息化厅"): 3}


def test_centrality_and_paths(fixture_store):
    rows = responsibility_rows(fixture_store)
    ranked = department_centrality(collaboration_graph(rows), top=10)
    assert {name for name, _ in ranked} == {"市发展改革委", "市工业和信息化局", "省发展改革委", "省工业和信息化厅"}
    bipartite = responsibility_graph(rows)
    path = shortest_path(bipartite, CITY_NDRC, CITY_MIIT)
    assert len(path) == 3 and path[0] == CITY_NDRC and path[-1] == CITY_MIIT
    assert all(bipartite.has_edge(a, b) for a, b in zip(path, path[1:]))
    # the two levels share no task: only the cascade joins them
    assert shortest_path(bipartite, CITY_NDRC, PROV_NDRC) == []
    assert shortest_path(bipartite, CITY_NDRC, "dept:nowhere") == []


def test_departments_bridging_the_levels_through_the_cascade(fixture_store):
    cascades = store_fetch(fixture_store)("cascade-edges", {})
    bridges = {r["department"]: r for r in bridging_departments(responsibility_rows(fixture_store), cascades)}
    assert set(bridges) == {"市发展改革委", "市工业和信息化局", "省发展改革委", "省工业和信息化厅"}
    # 市发展改革委 is on three city tasks, one of them the row that carries out the quoted provincial task
    assert (bridges["市发展改革委"]["city_tasks"], bridges["市发展改革委"]["province_tasks"]) == (3, 1)
    assert (bridges["省发展改革委"]["province_tasks"], bridges["省发展改革委"]["city_tasks"]) == (4, 1)
    assert all(r["cascade_links"] == 1 for r in bridges.values())
