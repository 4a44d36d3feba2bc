"""The whole path, once: the sample corpus is extracted, loaded into the embedded store, asked through the catalog
and through the API, and both answer what the gold files say for the headline questions.

Everything else about the queries and the API is tested on the hand-built graph (``tests/fixtures/graph.py``), so
this is the only place where an extraction change and a query change meet.
"""
from __future__ import annotations

import warnings

import pytest

from policykg.api import create_app
from policykg.queries.catalog import get_query
from policykg.settings import Settings

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # newer Starlette warns about its TestClient's httpx; it works the same
    from fastapi.testclient import TestClient

PROVINCIAL = "山东省县域经济高质量发展三年行动方案"


@pytest.fixture(scope="module")
def api(loaded_store):
    with TestClient(create_app(loaded_store, Settings())) as c:
        yield c


def catalog(store, query, /, **params):
    """A catalog query as `policykg query` runs it: names resolved first, the whole answer in one page."""
    from policykg.queries.resolve import Resolver

    def raw(name, given):
        return store.rows(get_query(name).text, get_query(name).bind(given))

    q = get_query(query)
    given = Resolver.for_data(raw, None).params(q, {**({"limit": 10_000} if q.pages else {}), **params})
    return store.rows(q.text, q.bind(given))


def every_item(api, url, **params):
    items, offset = [], 0
    while True:
        page = api.get(url, params={**params, "offset": offset, "limit": 50}).json()
        items += page["items"]
        offset += 50
        if offset >= page["total"]:
            return items


def test_everything_the_city_development_commission_leads(loaded_store, api, city_gold_tasks):
    expected = {(doc, number) for doc, number, leads, _ in city_gold_tasks if "市发展改革委" in leads}
    rows = catalog(loaded_store, "department-leads", name="市发展改革委")
    assert {(r["doc_number"], r["number"]) for r in rows if r["doc_number"]} == expected
    answered = every_item(api, "/departments/市发展改革委/tasks", role="lead")
    assert [r["task_id"] for r in answered] == [r["task_id"] for r in rows]


def test_the_province_to_city_table(loaded_store, api, assert_mapping_is_the_table):
    assert_mapping_is_the_table(catalog(loaded_store, "province-to-city", document=PROVINCIAL))
    answered = every_item(api, "/mapping/province-to-city", document=PROVINCIAL)
    assert_mapping_is_the_table(answered)
    assert {r["city_document"] for r in answered} == {"菏政办字〔2023〕56号"}


def test_every_document_is_listed_with_its_tasks(api, gold):
    docs = every_item(api, "/documents")
    assert {d["doc_number"]: d["tasks"] for d in docs} == {
        g["document"]["doc_number"]: len(g["tasks"]) for g in gold.values()}


def test_a_department_lists_each_document_that_gives_it_a_task_once(loaded_store, api):
    # the provincial departments of a division-of-labour table lead tasks of a provincial plan the city document
    # cites by title only: a document without a number, named by many rows
    tasks = loaded_store.rows("MATCH (d:Department)-[:LEADS|COOPERATES_ON]->(:Task)-[:IN_DOCUMENT]->(doc:Document) "
                              "RETURN d.id AS dept, doc.id AS doc, doc.doc_number AS number")
    assert any(t["number"] is None for t in tasks)
    for dept in sorted({t["dept"] for t in tasks}):
        expected = sorted({t["doc"] for t in tasks if t["dept"] == dept})
        [row] = catalog(loaded_store, "department", name=dept)
        assert [d["id"] for d in row["documents"]] == expected, dept
    answered = api.get("/departments/省发展改革委").json()
    assert len({d["id"] for d in answered["documents"]}) == len(answered["documents"]) >= 2
