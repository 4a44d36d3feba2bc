"""Every failure is an RFC 9457 problem with a useful message and the right status."""
from __future__ import annotations

from urllib.parse import quote

import pytest

from policykg.graph.repository import GraphStore
from policykg.graph.stores.backend import StoreBackend
from policykg.graph.stores.errors import QueryTimeout, StoreUnavailable
from policykg.settings import Settings

# aborted within the budget (a huge range() is not: FalkorDB builds the list before it checks the clock)
# a cross product of the graph with itself three times: streamed, so time (not memory) runs out
BILLION_ROWS = "MATCH (a), (b), (c) RETURN count(*) AS n"


@pytest.mark.parametrize("path, words", [
    ("/departments/市发改局", ["no department named '市发改局'", "市发展改革委"]),
    ("/departments/市发改局/tasks", ["no department named"]),
    ("/tasks/task:菏政办字〔2023〕13号:九十九", ["no task", "task:菏政办字〔2023〕13号:九十九"]),
    ("/documents/菏政办字〔1999〕1号", ["no document", "GET /documents"]),
    ("/industries/不存在的产业/tasks", ["no industry named"]),
    ("/targets?department=市发改局", ["no department named"]),
    ("/mapping/province-to-city?department=不存在的部门", ["no department named"]),
    ("/no/such/path", ["no such path"]),
])
def test_unknown_names_are_404_with_a_useful_message(client, path, words, assert_problem):
    body = assert_problem(client.get(path), 404, *words)
    assert body["instance"].startswith("/")


def test_not_found_suggests_departments(client, assert_problem):
    body = assert_problem(client.get("/departments/" + quote("市发改局")), 404)
    assert body["suggestions"] == ["市发展改革委"]
    assert body["instance"] == "/departments/" + quote("市发改局")  # a URI reference: percent-encoded


@pytest.mark.parametrize("path, field", [
    ("/departments?limit=0", "limit"),
    ("/departments?limit=100000", "limit"),
    ("/departments?offset=-1", "offset"),
    ("/departments?level=village", "level"),
    ("/departments/市发展改革委/tasks?role=boss", "role"),
    ("/targets?year=twenty", "year"),
    ("/mapping/province-to-city?min_score=2", "min_score"),
    ("/search", "q"),
    ("/search?q=", "q"),
    ("/departments?prefix=a%00b", "prefix"),
])
def test_bad_parameters_are_422(client, path, field, assert_problem):
    body = assert_problem(client.get(path), 422, field)
    assert "invalid" in body["type"]


def test_wrong_method_is_405_with_allow(client, assert_problem):
    r = client.delete("/departments")
    assert_problem(r, 405, "DELETE")
    assert "GET" in r.headers["allow"]


class DownBackend(StoreBackend):
    """A backend whose server is gone."""

    kind = "down"

    def read(self, query, params, timeout_ms, row_cap, max_bytes=None):
        raise StoreUnavailable("lost the connection to the graph server: connection refused")

    def write_atomic(self, statements):
        raise StoreUnavailable("lost the connection to the graph server: connection refused")

    def ensure_schema(self):
        pass

    def clear(self):
        pass

    def close(self):
        pass


class SlowBackend(DownBackend):
    def read(self, query, params, timeout_ms, row_cap, max_bytes=None):
        raise QueryTimeout(f"query exceeded its {timeout_ms} ms time budget and was aborted")


def down_store() -> GraphStore:
    return GraphStore(DownBackend())


@pytest.mark.parametrize("path", ["/healthz", "/departments", "/departments/市发展改革委", "/stats",
                                  "/mapping/province-to-city", "/tasks/x"])
def test_store_down_is_503(make_client, path, assert_problem):
    r = make_client(down_store()).get(path)
    assert_problem(r, 503, "graph store", "connection refused")
    assert r.headers["retry-after"]


def test_store_that_cannot_be_opened_is_503_and_retried(make_client, monkeypatch, assert_problem):
    from policykg.graph.stores import factory
    from policykg.graph.stores.errors import ServerStartError

    calls = []

    def failing_open(kind, data_dir=None):
        calls.append(kind)
        raise ServerStartError("redis-server exited: permission denied")

    monkeypatch.setattr(factory, "open_store", failing_open)
    c = make_client(None, Settings(store_kind="embedded"))
    assert_problem(c.get("/healthz"), 503, "cannot be opened", "permission denied")
    assert_problem(c.get("/departments"), 503)
    assert len(calls) >= 3  # startup, then each request tries again


def test_a_real_stopped_server_is_503(make_client, tmp_path_factory, extracted, assert_problem):
    from policykg.graph.stores.factory import embedded_store

    store = embedded_store(tmp_path_factory.mktemp("down"))
    store.load_document(next(iter(extracted.values())))
    c = make_client(store)
    assert c.get("/healthz").status_code == 200
    store.backend.server.stop(force=True)
    assert_problem(c.get("/healthz"), 503, "graph store")
    assert_problem(c.get("/departments"), 503)


