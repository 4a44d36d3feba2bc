"""Loading documents into the embedded store: per document, all or nothing, idempotent, crash-safe."""
from __future__ import annotations

import os
import signal
import threading
import time

import pytest

from policykg.graph import repository as store_base
from policykg.graph.stores.errors import QueryError, StoreError
from policykg.graph.stores.factory import embedded_store
from policykg.ingest.extract import extract_bytes


@pytest.fixture
def store(tmp_path):
    s = embedded_store(tmp_path / "data")
    yield s
    s.backend.server.stop(force=True)


def tasks_of(store, doc_id):
    return store.rows("MATCH (t:Task) WHERE t.doc_id = $d RETURN count(t) AS n", {"d": doc_id})[0]["n"]


def big_document(n: int, number: str = "菏政办字〔2099〕1号") -> bytes:
    lines = ["菏泽市人民政府办公室", number, "菏泽市人民政府办公室关于印发大型测试任务清单的通知", "各县区人民政府:",
             "为推动工作,制定如下任务。", "一、重点任务"]
    lines += [f"{i}.推进第{i}项工作。加快建设一批项目,力争新增企业{i}家以上。"
              f"(牵头单位:市科技局、市发展改革委;参与单位:市财政局,各县区政府、管委会)" for i in range(1, n + 1)]
    lines += ["菏泽市人民政府办公室", "2099年1月1日"]
    return "\n".join(lines).encode("utf-8")


def test_loading_twice_gives_identical_counts(store, extracted):
    for doc in extracted.values():
        store.load_document(doc)
    first = store.counts()
    for doc in extracted.values():
        assert store.load_document(doc).replaced
    assert store.counts() == first
    assert first.nodes["Task"] > 200 and first.relationships["LEADS"] > 400


def test_store_holds_what_the_in_memory_graph_holds(store, extracted):
    from policykg.graph.build import build_graph

    # counted once before any relationship exists: counts per type still see the types that appear later
    assert store.counts().relationships == {}
    for doc in extracted.values():
        store.load_document(doc)
    memory = build_graph(extracted.values()).counts()
    stored = store.counts()
    assert stored.nodes == memory["nodes"]
    assert stored.relationships == memory["edges"]


def test_a_changed_document_replaces_its_provisions_and_nothing_else(store, extracted, corpus_files):
    for doc in extracted.values():
        store.load_document(doc)
    other_leads = store.rows("MATCH (:Department)-[r:LEADS]->(t:Task) WHERE t.doc_id <> $d RETURN count(r) AS n",
                             {"d": "doc:菏政办字〔2024〕7号"})[0]["n"]
    before = tasks_of(store, "doc:菏政办字〔2024〕7号")
    raw = corpus_files[0].read_text(encoding="utf-8")
    start = raw.index("6. 商务服务。")
    end = raw.index("（二）促进五大生活性服务业")
    changed = extract_bytes((raw[:start] + raw[end:]).encode("utf-8"), corpus_files[0].name)
    report = store.load_document(changed)
    assert report.replaced
    assert tasks_of(store, "doc:菏政办字〔2024〕7号") == before - 1
    assert not store.rows("MATCH (t:Task) WHERE t.doc_id = $d AND t.title = '商务服务' RETURN t.id AS id",
                          {"d": "doc:菏政办字〔2024〕7号"})
    assert store.rows("MATCH (:Department)-[r:LEADS]->(t:Task) WHERE t.doc_id <> $d RETURN count(r) AS n",
                      {"d": "doc:菏政办字〔2024〕7号"})[0]["n"] == other_leads


def test_a_document_that_fails_to_load_leaves_no_trace(store, extracted, monkeypatch):
    docs = list(extracted.values())
    store.load_document(docs[0])
    before = store.counts()
    real = store_base.document_statements

    def failing(*args, **kwargs):
        # the last statement fails at run time, after everything else was written
        return real(*args, **kwargs) + [("UNWIND [0] AS z MATCH (n:Task) SET n.boom = 1 / z", {})]

    version = store.rows(store_base.STORE_VERSION)
    monkeypatch.setattr(store_base, "document_statements", failing)
    with pytest.raises(QueryError):
        store.load_document(docs[3])
    assert store.counts() == before
    assert tasks_of(store, "doc:菏政办字〔2023〕13号") == 0
    assert store.rows(store_base.STORE_VERSION) == version  # the stamp goes in with the write, or not at all


def test_every_write_stamps_a_new_store_version(store, extracted):
    # what the API's caches are kept against (api/result_cache.py): a load, a reload, a relink and a removal each
    # change it, a read does not, and there is one stamp however many writes
    def version():
        rows = store.rows(store_base.STORE_VERSION)
        assert len(rows) <= 1
        return rows[0]["version"] if rows else None

    docs = list(extracted.values())
    seen = [version()]
    assert seen == [None]  # an empty store
    store.load_document(docs[0])
    seen.append(version())
    store.load_document(docs[1])
    seen.append(version())
    store.load_document(docs[1])  # the same text again: reread, still a write
    seen.append(version())
    store.relink()
    seen.append(version())
    assert store.upgrade() == 0 and version() == seen[-1]  # nothing to do: nothing written
    store.counts()
    assert version() == seen[-1]
    store.remove_document(store.load_document(docs[2]).document_id)
    seen.append(version())
    assert len(set(seen)) == len(seen), seen


def test_kill_9_during_a_load_leaves_each_document_whole_or_absent(tmp_path, extracted):
    data = tmp_path / "data"
    store = embedded_store(data)
    small = next(d for d in extracted.values() if d.document.doc_number == "菏政办字〔2024〕7号")
    store.load_document(small)
    small_tasks = tasks_of(store, "doc:菏政办字〔2024〕7号")
    big = extract_bytes(big_document(3000), "big.txt")
    outcome: dict = {}

    def load():
        try:
            store.load_document(big)
            outcome["done"] = True
        except StoreError as exc:
            outcome["error"] = exc

    worker = threading.Thread(target=load)
    worker.start()
    time.sleep(0.4)
    os.kill(store.backend.server.status()["pid"], signal.SIGKILL)
    worker.join(timeout=60)
    assert "error" in outcome, "the server was killed while the document was being written"

    again = embedded_store(data)  # recovers the stale socket and pid file
    try:
        big_tasks = tasks_of(again, "doc:菏政办字〔2099〕1号")
        assert big_tasks in (0, 3001), "a document is in the store whole or not at all"
        assert tasks_of(again, "doc:菏政办字〔2024〕7号") == small_tasks
        again.load_document(big)
        assert tasks_of(again, "doc:菏政办字〔2099〕1号") == 3001
    finally:
        again.backend.server.stop(force=True)
