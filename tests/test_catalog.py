"""Every catalog query, run on the hand-built graph of ``tests/fixtures/graph.py``, answers what that graph implies.

Only the key columns are compared, so a query may gain columns without breaking these tests. The path from the
sample corpus through extraction to an answer is ``tests/test_end_to_end.py``.
"""
from __future__ import annotations

import re
from collections import Counter

import pytest

from policykg.queries.catalog import CatalogError, load_catalog
from policykg.queries.resolve import AmbiguousName, Resolver, UnknownName

from .fixtures.graph import CASCADE_TASK, CITY, CITY_TITLE, NATIONAL, PROVINCIAL, PROVINCIAL_PLAN

CATALOG = load_catalog()

CITY_DOC, PROVINCIAL_DOC = "doc:" + CITY, "doc:" + PROVINCIAL
ROW = f"task:{CITY}:一/1"  # the division-of-labour row
COLD_CHAIN, RURAL, SAFETY = f"task:{CITY}:一/2", f"task:{CITY}:二/3", f"task:{CITY}:二/4"
QUOTED = f"task:{PROVINCIAL}:title:{CASCADE_TASK}"  # the provincial task as the row quotes it
CITY_NDRC, PROV_NDRC = "dept:371700:市发展改革委", "dept:370000:省发展改革委"
NDRC_ALIAS = "市发展和改革委员会"  # how one clause prints 市发展改革委


def run(store, query_name, /, **params):
    """The query as every surface runs it: names resolved first (a department to its id), then the query."""
    q = CATALOG[query_name]

    def raw(name, given):
        return store.rows(CATALOG[name].text, CATALOG[name].bind(given))

    result = store.read(q.text, q.bind(Resolver.for_data(raw, None).params(q, params)))
    assert result.columns == [c for c, _ in q.columns], f"{query_name}: columns differ from its header"
    return [dict(zip(result.columns, r)) for r in result.rows]


def run_as_written(store, query_name, /, **params):
    """The query with the values as given: nothing resolved (an example may name what the fixture lacks)."""
    q = CATALOG[query_name]
    result = store.read(q.text, q.bind(params))
    assert result.columns == [c for c, _ in q.columns], f"{query_name}: columns differ from its header"
    return [dict(zip(result.columns, r)) for r in result.rows]


def keys(rows, *columns):
    return [tuple(r[c] for c in columns) if len(columns) > 1 else r[columns[0]] for r in rows]


# -- the catalog itself ----------------------------------------------------------------------

def test_every_query_is_documented():
    assert len(CATALOG) >= 10
    for q in CATALOG.values():
        assert q.description and q.columns, q.name
        for p in q.params:
            assert p.description, (q.name, p.name)
            if p.required:
                assert p.example is not None, (q.name, p.name)


def test_pattern_comprehensions_do_not_share_variable_names():
    # FalkorDB answers the second of two comprehensions that reuse a name with an empty list
    for q in CATALOG.values():
        names = re.findall(r"\[\((\w+)(?::\w+)?\)", q.text)
        named = [n for n in names if n not in {"t", "d", "low", "up"}] + \
                [n for n in re.findall(r"\[\(\w+\)-\[[^\]]*\]->\((\w+):", q.text)]
        dupes = [n for n, k in Counter(named).items() if k > 1]
        assert not dupes, f"{q.name}: pattern comprehension variables reused: {dupes}"


def test_binding_refuses_missing_unknown_and_mistyped_parameters():
    with pytest.raises(CatalogError, match="needs parameter 'name'"):
        CATALOG["department-leads"].bind({})
    with pytest.raises(CatalogError, match="no parameter"):
        CATALOG["department-leads"].bind({"name": "x", "nmae": "y"})
    with pytest.raises(CatalogError, match="must be int"):
        CATALOG["targets"].bind({"year": "twenty"})


