"""The read endpoints answer what the hand-built graph of ``tests/fixtures/graph.py`` implies (TestClient over it).

The same questions on the sample corpus, against its gold files, are asked once in ``tests/test_end_to_end.py``.
"""
from __future__ import annotations

from urllib.parse import quote

import pytest

from policykg.queries.catalog import get_query
from tests.fixtures.graph import CASCADE_TASK, CITY, PROVINCIAL, PROVINCIAL_PLAN

CITY_DOC, PROVINCIAL_DOC = "doc:" + CITY, "doc:" + PROVINCIAL
ROW = f"task:{CITY}:一/1"  # the division-of-labour row
COLD_CHAIN, RURAL, SAFETY = f"task:{CITY}:一/2", f"task:{CITY}:二/3", f"task:{CITY}:二/4"
QUOTED = f"task:{PROVINCIAL}:title:{CASCADE_TASK}"
CITY_NDRC = "dept:371700:市发展改革委"
NDRC_ALIAS = "市发展和改革委员会"


@pytest.fixture(scope="module")
def client(fixture_client):
    return fixture_client


def all_items(client, url: str, **params) -> list[dict]:
    """Every item of a paged list, walking pages of 2 (which also checks that paging is consistent)."""
    items, offset = [], 0
    while True:
        r = client.get(url, params={**params, "offset": offset, "limit": 2})
        assert r.status_code == 200, r.text
        page = r.json()
        items += page["items"]
        offset += 2
        if offset >= page["total"]:
            assert len(items) == page["total"]
            return items


def task_url(task_id: str) -> str:
    return "/tasks/" + quote(task_id, safe="")


def test_health_and_stats(client, fixture_store):
    r = client.get("/healthz")
    assert r.status_code == 200 and r.json()["status"] == "ok" and r.json()["writes_enabled"] is False
    stats = client.get("/stats").json()
    counts = fixture_store.counts()
    assert {k: stats["nodes"].get(k) for k in counts.nodes} == counts.nodes
    assert {k: stats["relationships"].get(k) for k in counts.relationships} == counts.relationships
    assert stats["total_nodes"] == sum(stats["nodes"].values()) >= counts.total_nodes
    # ten provisions (two headings, seven tasks and the quoted provincial task); one division-of-labour row
    assert stats["nodes"]["Task"] == 10 and stats["relationships"]["CASCADES_FROM"] == 1
    # the catalog query's numbers, read from the engine's counts
    rows = fixture_store.rows(get_query("graph-counts").text)
    assert stats["nodes"] == {r["type"]: r["count"] for r in rows if r["kind"] == "node"}
    assert stats["relationships"] == {r["type"]: r["count"] for r in rows if r["kind"] == "relationship"}


def test_departments_list_filters_and_pages(client):
    page = client.get("/departments", params={"limit": 5}).json()
    assert len(page["items"]) == 5 and page["offset"] == 0 and page["limit"] == 5 and page["total"] == 7
    everything = all_items(client, "/departments")
    assert len(everything) == 7 == len({d["id"] for d in everything})
    assert [d["name"] for d in everything] == sorted(d["name"] for d in everything)
    provincial = all_items(client, "/departments", level="province")
    assert {d["name"] for d in provincial} == {"山东省人民政府办公厅", "省发展改革委", "省工业和信息化厅"}
    assert {d["name"] for d in all_items(client, "/departments", prefix="省")} == {"省发展改革委", "省工业和信息化厅"}
    heze = all_items(client, "/departments", region="菏泽市")
    assert len(heze) == 4 and all(d["region"] == "菏泽市" for d in heze)
    past_the_end = client.get("/departments", params={"offset": 10_000}).json()
    assert past_the_end["items"] == [] and past_the_end["total"] == 7


def test_department_by_a_name_a_clause_printed(client):
    r = client.get("/departments/" + NDRC_ALIAS)
    assert r.status_code == 200
    d = r.json()
    assert d["name"] == "市发展改革委" and NDRC_ALIAS in d["aliases"]
    assert d["resolution"] == "alias" and d["asked_for"] == NDRC_ALIAS
    assert d["id"] == CITY_NDRC and d["region"] == "菏泽市"
    # the canonical name and the id give the same department
    assert client.get("/departments/市发展改革委").json()["id"] == d["id"]
    assert client.get("/departments/" + quote(d["id"], safe="")).json()["resolution"] == "exact"


@pytest.mark.parametrize("written, canonical, how", [
    (NDRC_ALIAS, "市发展改革委", "alias"),              # printed so in a clause of the graph
    ("市发改委", "市发展改革委", "alias-file"),          # an abbreviation no document printed
    ("市 发展改革委", "市发展改革委", "alias-file"),     # whitespace inside the name
])
def test_department_names_resolve(client, written, canonical, how):
    d = client.get("/departments/" + quote(written)).json()
    assert (d["name"], d["resolution"]) == (canonical, how)


