"""The read endpoints answer what the gold files say (TestClient over the sample corpus)."""
from __future__ import annotations

from urllib.parse import quote

import pytest

PROVINCIAL = "山东省县域经济高质量发展三年行动方案"


def all_items(client, url: str, **params) -> list[dict]:
    """Every item of a paged list, walking the pages (which also checks that paging is consistent)."""
    items, offset = [], 0
    while True:
        r = client.get(url, params={**params, "offset": offset, "limit": 7})
        assert r.status_code == 200, r.text
        page = r.json()
        items += page["items"]
        offset += 7
        if offset >= page["total"]:
            assert len(items) == page["total"]
            return items


def test_health_and_stats(client, loaded_store, gold):
    r = client.get("/healthz")
    assert r.status_code == 200 and r.json()["status"] == "ok" and r.json()["writes_enabled"] is False
    stats = client.get("/stats").json()
    counts = loaded_store.counts()
    # the store's own counts (its known labels) are all there; /stats may list more labels than it knows
    assert {k: stats["nodes"].get(k) for k in counts.nodes} == counts.nodes
    assert {k: stats["relationships"].get(k) for k in counts.relationships} == counts.relationships
    assert stats["total_nodes"] == sum(stats["nodes"].values()) >= counts.total_nodes
    assert stats["nodes"]["Task"] >= sum(len(g["tasks"]) for g in gold.values())
    assert stats["relationships"]["CASCADES_FROM"] == len(gold["001_eac2c624b6a1218d.txt"]["cascades"])


def test_departments_list_filters_and_pages(client, gold):
    page = client.get("/departments", params={"limit": 5}).json()
    assert len(page["items"]) == 5 and page["offset"] == 0 and page["limit"] == 5
    everything = all_items(client, "/departments")
    assert len(everything) == page["total"] == len({d["id"] for d in everything})
    assert [d["name"] for d in everything] == sorted(d["name"] for d in everything)
    # every department the gold files name in a responsibility is listed
    named = {u for g in gold.values() for t in g["tasks"] for u in t["leads"] + t["cooperates"]}
    assert named <= {d["name"] for d in everything}
    provincial = all_items(client, "/departments", level="province")
    assert provincial and all(d["level"] == "province" for d in provincial)
    assert {d["name"] for d in all_items(client, "/departments", prefix="省")} <= {d["name"] for d in provincial}
    heze = all_items(client, "/departments", region="菏泽市")
    assert heze and all(d["region"] == "菏泽市" for d in heze)
    past_the_end = client.get("/departments", params={"offset": 10_000}).json()
    assert past_the_end["items"] == [] and past_the_end["total"] == page["total"]


def test_department_by_alias_is_the_renamed_bank(client):
    r = client.get("/departments/人行菏泽市中心支行")
    assert r.status_code == 200
    d = r.json()
    assert d["name"] == "人行菏泽市分行" and "人行菏泽市中心支行" in d["aliases"]
    assert d["resolution"] == "alias" and d["asked_for"] == "人行菏泽市中心支行"
    assert d["id"] == "dept:371700:人行菏泽市分行" and d["region"] == "菏泽市"
    # the canonical name and the id give the same department
    assert client.get("/departments/人行菏泽市分行").json()["id"] == d["id"]
    assert client.get("/departments/" + quote(d["id"], safe="")).json()["resolution"] == "exact"


@pytest.mark.parametrize("written, canonical, how", [
    ("省全巷环境厅", "省生态环境厅", "alias"),        # OCR damage seen in a document
    ("市发改委", "市发展改革委", "alias-file"),        # an abbreviation no document printed
    ("市 发展改革委", "市发展改革委", "alias-file"),   # whitespace inside the name
])
def test_department_names_resolve(client, written, canonical, how):
    d = client.get("/departments/" + quote(written)).json()
    assert (d["name"], d["resolution"]) == (canonical, how)


def test_percent_encoded_and_raw_chinese_paths_agree(client):
    encoded = client.get("/departments/%E4%BA%BA%E8%A1%8C%E8%8F%8F%E6%B3%BD%E5%B8%82%E4%B8%AD%E5%BF%83%E6%94%AF%E8%A1%8C")
    raw = client.get("/departments/人行菏泽市中心支行")
    assert encoded.status_code == raw.status_code == 200 and encoded.json() == raw.json()
    q = client.get("/search?q=%E5%86%B7%E9%93%BE%E7%89%A9%E6%B5%81").json()
    assert q == client.get("/search", params={"q": "冷链物流"}).json() and q["total"] > 0