# parameters under which each query has something to say about the fixture: a new query must be added here
ON_THE_FIXTURE: dict[str, dict] = {
    "cascade-edges": {}, "department-cooperates": {"name": "市发展改革委"},
    "department-leads": {"name": "市发展改革委"}, "department-partners": {},
    "department-tasks": {"name": "市发展改革委"}, "department-workload": {}, "department": {"name": "市发展改革委"},
    "department-lookup": {"name": "市发展改革委"}, "document-lookup": {"value": CITY},
    "department-alias-lookup": {"alias": NDRC_ALIAS},
    "departments": {}, "document": {"id": CITY}, "documents": {}, "graph-counts": {},
    "implementing-documents": {"document": PROVINCIAL_PLAN},
    "industries": {}, "industry-tasks": {"name": "生产性服务业"}, "link-units": {},
    "province-to-city-mapping": {}, "province-to-city": {}, "responsibility-edges": {},
    "search-tasks": {"q": "工业互联网"}, "targets": {}, "task": {"id": ROW},
    "unled-tasks": {}, "unowned-targets": {}, "viz-cascade": {}, "viz-department": {"name": "市发展改革委"},
    "viz-document": {"id": CITY}, "viz-industry": {"name": "生产性服务业"}, "viz-neighbours": {"id": ROW},
    "department-names": {}, "document-names": {}, "industry-names": {}, "search": {"q": "工业互联网"},
    "task-lookup": {"q": CASCADE_TASK}, "targets-count": {}, "province-to-city-mapping-count": {},
    "departments-order": {}, "departments-rows": {"keys": [CITY_NDRC]},
    "targets-order": {}, "targets-rows": {"keys": [f"target:{CITY}:一/1:1"]},
    "province-to-city-mapping-order": {}, "documents-order": {}, "documents-rows": {"keys": [CITY_DOC]},
    "province-to-city-mapping-rows": {"keys": [[ROW, QUOTED, "CASCADES_FROM", None]]},
}


def test_every_query_runs_with_its_examples(fixture_store):
    for q in CATALOG.values():
        assert isinstance(run_as_written(fixture_store, q.name, **q.example_params()), list)


@pytest.mark.parametrize("name", sorted(CATALOG))
def test_every_query_answers_on_the_fixture(fixture_store, name):
    assert name in ON_THE_FIXTURE, f"{name}: say which parameters exercise it on the fixture graph"
    assert run(fixture_store, name, **ON_THE_FIXTURE[name])


@pytest.mark.parametrize("name", sorted(n for n, q in CATALOG.items() if q.total_query))
def test_a_count_query_counts_what_its_query_pages(fixture_store, name):
    q = CATALOG[name]
    for params in ({}, ON_THE_FIXTURE[name], q.example_params()):
        filters = {k: v for k, v in params.items() if k not in ("offset", "limit")}
        try:
            everything = run(fixture_store, name, **filters, limit=10_000)
        except UnknownName:  # an example may name what the fixture lacks
            continue
        counted = sum(r["total"] for r in run(fixture_store, q.total_query, **filters))  # a row per UNION branch
        assert counted == len(everything), (name, filters)
        pages = [run(fixture_store, name, **filters, offset=at, limit=1) for at in range(len(everything) + 1)]
        assert [row for page in pages for row in page] == everything  # pages cut in the store, in the same order


BY_KEY_FILTERS: dict[str, list[dict]] = {  # filter sets each listing read by keys is checked under
    "departments": [{}, {"level": "city"}, {"region": "菏泽市"}, {"prefix": "省"}],
    "documents": [{}],  # no filter: one listing
    "targets": [{}, {"owned": True}, {"owned": False}, {"year": 2025}, {"department": "市发展改革委"},
                {"document": CITY}, {"scope": "city"}, {"industry": "工业互联网"}, {"owned": True, "year": 2025},
                {"department": "市发展改革委", "year": 2027}, {"department": "省发展改革委", "owned": False},
                {"industry": "工业互联网", "document": PROVINCIAL}, {"document": CITY, "owned": False}],
    "province-to-city-mapping": [{}, {"link": "any"}, {"basis": "explicit"}, {"department": "省发展改革委"},
                                 {"city": "菏泽市"}, {"min_score": 0.0, "link": "any"},
                                 {"department": "省发展改革委", "city": "菏泽市"}, {"city": "菏泽市", "task": CASCADE_TASK},
                                 {"document": PROVINCIAL_PLAN}, {"department": "市发展改革委", "basis": "inferred"}],
}


def test_every_listing_read_by_keys_is_checked_here():
    assert {n for n, q in CATALOG.items() if q.pages_by_key} == set(BY_KEY_FILTERS)


@pytest.mark.parametrize("name", sorted(BY_KEY_FILTERS))
def test_a_listing_read_by_keys_gives_the_pages_of_its_query(fixture_store, name):
    # what the API does: every row's key in order (once per store version), then a page's rows by their keys
    q = CATALOG[name]
    for filters in BY_KEY_FILTERS[name]:
        everything = [{k: v for k, v in r.items() if k != "total"} for r in run(fixture_store, name, **filters,
                                                                                   limit=10_000)]
        ordered = [r["key"] for r in run(fixture_store, q.order_query, **filters)]
        assert len(ordered) == len(everything), (name, filters)
        assert run(fixture_store, q.rows_query, keys=ordered) == everything, (name, filters)
        size = 1 if name == "documents" else 2
        pages = [run(fixture_store, q.rows_query, keys=ordered[at:at + size]) for at in range(0, len(ordered), size)]
        assert [row for page in pages for row in page] == everything, (name, filters)
    assert run(fixture_store, q.rows_query, keys=[]) == []


# -- departments ----------------------------------------------------------------------------

