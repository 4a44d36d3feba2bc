"""End to end for the analytics: from the sample corpus through extraction and the store, `policykg analyse` and
/analytics agree with the gold files. (The analytics themselves are tested on the hand-built graph: tests/test_analytics.py.)"""
from __future__ import annotations

import re
from collections import Counter

import pytest

from policykg.graph.analytics import (
    analysis_report,
    bridging_departments,
    centrality_table,
    collaboration_graph,
    workload,
)
from policykg.viz.plots import CJK_FAMILIES, cjk_font, missing_font_note, system_cjk_fonts, workload_plot

COLLECTIVE = re.compile(r"(有关|^各|所属|相关)")


def gold_counts(gold_expectations, which: int) -> Counter:
    """Tasks per named department as lead (which=2) or cooperator (which=3), city and provincial tasks alike."""
    counts: Counter = Counter()
    for task in gold_expectations.city_tasks():
        counts.update(set(task[which]))
    for task in gold_expectations.provincial_tasks():
        counts.update(set(task[which - 1]))
    return Counter({k: v for k, v in counts.items() if not COLLECTIVE.search(k)})


def test_workload_agrees_with_the_gold_files(fetch, gold_expectations):
    rows = workload(fetch)
    led, cooperated = gold_counts(gold_expectations, 2), gold_counts(gold_expectations, 3)
    assert {r["department"]: r["led"] for r in rows if r["led"]} == dict(led)
    assert {r["department"]: r["cooperated"] for r in rows if r["cooperated"]} == dict(cooperated)
    # the department leading the most tasks is the one the gold files say
    top_name, top_count = led.most_common(1)[0]
    assert rows[0]["department"] == top_name == "市发展改革委" and rows[0]["led"] == top_count
    assert [r["led"] for r in rows] == sorted((r["led"] for r in rows), reverse=True)
    assert all(not r["collective"] for r in rows)
    assert any(r["collective"] for r in workload(fetch, include_collective=True))
    assert {r["level"] for r in workload(fetch, level="province")} == {"province"}


def test_targets_owned_and_unowned_agree_with_the_gold_files(fetch, gold):
    owned: Counter = Counter()
    unowned = 0
    for g in gold.values():
        cascades = {c["number"]: c for c in g.get("cascades", [])}
        leads_by_number: dict[str, set[str]] = {}
        for t in g["tasks"]:
            leads = cascades[t["number"]]["city_leads"] if t["number"] in cascades else t["leads"]
            leads_by_number.setdefault(t["number"], set()).update(leads)
        for target in g["targets"]:
            owners = leads_by_number.get(target["task"], set())
            if not owners:
                unowned += 1
            owned.update(o for o in owners if not COLLECTIVE.search(o))
    rows = workload(fetch)
    assert {r["department"]: r["targets_owned"] for r in rows if r["targets_owned"]} == dict(owned)
    report = analysis_report(fetch)
    assert len(report["unowned_targets"]) == unowned > 0
    assert all(r["text"] and r["doc_number"] and r["span_start"] is not None for r in report["unowned_targets"])


def test_no_task_without_a_lead_in_the_sample(fetch, gold):
    expected = [(g["file"], t["number"]) for g in gold.values() for t in g["tasks"] if not t["leads"]]
    assert analysis_report(fetch)["unled_tasks"] == [] == expected


