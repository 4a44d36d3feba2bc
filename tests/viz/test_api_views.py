"""The views and analytics over HTTP: pages, assets, errors as problem details, the plot."""
from __future__ import annotations

import re
from urllib.parse import quote

import pytest

from policykg.viz import build_view
from policykg.viz.assets import ASSETS

PROBLEM = "application/problem+json"


def nodes_of(html: str) -> int:
    return int(re.search(r'data-nodes="(\d+)"', html).group(1))


def test_landing_page(viz_client):
    r = viz_client.get("/viz")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    html = r.text
    assert 'name="q"' in html  # the search box
    for path in ("/viz/department/" + quote("市发展改革委", safe=""), "/viz/document/" + quote("doc:菏政办字〔2023〕13号", safe=""),
                 "/viz/industry/" + quote("生产性服务业", safe=""), "/viz/cascade"):
        assert f'href="{path}"' in html, path
    counts = dict(re.findall(r'data-kind="(\w+)"><div class="n">(\d+)</div>', html))
    stats = viz_client.get("/stats").json() if any(getattr(x, "path", "") == "/stats" for x in viz_client.app.routes) \
        else None
    assert int(counts["Document"]) >= 5 and int(counts["LEADS"]) > 300
    if stats:
        assert int(counts["Task"]) == stats["nodes"]["Task"]
    assert '<script src="/viz/static/policykg-landing.js"></script>' in html
    assert not re.search(r'(src|href)="(https?:)?//', html)
    root = viz_client.get("/", follow_redirects=False)
    assert root.status_code in (307, 200)


def test_landing_search_filters(viz_client):
    html = viz_client.get("/viz", params={"q": "发展改革"}).text
    departments = re.search(r'id="pk-departments">(.*?)</section>', html, re.S).group(1)
    names = re.findall(r'<a href="[^"]+">([^<]+)</a>', departments)
    assert names and all("发展改革" in n for n in names) and "市发展改革委" in names
    documents = re.search(r'id="pk-documents">(.*?)</section>', html, re.S).group(1)
    assert "<li>none</li>" in documents
    html = viz_client.get("/viz", params={"q": "菏政办字"}).text
    documents = re.search(r'id="pk-documents">(.*?)</section>', html, re.S).group(1)
    assert len(re.findall(r"<li ", documents)) == 3


def test_department_page(viz_client, fetch):
    # the page draws the view the catalog queries give (what that view holds: test_views_on_the_fixture.py)
    drawn = build_view("department", fetch, "市发展改革委").graph.number_of_nodes()
    r = viz_client.get("/viz/department/市发展改革委")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert nodes_of(r.text) == drawn
    assert '<script src="/viz/static/vis-network.min.js"></script>' in r.text
    assert not re.search(r'(src|href)="(https?:)?//', r.text)
    # the alias file finds it under another name; the limit collapses it and says so
    assert nodes_of(viz_client.get("/viz/department/市发改委").text) == drawn
    small = viz_client.get("/viz/department/市发展改革委", params={"limit": 25}).text
    assert nodes_of(small) == 25 and 'id="pk-notice"' in small


def test_other_pages(viz_client):
    for path in ("/viz/document/菏政办字〔2023〕13号", "/viz/document/doc:菏政办字〔2024〕7号", "/viz/cascade",
                 "/viz/cascade?min_score=0.5&document=山东省县域经济", "/viz/industry/生产性服务业"):
        r = viz_client.get(path)
        assert r.status_code == 200, (path, r.text[:300])
        assert nodes_of(r.text) > 10, path


@pytest.mark.parametrize("path,status", [("/viz/department/市不存在局", 404), ("/viz/document/鲁政发〔1999〕1号", 404),
                                         ("/viz/industry/不存在的产业", 404), ("/viz/department/x?limit=0", 422),
                                         ("/viz/cascade?min_score=2", 422), ("/viz/static/secret.txt", 404),
                                         ("/viz/static/..%2F..%2Fapi%2Fsettings.py", 404)])
def test_errors_are_problem_details(viz_client, path, status):
    r = viz_client.get(path)
    assert r.status_code == status and r.headers["content-type"].startswith(PROBLEM), r.text[:200]


@pytest.mark.parametrize("name", sorted(ASSETS))
def test_assets_are_served_here(viz_client, name):
    r = viz_client.get(f"/viz/static/{name}")
    assert r.status_code == 200 and len(r.content) > 200
    assert r.headers["content-type"].split(";")[0] in ("text/javascript", "text/css")


