"""What a load reads and writes is found by indexed keys and does not pile up on shared nodes.

Two documents quoting the same provincial task share one LEADS edge per department, and removing either
keeps what the other still says; stubs fold by number and by title key; departments go with their last
document; no node keeps a list of the documents naming it.
"""
from __future__ import annotations

import re

import pytest

from policykg.graph.build import build_graph
from policykg.graph.repository import (
    CURRENT_VERSIONS_BY,
    STATE_LABEL,
    STORE_FORMAT,
    STORE_FORMAT_READ,
    DocumentSource,
)
from policykg.graph.stores.factory import embedded_store
from policykg.graph.stores.loading import document_statements, put_nodes
from policykg.ingest.extract import extract_bytes
from policykg.ingestion import DOCUMENTS_NAMING

from .test_stub_documents import PROVINCIAL_PLAN

TABLE = "001_eac2c624b6a1218d.txt"  # 菏政办字〔2023〕56号: a division-of-labour table quoting provincial tasks
QUOTED_LEADS = ("MATCH (d:Department)-[r:LEADS]->(u:Task) WHERE u.stub = true "
                "RETURN u.id AS task, d.id AS dept, r.doc_id AS doc ORDER BY task, dept, doc")


@pytest.fixture
def store(loaded_store):
    st = embedded_store(loaded_store.backend.server.data_dir, graph="load-lookups-test")
    st.clear()
    yield st
    st.clear()


def renumbered(doc, number: str, tag: str):
    """The same document under another number and title (another city's copy of the table)."""
    info = doc.document
    return doc.model_copy(update={
        "document": info.model_copy(update={"doc_number": number, "title": info.title.replace("关于", f"关于{tag}", 1)}),
        "content_hash": tag + doc.content_hash[len(tag):]})


def snapshot(store) -> tuple:
    nodes = store.rows("MATCH (n) RETURN n.id AS id, properties(n) AS p ORDER BY id", row_cap=1_000_000)
    rels = store.rows("MATCH (a)-[r]->(b) RETURN a.id AS a, type(r) AS t, b.id AS b, properties(r) AS p "
                      "ORDER BY a, t, b, r.key", row_cap=1_000_000)
    return ([(r["id"], sorted((k, str(v)) for k, v in r["p"].items() if k not in ("ingested_at", "reread_at", "version")))
             for r in nodes],
            [(r["a"], r["t"], r["b"], sorted((k, str(v)) for k, v in r["p"].items())) for r in rels])


def test_two_tables_quoting_one_task_share_its_leads_edge(store, extracted):
    first = extracted[TABLE]
    second = renumbered(first, "菏政办字〔2023〕901号", "第二")
    store.load_document(first)
    alone = store.rows(QUOTED_LEADS, row_cap=100_000)
    assert alone and {r["doc"] for r in alone} == {"doc:菏政办字〔2023〕56号"}
    store.load_document(second)
    both = store.rows(QUOTED_LEADS, row_cap=100_000)
    # one edge per (department, quoted task): the second table adds no copy, the lower doc_id holds it
    assert [(r["task"], r["dept"]) for r in both] == [(r["task"], r["dept"]) for r in alone]
    assert {r["doc"] for r in both} == {"doc:菏政办字〔2023〕56号"}

    # removing the holder hands each edge to the table that still says it, with that table's provenance
    store.remove_document("doc:菏政办字〔2023〕56号")
    after = store.rows(QUOTED_LEADS, row_cap=100_000)
    assert [(r["task"], r["dept"]) for r in after] == [(r["task"], r["dept"]) for r in alone]
    assert {r["doc"] for r in after} == {"doc:菏政办字〔2023〕901号"}
    holders = store.rows("MATCH (u:Task) WHERE u.stub = true RETURN DISTINCT u.doc_id AS doc")
    assert holders == [{"doc": "doc:菏政办字〔2023〕901号"}]

    # the holder coming back takes them back: the store does not depend on the order of loading
    store.load_document(first)
    assert store.rows(QUOTED_LEADS, row_cap=100_000) == both

    # the last table quoting them gone, the quoted tasks and their edges go too
    store.remove_document("doc:菏政办字〔2023〕56号")
    store.remove_document("doc:菏政办字〔2023〕901号")
    assert store.rows(QUOTED_LEADS) == []
    assert store.rows("MATCH (u:Task) RETURN count(u) AS n") == [{"n": 0}]