def test_department_leads(fixture_store):
    rows = run(fixture_store, "department-leads", name="市发展改革委")
    assert keys(rows, "task_id") == [COLD_CHAIN, RURAL]  # in reading order
    assert keys(rows, "doc_number", "number") == [(CITY, "一/2"), (CITY, "二/3")]
    assert {r["department"] for r in rows} == {"市发展改革委"} and {r["region"] for r in rows} == {"菏泽市"}
    assert keys(rows, "written_as") == [NDRC_ALIAS, "市发展改革委"]
    # the provincial namesake leads the provincial task and the same task as the city's row quotes it
    assert set(keys(run(fixture_store, "department-leads", name="省发展改革委"), "task_id")) == {
        f"task:{PROVINCIAL}:2", QUOTED}
    with pytest.raises(UnknownName):
        run(fixture_store, "department-leads", name="没有这个部门")


def test_department_cooperates(fixture_store):
    rows = run(fixture_store, "department-cooperates", name="市发展改革委")
    # named in the row's 市级配合 column: no clause printed it, so no written_as
    assert keys(rows, "task_id", "written_as") == [(ROW, None)]
    assert keys(run(fixture_store, "department-cooperates", name="省发展改革委"), "number") == ["1", "3"]


def test_a_department_is_found_by_a_name_a_clause_printed(fixture_store):
    for query in ("department-leads", "department-cooperates"):
        assert run(fixture_store, query, name=NDRC_ALIAS) == run(fixture_store, query, name="市发展改革委")
    assert {r["department"] for r in run(fixture_store, "department-leads", name=NDRC_ALIAS)} == {"市发展改革委"}


def test_department_tasks_in_document_order_and_pages(fixture_store):
    rows = run(fixture_store, "department-tasks", name="市发展改革委")
    assert keys(rows, "task_id", "role") == [(ROW, "cooperate"), (COLD_CHAIN, "lead"), (RURAL, "lead")]
    assert {r["total"] for r in rows} == {3} and {r["department_id"] for r in rows} == {CITY_NDRC}
    assert keys(rows, "targets") == [
        ["到2025年,全市工业互联网平台达到10个"], ["到2027年,冷链物流营业收入达到50亿元"], []]
    assert keys(run(fixture_store, "department-tasks", name=CITY_NDRC, role="lead"), "task_id") == [COLD_CHAIN, RURAL]
    page = run(fixture_store, "department-tasks", name=NDRC_ALIAS, offset=1, limit=1)
    assert keys(page, "task_id", "total") == [(COLD_CHAIN, 3)]
    assert run(fixture_store, "department-tasks", name="市发展改革委", offset=3) == []


def test_department_by_id_name_or_alias(fixture_store):
    [d] = run(fixture_store, "department", name=NDRC_ALIAS)
    assert (d["id"], d["name"], d["level"], d["region"]) == (CITY_NDRC, "市发展改革委", "city", "菏泽市")
    assert (d["leads_count"], d["cooperates_count"], d["aliases"]) == (2, 1, [NDRC_ALIAS])
    assert [doc["id"] for doc in d["documents"]] == [CITY_DOC] and set(d["documents"][0]) == {"id", "number", "title"}
    assert run(fixture_store, "department", name=CITY_NDRC) == [d]
    with pytest.raises(UnknownName):
        run(fixture_store, "department", name="市发展改革委", region="济南市")
    [collective] = run(fixture_store, "department", name="各县区政府")
    assert collective["collective"] is True and collective["cooperates_count"] == 1


def test_departments_filter_and_page(fixture_store):
    everything = run(fixture_store, "departments")
    names = keys(everything, "name")
    assert names == sorted(names) and {r["total"] for r in everything} == {7}
    assert set(names) == {"山东省人民政府办公厅", "省发展改革委", "省工业和信息化厅",
                          "菏泽市人民政府办公室", "市发展改革委", "市工业和信息化局", "各县区政府"}
    by_name = {r["name"]: r for r in everything}
    assert (by_name["省发展改革委"]["leads_count"], by_name["省发展改革委"]["cooperates_count"]) == (2, 2)
    assert (by_name["山东省人民政府办公厅"]["leads_count"], by_name["山东省人民政府办公厅"]["cooperates_count"]) == (0, 0)
    assert set(keys(run(fixture_store, "departments", level="province"), "name")) == {
        "山东省人民政府办公厅", "省发展改革委", "省工业和信息化厅"}
    assert set(keys(run(fixture_store, "departments", prefix="市"), "name")) == {"市发展改革委", "市工业和信息化局"}
    assert len(run(fixture_store, "departments", region="菏泽市")) == 4
    page = run(fixture_store, "departments", offset=5, limit=50)
    assert keys(page, "name") == names[5:] and {r["total"] for r in page} == {7}


