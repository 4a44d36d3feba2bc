"""The views on the sample corpus where a large graph is needed: large graphs collapse, hover text carries
provenance, a page needs nothing from another host. What each view shows is tested on the hand-built graph
(test_views_on_the_fixture.py)."""
from __future__ import annotations

import json
import re

import networkx as nx
import pytest

from policykg.queries.resolve import UnknownName
from policykg.viz import AmbiguousName, ViewNotFound, build_view, collapse, render_html, rows_to_graph
from policykg.viz.graphs import View

NAME = "市发展改革委"


def page_data(html: str) -> dict:
    m = re.search(r'<script type="application/json" id="pk-data">(.*?)</script>', html, re.S)
    assert m, "the page embeds its network as JSON"
    return json.loads(m.group(1))


def external_references(html: str) -> list[str]:
    """src/href attributes and CSS url()s that point anywhere but this page or the serving host."""
    refs = re.findall(r'(?:src|href)\s*=\s*"([^"]*)"', html) + re.findall(r"url\(([^)]*)\)", html)
    return [r for r in refs if re.match(r"^['\"]?(https?:)?//", r)]


def test_department_found_by_alias_file_and_not_found(fetch):
    assert build_view("department", fetch, "市发改委").title == NAME  # alias file: 市发改委 → 市发展改革委
    with pytest.raises((ViewNotFound, UnknownName)):  # the resolver refuses the unknown name first
        build_view("department", fetch, "市不存在局")


def test_ambiguous_department_names_are_refused():
    rows = [{"source": {"id": f"dept:{code}:市发展改革委", "name": "市发展改革委", "label": "Department"},
             "rel": "FOCUS", "props": None, "target": None} for code in ("371700", "370100")]
    with pytest.raises(AmbiguousName) as info:
        build_view("department", lambda name, params: rows, "市发展改革委")
    assert len(info.value.candidates) == 2


def _star_rows(hubs: int, leaves: int) -> list[dict]:
    rows = [{"source": {"id": "focus", "label": "Department", "name": "focus"}, "rel": "FOCUS", "props": None,
             "target": None}]
    for h in range(hubs):
        hub = {"id": f"task{h}", "label": "Task", "level": "city", "number": str(h)}
        rows.append({"source": {"id": "focus", "label": "Department", "name": "focus"}, "rel": "LEADS",
                     "props": {"doc_id": "doc:x", "span_start": h}, "target": hub})
        for i in range(leaves):
            rows.append({"source": {"id": f"d{h}-{i}", "label": "Department", "name": f"d{h}-{i}"},
                         "rel": "COOPERATES_ON", "props": {"doc_id": "doc:x", "span_start": 1000 + i}, "target": hub})
    return rows


def test_collapse_keeps_whole_pieces_around_the_focus():
    g, focus = rows_to_graph(_star_rows(hubs=10, leaves=30))
    assert g.number_of_nodes() == 1 + 10 + 300
    small = collapse(g, 40, focus)
    assert small.number_of_nodes() == 40
    # one task with all 30 of its departments, then the room left filled along edges: no loose end
    whole = [h for h in range(10) if all(f"d{h}-{i}" in small for i in range(30))]
    assert "focus" in small and len(whole) == 1
    assert nx.is_weakly_connected(small)
    assert collapse(g, 1000, focus) is g


@pytest.mark.parametrize("limit", [20, 60, 61])
def test_a_truncated_cascade_keeps_links_not_loose_ends(fetch, limit):
    view = build_view("cascade", fetch, limit=limit)
    g = view.graph
    assert g.number_of_nodes() == limit and view.collapsed
    assert [n for n in g if g.degree(n) == 0] == []
    uppers = {v for _, v, e in g.edges(data=True) if e["type"] in ("CASCADES_FROM", "RELATES_TO")}
    assert len(uppers) >= 3  # several provincial tasks, each with what carries it out
    assert "Left out:" in view.notice and "tasks" in view.left_out
    # rows close up over what was left out, and no two labels in a row overlap
    from policykg.viz.layout import label_width
    for line in {d["y"] for _, d in g.nodes(data=True)}:  # a row, or one of its two staggered lines
        xs = sorted((d["x"], label_width(d)) for _, d in g.nodes(data=True) if d["y"] == line)
        assert all(b[0] - a[0] >= (a[1] + b[1]) / 2 for a, b in zip(xs, xs[1:]))