def test_reloading_either_table_changes_nothing(store, extracted):
    first = extracted[TABLE]
    second = renumbered(first, "菏政办字〔2023〕901号", "第二")
    store.load_document(first)
    store.load_document(second)
    before = snapshot(store)
    for doc in (second, first, second):
        store.load_document(doc)
    assert snapshot(store) == before


def test_a_department_goes_with_the_last_document_naming_it(store, extracted):
    first = extracted[TABLE]
    second = renumbered(first, "菏政办字〔2023〕901号", "第二")
    store.load_document(first)
    store.load_document(second)
    named = ("MATCH (d:Department {name: '省发展改革委'}) "
             f"RETURN {DOCUMENTS_NAMING} AS docs")
    [row] = store.rows(named)
    # both tables name it (the shared edge holds one doc_id; the rows say who else quotes the task)
    assert set(row["docs"]) == {"doc:菏政办字〔2023〕56号", "doc:菏政办字〔2023〕901号"}
    store.remove_document("doc:菏政办字〔2023〕56号")
    [row] = store.rows(named)
    assert set(row["docs"]) == {"doc:菏政办字〔2023〕901号"}
    store.remove_document("doc:菏政办字〔2023〕901号")
    assert store.rows(named) == []
    assert store.rows("MATCH (d:Department) RETURN count(d) AS n") == [{"n": 0}]
    assert store.rows("MATCH (d:Department) WHERE d.orphan_check IS NOT NULL RETURN d.id AS id") == []


def test_no_node_keeps_a_list_of_documents(store, extracted):
    for doc in extracted.values():
        store.load_document(doc)
    assert store.rows("MATCH (n) WHERE n.source_docs IS NOT NULL RETURN n.id AS id LIMIT 5") == []


def test_a_stub_folds_by_number_and_by_title_key(store, extracted):
    """Cited by title only: the plan's own text (its number stripped) is found by its title key."""
    table = extracted[TABLE]
    store.load_document(table)
    [stub] = store.rows("MATCH (:Document {id: 'doc:菏政办字〔2023〕56号'})-[:IMPLEMENTS]->(s:Document) "
                        "RETURN s.id AS id, s.stub AS stub, s.title_key AS key")
    assert stub["stub"] is True and stub["key"] == "山东省县域经济高质量发展三年行动方案(2023—2025年)"
    untitled = extract_bytes(PROVINCIAL_PLAN.replace("鲁政办字〔2023〕99号\n", "").encode(), "plan.txt")
    assert untitled.document.doc_number is None
    store.load_document(untitled)
    implemented = store.rows("MATCH (:Document {id: 'doc:菏政办字〔2023〕56号'})-[:IMPLEMENTS]->(x:Document) "
                             "RETURN x.id AS id, coalesce(x.stub, false) AS stub")
    assert implemented == [{"id": "doc:" + untitled.document.title.replace(" ", ""), "stub": False}]
    assert store.rows("MATCH (s:Document {id: $id}) RETURN s.id AS id", {"id": stub["id"]}) == []


def test_a_document_cited_by_its_title_is_found_by_key(store, extracted):
    """Loaded after the plan, the table points at it directly (no stub): found by ``title_key``, not a scan."""
    plan = extract_bytes(PROVINCIAL_PLAN.replace("鲁政办字〔2023〕99号\n", "").encode(), "plan.txt")
    store.load_document(plan)
    table = extracted[TABLE]
    found = store.referenced_documents(table)
    assert [k for k, _, _ in found] == [plan.document.title.replace(" ", "")]
    store.load_document(table)
    assert store.rows("MATCH (d:Document) WHERE d.stub = true AND d.title IS NOT NULL RETURN d.id AS id") == []