def test_who_works_with_whom(fixture_store):
    rows = run(fixture_store, "department-partners")
    # 省 pair: provincial tasks 1, 2 and the quoted row task; 市 pair: 一/1 and 一/2; the collective unit is left out
    assert {(frozenset((r["department_a"], r["department_b"])), r["shared_tasks"]) for r in rows} == {
        (frozenset(("省发展改革委", "省工业和信息化厅")), 3), (frozenset(("市发展改革委", "市工业和信息化局")), 2)}
    assert keys(rows, "shared_tasks") == [3, 2]
    assert len(run(fixture_store, "department-partners", name=NDRC_ALIAS)) == 1


def test_department_workload(fixture_store):
    rows = run(fixture_store, "department-workload", level="city")
    assert keys(rows, "department", "led", "cooperated", "targets_owned") == [
        ("市发展改革委", 2, 1, 1), ("市工业和信息化局", 1, 2, 1)]
    everyone = run(fixture_store, "department-workload", include_collective=True)
    # busiest first (市工业和信息化局 owns a target, 省工业和信息化厅 none); the collective unit has no level;
    # the issuers, with no task, are not listed
    assert keys(everyone, "department", "led", "cooperated") == [
        ("省发展改革委", 2, 2), ("市发展改革委", 2, 1), ("市工业和信息化局", 1, 2), ("省工业和信息化厅", 1, 2),
        ("各县区政府", 0, 1)]
    assert "各县区政府" not in keys(run(fixture_store, "department-workload"), "department")


def test_responsibility_edges(fixture_store):
    city = run(fixture_store, "responsibility-edges", document=CITY)
    assert Counter(keys(city, "role")) == {"LEADS": 3, "COOPERATES_ON": 4}
    # the row's provincial side sits in the provincial document
    assert len(run(fixture_store, "responsibility-edges", document=PROVINCIAL_DOC)) == 7
    assert len(run(fixture_store, "responsibility-edges")) == 14


# -- documents ------------------------------------------------------------------------------

def test_documents_list(fixture_store):
    rows = run(fixture_store, "documents")
    # in date order; the stub is not listed. The provincial document's count includes the task the city's row
    # quotes: it is a Task in that document with a responsibility (its leads)
    assert keys(rows, "doc_number", "tasks", "targets") == [(PROVINCIAL, 4, 1), (CITY, 4, 3)]


def test_document_outline_and_what_it_implements(fixture_store):
    [d] = run(fixture_store, "document", id=CITY)
    assert (d["id"], d["stub"], d["level"], d["date"], d["targets"]) == (CITY_DOC, False, "city", "2023-05-10", 3)
    assert [(p["number"], p["has_responsibility"]) for p in d["outline"]] == [
        ("一", False), ("一/1", True), ("一/2", True), ("二", False), ("二/3", True), ("二/4", True)]
    assert {p["number"]: p["parent"] for p in d["outline"]}["二/4"] == f"task:{CITY}:二"
    assert [(x["id"], x["stub"], x["cited_as"]) for x in d["implements"]] == [
        (PROVINCIAL_DOC, False, f"《{PROVINCIAL_PLAN}》")]
    assert d["implemented_by"] == []
    assert run(fixture_store, "document", id=CITY_DOC) == run(fixture_store, "document", id=d["title"]) == [d]


def test_an_implemented_document_knows_who_implements_it(fixture_store):
    [d] = run(fixture_store, "document", id=PROVINCIAL)
    assert keys(d["implemented_by"], "number") == [CITY]
    assert [(x["number"], x["stub"]) for x in d["implements"]] == [(NATIONAL, True)]
    [stub] = run(fixture_store, "document", id=NATIONAL)
    assert stub["stub"] is True and stub["outline"] == [] and keys(stub["implemented_by"], "number") == [PROVINCIAL]


def test_implementing_documents(fixture_store):
    rows = run(fixture_store, "implementing-documents", document=PROVINCIAL_PLAN)
    assert keys(rows, "doc_number", "implemented_is_stub") == [(CITY, False)]
    assert keys(run(fixture_store, "implementing-documents", document=NATIONAL), "doc_number", "implemented_is_stub") \
        == [(PROVINCIAL, True)]
    with pytest.raises(UnknownName):
        run(fixture_store, "implementing-documents", document="没有这个文件")


# -- tasks ----------------------------------------------------------------------------------