def test_percent_encoded_and_raw_chinese_paths_agree(client):
    encoded = client.get("/departments/" + quote(NDRC_ALIAS))
    raw = client.get("/departments/" + NDRC_ALIAS)
    assert encoded.status_code == raw.status_code == 200 and encoded.json() == raw.json()
    q = client.get("/search?q=" + quote("冷链物流")).json()
    assert q == client.get("/search", params={"q": "冷链物流"}).json() and q["total"] == 1


@pytest.mark.parametrize("department, leads, cooperates", [
    ("市发展改革委", {COLD_CHAIN, RURAL}, {ROW}),
    ("市工业和信息化局", {ROW}, {COLD_CHAIN, SAFETY}),
    ("省发展改革委", {f"task:{PROVINCIAL}:2", QUOTED}, {f"task:{PROVINCIAL}:1", f"task:{PROVINCIAL}:3"}),
])
def test_department_tasks_by_role(client, department, leads, cooperates):
    got_leads = all_items(client, f"/departments/{department}/tasks", role="lead")
    got_coop = all_items(client, f"/departments/{department}/tasks", role="cooperate")
    got_any = all_items(client, f"/departments/{department}/tasks")
    assert {t["task_id"] for t in got_leads} == leads and {t["task_id"] for t in got_coop} == cooperates
    assert len(got_any) == len(got_leads) + len(got_coop)
    assert {t["role"] for t in got_leads} == {"lead"} and {t["role"] for t in got_coop} == {"cooperate"}


def test_department_tasks_carry_text_and_targets(client):
    page = client.get("/departments/市发展改革委/tasks", params={"role": "lead", "limit": 1000}).json()
    assert page["department"] == "市发展改革委" and page["role"] == "lead" and page["total"] == len(page["items"]) == 2
    cold = next(t for t in page["items"] if t["task_id"] == COLD_CHAIN)
    assert cold["title"] == "发展冷链物流" and "冷链物流营业收入" in cold["text"]
    assert cold["targets"] == ["到2027年,冷链物流营业收入达到50亿元"] and cold["written_as"] == NDRC_ALIAS
    # an alias in the path gives the canonical department's tasks
    by_alias = client.get(f"/departments/{NDRC_ALIAS}/tasks").json()
    assert by_alias["department"] == "市发展改革委" and by_alias["total"] == 3


def test_task_full_picture_with_provenance(client):
    r = client.get(task_url(ROW))
    assert r.status_code == 200
    t = r.json()
    assert (t["number"], t["title"]) == ("一/1", CASCADE_TASK)
    assert [x["name"] for x in t["leads"]] == ["市工业和信息化局"]
    assert [x["name"] for x in t["cooperates"]] == ["市发展改革委"]
    assert t["document"]["doc_number"] == CITY and t["document"]["date"] == "2023-05-10"
    assert t["parent"] == f"task:{CITY}:一"
    assert t["targets"][0]["year"] == 2025 and t["targets"][0]["unit"] == "个"
    p = t["provenance"]
    assert p["document_id"] == CITY_DOC and p["number"] == "一/1"
    assert p["span_end"] > p["span_start"] and p["source_text"].startswith("到2025年")
    lead = t["leads"][0]
    assert lead["written_as"] == "市工业和信息化局"
    assert p["span_start"] <= lead["span_start"] < lead["span_end"] <= p["span_end"]
    # the task: prefix may be left out, and an unencoded / in the id works too
    assert client.get(f"/tasks/{CITY}:一/1").json() == t


def test_task_cascade_links_both_ways(client):
    city = client.get(task_url(ROW)).json()
    [up] = city["cascades_from"]
    assert (up["id"], up["title"], up["basis"], up["score"]) == (QUOTED, CASCADE_TASK, "explicit", 1.0)
    provincial = client.get(task_url(up["id"])).json()
    assert provincial["stub"] is True and [x["name"] for x in provincial["leads"]] == ["省发展改革委"]
    assert [c["id"] for c in provincial["cascaded_by"]] == [ROW]
    # read from the city document's table, so that is where its span points
    assert provincial["provenance"]["document_id"] == CITY_DOC


def test_documents_list_and_outline(client):
    docs = all_items(client, "/documents")
    assert [(d["doc_number"], d["tasks"], d["targets"]) for d in docs] == [(PROVINCIAL, 4, 1), (CITY, 4, 3)]
    d = client.get("/documents/" + quote(CITY)).json()
    assert d["id"] == CITY_DOC and d["date"] == "2023-05-10" and d["stub"] is False
    assert [p["number"] for p in d["outline"] if p["has_responsibility"]] == ["一/1", "一/2", "二/3", "二/4"]
    starts = [p["span_start"] for p in d["outline"]]
    assert starts == sorted(starts)
    [implemented] = d["implements"]
    assert implemented["id"] == PROVINCIAL_DOC and implemented["stub"] is False
    # and the implemented document knows who implements it
    up = client.get("/documents/" + quote(implemented["id"], safe="")).json()
    assert [x["number"] for x in up["implemented_by"]] == [CITY]
    assert client.get("/documents/" + CITY_DOC).json()["id"] == d["id"]


