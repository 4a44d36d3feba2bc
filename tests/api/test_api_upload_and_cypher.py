"""POST /documents with the key ingests a document; POST /cypher reads with parameters, caps and budgets."""
from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote

from policykg.settings import Settings

from .conftest import API_KEY

JINING = Path(__file__).parent / "data" / "jining.txt"
KEY = {"X-API-Key": "test-key-0123456789"}


def test_upload_ingests_and_the_reads_see_it(write_client, upload_store):
    r = write_client.post("/documents", files={"file": ("jining.txt", JINING.read_bytes(), "text/plain")}, headers=KEY)
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["document_id"] == "doc:济政办字〔2024〕9号" and body["replaced"] is False
    assert (body["tasks"], body["targets"], body["file"]) == (2, 1, "jining.txt")
    assert unquote(r.headers["location"]) == "/documents/doc:济政办字〔2024〕9号"
    doc = write_client.get(r.headers["location"]).json()
    assert doc["title"] == "济宁市人民政府办公室关于加快冷链物流发展的实施意见"
    assert [p["number"] for p in doc["outline"] if p["has_responsibility"]] == ["一/(一)", "一/(二)"]
    dept = write_client.get("/departments/市商务局").json()
    assert (dept["region"], dept["leads_count"], dept["cooperates_count"]) == ("济宁市", 1, 1)
    assert write_client.get("/targets", params={"year": 2025}).json()["items"][0]["unit"] == "万吨"
    # the same document again replaces it: same counts
    counts = upload_store.counts()
    again = write_client.post("/documents", files={"file": ("jining.txt", JINING.read_bytes())}, headers=KEY)
    assert again.status_code == 201 and again.json()["replaced"] is True
    assert upload_store.counts() == counts


def test_upload_accepts_gb18030_and_strips_client_paths(write_client):
    data = JINING.read_text("utf-8").encode("gb18030")
    r = write_client.post("/documents", files={"file": ("../../etc/济宁.txt", data)}, headers=KEY)
    assert r.status_code == 201, r.text
    assert r.json()["file"] == "济宁.txt" and r.json()["doc_number"] == "济政办字〔2024〕9号"


def test_upload_size_bound_is_configurable(make_client, upload_store, assert_problem):
    c = make_client(upload_store, Settings(api_key="k" * 20, max_upload_bytes=500))
    assert len(JINING.read_bytes()) > 500
    r = c.post("/documents", files={"file": ("jining.txt", JINING.read_bytes())}, headers={"X-API-Key": "k" * 20})
    assert_problem(r, 413, "larger than 500 bytes")  # the file itself (read up to the bound, no further)
    big = c.post("/documents", files={"file": ("big.txt", b"x" * 200_000)}, headers={"X-API-Key": "k" * 20})
    assert_problem(big, 413, "larger than")  # the whole body: refused from its Content-Length, never read
    assert upload_store.counts().total_nodes == 0


def test_cypher_reads_with_parameters(client, gold):
    g = gold["003_a6d61ab50cb7c05a.txt"]
    r = client.post("/cypher", json={
        "query": "MATCH (d:Department)-[:LEADS]->(t:Task)-[:IN_DOCUMENT]->(doc:Document {doc_number: $doc}) "
                 "WHERE d.name = $name RETURN t.number AS number ORDER BY t.span_start",
        "params": {"doc": "菏政办字〔2023〕13号", "name": "市科技局"}})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["columns"] == ["number"] and body["truncated"] is False
    assert [row[0] for row in body["rows"]] == [t["number"] for t in g["tasks"] if "市科技局" in t["leads"]]


def test_cypher_row_cap_and_budget(client, make_client, loaded_store, assert_problem):
    r = client.post("/cypher", json={"query": "MATCH (t:Task) RETURN t.id AS id", "row_cap": 10}).json()
    assert len(r["rows"]) == 10 and r["truncated"] is True and r["row_cap"] == 10
    default = client.post("/cypher", json={"query": "RETURN 1 AS one"}).json()
    assert default["row_cap"] == 10_000 and default["timeout_ms"] == 10_000
    # the server's settings bound what a request may ask for
    tight = make_client(loaded_store, Settings(row_cap=5, max_row_cap=20, query_timeout_ms=1000,
                                               max_query_timeout_ms=2000))
    r = tight.post("/cypher", json={"query": "MATCH (t:Task) RETURN t.id AS id"}).json()
    assert len(r["rows"]) == 5 and r["truncated"] and r["timeout_ms"] == 1000
    assert_problem(tight.post("/cypher", json={"query": "RETURN 1", "row_cap": 21}), 422, "at most 20")
    assert_problem(tight.post("/cypher", json={"query": "RETURN 1", "timeout_ms": 2001}), 422, "at most 2000")


def test_cypher_values_become_json(client):
    r = client.post("/cypher", json={"query": "MATCH (d:Department {name: '市科技局'}) "
                                              "RETURN d AS node, date('2024-01-02') AS day, 5 / 0.0 AS inf"})
    [[node, day, inf]] = r.json()["rows"]
    assert node["labels"] == ["Department"] and node["properties"]["name"] == "市科技局"
    assert (day, inf) == ("2024-01-02", "Infinity")


def test_an_upload_leaves_the_store_as_policykg_ingest_does(tmp_path, loaded_store, make_client):
    """POST /documents goes through the ingestion service: the same file gives the same graph and version."""
    from policykg.graph.stores.factory import embedded_store
    from policykg.ingestion import Ingestion

    settings = Settings(api_key=API_KEY, data_dir=tmp_path / "data")  # no user alias file there
    server_dir = loaded_store.backend.server.data_dir
    by_cli, by_api = embedded_store(server_dir, graph="cli-ingest-test"), embedded_store(server_dir, graph="api-ingest-test")
    try:
        for store in (by_cli, by_api):
            store.clear()
        report = Ingestion(settings, open_store=lambda: by_cli).ingest([JINING])
        assert [o.status for o in report.outcomes] == ["new"]
        r = make_client(by_api, settings).post("/documents", files={"file": (JINING.name, JINING.read_bytes())},
                                               headers={"X-API-Key": API_KEY})
        assert r.status_code == 201, r.text

        assert by_cli.counts() == by_api.counts()
        version = ("MATCH (v:DocumentVersion) RETURN v.doc_id AS doc, v.content_hash AS content, "
                   "v.file_hash AS file_hash, v.extractor AS extractor, v.text_z AS text, v.format AS format, "
                   "v.encoding AS encoding, v.file AS file, v.tasks AS tasks, v.current AS current")
        cli_versions, api_versions = by_cli.rows(version), by_api.rows(version)
        assert cli_versions == api_versions
        (v,) = api_versions
        assert v["text"] and v["file_hash"] and v["extractor"] and v["current"]
        document = "MATCH (d:Document) WHERE NOT coalesce(d.stub, false) RETURN d.id AS id, d.extractor AS extractor"
        assert by_cli.rows(document) == by_api.rows(document)
    finally:
        for store in (by_cli, by_api):
            store.clear()
