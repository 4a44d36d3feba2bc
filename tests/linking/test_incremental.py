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


def _loaded_and_linked(path, docs):
    from policykg.graph.stores.factory import embedded_store

    s = embedded_store(path)
    for doc in docs.values():
        s.load_document(doc)
    s.relink()
    return s


@pytest.mark.parametrize("removed", [
    "002",  # 山东省's measures: the city documents below it lose their links to it and take their next best
    "001",  # a city table: the provincial tasks it alone quoted go from 山东省's document
    "henan",  # 河南省's document, which 信阳市's names as the one it carries out
])
def test_a_removal_relinks_what_the_document_reached(tmp_path, removed):
    docs = _corpus()
    gone = document_id(document_key(docs[removed]))
    s = _loaded_and_linked(tmp_path / "data", docs)
    try:
        before = _links(s)
        s.remove_document(gone)
        incremental = _links(s)
        s.relink()
        full = _links(s)
    finally:
        s.backend.server.stop(force=True)
    # links of documents other than the removed one changed: the removal reached them
    others = lambda links: {k: v for k, v in links.items() if not k[0].startswith(f"task:{gone[4:]}:")}  # noqa: E731
    assert others(incremental) != others(before)
    _same(incremental, full)


def test_a_relink_segments_only_units_whose_text_changed(tmp_path, monkeypatch):
    """The evidence words of a unit are kept on its Task: a relink that finds nothing changed segments nothing,
    a reload segments the units of the reloaded document only, and the links are those of a fresh run."""
    from policykg.graph.linking import words

    segmented: list[str] = []
    real = words.jieba_tokens

    def counting(text, **kwargs):
        segmented.append(text)
        return real(text, **kwargs)

    monkeypatch.setattr(words, "jieba_tokens", counting)
    docs = _corpus()
    s = _loaded_and_linked(tmp_path / "data", docs)
    try:
        first = len(segmented)
        linked = _links(s)
        s.relink()
        again = len(segmented) - first
        reloaded = docs["000"]
        s.load_document(reloaded)
        segmented.clear()
        s.relink(changed=[document_id(document_key(reloaded))])
        after_reload = list(segmented)
        # words kept for another text (a key that does not match) are not used
        s.backend.write_atomic([("MATCH (t:Task) SET t.link_words = '伪造', t.link_words_of = 'stale'", {})])
        segmented.clear()
        s.relink()
        stale = len(segmented)
        relinked = _links(s)
    finally:
        s.backend.server.stop(force=True)
    assert first > 0 and again == 0
    own = {f"{u.title}。{u.text}" for u in corpus_units([reloaded])}
    assert after_reload and set(after_reload) <= own
    assert stale == first
    assert relinked == linked


def test_the_relink_report_counts_every_inferred_link(tmp_path):
    """After each relink the report counts every inferred link in the store by kind (as after a full relink), from
    the counts each document keeps; a store linked before they were kept is counted link by link once."""
    from policykg.graph.stores.factory import embedded_store

    def scanned(store) -> dict[str, int]:
        return {f"{r['type']} ({r['how']})": r["n"] for r in store.rows(
            "MATCH (:Task)-[r:CASCADES_FROM|RELATES_TO]->(:Task) WHERE r.basis = 'inferred' "
            "RETURN type(r) AS type, coalesce(r.direction, r.basis) AS how, count(r) AS n")}

    docs = _corpus()
    s = embedded_store(tmp_path / "data")
    try:
        reports = []
        for name in ("000", "henan", "002", "xinyang", "001"):
            s.load_document(docs[name])
            reports.append((s.relink(changed=[document_id(document_key(docs[name]))]).links, scanned(s)))
        s.remove_document(document_id(document_key(docs["002"])))
        reports.append((s.relink(changed=[]).links, scanned(s)))
        # as a store linked by an earlier policykg: no document keeps its count
        s.backend.write_atomic([("MATCH (d:Document) REMOVE d.link_counts", {})])
        s.load_document(docs["003"])
        reports.append((s.relink(changed=[document_id(document_key(docs["003"]))]).links, scanned(s)))
        reports.append((s.relink().links, scanned(s)))
    finally:
        s.backend.server.stop(force=True)
    assert all(reported == counted for reported, counted in reports), reports
    assert len({tuple(sorted(counted.items())) for _, counted in reports}) > 2  # the counts did change
