"""Security: /cypher never writes, uploads need the key, malformed or huge bodies get 4xx, never 500."""
from __future__ import annotations

import pytest

from policykg.settings import Settings


def _nested(depth: int) -> list:
    value: list = [1]
    for _ in range(depth):
        value = [value]
    return value


NESTED = _nested(40)

WRITES = [
    "CREATE (n:Task {id: 'x'}) RETURN n",
    "MERGE (n:Department {id: 'dept:x'}) RETURN n",
    "MATCH (t:Task) SET t.text = 'x'",
    "MATCH (t:Task) SET t += {text: 'x'}",
    "MATCH (t:Target) DELETE t",
    "MATCH (n) DETACH DELETE n",
    "match (n) detach delete n",
    "MATCH (t:Task) REMOVE t.text",
    "LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line",
    "load csv with headers from 'http://127.0.0.1/x.csv' AS line RETURN line",
    "CALL db.idx.fulltext.createNodeIndex('Task', 'text')",
    "CALL dbms.procedures()",
    "CALL db.idx.fulltext.drop('Task')",
    "FOREACH (x IN [1] | CREATE (:Task {id: 'y'}))",
    "CALL { CREATE (:Task {id: 'z'}) } RETURN 1",
    "EXPLAIN CREATE (:Task {id: 'w'})",
    "MATCH (t:Task) WITH t LIMIT 1 CREATE (t)-[:UNDER]->(t)",
    "CREATE INDEX FOR (n:Task) ON (n.text)",
    "DROP INDEX ON :Task(id)",
]


@pytest.mark.parametrize("query", WRITES)
def test_writes_through_cypher_are_refused(client, loaded_store, query, assert_problem):
    before = loaded_store.counts()
    body = assert_problem(client.post("/cypher", json={"query": query}), 403, "read-only")
    assert body["type"] == "urn:policykg:problem:read-only"
    assert loaded_store.counts() == before


def test_parameters_cannot_smuggle_a_query(client, assert_problem):
    # FalkorDB's client writes parameters into the query text (CYPHER name=value ...): names must be identifiers
    sneaky = {"x=1 LOAD CSV FROM 'file:///etc/passwd' AS l RETURN l //": 1}
    assert_problem(client.post("/cypher", json={"query": "RETURN 1 AS one", "params": sneaky}), 422, "identifier")
    assert_problem(client.post("/cypher", json={"query": "RETURN $m AS m", "params": {"m": {"a`b": 1}}}), 422, "backticks")
    # a value is only ever a value
    r = client.post("/cypher", json={"query": "RETURN $s AS s", "params": {"s": "\") MATCH (n) DETACH DELETE n //"}})
    assert r.status_code == 200 and r.json()["rows"] == [["\") MATCH (n) DETACH DELETE n //"]]


@pytest.mark.parametrize("params, words", [
    ({"a": "x\u0000y"}, ["NUL"]),
    ({"a": 2**64}, ["64-bit"]),
    ({"a": NESTED}, ["nested"]),
])
def test_unstorable_parameter_values_are_422(client, params, words, assert_problem):
    assert_problem(client.post("/cypher", json={"query": "RETURN $a AS a", "params": params}), 422, *words)


@pytest.mark.parametrize("raw", [
    b'{"query": "RETURN $a AS a", "params": {"a": "\\ud800"}}',   # an unpaired surrogate
    b'{"query": "RETURN $a AS a", "params": {"a": NaN}}',          # not JSON, but Python's parser takes it
    b'{"query": "RETURN $a AS a", "params": {"a": Infinity}}',
])
def test_values_json_cannot_carry_are_422(client, raw, assert_problem):
    assert_problem(client.post("/cypher", content=raw, headers={"content-type": "application/json"}), 422)


@pytest.mark.parametrize("raw, content_type", [
    (b'{"query": ', "application/json"),                       # truncated
    (b"\xff\xfe\x00", "application/json"),                      # not UTF-8
    (b"[" * 50_000 + b"]" * 50_000, "application/json"),        # nested past any parser's recursion limit
    (b'{"query": 1}', "application/json"),                      # wrong type
    (b'{"query": "RETURN 1", "extra": true}', "application/json"),  # unknown field
    (b'"RETURN 1"', "application/json"),                        # not an object
    (b"query=RETURN+1", "application/x-www-form-urlencoded"),   # not JSON at all
    (b"", "application/json"),                                  # empty
    (b'{"query": "RETURN 1", "timeout_ms": 0}', "application/json"),
    (b'{"query": "RETURN 1", "row_cap": -1}', "application/json"),
    (b'{"query": "RETURN 1", "row_cap": 100000000}', "application/json"),
    (b'{"query": "RETURN 1", "timeout_ms": 100000000}', "application/json"),
    (b'{"query": "RETURN 1 AS a, 2 AS a"}', "application/json"),  # the engine refuses it
    (b'{"query": "this is not cypher"}', "application/json"),
])
def test_malformed_bodies_are_4xx(client, raw, content_type):
    r = client.post("/cypher", content=raw, headers={"content-type": content_type})
    assert 400 <= r.status_code < 500, (r.status_code, r.text)
    assert r.headers["content-type"].startswith("application/problem+json")