@pytest.mark.parametrize("department", ["市发展改革委", "市科技局", "市财政局", "人行菏泽市分行"])
def test_department_tasks_match_the_gold_files(client, city_gold_tasks, department):
    leads = {(doc, n) for doc, n, ls, _ in city_gold_tasks if department in ls}
    cooperates = {(doc, n) for doc, n, _, cs in city_gold_tasks if department in cs}
    got_leads = all_items(client, f"/departments/{department}/tasks", role="lead")
    got_coop = all_items(client, f"/departments/{department}/tasks", role="cooperate")
    got_any = all_items(client, f"/departments/{department}/tasks")
    assert {(t["doc_number"], t["number"]) for t in got_leads} == leads
    assert {(t["doc_number"], t["number"]) for t in got_coop} == cooperates
    assert len(got_any) == len(got_leads) + len(got_coop)
    assert {t["role"] for t in got_leads} <= {"lead"} and {t["role"] for t in got_coop} <= {"cooperate"}


def test_department_tasks_carry_text_and_targets(client):
    page = client.get("/departments/市发展改革委/tasks", params={"role": "lead", "limit": 1000}).json()
    assert page["department"] == "市发展改革委" and page["role"] == "lead" and page["total"] == len(page["items"])
    renewable = next(t for t in page["items"] if t["task_id"] == "task:菏政办字〔2023〕13号:三/23")
    assert renewable["title"] == "大力发展可再生能源" and "风力发电" in renewable["text"]
    assert renewable["targets"] == ["新能源和可再生能源发电装机达到460万千瓦以上"]
    # an alias in the path gives the canonical department's tasks
    by_alias = client.get("/departments/人行菏泽市中心支行/tasks").json()
    assert by_alias["department"] == "人行菏泽市分行" and by_alias["total"] == 3


def test_task_full_picture_with_provenance(client, gold):
    g = gold["003_a6d61ab50cb7c05a.txt"]["tasks"][0]
    r = client.get("/tasks/" + quote("task:菏政办字〔2023〕13号:一/1", safe=""))
    assert r.status_code == 200
    t = r.json()
    assert (t["number"], t["title"]) == (g["number"], g["title"])
    assert [x["name"] for x in t["leads"]] == g["leads"] and [x["name"] for x in t["cooperates"]] == g["cooperates"]
    assert t["document"]["doc_number"] == "菏政办字〔2023〕13号" and t["document"]["date"] == "2023-03-31"
    assert t["parent"] == "task:菏政办字〔2023〕13号:一"
    assert t["targets"][0]["year"] == 2023 and t["targets"][0]["unit"] == "家"
    p = t["provenance"]
    assert p["document_id"] == "doc:菏政办字〔2023〕13号" and p["number"] == "一/1"
    assert p["span_end"] > p["span_start"] and p["source_text"].startswith(g["text_start"])
    lead = t["leads"][0]
    assert lead["written_as"] == "市科技局" and p["span_start"] <= lead["span_start"] < lead["span_end"] <= p["span_end"]
    # the task: prefix may be left out, and an unencoded / in the id works too
    assert client.get("/tasks/菏政办字〔2023〕13号:一/1").json() == t


def test_task_cascade_links_both_ways(client, gold):
    city = client.get("/tasks/" + quote("task:菏政办字〔2023〕56号:1", safe="")).json()
    [up] = city["cascades_from"]
    assert up["title"] == "实施经济强县领跑计划" and up["basis"] == "explicit" and up["score"] == 1.0
    provincial = client.get("/tasks/" + quote(up["id"], safe="")).json()
    assert provincial["stub"] is True and [x["name"] for x in provincial["leads"]] == ["省发展改革委"]
    assert [c["id"] for c in provincial["cascaded_by"]] == ["task:菏政办字〔2023〕56号:1"]
    # read from the city document's table, so that is where its span points
    assert provincial["provenance"]["document_id"] == "doc:菏政办字〔2023〕56号"


def test_documents_list_and_outline(client, gold):
    docs = all_items(client, "/documents")
    assert {d["doc_number"]: d["tasks"] for d in docs} == {
        g["document"]["doc_number"]: len(g["tasks"]) for g in gold.values()}
    g = gold["001_eac2c624b6a1218d.txt"]
    d = client.get("/documents/" + quote(g["document"]["doc_number"])).json()
    assert d["id"] == "doc:菏政办字〔2023〕56号" and d["date"] == g["document"]["date"] and d["stub"] is False
    with_clause = [p["number"] for p in d["outline"] if p["has_responsibility"]]
    assert with_clause == [t["number"] for t in g["tasks"]]
    starts = [p["span_start"] for p in d["outline"]]
    assert starts == sorted(starts)
    [implemented] = d["implements"]
    assert implemented["stub"] is True and implemented["title"].startswith(PROVINCIAL)
    # and the implemented (stub) document knows who implements it
    up = client.get("/documents/" + quote(implemented["id"], safe="")).json()
    assert [x["doc_number"] for x in up["implemented_by"]] == ["菏政办字〔2023〕56号"]
    assert client.get("/documents/doc:菏政办字〔2023〕56号").json()["id"] == d["id"]