def test_task_full_picture_with_provenance(fixture_store):
    [t] = run(fixture_store, "task", id=ROW)
    assert (t["number"], t["title"], t["doc_number"], t["level"]) == ("一/1", CASCADE_TASK, CITY, "city")
    [lead] = t["leads"]
    assert (lead["id"], lead["name"], lead["written_as"]) == ("dept:371700:市工业和信息化局", "市工业和信息化局", "市工业和信息化局")
    assert t["span_start"] <= lead["span_start"] < lead["span_end"] <= t["span_end"]
    # named in the row's 市级配合 column: no clause printed it, so no written_as
    assert [(c["name"], c["written_as"]) for c in t["cooperates"]] == [("市发展改革委", None)]
    assert t["industries"] == ["工业互联网"] and t["parent"] == f"task:{CITY}:一"
    assert [(g["text"], g["value"], g["unit"], g["year"]) for g in t["targets"]] == [
        ("到2025年,全市工业互联网平台达到10个", 10, "个", 2025)]
    assert [(c["id"], c["basis"], c["score"]) for c in t["cascades_from"]] == [(QUOTED, "explicit", 1.0)]
    assert t["cascaded_by"] == []
    [up] = run(fixture_store, "task", id=QUOTED)
    # known from the city's table: it belongs to the provincial document but was read from the city's text
    assert (up["stub"], up["number"], up["document_id"], up["read_from"]) == (True, None, PROVINCIAL_DOC, CITY_DOC)
    assert [x["name"] for x in up["leads"]] == ["省发展改革委"]
    assert [(c["id"], c["number"], c["document_id"]) for c in up["cascaded_by"]] == [(ROW, "一/1", CITY_DOC)]
    [heading] = run(fixture_store, "task", id=f"task:{CITY}:一")
    assert heading["has_responsibility"] is False and set(heading["children"]) == {ROW, COLD_CHAIN}
    with pytest.raises(UnknownName):
        run(fixture_store, "task", id="task:没有")


def test_names_for_lookups(fixture_store):
    departments = run(fixture_store, "department-names")
    assert len(departments) == 7 and NDRC_ALIAS in {a for r in departments for a in r["aliases"]}
    documents = {r["id"]: r["stub"] for r in run(fixture_store, "document-names")}
    assert documents == {PROVINCIAL_DOC: False, CITY_DOC: False, "doc:" + NATIONAL: True}
    assert set(keys(run(fixture_store, "industry-names"), "name")) == {"工业互联网", "现代物流", "生产性服务业"}
    assert set(keys(run(fixture_store, "task-lookup", q=CASCADE_TASK), "id")) == {f"task:{PROVINCIAL}:2", QUOTED, ROW}


def test_search_finds_departments_documents_and_tasks(fixture_store):
    hits = run(fixture_store, "search", q="冷链物流")
    assert ("task", COLD_CHAIN) in set(keys(hits, "kind", "id"))
    assert {r["kind"] for r in run(fixture_store, "search", q="发展改革委")} >= {"department"}
    assert run(fixture_store, "search", q="没有这个词语") == []


def test_search_tasks(fixture_store):
    rows = run(fixture_store, "search-tasks", q="冷链物流")
    assert keys(rows, "task_id", "leads") == [(COLD_CHAIN, ["市发展改革委"])]
    # heading or text; the quoted provincial task too
    assert set(keys(run(fixture_store, "search-tasks", q="工业互联网平台"), "task_id")) == {
        f"task:{PROVINCIAL}:2", QUOTED, ROW}
    assert len(run(fixture_store, "search-tasks", q="工业互联网平台", limit=1)) == 1
    assert run(fixture_store, "search-tasks", q="没有这个词语") == []


def test_unled_tasks(fixture_store):
    rows = run(fixture_store, "unled-tasks")
    # headings have no clause and are not listed
    assert {r["task_id"]: r["cooperates"] for r in rows} == {
        f"task:{PROVINCIAL}:3": ["省发展改革委"], SAFETY: ["市工业和信息化局"]}
    assert keys(run(fixture_store, "unled-tasks", document=CITY), "task_id") == [SAFETY]


# -- targets and industries -----------------------------------------------------------------

def test_targets_by_year_department_industry_and_document(fixture_store):
    assert len(run(fixture_store, "targets")) == 4
    assert sorted(keys(run(fixture_store, "targets", year=2025), "doc_number", "value")) == [
        (CITY, 10), (PROVINCIAL, 1000)]
    [due_2027] = run(fixture_store, "targets", year=2027)
    assert (due_2027["task_id"], due_2027["owners"], due_2027["unit"]) == (COLD_CHAIN, ["市发展改革委"], "亿元")
    assert run(fixture_store, "targets", department="市发展改革委") == [due_2027]
    assert run(fixture_store, "targets", department=NDRC_ALIAS) == [due_2027]
    assert keys(run(fixture_store, "targets", industry="工业互联网"), "value", "unit") == [(10, "个")]
    [preamble] = run(fixture_store, "targets", document=PROVINCIAL)
    assert (preamble["task_id"], preamble["number"], preamble["owners"]) == (None, None, [])
    assert run(fixture_store, "targets", year=2030) == []


