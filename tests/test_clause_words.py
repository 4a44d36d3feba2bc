"""Clause words are data: one file, compiled once, the same words for every parser."""
from __future__ import annotations

import tomllib

import pytest

from policykg.ingest import clause_words as cw
from policykg.ingest.clauses import parse_clause
from policykg.ingest.departments import default_catalog
from policykg.ingest.normalize import clean_document
from policykg.ingest.tables import Cell, classify_header


def data() -> dict:
    return tomllib.loads(cw.DATA_FILE.read_text(encoding="utf-8"))


@pytest.mark.parametrize("kind, role", sorted(data()["labels"]["kinds"].items()))
def test_every_label_of_the_data_file_is_read_with_its_role(kind, role):
    words = cw.clause_words()
    m = words.label.search(f"({kind}单位:市财政局)")
    assert m and words.label_role(m.group("kind")) == role
    assert words.label_line.match(f"{kind}部门:市财政局")


def test_a_new_label_costs_a_line_of_data():
    extended = data()
    extended["labels"]["kinds"]["督办"] = "lead"
    words = cw.compile_words(extended)
    m = words.label.search("(督办单位:市财政局)")
    assert m and words.label_role(m.group("kind")) == "lead"
    assert cw.clause_words().label.search("(督办单位:市财政局)") is None


def test_a_new_closing_verb_costs_a_line_of_data(monkeypatch):
    catalog = default_catalog()
    before = [(m.written, m.role) for m in parse_clause("市财政局统筹,市税务局配合", 0, catalog)]
    assert ("市财政局", "lead") not in before
    extended = data()
    extended["closing"].append({"role": "lead", "patterns": ["统筹"]})
    import policykg.ingest.clauses as clauses
    compiled = cw.compile_words(extended)
    monkeypatch.setattr(clauses, "clause_words", lambda: compiled)
    assert [(m.written, m.role) for m in parse_clause("市财政局统筹,市税务局配合", 0, catalog)] == [
        ("市财政局", "lead"), ("市税务局", "cooperate")]


def test_label_lines_and_table_headers_use_the_same_words():
    # a label line is never glued onto the provision above it
    text = clean_document("1.推进建设,完善体系,加快发展相关产业和配套设施建设工作\n协同单位:市财政局\n").text
    assert text.splitlines()[1] == "协同单位:市财政局"
    columns = classify_header([Cell(t, -1, -1) for t in ("序号", "工作任务", "牵头单位", "协同单位")])
    assert [c.cooperate for c in columns if c.role == "units"] == [False, True]


def test_widened_needs_find_what_the_pattern_finds():
    # first_listed_leads is sought by 为牵头, 是牵头 … (the characters that must stand before its 牵头), not by
    # 牵头 alone: the same matches, in texts where 牵头 stands in labels and rules alike
    sought = cw.clause_words().first_listed_leads
    assert "牵头" not in (sought.needs or ())
    assert all(len(word) > 2 and word.endswith("牵头") for word in sought.needs or ())
    texts = [
        "(牵头单位:市商务局;配合单位:市财政局)各项任务中排在第一位的为牵头单位。",
        "市住建局牵头,市财政局配合。以黑体字标注的为牵头部门、单位,下同。",
        "排在第一位的是该项的牵头单位", "第一个单位为牵头", "首位部门为牵头", "标记为加粗的单位是牵头",
        "牵头:市发展改革委", "由市财政局牵头负责", "列第一位的单位牵头", "",
    ]
    for text in texts:
        found, expected = sought.search(text), sought.pattern.search(text)
        assert (found and found.span()) == (expected and expected.span()), text
        assert [m.span() for m in sought.finditer(text * 2)] == [m.span() for m in sought.pattern.finditer(text * 2)]


def test_needed_literals_widened_by_what_must_stand_before():
    import re

    assert set(cw.needed_literals(re.compile("(?:甲|乙)丙丁"), widen=True) or ()) == {"甲丙丁", "乙丙丁"}
    assert cw.needed_literals(re.compile("(?:甲|乙)?丙丁"), widen=True) == ("丙丁",)  # may stand first
    assert set(cw.needed_literals(re.compile("甲(?:乙|丙)?丁戊|乙丁戊"), widen=True) or ()) == {"甲丁戊", "乙丁戊", "丙丁戊"}
    assert cw.needed_literals(re.compile("甲乙丙|(?:丁|戊)甲乙丙"), widen=True) == ("甲乙丙",)  # (holds the others)