def test_timeout_is_504(make_client, client, assert_problem):
    assert_problem(make_client(GraphStore(SlowBackend())).get("/departments"), 504, "time budget")
    # and a real one: the engine aborts a query that runs past its budget
    r = client.post("/cypher", json={"query": BILLION_ROWS, "timeout_ms": 5})
    assert_problem(r, 504, "5 ms")


def test_unexpected_errors_are_500_problems(make_client, assert_problem):
    class BrokenBackend(DownBackend):
        def read(self, query, params, timeout_ms, row_cap, max_bytes=None):
            raise RuntimeError("a bug")

    c = make_client(GraphStore(BrokenBackend()), raise_server_exceptions=False)
    body = assert_problem(c.get("/departments"), 500, "internal error")
    assert "a bug" not in body["detail"]  # internals stay in the log


def test_request_log_has_method_path_status_and_time(client, caplog):
    with caplog.at_level("INFO", logger="policykg.api"):
        client.get("/departments/人行菏泽市中心支行")
    [line] = [r.getMessage() for r in caplog.records if "/departments/" in r.getMessage()]
    assert line.startswith("GET /departments/人行菏泽市中心支行 200 ") and line.endswith("ms")


def test_cors_is_configurable(make_client, loaded_store, client):
    allowed = make_client(loaded_store, Settings(cors_origins=["http://localhost:5173"]))
    r = allowed.options("/departments", headers={"Origin": "http://localhost:5173", "Access-Control-Request-Method": "GET"})
    assert r.status_code == 200 and r.headers["access-control-allow-origin"] == "http://localhost:5173"
    r = allowed.get("/healthz", headers={"Origin": "http://localhost:5173"})
    assert r.headers["access-control-allow-origin"] == "http://localhost:5173"
    assert "access-control-allow-origin" not in allowed.get("/healthz", headers={"Origin": "http://evil.test"}).headers
    # none configured: no CORS headers at all
    assert "access-control-allow-origin" not in client.get("/healthz", headers={"Origin": "http://localhost:5173"}).headers


def test_ambiguous_department_is_409_until_the_region_says_which(write_client, assert_problem):
    from pathlib import Path

    data = Path(__file__).parent / "data" / "jining.txt"
    assert write_client.post("/documents", files={"file": ("jining.txt", data.read_bytes())},
                             headers={"X-API-Key": "test-key-0123456789"}).status_code == 201
    heze = (Path(__file__).parents[2] / "policykg" / "sample_corpus" / "003_a6d61ab50cb7c05a.txt").read_bytes()
    assert write_client.post("/documents", files={"file": ("003.txt", heze)},
                             headers={"X-API-Key": "test-key-0123456789"}).status_code == 201
    body = assert_problem(write_client.get("/departments/市发展改革委"), 409, "region")
    # each candidate is a name that picks one department: the short name with its region in front
    assert sorted(body["candidates"]) == ["济宁市发展改革委", "菏泽市发展改革委"]
    full = write_client.get("/departments/济宁市发展改革委").json()
    assert full["id"] == "dept:370800:市发展改革委" and full["resolution"] == "region"
    jining = write_client.get("/departments/市发展改革委", params={"region": "济宁市"}).json()
    assert jining["id"] == "dept:370800:市发展改革委" and jining["leads_count"] == 1
    tasks = write_client.get("/departments/市发展改革委/tasks", params={"region": "济宁市"}).json()
    assert [t["number"] for t in tasks["items"]] == ["一/(一)"]
    assert [t["number"] for t in write_client.get("/departments/济宁市发展改革委/tasks").json()["items"]] == ["一/(一)"]
    # a filter is resolved the same way: the short name is ambiguous, the full one is not
    assert_problem(write_client.get("/targets", params={"department": "市发展改革委", "year": 2025}), 409, "菏泽市发展改革委")
    heze_targets = write_client.get("/targets", params={"department": "菏泽市发展改革委", "limit": 1000}).json()
    assert heze_targets["total"] >= 1 and all(t["doc_id"] != "doc:济政办字〔2024〕9号" for t in heze_targets["items"])


def test_names_past_the_row_cap_are_still_known(fixture_store, make_client):
    """The row cap bounds an answer, not the name lists behind it: in a store with more departments and documents
    than the cap, every one of them is found by name all the same."""
    client = make_client(fixture_store, Settings(row_cap=1, max_row_cap=1))
    assert client.get("/departments", params={"limit": 1}).json()["total"] > 1
    for r in fixture_store.rows("MATCH (d:Department) RETURN d.name AS name, d.region AS region"):
        assert client.get(f"/departments/{r['name']}", params={"region": r["region"]}).status_code == 200, r
    documents = fixture_store.rows("MATCH (d:Document) WHERE NOT coalesce(d.stub, false) RETURN d.doc_number AS n")
    assert len(documents) > 1
    for r in documents:
        assert client.get("/documents/" + quote(r["n"], safe="")).status_code == 200, r
