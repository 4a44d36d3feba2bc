"""/mapping/province-to-city: by default the explicit links and the inferred CASCADES_FROM above the calibrated
threshold, each with basis, score and evidence; basis= and link= ask for the rest."""
from __future__ import annotations


def test_mapping_with_inferred_links(upload_store, make_client, extracted):
    for doc in extracted.values():
        upload_store.load_document(doc)
    upload_store.relink()
    c = make_client(upload_store)
    page = c.get("/mapping/province-to-city", params={"limit": 1000}).json()
    rows = page["items"]
    explicit = [r for r in rows if r["basis"] == "explicit"]
    assert len(explicit) == 35 and rows[:35] == explicit, "explicit links come first"
    assert {r["link"] for r in rows} == {"CASCADES_FROM"}, "RELATES_TO only when asked"
    inferred = c.get("/mapping/province-to-city", params={"limit": 1000, "basis": "inferred", "link": "any"}).json()
    inferred = inferred["items"]
    assert inferred and {r["basis"] for r in inferred} == {"inferred"}
    assert {r["link"] for r in inferred} == {"CASCADES_FROM", "RELATES_TO"}
    assert [r for r in rows if r["basis"] == "inferred"] == [r for r in inferred if r["link"] == "CASCADES_FROM"]
    assert all(r["direction"] and 0 < r["score"] < 1 and r["regions"] for r in inferred)
    assert any(r["shared_terms"] for r in inferred) and any(r["counterparts"] for r in inferred)
    related = c.get("/mapping/province-to-city", params={"limit": 1000, "link": "RELATES_TO"}).json()["items"]
    assert related and {r["link"] for r in related} == {"RELATES_TO"}
    assert c.get("/mapping/province-to-city", params={"basis": "guessed"}).status_code == 422
    ai = [r for r in inferred if r["provincial_task"] == "提速人工智能发展"]
    assert "task:菏政办字〔2024〕7号:二/(三)/2" in {r["city_task_id"] for r in ai}
    strong = c.get("/mapping/province-to-city", params={"limit": 1000, "min_score": 0.99}).json()["items"]
    assert {r["basis"] for r in strong} == {"explicit"} and len(strong) == 35


def test_mapping_pages_are_the_catalog_query_s(upload_store, make_client, extracted):
    # the API reads a page by its links' keys, their order kept per store version: the rows, in the order, of the
    # catalog query that cuts the page itself, at every offset
    from policykg.queries.catalog import get_query

    for doc in extracted.values():
        upload_store.load_document(doc)
    upload_store.relink()
    c = make_client(upload_store)
    q = get_query("province-to-city-mapping")
    fields = ("provincial_task_id", "city_task_id", "link", "basis", "score", "provincial_leads", "city_leads",
              "city_cooperates", "shared_terms")
    for params in ({}, {"link": "any", "basis": "inferred"}, {"link": "any", "min_score": 0.0},
                   {"link": "any", "city": "菏泽市"}, {"link": "any", "department": "dept:370000:省发展改革委"}):
        direct = upload_store.rows(q.text, q.bind({**params, "offset": 0, "limit": 1000}))
        assert len(direct) > 7, params
        paged = []
        for offset in range(0, len(direct) + 7, 7):
            page = c.get("/mapping/province-to-city", params={**params, "offset": offset, "limit": 7}).json()
            assert page["total"] == len(direct)
            paged += page["items"]
        assert [tuple(r[f] for f in fields) for r in paged] == [tuple(r[f] for f in fields) for r in direct], params


def test_province_to_city_pages_cut_the_whole_listing(upload_store, extracted):
    # page 1 reads only the first documents' links, a later page every link: both are cuts of the one listing
    from policykg.queries.catalog import get_query

    for doc in extracted.values():
        upload_store.load_document(doc)
    upload_store.relink()
    q = get_query("province-to-city")
    for params in ({}, {"link": "any", "min_score": 0.0}, {"basis": "explicit"}, {"link": "any", "basis": "inferred"}):
        whole = upload_store.rows(q.text, q.bind({**params, "offset": 0, "limit": 10_000}))
        assert len(whole) > 7, params
        for size in (1, 7):
            pages = [upload_store.rows(q.text, q.bind({**params, "offset": at, "limit": size}))
                     for at in range(0, len(whole) + size, size)]
            assert [row for page in pages for row in page] == whole, (params, size)
        # page 1 of any size is the start of the listing
        assert upload_store.rows(q.text, q.bind({**params, "offset": 0, "limit": 3})) == whole[:3]
