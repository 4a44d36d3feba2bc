"""Incremental relinking: after loading documents one by one, ``relink(changed=...)`` leaves the store with
the links a full relink gives (as sets, with the same scores), whatever the order of arrival."""
from __future__ import annotations

from pathlib import Path

import pytest

from policykg.graph.ids import document_id, document_key
from policykg.graph.linking import corpus_units, explicit_pairs, link_units
from policykg.ingest.extract import extract_file

from .compare import sample_docs

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "linking"
LINKS = ("MATCH (a:Task)-[r:CASCADES_FROM|RELATES_TO]->(b:Task) WHERE r.basis = 'inferred' "
         "RETURN a.id AS a, type(r) AS type, b.id AS b, r.score AS score, r.rank AS rank, r.terms AS terms")


def _corpus():
    by_name = {d.file.rsplit("/", 1)[-1][:3]: d for d in sample_docs()}
    henan = extract_file(FIXTURES / "POL_273216F1CBEED1531204.txt")  # 河南省, provincial
    xinyang = extract_file(FIXTURES / "POL_8DF518026BD48DE5A7FE.txt")  # 信阳市, implements it
    return {**by_name, "henan": henan, "xinyang": xinyang}


def _links(store) -> dict[tuple[str, str, str], tuple[float, int, tuple]]:
    return {(r["a"], r["type"], r["b"]): (r["score"], r["rank"], tuple(r["terms"] or ())) for r in store.rows(LINKS)}


def _same(a: dict, b: dict) -> None:
    assert a.keys() == b.keys()
    for k in a:
        assert abs(a[k][0] - b[k][0]) < 1e-9 and a[k][1:] == b[k][1:], k


def test_links_of_some_lower_documents_are_those_of_a_full_run():
    docs = list(_corpus().values())
    units, explicit = corpus_units(docs), explicit_pairs(docs)
    full = link_units(units, explicit)
    lower_docs = {document_key(d) for d in docs[:3]}
    part = link_units(units, explicit, lower_docs=lower_docs)
    assert part and part != full
    assert [(lk.key, lk.props) for lk in part] == [(lk.key, lk.props) for lk in full
                                                   if lk.source.split(":")[1] in lower_docs]


@pytest.mark.parametrize("order", [
    ("000", "001", "003", "004", "xinyang", "002", "henan"),  # the provincial documents last
    ("henan", "002", "001", "xinyang", "004", "003", "000"),  # the provincial documents first
    ("003", "henan", "000", "002", "xinyang", "001", "004"),
])
def test_incremental_relink_equals_a_full_one(tmp_path, order):
    from policykg.graph.stores.factory import embedded_store

    docs = _corpus()
    s = embedded_store(tmp_path / "data")
    try:
        for name in order:
            s.load_document(docs[name])
            s.relink(changed=[document_id(document_key(docs[name]))])
        incremental = _links(s)
        # a reload of the same document deletes its tasks' links: the relink after it puts them back
        s.load_document(docs[order[0]])
        s.relink(changed=[document_id(document_key(docs[order[0]]))])
        assert _links(s) == incremental
        s.relink()
        full = _links(s)
    finally:
        s.backend.server.stop(force=True)
    assert full and any(t == "CASCADES_FROM" for _, t, _ in full)
    _same(incremental, full)


def test_a_document_moved_in_the_region_tree_frees_its_old_subtree(tmp_path):
    """A reload that gives the provincial document another region (a better reading of its issuer): the
    city documents of its old province lose its links and take their next best, as a full relink says."""
    from policykg.graph.stores.factory import embedded_store
    from policykg.ingest.regions import region_index

    docs = _corpus()
    shandong = docs["002"]
    moved = shandong.model_copy(update={"document": shandong.document.model_copy(
        update={"region_code": region_index().get("河南省").code})})
    s = embedded_store(tmp_path / "data")
    try:
        for name in ("000", "001", "003", "002", "henan", "xinyang"):
            s.load_document(docs[name])
        s.relink()
        before = _links(s)
        s.load_document(moved)
        s.relink(changed=[document_id(document_key(moved))])
        incremental = _links(s)
        s.relink()
        full = _links(s)
    finally:
        s.backend.server.stop(force=True)
    assert incremental != before  # the move changed something
    _same(incremental, full)