def test_targets_by_scope_and_ownership(fixture_store):
    assert keys(run(fixture_store, "targets", scope="山东省"), "doc_number", "scope_level") == [
        (PROVINCIAL, "province")]
    city = run(fixture_store, "targets", scope="city")
    assert len(city) == 3 and {r["scope"] for r in city} == {"菏泽市"}
    # each target is owned by the task that states it; the preamble's by none
    assert {r["task_id"]: r["owner_task_id"] for r in run(fixture_store, "targets")} == {
        None: None, ROW: ROW, COLD_CHAIN: COLD_CHAIN, SAFETY: SAFETY}
    unowned = run(fixture_store, "targets", owned=False)
    assert {r["task_id"] for r in unowned} == {None, SAFETY} and all(r["owners"] == [] for r in unowned)
    assert len(unowned) == len(run(fixture_store, "unowned-targets"))
    assert {r["task_id"] for r in run(fixture_store, "targets", owned=True)} == {ROW, COLD_CHAIN}
    assert keys(run(fixture_store, "targets", year=2025, owned=True), "year_basis") == ["stated"]


def test_unowned_targets(fixture_store):
    rows = run(fixture_store, "unowned-targets")
    # the preamble target (no provision) and the one in the task nobody leads (no year either)
    assert {(r["doc_number"], r["task_id"], r["year"]) for r in rows} == {
        (PROVINCIAL, None, 2025), (CITY, SAFETY, None)}
    [city] = run(fixture_store, "unowned-targets", document=CITY)
    assert city["cooperates"] == ["市工业和信息化局"]


def test_industries_with_parents_and_tasks(fixture_store):
    rows = run(fixture_store, "industries")
    assert keys(rows, "name") == sorted(["工业互联网", "现代物流", "生产性服务业"])
    by_name = {r["name"]: r for r in rows}
    assert by_name["工业互联网"]["parent"] == by_name["现代物流"]["parent"] == "生产性服务业"
    assert sorted(by_name["生产性服务业"]["subindustries"]) == ["工业互联网", "现代物流"]
    assert {n: r["tasks"] for n, r in by_name.items()} == {"工业互联网": 2, "现代物流": 1, "生产性服务业": 0}
    assert {r["total"] for r in rows} == {3}
    assert keys(run(fixture_store, "industries", name="现代物流"), "name", "total") == [("现代物流", 1)]


def test_tasks_by_industry_across_levels(fixture_store):
    rows = run(fixture_store, "industry-tasks", name="工业互联网")
    assert set(keys(rows, "doc_number", "number", "level")) == {(PROVINCIAL, "2", "province"), (CITY, "一/1", "city")}
    assert {r["number"]: [d["name"] for d in r["leads"]] for r in rows} == {"2": ["省发展改革委"], "一/1": ["市工业和信息化局"]}
    assert all(d["id"].startswith("dept:") for r in rows for d in r["leads"])
    # a broader industry lists the tasks of its sub-industries
    broader = run(fixture_store, "industry-tasks", name="生产性服务业")
    assert set(keys(broader, "task_id", "industry")) == {
        (f"task:{PROVINCIAL}:2", "工业互联网"), (ROW, "工业互联网"), (COLD_CHAIN, "现代物流")}


# -- the province-to-city mapping -----------------------------------------------------------

def test_province_to_city_is_the_division_of_labour_row(fixture_store):
    [row] = run(fixture_store, "province-to-city", document=PROVINCIAL_PLAN)
    assert (row["provincial_task"], row["provincial_leads"], row["provincial_cooperates"]) == (
        CASCADE_TASK, ["省发展改革委"], ["省工业和信息化厅"])
    assert (row["city_document"], row["city_task_id"], row["city_task"]) == (CITY, ROW, "一/1")
    assert (row["city_leads"], row["city_cooperates"]) == (["市工业和信息化局"], ["市发展改革委"])
    assert (row["link"], row["basis"], row["score"]) == ("CASCADES_FROM", "explicit", 1.0)
    assert run(fixture_store, "province-to-city", document=PROVINCIAL) == [row]
    assert run(fixture_store, "province-to-city") == [row]
    with pytest.raises(UnknownName):
        run(fixture_store, "province-to-city", document="没有这个文件")


def test_province_to_city_mapping_filters(fixture_store):
    [row] = run(fixture_store, "province-to-city-mapping", city="菏泽市")
    assert (row["provincial_document_id"], row["city_document_id"], row["city_task_id"]) == (PROVINCIAL_DOC, CITY_DOC, ROW)
    assert sum(r["total"] for r in run(fixture_store, "province-to-city-mapping-count", city="菏泽市")) == 1
    for department in ("市发展改革委", NDRC_ALIAS, "省工业和信息化厅"):  # either side, by name or alias
        assert keys(run(fixture_store, "province-to-city-mapping", department=department), "city_task_id") == [ROW]
    assert run(fixture_store, "province-to-city-mapping", department="各县区政府") == []
    with pytest.raises(UnknownName):
        run(fixture_store, "province-to-city-mapping", city="济南市")
    assert run(fixture_store, "province-to-city-mapping", task="培育") == []
    assert run(fixture_store, "province-to-city-mapping", offset=1) == []


