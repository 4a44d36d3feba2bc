"""The views built on the hand-built graph (tests/fixtures/graph.py): what each shows follows from that graph,
not from extraction. The sample corpus stays for what needs a large graph (collapsing, the browser)."""
from __future__ import annotations

import networkx as nx
import pytest

from policykg.graph.analytics import store_fetch
from policykg.queries.resolve import UnknownName
from policykg.viz import ViewNotFound, build_view, render_html
from policykg.viz.render import node_tip
from policykg.viz.table import view_rows

from ..fixtures.graph import CITY, fixture_documents

NDRC = "dept:371700:市发展改革委"
ROLES = ("LEADS", "COOPERATES_ON")


@pytest.fixture(scope="module")
def fetch(fixture_store):
    """Catalog rows as the views get them on every surface: names resolved first (a department to its id)."""
    from policykg.queries.resolve import Resolver

    return Resolver.for_data(store_fetch(fixture_store), None).wrap(store_fetch(fixture_store))


@pytest.fixture(scope="module")
def world():
    """Every node and edge of the fixture documents together, as the store holds them."""
    nodes, edges = {}, []
    for doc in fixture_documents():
        for n in doc.graph.nodes.values():
            nodes.setdefault(n.id, n)
        edges.extend(doc.graph.edges.values())
    return nodes, edges


def test_a_department_view_shows_its_tasks_and_who_else_is_on_them(fetch, world):
    nodes, edges = world
    tasks = {e.target for e in edges if e.source == NDRC and e.type in ROLES}
    departments = {nodes[e.source].props["name"] for e in edges if e.target in tasks and e.type in ROLES}
    led = {e.target for e in edges if e.source == NDRC and e.type == "LEADS"}
    view = build_view("department", fetch, "市发展改革委")
    g = view.graph
    assert view.focus == [NDRC] and not view.collapsed
    assert {n for n, d in g.nodes(data=True) if d["label"] == "Task"} == tasks
    assert {d["name"] for _, d in g.nodes(data=True) if d["label"] == "Department"} == departments
    assert {v for _, v, e in g.out_edges(NDRC, data=True) if e["type"] == "LEADS"} == led
    assert all(e.get("doc_id") and e.get("span_start") is not None for _, _, e in g.edges(data=True))
    assert build_view("department", fetch, "市发展和改革委员会").focus == [NDRC]  # by the name a clause printed
    with pytest.raises((ViewNotFound, UnknownName)):
        build_view("department", fetch, "市不存在局")


def test_a_document_view_is_its_outline_with_units_and_targets(fetch, world):
    nodes, edges = world
    own = {n.id for n in nodes.values() if n.label == "Task" and n.props.get("doc_id") == "doc:" + CITY
           and not n.props.get("stub")}
    units = {nodes[e.source].props["name"] for e in edges if e.type in ROLES and e.target in own}
    targets = {n.id for n in nodes.values() if n.label == "Target" and n.props.get("doc_id") == "doc:" + CITY}
    view = build_view("document", fetch, CITY)
    g = view.graph
    assert {n for n, d in g.nodes(data=True) if d["label"] == "Target"} == targets
    assert own <= {n for n, d in g.nodes(data=True) if d["label"] == "Task"}
    assert {d["name"] for _, d in g.nodes(data=True) if d["label"] == "Department"} == units
    # the outline is a tree: only top-level provisions hang off the document
    assert all(not any(e["type"] == "UNDER" for _, _, e in g.out_edges(u, data=True))
               for u, _, e in g.edges(data=True) if e["type"] == "IN_DOCUMENT")
    assert nx.is_weakly_connected(g)
    with pytest.raises((ViewNotFound, UnknownName)):
        build_view("document", fetch, "鲁政发〔1999〕1号")


def test_the_cascade_view_is_top_down(fixture_store, fetch, world):
    nodes, edges = world
    stated = [(e.source, e.target) for e in edges if e.type == "CASCADES_FROM" and e.props.get("basis") == "explicit"]
    city_units = {nodes[e.source].props["name"] for e in edges
                  if e.type in ROLES and e.target in {low for low, _ in stated}}
    view = build_view("cascade", fetch)
    g = view.graph
    links = [(u, v) for u, v, e in g.edges(data=True) if e["type"] == "CASCADES_FROM"]
    assert sorted(links) == sorted(stated)
    assert all(g.nodes[v]["row"] == 0 and g.nodes[u]["row"] == 1 for u, v in links)
    assert all(g.nodes[v]["y"] < g.nodes[u]["y"] for u, v in links)  # higher-level tasks drawn above
    assert {d["name"] for _, d in g.nodes(data=True) if d["label"] == "Department"} == city_units
    assert all(d["row"] == 2 for _, d in g.nodes(data=True) if d["label"] == "Department")
    assert "leads: " in node_tip(g, links[0][1])["body"]  # the provincial leads, in the hover text
    # a cascade with nothing in it (the name unresolved: the resolver would refuse an unknown document)
    none = build_view("cascade", store_fetch(fixture_store), "没有这个文件")
    assert none.graph.number_of_nodes() == 0 and "nothing to draw" in render_html(none)


def test_an_industry_view_reaches_its_sub_industries_at_both_levels(fetch, world):
    nodes, edges = world
    parent = "industry:生产性服务业"
    subs = {nodes[e.source].props["name"] for e in edges if e.type == "SUBINDUSTRY_OF" and e.target == parent}
    view = build_view("industry", fetch, "生产性服务业")
    g = view.graph
    assert subs | {"生产性服务业"} <= {d["name"] for _, d in g.nodes(data=True) if d["label"] == "Industry"}
    assert {"province", "city"} <= {d.get("level") for _, d in g.nodes(data=True) if d["label"] == "Task"}
    with pytest.raises((ViewNotFound, UnknownName)):
        build_view("industry", fetch, "不存在的产业")


def test_a_table_beside_every_picture(fetch, world):
    nodes, edges = world
    cascade = build_view("cascade", fetch)
    table = view_rows(cascade)
    assert table["columns"] == ["provincial task", "leads", "city task", "units", "basis"]
    links = [e for _, _, e in cascade.graph.edges(data=True) if e["type"] in ("CASCADES_FROM", "RELATES_TO")]
    assert len(table["rows"]) == len(links) and all(r["cells"][1] and r["cells"][3] for r in table["rows"])
    department = build_view("department", fetch, "市发展改革委")
    rows = view_rows(department)["rows"]
    on = {e.target for e in edges if e.source == NDRC and e.type in ROLES}
    assert len(rows) == len(on) and {r["cells"][0] for r in rows} == {"leads", "cooperates"}
    assert render_html(department).count("<tr data-id=") == len(on)  # in the page, readable without script