def test_province_to_city_mapping_of_001(client, gold, assert_mapping_is_the_table):
    cascades = gold["001_eac2c624b6a1218d.txt"]["cascades"]
    rows = all_items(client, "/mapping/province-to-city", document=PROVINCIAL)
    assert_mapping_is_the_table(rows)
    assert all(r["city"] == "菏泽市" and r["city_document"] == "菏政办字〔2023〕56号" for r in rows)
    assert [r["city_task"] for r in rows] == [c["number"] for c in cascades]


def test_mapping_filters(client, gold):
    cascades = gold["001_eac2c624b6a1218d.txt"]["cascades"]
    env = [c for c in cascades if "省生态环境厅" in c["province_leads"] + c["province_cooperates"]]
    got = client.get("/mapping/province-to-city", params={"department": "省全巷环境厅", "limit": 100}).json()
    assert {r["provincial_task"] for r in got["items"]} == {c["province_task"] for c in env} and got["total"] == len(env)
    fin = [c for c in cascades if "市财政局" in c["city_leads"] + c["city_cooperates"]
           or "市财政局" in c["province_leads"]]
    got = client.get("/mapping/province-to-city", params={"department": "市财政局", "city": "菏泽市"}).json()
    assert got["total"] == len(fin)
    one = client.get("/mapping/province-to-city", params={"task": "实施经济强县领跑计划", "min_score": 0.9}).json()
    assert [r["city_task"] for r in one["items"]] == ["1"]
    assert client.get("/mapping/province-to-city", params={"city": "济南市"}).json()["total"] == 0
    assert client.get("/mapping/province-to-city", params={"document": "没有这个文件"}).json()["items"] == []


def test_targets(client, gold):
    due_2025 = sum(1 for g in gold.values() for t in g["targets"] if t["year"] == 2025)
    assert client.get("/targets", params={"year": 2025}).json()["total"] == due_2025
    biomed = all_items(client, "/targets", industry="生物医药")
    assert {(t["value"], t["unit"]) for t in biomed} == {(1000, "亿元"), (1200, "亿元")}
    owned = all_items(client, "/targets", department="市科技局", year=2023)
    assert owned and all("市科技局" in t["owners"] for t in owned)
    doc = all_items(client, "/targets", document="菏政办字〔2024〕7号")
    g = gold["000_b0e7ef96dca0a357.txt"]
    assert len(doc) == len(g["targets"]) and {t["doc_number"] for t in doc} == {"菏政办字〔2024〕7号"}
    assert {(t["scope"], t["scope_level"]) for t in doc} == {("菏泽市", "city")}


def test_targets_by_scope_and_owner(client):
    quoted = all_items(client, "/targets", document="菏政办字〔2023〕56号", scope="山东省")
    assert quoted and all(t["scope_level"] == "province" for t in quoted)
    assert all(o.startswith("省") for t in quoted for o in t["owners"])
    unowned = all_items(client, "/targets", owned="false")
    assert unowned and all(t["owned"] is False and t["owners"] == [] for t in unowned)
    total = client.get("/targets").json()["total"]
    assert client.get("/targets", params={"owned": "true"}).json()["total"] + len(unowned) == total
    assert {t["year_basis"] for t in all_items(client, "/targets", year=2023)} <= {"stated", "package"}


def test_industries_and_their_tasks(client, gold):
    industries = all_items(client, "/industries")
    names = {i["name"] for i in industries}
    assert {i["name"] for g in gold.values() for i in g["industries"]} <= names
    services = next(i for i in industries if i["name"] == "生产性服务业")
    assert {"现代物流", "工业互联网"} <= set(services["subindustries"])
    rows = all_items(client, "/industries/" + quote("工业互联网") + "/tasks")
    assert {(r["doc_number"], r["number"]) for r in rows} >= {
        ("菏政办字〔2024〕7号", "二/(一)/5"), ("鲁服务业办〔2025〕4号", "四"), ("菏政发〔2024〕1号", "二/(五)/2")}
    # a broader industry lists the tasks of its sub-industries
    assert {r["industry"] for r in all_items(client, "/industries/生产性服务业/tasks")} > {"生产性服务业"}


def test_search(client):
    hits = all_items(client, "/search", q="冷链物流")
    assert ("菏政办字〔2024〕7号", "二/(一)/1") in {(h["doc_number"], h["number"]) for h in hits}
    assert all("冷链物流" in (h["text"] or "") + (h["title"] or "") for h in hits)
    assert client.get("/search", params={"q": "没有这个词语"}).json()["total"] == 0


def test_every_read_answers_like_the_cli_query(client, loaded_store):
    """The API is a view of the catalog: the same query gives the same rows."""
    from policykg.queries.catalog import get_query

    q = get_query("department-leads")
    cli_rows = loaded_store.rows(q.text, q.bind({"name": "市科技局"}))
    api_rows = all_items(client, "/departments/市科技局/tasks", role="lead")
    assert [r["task_id"] for r in cli_rows] == [r["task_id"] for r in api_rows]


def test_responses_carry_timing(client):
    r = client.get("/healthz")
    assert r.headers["server-timing"].startswith("app;dur=")
