"""The national corpus generator of the benchmarks (bench/corpus.py): what bench/scale.py measures must be
documents policykg reads as the generator meant them, or the scale numbers say nothing."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from policykg.ingest.extract import extract_bytes
from policykg.ingest.regions import region_index

BENCH = Path(__file__).resolve().parents[2] / "bench"


# the scripts import their siblings as Python puts bench/ first on a script's path
sys.path.insert(0, str(BENCH))
import corpus  # noqa: E402


@pytest.fixture(scope="module")
def generated() -> list[tuple[str, str]]:
    return list(corpus.generate(60, seed=3))


@pytest.fixture(scope="module")
def extracted(generated):
    return [(rel, extract_bytes(text.encode("utf-8"), Path(rel).name)) for rel, text in generated]


def _region(rel: str) -> tuple[str, str]:
    code, level = Path(rel).stem.split("_")[1:]
    return code, level


def test_the_same_seed_gives_the_same_files_and_another_seed_other_files(generated):
    assert list(corpus.generate(60, seed=3)) == generated
    assert [t for _, t in corpus.generate(60, seed=4)] != [t for _, t in generated]


def test_every_level_of_the_tree_is_there_and_regions_are_real(generated):
    ri = region_index()
    levels = {_region(rel)[1] for rel, _ in generated}
    assert levels == {"province", "city", "county"}
    for rel, _ in generated:
        code, level = _region(rel)
        assert ri.by_code[code].level == level


def test_each_document_is_read_as_from_its_region_and_level(extracted):
    for rel, doc in extracted:
        code, level = _region(rel)
        assert doc.document.region_code == code, rel
        assert doc.document.level == level, rel
        assert doc.document.doc_number and doc.document.title and doc.document.date, rel


def test_most_documents_give_tasks_led_by_known_departments_and_targets_with_years(extracted):
    with_tasks = [doc for _, doc in extracted if doc.tasks]
    assert len(with_tasks) >= 0.85 * len(extracted)
    for doc in with_tasks:
        assert not doc.unknown_departments, doc.file
        assert any(t.leads for t in doc.tasks), doc.file
        assert any(t.year for t in doc.targets), doc.file


def test_provincial_and_city_documents_name_departments_of_their_own_level(extracted):
    for rel, doc in extracted:
        _, level = _region(rel)
        if level == "county" or doc.cascades:  # a county-level city's 市发展改革局 reads as a city's (the prefix
            continue                             # cannot tell); a table names the upper level's units too
        own = {u.level for t in doc.tasks for u in t.units if u.known and not u.collective}
        assert own <= {level}, rel


def test_implementing_documents_cite_a_document_of_the_region_above_that_the_corpus_holds(generated, extracted):
    ri = region_index()
    by_number = {doc.document.doc_number: _region(rel)[0] for rel, doc in extracted}
    implementing = [(rel, doc) for rel, doc in extracted if "贯彻落实" in (doc.document.title or "")]
    assert implementing
    for rel, doc in implementing:
        code, _ = _region(rel)
        cited = [r.target for r in doc.references if r.kind == "IMPLEMENTS" and r.target in by_number]
        assert cited, rel
        assert by_number[cited[0]] == ri.by_code[code].parent_code, rel


def test_division_of_labour_tables_map_the_upper_documents_tasks_to_units_at_both_levels(extracted):
    tables = [doc for _, doc in extracted if doc.cascades]
    assert tables
    for doc in tables:
        for row in doc.cascades:
            assert row.province_leads and row.city_leads, doc.file
            assert row.lower_level == doc.document.level, doc.file


def test_a_notice_numbers_its_items_past_ninety_nine():
    """A 100,000-document corpus holds notices long enough for more than 99 items (a numbering that stopped at
    九十九 crashed `bench/scale.py --long` while it wrote the corpus)."""
    import cn2an

    numerals = [corpus.cn_number(k) for k in range(1, 151)]
    assert [cn2an.cn2an(n, "strict") for n in numerals] == list(range(1, 151))
    assert corpus._HEAD_NUMBER.sub("", f"（{corpus.cn_number(101)}）加强统筹") == "加强统筹"
