"""POST /cypher under attack: refused before the engine, rows cut, and a lane that leaves the other reads free."""
from __future__ import annotations

import threading

from policykg.graph.stores.errors import QueryTimeout
from policykg.settings import Settings

NESTED = "RETURN ----------------------------------1 AS x"


def test_nested_and_procedure_queries_are_refused(client, assert_problem):
    assert_problem(client.post("/cypher", json={"query": NESTED}), 400, "nests 34 levels")
    for query in ("CALL `algo.betweenness`(NULL) YIELD node RETURN node", "CALL `dbms.procedures`()",
                  "CALL `db.indexes`"):
        assert_problem(client.post("/cypher", json={"query": query}), 403, "procedure call")
    assert_problem(client.post("/cypher", json={"query": "RETURN size(range(1,1000000000)) AS n"}), 400, "range()")


def test_a_huge_unwind_answers_the_row_cap_marked_truncated(client):
    r = client.post("/cypher", json={"query": "UNWIND range(1,10000000) AS x RETURN x", "row_cap": 5})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["rows"] == [[1], [2], [3], [4], [5]] and body["truncated"] is True


def test_time_waiting_for_a_lane_counts_in_the_budget(loaded_store, make_client, assert_problem):
    """With the one Cypher lane taken, a second query is refused within its own budget; catalog reads still answer."""
    entered, release = threading.Event(), threading.Event()
    real = type(loaded_store).read_public

    class Holding(type(loaded_store)):
        def __init__(self):  # shares the session store's connection
            self.__dict__.update(loaded_store.__dict__)

        def read_public(self, query, *a, **k):
            if "hold" in query:
                entered.set()
                release.wait(30)
            return real(self, query, *a, **k)

    c = make_client(Holding(), Settings(cypher_lanes=1))
    holder = threading.Thread(target=lambda: c.post("/cypher", json={"query": "RETURN 'hold' AS x"}))
    holder.start()
    try:
        assert entered.wait(30)
        assert_problem(c.post("/cypher", json={"query": "RETURN 1 AS x", "timeout_ms": 200}), 504, "Cypher lane")
        assert c.get("/departments", params={"limit": 1}).status_code == 200
        assert c.get("/healthz").status_code == 200
    finally:
        release.set()
        holder.join(30)
    assert QueryTimeout  # the 504 above is the store's QueryTimeout mapped by the API


KEY = {"X-API-Key": "test-key-0123456789"}


def test_hostile_uploads_are_refused_naming_the_file(write_client, upload_store, assert_problem):
    from tests.abuse.hostile_files import empty_paragraphs_docx, many_text_operators_pdf

    before = upload_store.counts()
    docx_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    r = write_client.post("/documents", files={"file": ("flood.docx", empty_paragraphs_docx(), docx_type)},
                          headers=KEY)
    assert_problem(r, 422, "flood.docx", "paragraphs")
    r = write_client.post("/documents", files={"file": ("ops.pdf", many_text_operators_pdf(), "application/pdf")},
                          headers=KEY)
    assert_problem(r, 422, "ops.pdf", "text operators")
    assert upload_store.counts() == before


def test_an_upload_is_read_outside_the_api_process():
    import os

    from policykg.api.extract_worker import run_in_worker

    assert run_in_worker(os.getpid, (), seconds=60, name="x.txt") != os.getpid()


def test_a_refusal_in_the_worker_is_raised_in_the_api(monkeypatch):
    import pytest

    from policykg.api.extract_worker import run_in_worker
    from policykg.ingest.readers import read_bytes
    from policykg.ingest.readers.budget import OverBudget
    from tests.abuse.hostile_files import many_text_operators_pdf

    with pytest.raises(OverBudget, match="ops.pdf"):
        run_in_worker(read_bytes, (many_text_operators_pdf(), "ops.pdf"), seconds=60, name="ops.pdf")


def test_every_answer_carries_the_security_headers(client):
    for path, html in (("/healthz", False), ("/", True), ("/nowhere", False)):
        r = client.get(path)
        assert r.headers["x-content-type-options"] == "nosniff" and r.headers["x-frame-options"] == "DENY"
        assert r.headers["referrer-policy"] == "no-referrer"
        csp = r.headers["content-security-policy"]
        assert "frame-ancestors 'none'" in csp
        assert ("script-src 'self'" in csp) if html else csp.startswith("default-src 'none'")


def test_a_foreign_host_name_is_refused(loaded_store, make_client, assert_problem):
    from policykg.api.guards import hosts_for

    c = make_client(loaded_store, Settings(allowed_hosts=hosts_for("127.0.0.1")), base_url="http://localhost:8000")
    assert c.get("/healthz").status_code == 200
    assert c.get("/healthz", headers={"Host": "127.0.0.1:8000"}).status_code == 200
    # DNS rebinding: an attacker's name that resolves to 127.0.0.1
    assert_problem(c.post("/cypher", json={"query": "RETURN 1 AS x"}, headers={"Host": "evil.example:8000"}), 421)