def test_mapping_and_targets_refer_to_departments_documents_and_tasks_by_id(fixture_store):
    """The references the API's models share name the same entities as the flat columns, with their ids."""
    [row] = run(fixture_store, "province-to-city-mapping", city="菏泽市")
    assert row["city_document_ref"] == {"id": CITY_DOC, "number": CITY, "title": row["city_document_ref"]["title"]}
    assert row["city_task_ref"] == {"id": ROW, "number": "一/1", "title": row["city_task_ref"]["title"],
                                    "document_id": CITY_DOC}
    assert (row["provincial_document_ref"]["id"], row["provincial_task_ref"]["id"],
            row["provincial_task_ref"]["document_id"]) == (PROVINCIAL_DOC, row["provincial_task_id"], PROVINCIAL_DOC)
    for side in ("provincial_leads", "provincial_cooperates", "city_leads", "city_cooperates"):
        refs = row[side[:-1] + "_refs"]
        assert [r["name"] for r in refs] == row[side] and all(r["id"].startswith("dept:") for r in refs), side
    [due_2027] = run(fixture_store, "targets", year=2027)
    assert due_2027["task_ref"]["id"] == due_2027["owner_task_ref"]["id"] == COLD_CHAIN
    assert due_2027["document_ref"]["id"] == due_2027["task_ref"]["document_id"] == due_2027["doc_id"]
    assert [r["name"] for r in due_2027["owner_refs"]] == ["市发展改革委"] and due_2027["owner_refs"][0]["id"]
    [preamble] = run(fixture_store, "targets", document=PROVINCIAL)
    assert (preamble["task_ref"], preamble["owner_refs"], preamble["document_ref"]["number"]) == (None, [], PROVINCIAL)


def test_cascade_edges_and_link_units(fixture_store):
    assert keys(run(fixture_store, "cascade-edges"), "lower_id", "upper_id", "basis", "upper_level") == [
        (ROW, QUOTED, "explicit", "province")]
    units = {r["id"]: r for r in run(fixture_store, "link-units")}
    assert len(units) == 10 and units[QUOTED]["stated_by"] == [ROW] and units[QUOTED]["stub"] is True
    assert units[ROW]["implements"] == [PROVINCIAL_DOC] and units[ROW]["source_doc"] == CITY_DOC


def test_graph_counts_are_the_stores(fixture_store):
    rows = run(fixture_store, "graph-counts")
    counts = fixture_store.counts()
    assert {r["type"]: r["count"] for r in rows if r["kind"] == "node"} == counts.nodes
    assert {r["type"]: r["count"] for r in rows if r["kind"] == "relationship"} == counts.relationships
    # what GET /stats reads from the engine's counts: the same numbers, without the store's version stamp
    counted = fixture_store.graph_counts()
    assert (counted.nodes, counted.relationships) == (counts.nodes, counts.relationships)
    assert fixture_store.rows("MATCH (s:StoreState) RETURN count(s) AS n")[0]["n"] == 1  # it is there, not counted


# -- the views' queries ---------------------------------------------------------------------

def test_view_queries_draw_the_neighbourhood(fixture_store):
    doc = run(fixture_store, "viz-document", id=CITY)
    assert Counter(keys(doc, "rel")) == {"FOCUS": 1, "IN_DOCUMENT": 6, "UNDER": 4, "LEADS": 3, "COOPERATES_ON": 4,
                                         "HAS_TARGET": 3, "CONCERNS": 2, "CASCADES_FROM": 1}
    dept = run(fixture_store, "viz-department", name=NDRC_ALIAS)
    assert dept[0]["rel"] == "FOCUS" and dept[0]["source"]["id"] == CITY_NDRC
    # every responsibility edge on the three tasks it works on, its partners' included
    assert {(r["source"]["name"], r["rel"], r["target"]["id"]) for r in dept[1:]} == {
        ("市工业和信息化局", "LEADS", ROW), ("市发展改革委", "COOPERATES_ON", ROW),
        ("市发展改革委", "LEADS", COLD_CHAIN), ("市工业和信息化局", "COOPERATES_ON", COLD_CHAIN),
        ("市发展改革委", "LEADS", RURAL), ("各县区政府", "COOPERATES_ON", RURAL)}
    cascade = run(fixture_store, "viz-cascade", document=PROVINCIAL_PLAN)
    assert Counter(keys(cascade, "rel")) == {"CASCADES_FROM": 1, "LEADS": 1, "COOPERATES_ON": 1}
    industry = run(fixture_store, "viz-industry", name="生产性服务业")
    assert Counter(keys(industry, "rel"))["CONCERNS"] == 3 and Counter(keys(industry, "rel"))["SUBINDUSTRY_OF"] == 2


