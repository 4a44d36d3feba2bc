"""A real browser: Debian's headless chromium, driven by Playwright, against `policykg serve` on loopback.

It opens the landing page and the department view of 市发展改革委, finds the rendered network with the
number of nodes the gold files give, checks that the layout settles and the physics stops, that hovering a
task shows its provision and provenance, that nothing was logged as an error and that no request went to
another host, and saves screenshots in the test's output folder. It is skipped, saying why, where chromium
or the playwright package is missing (.ci/run installs chromium).
"""
from __future__ import annotations

from urllib.parse import quote, urlsplit

import pytest

from policykg.viz import build_view
from tests.browser import browser_context, missing_browser_reason, serve, wait_for_network

pytestmark = pytest.mark.skipif(missing_browser_reason() is not None, reason=missing_browser_reason() or "")


@pytest.fixture(scope="module")
def server(loaded_store, tmp_path_factory):
    log = tmp_path_factory.mktemp("serve") / "serve.log"
    with serve(loaded_store.backend.server.data_dir, log=log) as base:
        yield base


def _only_local(log, base) -> None:
    assert log.foreign_requests == [], f"requests to other hosts: {log.foreign_requests}"
    netloc = urlsplit(base).netloc
    assert all(urlsplit(u).netloc == netloc or u.startswith("data:") for u in log.requests), log.requests
    assert log.console_errors == [], log.console_errors
    assert log.page_errors == [], log.page_errors


def test_landing_page_in_a_real_browser(server, tmp_path):
    with browser_context(tmp_path / "profile", server) as (context, log):
        page = context.new_page()
        log.watch(page)
        response = page.goto(f"{server}/", wait_until="load")
        assert response.ok and page.url == f"{server}/viz"
        page.wait_for_selector("body[data-ready=true]")
        counts = {el.get_attribute("data-kind"): int(el.inner_text().split()[0])
                  for el in page.query_selector_all(".pk-count")}
        assert counts["Department"] > 50 and counts["Document"] >= 5 and counts["Task"] > 100
        assert page.locator("#pk-departments li", has_text="市发展改革委").count() >= 1
        page.screenshot(path=str(tmp_path / "landing.png"), full_page=False)
        # the search box filters as you type
        page.fill("#pk-q", "发展改革")
        visible = page.locator("#pk-departments li:visible")
        assert 0 < visible.count() < len(page.query_selector_all("#pk-departments li"))
        assert all("发展改革" in t for t in visible.all_inner_texts())
        page.screenshot(path=str(tmp_path / "landing-search.png"))
        # a link leads to the department's view
        page.click("#pk-departments a:text-is('市发展改革委')")
        page.wait_for_url(f"**/viz/department/{quote('市发展改革委')}")
        wait_for_network(page)
        _only_local(log, server)
    print(f"screenshots in {tmp_path}")


def test_department_view_in_a_real_browser(server, tmp_path, fetch):
    drawn = build_view("department", fetch, "市发展改革委").graph.number_of_nodes()
    with browser_context(tmp_path / "profile", server) as (context, log):
        page = context.new_page()
        log.watch(page)
        page.goto(f"{server}/viz/department/{quote('市发展改革委')}", wait_until="load")
        info = wait_for_network(page)
        assert info["canvas"], "vis-network drew no canvas"
        assert info["nodes"] == info["placed"] == drawn
        assert info["stoppedBy"] == "stabilized" and info["physics"] is False  # settled, then physics off
        box = page.locator("#pk-network canvas").bounding_box()
        assert box["width"] > 800 and box["height"] > 400
        assert "physics stopped" in page.inner_text("#pk-status")
        assert page.is_hidden("#pk-loading")
        page.screenshot(path=str(tmp_path / "department-市发展改革委.png"))

        # hovering a task shows its provision and where it was read
        task_id = "task:菏政办字〔2024〕7号:四/(五)"
        point = page.evaluate("""(id) => {
            const n = window.policykgViz.network;
            n.moveTo({position: n.getPositions([id])[id], scale: 1.5, animation: false});
            const p = n.canvasToDOM(n.getPositions([id])[id]);
            const r = document.querySelector('#pk-network canvas').getBoundingClientRect();
            return {x: r.left + p.x, y: r.top + p.y};
        }""", task_id)
        page.mouse.move(point["x"] + 40, point["y"] + 40)
        page.mouse.move(point["x"], point["y"], steps=4)
        tip = page.locator("div.vis-tooltip")
        tip.wait_for(state="visible", timeout=5000)
        text = tip.inner_text()
        assert "完善服务业重点指标监测预测机制" in text and "菏政办字〔2024〕7号" in text and "provision 四/(五)" in text
        page.screenshot(path=str(tmp_path / "department-hover.png"))
        _only_local(log, server)


