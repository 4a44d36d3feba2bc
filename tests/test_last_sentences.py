"""The closing sentence of each line, found in linear time, is what the old (quadratic) pattern found."""
from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from policykg.ingest.clauses import _last_sentences

ORACLE = re.compile(r"[^。\n]+(?=。?(?:\n|$))")


@given(st.text(alphabet="市局负责。\n ;", max_size=60))
def test_the_last_sentence_of_every_line(text):
    assert list(_last_sentences(text)) == [(m.start(), m.group()) for m in ORACLE.finditer(text)]


def test_a_long_line_of_unended_sentences_is_one_pass():
    line = "推进工作;" * 5000 + "市财政局负责。"
    assert list(_last_sentences(line + "\n")) == [(0, line[:-1])]
