"""Replacing a document leaves no trace of the old version on shared nodes (its claims, orphan_check)."""
from __future__ import annotations

import pytest

from policykg.graph.stores.factory import embedded_store
from policykg.ingest.extract import extract_bytes
from policykg.ingestion import DOCUMENTS_NAMING

NAMED_BY = f"MATCH (d:Department) WITH d, {DOCUMENTS_NAMING} AS docs WHERE $doc IN docs RETURN d.name AS n"


@pytest.fixture
def store(loaded_store):
    st = embedded_store(loaded_store.backend.server.data_dir, graph="replace-cleans-test")
    st.clear()
    yield st
    st.clear()


def test_replacing_a_document_cleans_what_the_old_version_left(store, corpus_files):
    for f in corpus_files:
        store.load_document(extract_bytes(f.read_bytes(), f.name))
    first = extract_bytes(corpus_files[0].read_bytes(), corpus_files[0].name)
    did = "doc:" + (first.document.doc_number or first.document.title)
    named_before = store.rows(NAMED_BY, {"doc": did})
    # the new version names no department in its clauses: only its issuer still has a claim from it
    edited = corpus_files[0].read_text("utf-8").replace("牵头单位", "牵头人").replace("责任单位", "责任人")
    store.load_document(extract_bytes(edited.encode(), corpus_files[0].name))
    assert store.rows("MATCH (d:Department) WHERE d.orphan_check IS NOT NULL RETURN d.name AS n") == []
    still = store.rows(NAMED_BY, {"doc": did})
    issuers = store.rows("MATCH (:Document {id: $doc})-[:ISSUED_BY]->(d) RETURN d.name AS n", {"doc": did})
    assert len(named_before) > len(still) and sorted(r["n"] for r in still) == sorted(r["n"] for r in issuers)