def test_a_collapsed_view_says_so(fetch):
    view = build_view("document", fetch, "菏政办字〔2023〕13号", limit=60)
    assert view.collapsed and view.graph.number_of_nodes() == 60
    assert view.total_nodes > 200 and "most connected" in view.notice and "limit" in view.notice
    html = render_html(view)
    assert 'id="pk-notice"' in html and "showing the 60 most connected" in html
    assert len(page_data(html)["nodes"]) == 60
    full = build_view("document", fetch, "菏政办字〔2023〕13号")
    assert not full.collapsed and full.notice is None and 'id="pk-notice"' not in render_html(full)


@pytest.mark.parametrize("kind,key", [("department", NAME), ("document", "菏政办字〔2023〕56号"), ("cascade", None),
                                      ("industry", "工业互联网")])
def test_standalone_pages_need_no_other_host(fetch, kind, key):
    html = render_html(build_view(kind, fetch, key), inline=True)
    assert external_references(html) == []
    assert "<script src=" not in html and "<link rel=\"stylesheet\"" not in html  # everything inlined
    assert "vis-network" in html and "policykgViz" in html
    data = page_data(html)
    assert data["nodes"] and data["options"]["physics"]["enabled"] is True
    assert data["options"]["physics"]["stabilization"]["enabled"] is True


def test_served_pages_link_assets_on_the_same_host(fetch):
    html = render_html(build_view("department", fetch, NAME), inline=False, static="/viz/static", home="/viz")
    assert external_references(html) == []
    assert '<script src="/viz/static/vis-network.min.js"></script>' in html
    from policykg.viz.assets import asset_text
    assert asset_text("vis-network.min.js")[:2000] not in html  # vis-network is not inlined


def test_hover_text_has_the_provision_and_its_provenance(fetch):
    view = build_view("department", fetch, NAME)
    data = page_data(render_html(view))
    task = next(n for n in data["nodes"] if n["id"] == "task:菏政办字〔2024〕7号:四/(五)")
    assert task["tip"]["head"].startswith("Task 四/(五)")
    assert task["tip"]["body"].startswith("完善服务业重点指标监测预测机制")
    assert "菏政办字〔2024〕7号" in task["tip"]["prov"] and "provision 四/(五)" in task["tip"]["prov"]
    assert re.search(r"characters \d+–\d+", task["tip"]["prov"])
    lead = next(e for e in data["edges"] if e["from"] == view.focus[0] and e["to"] == task["id"])
    assert lead["rel"] == "LEADS" and lead["dashes"] is False
    assert "provision 四/(五)" in lead["tip"]["prov"]
    coop = next(e for e in data["edges"] if e["rel"] == "COOPERATES_ON")
    assert coop["dashes"] and coop["dashes"] != [2, 3]
    shapes = {n["kind"]: n["shape"] for n in data["nodes"]}
    assert shapes == {"Department": "box", "Task": "dot"}
    doc = page_data(render_html(build_view("document", fetch, "菏政办字〔2023〕13号")))
    target = next(n for n in doc["nodes"] if n["kind"] == "Target")
    assert target["shape"] == "diamond" and "provision" in target["tip"]["prov"] and target["tip"]["body"]


def test_document_text_cannot_break_out_of_the_page():
    rows = [{"source": {"id": "t1", "label": "Task", "level": "city", "number": "一",
                        "title": "</script><script>alert(1)</script>", "text": "<img src=x onerror=alert(1)>"},
             "rel": "FOCUS", "props": None, "target": None}]
    g, focus = rows_to_graph(rows)
    html = render_html(View("industry", "x", "<b>title</b>", "sub", g, focus, total_nodes=1))
    assert "</script><script>alert(1)" not in html and "<img src=x" not in html
    assert "&lt;b&gt;title&lt;/b&gt;" in html
    assert page_data(html)["nodes"][0]["tip"]["head"].endswith("</script><script>alert(1)</script>")


def _task_rows(positions: dict[str, int | None]) -> list[dict]:
    task = {"id": "t1", "label": "Task", "level": "city", "number": "一", "text": "做好某项工作。", "doc_id": "doc:x",
            "span_start": 0, "span_end": 40, "deadline": "2025年底前", "targets": ["达到10个"]}
    rows = [{"source": {"id": "t1", "label": "Task"}, "rel": "FOCUS", "props": None, "target": None}]
    # printed in the order a, b, c (spans), but the extractor's positions may say otherwise
    for i, name in enumerate(("甲局", "乙局", "丙局")):
        props = {"doc_id": "doc:x", "span_start": 10 + 5 * i, "span_end": 13 + 5 * i, "surface": name,
                 "position": positions.get(name)}
        rows.append({"source": {"id": name, "label": "Department", "name": name}, "rel": "LEADS" if i < 2 else
                     "COOPERATES_ON", "props": props, "target": task})
    return rows