def test_province_to_city_mapping(client):
    [row] = all_items(client, "/mapping/province-to-city", document=PROVINCIAL_PLAN)
    assert (row["provincial_task"], row["provincial_leads"], row["provincial_cooperates"]) == (
        CASCADE_TASK, ["省发展改革委"], ["省工业和信息化厅"])
    assert (row["city"], row["city_document"], row["city_task"]) == ("菏泽市", CITY, "一/1")
    assert (row["city_leads"], row["city_cooperates"], row["basis"]) == (
        ["市工业和信息化局"], ["市发展改革委"], "explicit")


def test_mapping_filters(client):
    for department in ("省工业和信息化厅", NDRC_ALIAS, "市工业和信息化局"):  # either side, by name or alias
        got = client.get("/mapping/province-to-city", params={"department": department}).json()
        assert [r["city_task"] for r in got["items"]] == ["一/1"] and got["total"] == 1
    one = client.get("/mapping/province-to-city", params={"task": CASCADE_TASK, "min_score": 0.9}).json()
    assert [r["city_task"] for r in one["items"]] == ["一/1"]
    assert client.get("/mapping/province-to-city", params={"task": "培育"}).json()["total"] == 0
    unknown_city = client.get("/mapping/province-to-city", params={"city": "济南市"})  # no document of that city
    assert unknown_city.status_code == 404 and "济南市" in unknown_city.json()["detail"]
    assert client.get("/mapping/province-to-city", params={"document": "没有这个文件"}).status_code == 404


def test_targets(client):
    assert client.get("/targets", params={"year": 2025}).json()["total"] == 2
    [due_2027] = all_items(client, "/targets", year=2027)
    assert (due_2027["value"], due_2027["unit"], due_2027["owners"]) == (50, "亿元", ["市发展改革委"])
    assert all_items(client, "/targets", department=NDRC_ALIAS) == [due_2027]
    assert [(t["value"], t["unit"]) for t in all_items(client, "/targets", industry="工业互联网")] == [(10, "个")]
    doc = all_items(client, "/targets", document=CITY)
    assert len(doc) == 3 and {t["doc_number"] for t in doc} == {CITY}


def test_targets_by_scope_and_owner(client):
    [provincial] = all_items(client, "/targets", scope="山东省")
    assert (provincial["scope_level"], provincial["doc_number"], provincial["owners"]) == ("province", PROVINCIAL, [])
    unowned = all_items(client, "/targets", owned="false")
    assert {t["task_id"] for t in unowned} == {None, SAFETY} and all(t["owned"] is False for t in unowned)
    assert client.get("/targets", params={"owned": "true"}).json()["total"] + len(unowned) == 4
    assert {t["year_basis"] for t in all_items(client, "/targets", scope="city")} == {"stated", "none"}


def test_industries_and_their_tasks(client):
    industries = all_items(client, "/industries")
    assert {i["name"] for i in industries} == {"工业互联网", "现代物流", "生产性服务业"}
    services = next(i for i in industries if i["name"] == "生产性服务业")
    assert set(services["subindustries"]) == {"现代物流", "工业互联网"}
    rows = all_items(client, "/industries/" + quote("工业互联网") + "/tasks")
    assert {(r["doc_number"], r["number"]) for r in rows} == {(PROVINCIAL, "2"), (CITY, "一/1")}
    # a broader industry lists the tasks of its sub-industries
    assert {r["industry"] for r in all_items(client, "/industries/生产性服务业/tasks")} == {"工业互联网", "现代物流"}


def test_search(client):
    hits = all_items(client, "/search", q="工业互联网平台")
    assert {h["id"] for h in hits if h["kind"] == "task"} == {f"task:{PROVINCIAL}:2", QUOTED, ROW}
    assert all("工业互联网平台" in (h["snippet"] or "") + (h["label"] or "") for h in hits if h["kind"] == "task")
    assert client.get("/search", params={"q": "没有这个词语"}).json()["total"] == 0


def test_every_read_answers_like_the_cli_query(client, fixture_store):
    """The API is a view of the catalog: the same query gives the same rows."""
    from policykg.queries.catalog import get_query
    from policykg.queries.resolve import Resolver

    def raw(name, params):
        return fixture_store.rows(get_query(name).text, get_query(name).bind(params))

    q = get_query("department-cooperates")  # as `policykg query` runs it: the name resolved, then the query
    cli_rows = fixture_store.rows(q.text, q.bind(Resolver.for_data(raw, None).params(q, {"name": "市工业和信息化局"})))
    api_rows = all_items(client, "/departments/市工业和信息化局/tasks", role="cooperate")
    assert [r["task_id"] for r in cli_rows] == [r["task_id"] for r in api_rows] == [COLD_CHAIN, SAFETY]


def test_responses_carry_timing(client):
    r = client.get("/healthz")
    assert r.headers["server-timing"].startswith("app;dur=")
