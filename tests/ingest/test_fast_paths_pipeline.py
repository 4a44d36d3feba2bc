"""The fast paths of the extraction pipeline (cleaning, clauses, units, records) give what the plain ways
they replace give; each plain way is written out in its test. Whole documents are compared by
tests/test_scores.py and by the extraction itself being unchanged (the byte-identity check of the ingest)."""
from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

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