def test_every_view_renders_offline(server, tmp_path):
    with browser_context(tmp_path / "profile", server) as (context, log):
        page = context.new_page()
        log.watch(page)
        for name, path in (("document", f"/viz/document/{quote('菏政办字〔2023〕13号')}"), ("cascade", "/viz/cascade"),
                           ("industry", f"/viz/industry/{quote('生产性服务业')}"),
                           ("collapsed", f"/viz/document/{quote('菏政办字〔2023〕13号')}?limit=80")):
            page.goto(server + path, wait_until="load")
            info = wait_for_network(page)
            assert info["nodes"] == info["placed"] > 10 and info["physics"] is False, (name, info)
            if name == "collapsed":
                assert info["nodes"] == 80 and "most connected" in page.inner_text("#pk-notice")
            page.screenshot(path=str(tmp_path / f"{name}.png"))
        _only_local(log, server)


def test_explore_a_view_in_a_real_browser(server, tmp_path):
    """Find a task, click it, read its provision in the panel, follow its document link; toggle a relationship
    type off; export the rows; expand a node from the API."""
    with browser_context(tmp_path / "profile", server) as (context, log):
        page = context.new_page()
        log.watch(page)
        page.goto(f"{server}/viz/department/{quote('市发展改革委')}", wait_until="load")
        info = wait_for_network(page)
        page.fill("#pk-find", "监测预测")
        page.press("#pk-find", "Enter")
        task_id = "task:菏政办字〔2024〕7号:四/(五)"
        assert page.evaluate("window.policykgViz.network.getSelectedNodes()") == [task_id]
        # a real click on the node the search focused
        point = page.evaluate("""(id) => {
            const n = window.policykgViz.network, p = n.canvasToDOM(n.getPositions([id])[id]);
            const r = document.querySelector('#pk-network canvas').getBoundingClientRect();
            return {x: r.left + p.x, y: r.top + p.y};
        }""", task_id)
        page.evaluate("document.getElementById('pk-panel-body').textContent = ''")
        page.mouse.click(point["x"], point["y"])
        panel = page.locator("#pk-panel-body")
        panel.locator("h2").wait_for()
        text = panel.inner_text()
        assert "完善服务业重点指标监测预测机制" in text and "responsibility clause" in text
        assert panel.locator("mark.pk-clause").inner_text().count("市发展改革委") == 1
        page.screenshot(path=str(tmp_path / "panel.png"))

        # toggling off "cooperates on" drops those lines
        before = page.evaluate("window.policykgViz.visibleEdges()")
        assert before == info["edges"]
        page.uncheck("input[data-filter=rel][data-value=COOPERATES_ON]")
        after = page.evaluate("window.policykgViz.visibleEdges()")
        assert 0 < after < before
        page.check("input[data-filter=rel][data-value=COOPERATES_ON]")

        # the rows as CSV: a header and one line per row of the table
        rows = page.locator("#pk-rows tbody tr").count()
        with page.expect_download() as download:
            page.click("#pk-csv")
        csv = download.value.path().read_text("utf-8-sig").strip().splitlines()
        assert len(csv) == rows + 1 == 81 and csv[0].startswith("role,task,document")
        assert any("完善服务业重点指标监测预测机制" in line or "强化督导评估" in line for line in csv)
        with page.expect_download() as png:
            page.click("#pk-png")
        assert png.value.path().read_bytes().startswith(b"\x89PNG")

        # double-click's expand brings in neighbours from /viz/neighbours
        nodes = page.evaluate("window.policykgViz.visibleNodes()")
        got = page.evaluate("(id) => window.policykgViz.expand(id)", task_id)  # its document is not in the view yet
        assert got["nodes"] > 0 and page.evaluate("window.policykgViz.visibleNodes()") == nodes + got["nodes"]

        # the panel's document link opens the document view
        page.evaluate("(id) => { window.policykgViz.network.selectNodes([id]); }", task_id)
        page.mouse.click(point["x"], point["y"])
        link = panel.locator("a[data-view=document]").first
        link.click()
        page.wait_for_url("**/viz/document/**")
        wait_for_network(page)
        assert page.get_attribute("body", "data-view") == "document" and "菏政办字〔2024〕7号" in page.inner_text("header")
        _only_local(log, server)


def test_truncated_cascade_has_no_isolated_node_in_a_real_browser(server, tmp_path):
    with browser_context(tmp_path / "profile", server) as (context, log):
        page = context.new_page()
        log.watch(page)
        page.goto(f"{server}/viz/cascade?limit=60", wait_until="load")
        info = wait_for_network(page)
        assert info["nodes"] == 60
        isolated = page.evaluate("""() => {
            const n = window.policykgViz.network;
            return Object.keys(n.getPositions()).filter(id => n.getConnectedEdges(id).length === 0);
        }""")
        assert isolated == []
        assert "Left out:" in page.inner_text("#pk-notice")
        assert page.locator("#pk-rows thead th").all_inner_texts() == ["provincial task", "leads", "city task", "units",
                                                                         "basis"]
        page.screenshot(path=str(tmp_path / "cascade-60.png"))
        _only_local(log, server)