def test_the_panel_lists_units_in_printed_order():
    from policykg.viz.panel import node_panel

    g, _ = rows_to_graph(_task_rows({}))
    panel = node_panel(g, "t1")
    assert [u["name"] for u in panel["leads"]] == ["甲局", "乙局"] and [u["name"] for u in panel["cooperates"]] == ["丙局"]
    assert panel["clause"]["span"] == [10, 40] and [u["printed"] for u in panel["clause"]["units"]] == ["甲局", "乙局", "丙局"]
    assert panel["deadline"] == "2025年底前" and panel["targets"] == ["达到10个"] and panel["text"] == "做好某项工作。"
    assert {"view": "department", "key": "甲局"} == panel["leads"][0]["link"]
    # the extractor's position wins over where the name was found
    g, _ = rows_to_graph(_task_rows({"甲局": 1, "乙局": 0, "丙局": 0}))
    assert [u["name"] for u in node_panel(g, "t1")["leads"]] == ["乙局", "甲局"]


def test_an_inferred_link_shows_its_evidence():
    from policykg.viz.panel import edge_panel

    up = {"id": "up", "label": "Task", "level": "province", "title": "省任务"}
    rows = [{"source": {"id": "low", "label": "Task", "level": "city", "title": "市任务"}, "rel": "RELATES_TO",
             "props": {"basis": "inferred", "score": 0.4, "terms": ["物流"], "counterparts": ["省商务厅→市商务局"],
                       "evidence": json.dumps({"signals": {"text": 0.3}})}, "target": up}]
    g, _ = rows_to_graph(rows)
    e = next(iter(g.get_edge_data("low", "up").values()))
    panel = edge_panel(g, "low", "up", [e])
    assert panel["inferred"] and panel["score"] == 0.4 and panel["terms"] == ["物流"]
    assert panel["evidence"] == {"signals": {"text": 0.3}} and panel["counterparts"] == ["省商务厅→市商务局"]
    html = render_html(View("cascade", "", "t", "s", g, ["up"], layered=False, total_nodes=2))
    link = page_data(html)["edges"][0]
    assert link["inferred"] is True and link["panel"]["evidence"]


def test_a_long_cascade_row_is_staggered_without_overlap():
    from policykg.viz.layout import STAGGER_AT, label_width, layered_positions

    rows = []
    for i in range(STAGGER_AT * 2):
        up = {"id": f"u{i % 5}", "label": "Task", "level": "province", "title": f"省任务{i % 5}"}
        rows.append({"source": {"id": f"c{i}", "label": "Task", "level": "city", "title": f"市级任务名称较长的一项{i}"},
                     "rel": "CASCADES_FROM", "props": {"basis": "explicit"}, "target": up})
    g, _ = rows_to_graph(rows)
    layered_positions(g, [f"u{i}" for i in range(5)])
    lines = {d["y"] for n, d in g.nodes(data=True) if n.startswith("c")}
    assert len(lines) == 2
    for line in lines:
        xs = sorted((d["x"], label_width(d)) for _, d in g.nodes(data=True) if d["y"] == line)
        assert all(b[0] - a[0] >= (a[1] + b[1]) / 2 for a, b in zip(xs, xs[1:]))


def test_a_cascade_of_related_subjects_only_is_not_called_a_cascade():
    up = {"id": "up", "label": "Task", "level": "province", "title": "省任务", "doc_number": "鲁X〔2025〕1号"}
    rows = [{"source": {"id": "low", "label": "Task", "level": "city", "title": "市任务"}, "rel": "RELATES_TO",
             "props": {"basis": "inferred", "score": 0.2}, "target": up}]
    view = build_view("cascade", lambda name, params: rows)
    assert "no cascade stated" in view.title and "1 related-subject links (inferred)" in view.subtitle
    rows[0]["rel"] = "CASCADES_FROM"
    rows[0]["props"] = {"basis": "explicit"}
    assert build_view("cascade", lambda name, params: rows).title.startswith("Province-to-city cascade")
