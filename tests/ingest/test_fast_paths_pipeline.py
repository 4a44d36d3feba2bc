"""The fast paths of the extraction pipeline (cleaning, clauses, units, records) give what the plain ways
they replace give; each plain way is written out in its test. Whole documents are compared by
tests/test_scores.py and by the extraction itself being unchanged (the byte-identity check of the ingest)."""
from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from policykg.ingest.clause_words import clause_words, needed_literals
from policykg.ingest.departments import DepartmentCatalog, default_catalog

from .test_fast_paths import DOCUMENT, SETTINGS, UNIT_LIST

NAMES = UNIT_LIST | DOCUMENT | st.sampled_from(["各县区政府", "属地乡镇", "市直有关部门", "人民银行菏泽市分行", "国网商丘供电公司",
                                             "某某集团有限公司", "市住房公积金管理中心", "示范区财政局", "中共菏泽市委宣传部"])


# -- the catalog's pattern lists tried as one alternation -------------------------------------------


@SETTINGS
@given(NAMES)
def test_pattern_lists_as_one_alternation_equal_each_pattern_tried(text):
    catalog = default_catalog()
    catalog._lookup("")  # (builds the alternation of the known patterns)
    for name in [text, *re.split(r"[、,，;；\n]", text)]:
        head = name.split("、", 1)[0]
        assert catalog.is_collective(name) == any(p.search(name) or p.search(head) for p in catalog.collective_patterns)
        assert bool(catalog._known_any.match(name)) == any(p.match(name) for p in catalog.known_patterns)


def test_a_pattern_with_a_backreference_is_tried_on_its_own():
    catalog = DepartmentCatalog()
    catalog.extend({"collectives": {"patterns": [r"^(各)\1", "成员单位$"]}})
    assert catalog.is_collective("各各部门") and catalog.is_collective("领导小组成员单位")
    assert not catalog.is_collective("各部门")


# -- document rules sought only in texts holding a literal each of their matches holds ----------------

RULE_TEXT = st.lists(st.sampled_from(["排在第一位的为牵头单位", "列第一位为牵头", "第一单位为牵头", "首位为牵头", "牵头", "为牵头",
                                      "以下措施均需", "各县(市)人民政府", "落实", "不再列出", "不再", "列出", "均包括", "下同",
                                      "各项任务的责任单位均包括", "市财政局", "，", "。", ";"]) | DOCUMENT,
                     max_size=20).map("".join)


@SETTINGS
@given(RULE_TEXT)
def test_rules_sought_where_their_literal_stands_equal_the_patterns_sought_everywhere(text):
    words = clause_words()
    for rule in [words.first_listed_leads, *words.standing_units]:
        assert rule.needs  # (each of today's rules has one: the test would pass vacuously otherwise)
        assert [m.span() for m in rule.finditer(text)] == [m.span() for m in rule.pattern.finditer(text)]
        assert rule.sub("#", text) == rule.pattern.sub("#", text)


def test_needed_literals_of_patterns():
    assert needed_literals(re.compile("(?:ab|c)d+efg")) == ("efg",)
    assert needed_literals(re.compile("(?:xy)|(?:z(?:uvw)?)")) == ("xy", "z")
    assert needed_literals(re.compile("(?:xy)|(?:[ab]+)")) is None  # an alternative with no literal: sought always
    assert needed_literals(re.compile("(?P<units>abc)|d")) == ("abc", "d")