def test_a_store_written_before_title_keys_is_upgraded(store, extracted):
    """Documents an earlier policykg loaded have no title_key and shared nodes had source_docs lists."""
    plan = extract_bytes(PROVINCIAL_PLAN.replace("鲁政办字〔2023〕99号\n", "").encode(), "plan.txt")
    store.load_document(plan)
    store.backend.write_atomic([("MATCH (d:Document) REMOVE d.title_key", {}),
                                ("MATCH (d:Department) SET d.source_docs = ['doc:x']", {})])
    assert store.referenced_documents(extracted[TABLE]) == []  # not found by key any more
    assert store.upgrade() > 0
    assert [k for k, _, _ in store.referenced_documents(extracted[TABLE])] == [plan.document.title.replace(" ", "")]
    assert store.rows("MATCH (n) WHERE n.source_docs IS NOT NULL RETURN n.id AS id LIMIT 1") == []
    assert store.upgrade() == 0  # nothing left to do: nothing written


def test_a_target_stored_without_its_owner_task_is_given_the_task_stating_it(store, extracted):
    """The owned-targets listing finds targets by owner_task: a store written before it was kept is upgraded."""
    for doc in extracted.values():
        store.load_document(doc)
    stated = "MATCH (t:Task)-[:HAS_TARGET]->(g:Target) RETURN g.id AS id, t.id AS task, g.owner_task AS owner ORDER BY id"
    before = store.rows(stated)
    assert before and any(r["owner"] == r["task"] for r in before)
    store.backend.write_atomic([("MATCH (t:Task)-[:HAS_TARGET]->(g:Target) WHERE g.owner_task = t.id "
                                 "REMOVE g.owner_task", {})])
    assert store.upgrade() > 0
    assert store.rows(stated) == before  # the stating task again, and a row's other owner untouched
    assert store.upgrade() == 0


def test_an_upgraded_store_is_not_read_again_until_the_format_rises(store, extracted, monkeypatch):
    """Every ingest run calls upgrade(): once a store is brought up to the format, that costs one read of one node
    (the checks read every Document, Department and target), and a store marked with an older format is looked at."""
    store.load_document(extracted[TABLE])
    store.upgrade()
    reads: list[str] = []
    rows = store.rows
    monkeypatch.setattr(store, "rows", lambda query, *a, **kw: reads.append(query) or rows(query, *a, **kw))
    assert store.upgrade() == 0
    assert reads == [STORE_FORMAT_READ]
    monkeypatch.undo()
    # an older format on the mark, and what that format left undone
    store.backend.write_atomic([(f"MATCH (s:{STATE_LABEL}) SET s.format = $old", {"old": STORE_FORMAT - 1}),
                                ("MATCH (d:Document) REMOVE d.title_key", {})])
    assert store.upgrade() > 0
    assert store.rows("MATCH (d:Document) WHERE d.title IS NOT NULL AND d.title_key IS NULL RETURN d.id AS id") == []
    assert store.rows(STORE_FORMAT_READ) == [{"format": STORE_FORMAT}]
    assert "StoreState" not in store.graph_counts().nodes  # bookkeeping, not a node of the policy graph


SCAN = ("Node By Label Scan", "All Node Scan")