def test_bridges_between_provincial_and_city_tasks(fetch, gold_expectations):
    resp = fetch("responsibility-edges", {"document": None})
    cascades = fetch("cascade-edges", {"min_score": None})
    table = gold_expectations.cascades()
    assert len(cascades) == len(table) == 35
    assert {(c["lower_level"], c["upper_level"]) for c in cascades} == {("city", "province")}
    ranked = bridging_departments(resp, cascades)
    bridges = {r["department"]: r for r in ranked}
    # a city department reaches the provincial tasks of the table rows it carries out, and the other way round
    for name, side, other in (("市发展改革委", ("city_leads", "city_cooperates"), "province_tasks"),
                              ("省发展改革委", ("province_leads", "province_cooperates"), "city_tasks")):
        rows = [c for c in table if any(name in c[k] for k in side)]
        assert bridges[name][other] == len(rows) > 0
        assert bridges[name]["cascade_links"] == len(rows)
    assert ranked[0]["department"] == "市发展改革委" and ranked[0]["brokerage"] > 0
    assert [r["brokerage"] for r in ranked] == sorted((r["brokerage"] for r in ranked), reverse=True)
    named = {u for c in table for k in ("city_leads", "city_cooperates", "province_leads", "province_cooperates")
             for u in c[k] if not COLLECTIVE.search(u)}
    assert set(bridges) == named
    # without the cascade links nothing bridges: no department in the sample holds tasks of both levels itself
    assert bridging_departments(resp, []) == []


def test_centrality_table(fetch):
    table = centrality_table(collaboration_graph(fetch("responsibility-edges", {"document": None})), top=5)
    assert len(table) == 5 and table[0]["department"] == "市发展改革委"
    assert table[0]["partners"] > 20 and table[0]["shared_tasks"] >= table[0]["partners"]
    assert centrality_table(collaboration_graph([])) == []


def test_workload_plot(fetch):
    rows = workload(fetch)
    svg = workload_plot(rows, "svg", top=10)
    assert svg.lstrip().startswith(b"<?xml") and b"<svg" in svg
    png = workload_plot(rows, "png", top=10)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert workload_plot([], "svg").startswith(b"<?xml")


def _label_area(png: bytes):
    import io

    from matplotlib import image

    pixels = image.imread(io.BytesIO(png), format="png")
    return pixels[:, : pixels.shape[1] // 4]  # the department names, left of the bars


def test_workload_plot_draws_chinese_names_not_boxes(fetch):
    """The plot as a picture: its names must not look like the same names drawn as missing-glyph boxes."""
    import numpy as np

    if cjk_font() is None:
        assert system_cjk_fonts() == [], "a CJK font is installed, yet the plot would draw department names as boxes"
        pytest.skip("no CJK font installed (apt-get install fonts-noto-cjk): department names would be boxes")
    from matplotlib import font_manager
    from matplotlib.ft2font import FT2Font

    rows = workload(fetch)[:6]
    # the same names drawn with DejaVu Sans alone, which has no CJK glyph: that is what boxes look like
    dejavu = FT2Font(font_manager.findfont("DejaVu Sans")).get_charmap()
    assert not any(ord(c) in dejavu for r in rows for c in r["department"])
    real, boxes = _label_area(workload_plot(rows, "png")), _label_area(workload_plot(rows, "png", fonts=["DejaVu Sans"]))
    assert real.shape == boxes.shape
    assert not np.array_equal(real, boxes)
    assert missing_font_note() is None  # and the command line does not advise installing a font


def test_a_cjk_font_installed_after_the_font_cache_was_built_is_found(monkeypatch, tmp_path):
    import copy

    import matplotlib
    from matplotlib import font_manager

    if not system_cjk_fonts():
        pytest.skip("no CJK font installed (apt-get install fonts-noto-cjk)")
    stale = copy.copy(font_manager.fontManager)  # what matplotlib cached before the font was installed
    stale.ttflist = [f for f in font_manager.fontManager.ttflist if "CJK" not in f.name and f.name not in CJK_FAMILIES]
    monkeypatch.setattr(font_manager, "fontManager", stale)
    monkeypatch.setattr(matplotlib, "get_cachedir", lambda: str(tmp_path))
    cjk_font.cache_clear()
    try:
        assert cjk_font() in CJK_FAMILIES
        assert list(tmp_path.glob("fontlist-*.json"))  # the cache is written anew
    finally:
        cjk_font.cache_clear()