def test_analytics_endpoints(viz_client):
    report = viz_client.get("/analytics").json()
    assert set(report) == {"workload", "centrality", "bridges", "unled_tasks", "unowned_targets"}
    assert report["workload"][0]["department"] == "市发展改革委"
    workload = viz_client.get("/analytics/workload", params={"level": "province", "top": 3}).json()
    assert len(workload) == 3 and {w["level"] for w in workload} == {"province"}
    assert viz_client.get("/analytics/centrality", params={"top": 2}).json()[0]["department"] == "市发展改革委"
    bridges = viz_client.get("/analytics/bridges").json()
    assert bridges[0]["department"] == "市发展改革委" and bridges[0]["level"] == "city"
    assert viz_client.get("/analytics/unled-tasks").json() == []
    unowned = viz_client.get("/analytics/unowned-targets", params={"document": "菏政发〔2024〕1号"}).json()
    assert unowned and {u["doc_number"] for u in unowned} == {"菏政发〔2024〕1号"}
    svg = viz_client.get("/analytics/workload.svg", params={"top": 5})
    assert svg.headers["content-type"] == "image/svg+xml" and b"<svg" in svg.content
    png = viz_client.get("/analytics/workload.png")
    assert png.headers["content-type"] == "image/png" and png.content.startswith(b"\x89PNG")
    bad = viz_client.get("/analytics/workload", params={"level": "planet"})
    assert bad.status_code == 422 and bad.headers["content-type"].startswith(PROBLEM)


def test_neighbours_and_task_view(viz_client):
    r = viz_client.get("/viz/neighbours", params={"id": "dept:371700:市统计局"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/json")
    data = r.json()
    ids = {n["id"] for n in data["nodes"]}
    assert "dept:371700:市统计局" in ids and len(ids) > 5
    assert all(e["from"] in ids and e["to"] in ids for e in data["edges"])
    assert {e["rel"] for e in data["edges"]} <= {"LEADS", "COOPERATES_ON"}
    task = next(n for n in data["nodes"] if n["kind"] == "Task")
    assert task["panel"]["kind"] == "Task" and task["panel"]["text"]
    missing = viz_client.get("/viz/neighbours", params={"id": "dept:nowhere"})
    assert missing.status_code == 404 and missing.headers["content-type"].startswith(PROBLEM)
    page = viz_client.get("/viz/task/" + quote("task:菏政办字〔2024〕7号:四/(五)", safe=""))
    assert page.status_code == 200 and nodes_of(page.text) >= 3
    assert "市发展改革委" in page.text and "四/(五)" in page.text


BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"


@pytest.mark.parametrize("path,status", [("/viz/department/市不存在局", 404), ("/no/such/path", 404),
                                         ("/viz/cascade?min_score=2", 422)])
def test_errors_answer_a_browser_with_a_page(viz_client, path, status):
    page = viz_client.get(path, headers={"Accept": BROWSER})
    assert page.status_code == status and page.headers["content-type"].startswith("text/html")
    assert f"<h1>{status} " in page.text and 'href="/viz"' in page.text
    for accept in ("application/json", "*/*", "application/problem+json, text/html;q=0.5"):
        api = viz_client.get(path, headers={"Accept": accept})
        assert api.status_code == status and api.headers["content-type"].startswith(PROBLEM), accept


def test_analytics_answer_a_browser_with_pages(viz_client):
    page = viz_client.get("/analytics", headers={"Accept": BROWSER})
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert page.text.count("<table") == 4  # workload, centrality, bridges, unowned targets (no unled task)
    assert 'src="/analytics/workload.svg"' in page.text
    assert 'href="/viz/department/' + quote("dept:371700:市发展改革委", safe="") + '">市发展改革委</a>' in page.text
    table = viz_client.get("/analytics/workload", params={"top": 3}, headers={"Accept": BROWSER})
    assert table.headers["content-type"].startswith("text/html") and table.text.count("<tr>") == 4
    assert viz_client.get("/analytics/workload", params={"top": 3}).json()[0]["department"] == "市发展改革委"
    landing = viz_client.get("/viz").text
    assert '<a href="/analytics">analytics</a>' in landing


def test_landing_search_is_the_api_search(viz_client):
    """The landing page's box finds what GET /search finds: documents by the words of their provisions, every
    department an alias file's short form stands for."""
    hits = viz_client.get("/search", params={"q": "光伏", "limit": 1000}).json()["items"]
    numbers = {h["doc_number"] for h in hits if h["doc_number"]}
    assert numbers
    html = viz_client.get("/viz", params={"q": "光伏"}).text
    for number in numbers:
        assert number in html
    both = viz_client.get("/viz", params={"q": "发改委"}).text
    assert ">市发展改革委<" in both and ">省发展改革委<" in both