def test_an_ingest_finds_stored_files_by_their_hashes_through_the_index(store, extracted):
    first, second = extracted[TABLE], renumbered(extracted[TABLE], "菏政办字〔2023〕902号", "第三")
    store.load_document(first, DocumentSource(file_hash="f1", extractor="x1"))
    store.load_document(second, DocumentSource(file_hash="f2", extractor="x2"))
    found = store.current_versions(file_hashes=["f2", "nothing"], content_hashes=[first.content_hash])
    assert {(v.document_id, v.file_hash, v.content_hash, v.extractor) for v in found} == {
        ("doc:菏政办字〔2023〕902号", "f2", second.content_hash, "x2"),
        ("doc:菏政办字〔2023〕56号", "f1", first.content_hash, "x1")}
    # a new version is what the store holds for the document from then on; the old file is no longer current
    store.load_document(renumbered(first, "菏政办字〔2023〕56号", "改"), DocumentSource(file_hash="f3", extractor="x1"))
    assert store.current_versions(file_hashes=["f1"]) == []
    assert [v.file_hash for v in store.current_versions(file_hashes=["f3"])] == ["f3"]
    # asked of an index, not by reading every version: what a run costs does not grow with the store
    for prop in ("file_hash", "content_hash"):
        plan = store.backend.client.explain(CURRENT_VERSIONS_BY.format(prop=prop), {"hashes": ["f1"]})
        assert not [line for line in plan if any(s in line for s in SCAN)], plan


def written(store, statement) -> int:
    """How many nodes a statement's SET reaches: the rows GRAPH.PROFILE counts into its Update operation."""
    query, params = statement
    plan = store.backend.client.graph.profile(query, dict(params)).plan
    at = next(i for i, line in enumerate(plan) if line.strip().startswith("Update"))
    return int(re.search(r"Records produced: (\d+)", plan[at + 1])[1])


def test_a_load_writes_only_the_nodes_it_changes(store):
    # FalkorDB indexes a node again on every SET, even of the values it holds, and what it replaces in the index
    # stays as garbage until a collector forks the whole server: a shared node is set only when it would change
    def row(i, level="city", aliases=()):
        return {"id": f"dept:t:{i}", "props": {"name": f"局{i}", "level": level, "known": True},
                "aliases": list(aliases)}

    for query, params in put_nodes("Department", [row(1, aliases=["甲"]), row(2)], lists=True):
        store.backend.write_atomic([(query, params)])
    update, create = put_nodes("Department", [row(1, aliases=["甲"]), row(2, "county"), row(3)], lists=True)
    assert written(store, update) == 1  # the one whose level changed; not the one as it was, not the new one
    store.backend.write_atomic([create])
    assert written(store, put_nodes("Department", [row(1, aliases=["乙", "甲"])], lists=True)[0]) == 1  # an alias
    got = store.rows("MATCH (d:Department) WHERE d.id STARTS WITH 'dept:t:' "
                     "RETURN d.id AS id, d.level AS level, d.name AS name, d.aliases AS aliases ORDER BY id")
    assert got == [{"id": "dept:t:1", "level": "city", "name": "局1", "aliases": ["甲", "乙"]},
                   {"id": "dept:t:2", "level": "county", "name": "局2", "aliases": []},
                   {"id": "dept:t:3", "level": "city", "name": "局3", "aliases": []}]


def test_a_quoted_task_is_compared_row_by_row_not_as_an_index_range(store, extracted):
    """Which quoting document describes a shared task is decided on the task found by its id: FalkorDB turned the
    bare comparison into a range over the doc_id index, which read every document's id above the row's on each
    load (a load's write grew with the store: 110 ms of it at 50,000 documents)."""
    store.load_document(extracted[TABLE])
    rows = [{"id": r["id"], "props": {"doc_id": "doc:"}}
            for r in store.rows("MATCH (u:Task) WHERE u.stub = true RETURN u.id AS id LIMIT 3")]
    assert rows
    graph = build_graph([extracted[TABLE]])
    update = next(q for q, _ in document_statements(graph, "doc:菏政办字〔2023〕56号", None, [])
                  if q.startswith("UNWIND $rows AS row MATCH (n:Task") and "doc_id" in q.split("WHERE", 1)[1])
    plan = [line.strip() for line in store.backend.client.explain(update, {"rows": rows})]
    scan = next(i for i, line in enumerate(plan) if line.startswith("Node By Index Scan"))
    assert plan[scan - 1] == "Filter", plan