def test_store_failures_do_not_show_server_paths(make_client, monkeypatch, assert_problem):
    from policykg.graph.stores import factory
    from policykg.graph.stores.errors import ServerStartError

    def failing_open(settings):
        raise ServerStartError("FalkorDB server did not become ready.\nData dir: /srv/secret/policykg\n"
                               "Last lines of /srv/secret/policykg/falkordb.log: …")

    monkeypatch.setattr(factory, "open_store", failing_open)
    c = make_client(None, Settings(store_kind="embedded"))
    body = assert_problem(c.get("/healthz"), 503, "cannot be opened")
    assert "/srv" not in body["detail"]
    assert c.get("/healthz").json().get("store") is None


def test_healthz_names_the_kind_of_store_not_where_it_is(client, loaded_store):
    body = client.get("/healthz").json()
    assert body["store"] == "embedded" and str(loaded_store.backend.server.data_dir) not in str(body)


def test_heavy_pages_are_computed_once_per_store_version(write_client, upload_store):
    from policykg.api.result_cache import FINGERPRINT
    from tests.api.test_api_upload_and_cypher import JINING

    seen: list[str] = []
    real = upload_store.read

    def counting(query, *a, **k):
        seen.append(query)
        return real(query, *a, **k)

    upload_store.read = counting  # type: ignore[method-assign]
    try:
        first = write_client.get("/analytics").json()
        computed = [q for q in seen if q not in FINGERPRINT]
        assert computed  # the first request reads the graph
        seen.clear()
        assert write_client.get("/analytics").json() == first
        assert write_client.get("/viz").status_code == 200
        again = [q for q in seen if q not in FINGERPRINT]
        landing = len(again)
        seen.clear()
        assert write_client.get("/viz").status_code == 200
        assert [q for q in seen if q not in FINGERPRINT] == []  # the landing page: cached
        assert landing > 0
        assert write_client.get("/stats").status_code == 200
        seen.clear()
        stats = write_client.get("/stats").json()
        assert [q for q in seen if q not in FINGERPRINT] == []  # /stats: counted once per store version
        # a new document is a new store version: the next request reads the graph again and shows it
        r = write_client.post("/documents", files={"file": ("jining.txt", JINING.read_bytes(), "text/plain")},
                              headers=KEY)
        assert r.status_code == 201, r.text
        after = write_client.get("/analytics").json()
        assert after != first
        assert write_client.get("/stats").json()["total_nodes"] > stats["total_nodes"]  # the new version counted
    finally:
        del upload_store.read


def test_one_client_may_run_only_a_few_expensive_requests_at_once():
    import asyncio

    from policykg.api.guards import ClientLimit

    release = asyncio.Event()

    async def slow_app(scope, receive, send):
        await release.wait()
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})

    limited = ClientLimit(slow_app, prefixes=("/analytics",), per_client=2)

    async def call(path, client):
        sent = []

        async def send(message):
            sent.append(message)

        async def receive():
            return {"type": "http.request", "body": b""}

        await limited({"type": "http", "path": path, "client": (client, 1), "headers": []}, receive, send)
        return sent[0]["status"]

    async def scenario():
        running = [asyncio.create_task(call("/analytics", "10.0.0.1")) for _ in range(2)]
        await asyncio.sleep(0)
        refused = await call("/analytics", "10.0.0.1")
        release.set()
        other = await call("/analytics", "10.0.0.2")
        return refused, other, [await t for t in running], await call("/analytics", "10.0.0.1")

    refused, other, first, later = asyncio.run(scenario())
    assert refused == 429 and other == 200 and first == [200, 200] and later == 200


def test_a_query_whose_client_left_while_queued_never_reaches_the_engine(loaded_store, monkeypatch):
    import pytest

    from policykg.api.runner import ClientGone, QueryRunner
    from policykg.api.store_access import StoreHolder

    runner = QueryRunner(StoreHolder(loaded_store), Settings(cypher_lanes=1))
    asked = []
    monkeypatch.setattr(loaded_store, "read_public", lambda *a, **k: asked.append(a))
    assert runner._cypher_lanes.acquire(timeout=1)  # another query holds the only lane
    try:
        with pytest.raises(ClientGone):
            runner.read("RETURN 1 AS x", {}, timeout_ms=10_000, row_cap=1, client_gone=lambda: True)
    finally:
        runner._cypher_lanes.release()
    assert asked == []
    runner.read("RETURN 1 AS x", {}, timeout_ms=10_000, row_cap=1, client_gone=lambda: True)  # a free lane: runs
    assert len(asked) == 1
