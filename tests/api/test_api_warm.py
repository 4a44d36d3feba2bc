"""The API reads the listings' orders and the graph's counts ahead of the first request after a store change
(api/warm.py): that request reads only its page, and the page is the one the listing gives."""
from __future__ import annotations

import threading

from policykg.api.result_cache import FINGERPRINT
from policykg.queries.catalog import get_query
from policykg.settings import Settings
from tests.api.conftest import API_KEY

ORDERS = [get_query(name).text for name in ("province-to-city-mapping-order", "targets-order", "departments-order")]


def wait_for(condition, timeout_s: float = 60.0) -> None:
    done = threading.Event()
    for _ in range(int(timeout_s / 0.05)):
        if condition():
            return
        done.wait(0.05)
    raise AssertionError("the listings were not read ahead in time")


def reads_of(store, calls) -> list[str]:
    """Run ``calls``; the statements they sent the store, the version reads left out."""
    seen: list[str] = []
    real = store.read

    def counting(query, *a, **k):
        seen.append(query)
        return real(query, *a, **k)

    store.read = counting
    try:
        calls()
    finally:
        del store.read
    return [q for q in seen if q not in FINGERPRINT]


def test_the_first_request_after_a_change_reads_only_its_page(upload_store, make_client):
    from tests.api.test_api_upload_and_cypher import JINING

    plain = make_client(upload_store, Settings(api_key=API_KEY))  # reads on request: what the warmed one must equal
    client = make_client(upload_store, Settings(api_key=API_KEY, warm_after_ms=50))
    warmer = client.app.state.warmer
    r = client.post("/documents", files={"file": ("jining.txt", JINING.read_bytes(), "text/plain")},
                    headers={"X-API-Key": API_KEY})
    assert r.status_code == 201, r.text
    version = client.app.state.runner.store_version()
    wait_for(lambda: warmer.warmed == version)
    assert client.get("/healthz").json()["listings_read_ahead"] is True
    assert plain.get("/healthz").json()["listings_read_ahead"] is None  # it does not read ahead

    pages: dict[str, dict] = {}
    document = plain.get("/documents?limit=1").json()["items"][0]["id"]

    def ask() -> None:
        for path in ("/targets?limit=3", "/targets?owned=false&limit=3", "/targets?owned=true&limit=3",
                     "/departments?limit=3", "/mapping/province-to-city?limit=3", "/stats"):
            pages[path] = client.get(path).json()

    sent = reads_of(upload_store, ask)
    assert sent and not [q for q in sent if q in ORDERS]  # only pages: no listing's order was read
    assert not [q for q in sent if "db.labels()" in q or "RETURN count(n) AS n" in q]  # nor the graph's counts
    # a filtered listing reads its own order, but not the names its filter is resolved against
    names = [get_query(name).text for name in ("document-names", "department-names", "industry-names")]
    by_document = f"/targets?limit=3&document={document}"
    filtered = reads_of(upload_store, lambda: pages.update({by_document: client.get(by_document).json()}))
    assert filtered and not [q for q in filtered if q in names]
    assert pages[by_document]["total"] > 0
    assert pages["/targets?limit=3"]["total"] > 0 and pages["/departments?limit=3"]["total"] > 0
    for path, page in pages.items():  # the same answers as a server that reads them on the first request
        assert plain.get(path).json() == page, path


def test_filtered_listings_do_not_push_the_read_ahead_ones_out(upload_store, make_client):
    # at 100k documents reading the mapping's or the targets' order again takes seconds of the engine's time,
    # which the requests behind it wait for
    from policykg.api.runner import FILTERED_ORDERS

    client = make_client(upload_store, Settings(api_key=API_KEY, warm_after_ms=50))
    runner, warmer = client.app.state.runner, client.app.state.warmer
    wait_for(lambda: warmer.warmed == runner.store_version())
    prefixes = "市省县区各人中国山菏济"
    assert len(prefixes) > FILTERED_ORDERS
    for prefix in prefixes:
        assert client.get("/departments", params={"prefix": prefix, "limit": 1}).status_code == 200

    def ask() -> None:
        for path in ("/targets?limit=3", "/targets?owned=true&limit=3", "/departments?limit=3",
                     "/mapping/province-to-city?limit=3"):
            assert client.get(path).status_code == 200

    assert not [q for q in reads_of(upload_store, ask) if q in ORDERS]


def test_what_was_read_ahead_is_left_out_of_garbage_collections(upload_store, make_client):
    # a full collection walked every cached row: about 200 ms at 100k documents, inside the slowest requests
    import gc

    from tests.api.test_api_upload_and_cypher import JINING

    client = make_client(upload_store, Settings(api_key=API_KEY, warm_after_ms=50))
    runner, warmer = client.app.state.runner, client.app.state.warmer
    r = client.post("/documents", files={"file": ("jining.txt", JINING.read_bytes(), "text/plain")},
                    headers={"X-API-Key": API_KEY})
    assert r.status_code == 201, r.text
    wait_for(lambda: warmer.warmed == runner.store_version())
    keys = runner.ordered_keys(get_query("targets"), {})
    names = runner.name_list("department-names")
    assert keys and names
    collected = {id(o) for o in gc.get_objects()}  # the generations a collection walks (not the frozen one)
    assert id(keys) not in collected and id(names) not in collected and id(names[0]) not in collected