def test_huge_bodies_are_413_before_they_are_read(client, assert_problem):
    huge = b"x" * (300 * 1024)
    assert_problem(client.post("/cypher", content=huge, headers={"content-type": "application/json"}), 413, "bytes")

    def chunks():  # no Content-Length: counted as it arrives
        for _ in range(64):
            yield b"x" * 8192

    assert_problem(client.post("/cypher", content=chunks(), headers={"content-type": "application/json"}), 413)
    long_query = {"query": "RETURN 1" + " " * 30_000}
    assert_problem(client.post("/cypher", json=long_query), 422, "query")


def test_upload_without_a_configured_key_is_refused(client, loaded_store, assert_problem):
    before = loaded_store.counts()
    r = client.post("/documents", files={"file": ("x.txt", "一、任务\n（一）做事。（牵头单位：市科技局）".encode())},
                    headers={"X-API-Key": "anything"})
    body = assert_problem(r, 403, "writes are disabled", "POLICYKG_API_KEY")
    assert body["type"] == "urn:policykg:problem:writes-disabled"
    assert client.get("/healthz").json()["writes_enabled"] is False
    assert loaded_store.counts() == before


@pytest.mark.parametrize("headers", [{}, {"X-API-Key": "wrong"}, {"X-API-Key": ""}, {"x-api-key": "test-key-012345678"}])
def test_upload_with_a_missing_or_wrong_key_is_401(write_client, upload_store, headers, assert_problem):
    r = write_client.post("/documents", files={"file": ("x.txt", b"text")}, headers=headers)
    assert_problem(r, 401, "X-API-Key")
    assert r.headers["www-authenticate"].startswith("ApiKey")
    assert upload_store.counts().total_nodes == 0


def test_the_key_is_checked_before_the_body_is_read(make_client, upload_store):
    c = make_client(upload_store, Settings(api_key="k" * 20, max_upload_bytes=1024))
    # without the key: 401 whatever the body, even one the server would refuse to parse
    r = c.post("/documents", content=b"--x\r\nnot multipart at all", headers={"content-type": "multipart/form-data; boundary=x"})
    assert r.status_code == 401


@pytest.mark.parametrize("kwargs, status, words", [
    ({"files": {"file": ("big.txt", b"x" * (6 * 1024 * 1024))}}, 413, ["larger than"]),
    ({"files": {"file": ("sheet.xlsx", b"PK\x03\x04")}}, 415, ["no reader", ".docx", ".pdf"]),
    ({"files": {"file": ("broken.pdf", b"%PDF-1.7")}}, 422, ["broken.pdf"]),
    ({"files": {"file": ("empty.txt", b"")}}, 422, ["empty.txt", "empty"]),
    ({"files": {"file": ("binary.txt", b"\x00\x01\x02" * 100)}}, 422, ["binary.txt"]),
    ({"files": {"file": ("prose.txt", "今天天气很好。".encode())}}, 422, ["prose.txt"]),
    ({"files": {"other": ("a.txt", b"x")}}, 422, ["field named 'file'"]),
    ({"data": {"file": "not a file"}}, 415, ["multipart/form-data"]),
    ({"content": b"plain body", "headers": {"content-type": "text/plain"}}, 415, ["multipart/form-data"]),
    ({"content": b"--b\r\ngarbage", "headers": {"content-type": "multipart/form-data; boundary=b"}}, 422, []),
    ({"content": b"garbage", "headers": {"content-type": "multipart/form-data"}}, 400, []),
    ({"files": [("file", ("a.txt", b"x")), ("file", ("b.txt", b"y"))]}, 400, []),
])
def test_bad_uploads_are_4xx(write_client, upload_store, kwargs, status, words, assert_problem):
    headers = {"X-API-Key": "test-key-0123456789", **kwargs.pop("headers", {})}
    r = write_client.post("/documents", headers=headers, **kwargs)
    assert_problem(r, status, *words)
    assert upload_store.counts().total_nodes == 0