@pytest.mark.parametrize("written, region, how", [
    (CITY_NDRC, None, "exact"),                 # its id
    ("市发展改革委", None, "exact"),             # its canonical name
    ("市发展改革委", "菏泽市", "exact"),
    (NDRC_ALIAS, None, "alias"),                # a name a clause prints
    ("菏泽市发展改革委", None, "region"),        # the full name with its region
    ("菏泽市发展和改革委员会", "菏泽市", "region"),  # the same, written as a clause prints it
    ("市发改委", None, "alias-file"),            # the alias files' abbreviation
    ("发展改革委", "菏泽市", "level"),           # no level: the one in the region
])
def test_a_department_is_found_without_reading_every_department(fixture_store, written, region, how):
    """The whole list of departments grows with the store (a national one holds a 市发展改革委 per city): every
    way of naming one is answered by the id, name and alias indexes."""
    read: list[str] = []

    def raw(name, given):
        read.append(name)
        return fixture_store.rows(CATALOG[name].text, CATALOG[name].bind(given))

    found = Resolver.for_data(raw, None).department(written, region)
    assert (found.row["id"], found.how) == (CITY_NDRC, how)
    assert "department-names" not in read


def test_a_department_name_nothing_answers_to_reads_the_list_for_its_suggestions(fixture_store):
    read: list[str] = []

    def raw(name, given):
        read.append(name)
        return fixture_store.rows(CATALOG[name].text, CATALOG[name].bind(given))

    with pytest.raises(UnknownName) as missed:
        Resolver.for_data(raw, None).department("市发展改革委", "济南市")
    assert "department-names" in read and missed.value.suggestions == []
    with pytest.raises(UnknownName) as typo:
        Resolver.for_data(raw, None).department("市发展改局")
    assert "市发展改革委" in typo.value.suggestions


def test_a_name_several_regions_share_is_ambiguous_without_reading_every_department():
    # two cities' 市发展改革委, as the name index gives them: the list of every department is not read for that
    both = [{"id": f"dept:{code}:市发展改革委", "name": "市发展改革委", "region": region, "level": "city", "aliases": []}
            for code, region in (("371700", "菏泽市"), ("370100", "济南市"))]
    read: list[str] = []

    def raw(name, given):
        read.append(name)
        return both if name == "department-lookup" and given["name"] == "市发展改革委" else []

    with pytest.raises(AmbiguousName) as ambiguous:
        Resolver.for_data(raw, None).department("市发展改革委")
    assert ambiguous.value.candidates == ["济南市发展改革委", "菏泽市发展改革委"] and "department-names" not in read
    with pytest.raises(AmbiguousName) as abbreviated:  # the alias files' form finds both as well
        Resolver.for_data(raw, None).department("市发改委")
    assert abbreviated.value.candidates == ambiguous.value.candidates and "department-names" not in read


def test_a_document_by_id_number_or_title_is_found_without_reading_every_document(fixture_store):
    read: list[str] = []

    def raw(name, given):
        read.append(name)
        return fixture_store.rows(CATALOG[name].text, CATALOG[name].bind(given))

    for value in (CITY_DOC, CITY, CITY_TITLE, "doc:" + NATIONAL):
        assert [d["id"] for d in Resolver.for_data(raw, None).document(value)] == \
            [CITY_DOC if value != "doc:" + NATIONAL else "doc:" + NATIONAL], value
    assert "document-names" not in read
    # part of a title, and a miss with its suggestions, read the list
    assert [d["id"] for d in Resolver.for_data(raw, None).document("山东省人民政府办公厅")] == [PROVINCIAL_DOC]
    with pytest.raises(UnknownName) as missed:
        Resolver.for_data(raw, None).document("菏政办字〔2023〕91号")
    assert CITY in missed.value.suggestions and "document-names" in read


def test_the_by_key_filters_reach_rows(fixture_store):
    # the check above means something only where the fixture has rows to list (the lists over several pages;
    # the fixture's mapping holds one link: tests/api/test_api_inferred_links.py pages a longer one)
    for name, sets in BY_KEY_FILTERS.items():
        sizes = [len(run(fixture_store, CATALOG[name].order_query, **filters)) for filters in sets]
        # the fixture holds two ingested documents: their listing is checked a page of one at a time
        assert max(sizes) > {"province-to-city-mapping": 0, "documents": 1}.get(name, 2), (name, sizes)
        assert sum(1 for n in sizes if n) >= min(2, len(sets)), (name, sizes)
