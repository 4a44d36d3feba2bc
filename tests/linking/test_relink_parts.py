"""A full relink made in parts of whole provinces (a store larger than ``relink_budget`` documents) leaves the
links, scores, counts and marks a relink in one read and one write leaves; one stopped half-way is redone."""
from __future__ import annotations

import pytest

from policykg.graph.ids import document_id, document_key
from policykg.graph.linking import parts as relink_parts
from policykg.graph.linking.store import marked

from .test_incremental import _corpus

LINKS = ("MATCH (a:Task)-[r:CASCADES_FROM|RELATES_TO]->(b:Task) WHERE r.basis = 'inferred' "
         "RETURN a.id AS a, type(r) AS type, b.id AS b, properties(r) AS props")
MARKS = ("MATCH (d:Document) RETURN d.id AS id, d.link_level AS level, d.link_region AS region, "
         "d.link_counts AS counts ORDER BY id")


def _state(store) -> tuple[dict, list]:
    links = {(r["a"], r["type"], r["b"]): r["props"] for r in store.rows(LINKS, row_cap=100_000)}
    return links, store.rows(MARKS)


@pytest.fixture(scope="module")
def linked(tmp_path_factory):
    """The sample corpus (Shandong) and a Henan province and city document, loaded and linked in one part."""
    from policykg.graph.stores.factory import embedded_store

    store = embedded_store(tmp_path_factory.mktemp("parts") / "data")
    docs = _corpus()
    for doc in docs.values():
        store.load_document(doc)
    report = store.relink()
    try:
        yield store, docs, _state(store), report
    finally:
        store.backend.server.stop(force=True)


def test_the_store_is_cut_by_province_and_each_part_reads_its_scope(linked):
    store, docs, _, _ = linked
    places = relink_parts.document_places(store._link_read)
    cut = relink_parts.parts(places, budget=3)
    by_doc = {d: part for part in cut for d in part.docs}
    assert sorted(by_doc) == sorted(r["id"] for r in store.rows("MATCH (d:Document) RETURN d.id AS id"))
    assert len(by_doc) == sum(len(part.docs) for part in cut)  # each document in one part
    # a province is never split, whatever the budget; two are not packed beyond it
    henan = {by_doc[document_id(document_key(docs[k]))].docs for k in ("henan", "xinyang")}
    shandong = {by_doc[document_id(document_key(docs[k]))].docs for k in ("000", "001", "002", "003", "004")}
    assert len(henan) == len(shandong) == 1 and henan != shandong
    assert all(set(part.docs) <= set(part.reads) for part in cut)
    # one part for the whole store when the budget allows it
    assert len(relink_parts.parts(places, budget=100)) == 1


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_relink_in_parts_leaves_what_one_in_one_write_leaves(linked, jobs):
    """One part after the other, or scored by two worker processes while the next part is read."""
    store, _, (links, marks), report = linked
    assert links and any(t == "CASCADES_FROM" for _, t, _ in links)
    writes: list[int] = []
    write = store._write
    store._write = lambda statements: (writes.append(len(statements)), write(statements))
    budget, store.relink_budget = store.relink_budget, 3
    try:
        again = store.relink(jobs=jobs)
    finally:
        store.relink_budget = budget
        del store._write
    cut = relink_parts.parts(relink_parts.document_places(store._link_read), budget=3)
    assert len(cut) > 1 and len(writes) == len(cut)  # one write a part
    assert _state(store) == (links, marks)  # the same links with the same properties, to the last bit
    assert again == report
    assert marked(store._link_read)


def test_a_relink_stopped_between_parts_is_redone_in_full_by_the_next(linked):
    store, docs, (links, marks), _ = linked
    # a store never linked: what the parts written before the stop leave is all it has
    store._write([("MATCH ()-[r]->() WHERE r.basis = 'inferred' DELETE r", {}),
                  ("MATCH (d:Document) SET d.link_level = null, d.link_region = null, d.link_counts = null", {})])
    cut = relink_parts.parts(relink_parts.document_places(store._link_read), budget=3)

    class Stopped(Exception):
        pass

    write = store._write
    calls = []

    def stop_at_the_last_part(statements):
        calls.append(1)
        if len(calls) == len(cut):
            raise Stopped()
        write(statements)

    store._write = stop_at_the_last_part
    budget, store.relink_budget = store.relink_budget, 3
    try:
        with pytest.raises(Stopped):
            store.relink()
        del store._write
        assert store.rows(LINKS)  # the parts before the stop were written
        assert not marked(store._link_read)  # but their marks do not make a linked store
        # an ingest's relink after it, for a document of another part than the one not written: not incremental,
        # since the store is not known to be linked
        first = next(k for k in docs if document_id(document_key(docs[k])) not in cut[-1].docs)
        store.relink(changed=[document_id(document_key(docs[first]))])
    finally:
        store.relink_budget = budget
    assert marked(store._link_read)
    assert _state(store) == (links, marks)
