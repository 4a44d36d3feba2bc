"""The fast paths of the extraction pipeline (cleaning, clauses, units, records) give what the plain ways
they replace give; each plain way is written out in its test. Whole documents are compared by
tests/test_scores.py and by the extraction itself being unchanged (the byte-identity check of the ingest)."""
from __future__ import annotations

import gc
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from policykg.ingest import clauses, normalize
from policykg.ingest.clause_words import _first_chars, clause_words, needed_literals
from policykg.ingest.departments import DepartmentCatalog, default_catalog
from policykg.ingest.extract import ExtractionError, extract_bytes

from .test_fast_paths import DOCUMENT, SETTINGS, TEXT, UNIT_LIST, _plain_unclosed_bracket

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
        assert rule.openers is not None  # (tried only where a match can start: the test would pass vacuously)
        assert [m.span() for m in rule.finditer(text)] == [m.span() for m in rule.pattern.finditer(text)]
        found, plain = rule.search(text), rule.pattern.search(text)
        assert (found and found.span()) == (plain and plain.span())
        assert rule.sub("#", text) == rule.pattern.sub("#", text)


def test_first_characters_of_patterns():
    assert _first_chars(re.compile("a?b|(?:cd)+e")) == frozenset("abc")
    assert _first_chars(re.compile("(?<!x)[yz]w")) == frozenset("yz")  # (a look around matches no character)
    assert _first_chars(re.compile("a*")) is None  # it can match nothing
    assert _first_chars(re.compile(".b|c")) is None  # any character may start it


def test_needed_literals_of_patterns():
    assert needed_literals(re.compile("(?:ab|c)d+efg")) == ("efg",)
    assert needed_literals(re.compile("(?:xy)|(?:z(?:uvw)?)")) == ("xy", "z")
    assert needed_literals(re.compile("(?:xy)|(?:[ab]+)")) is None  # an alternative with no literal: sought always
    assert needed_literals(re.compile("(?P<units>abc)|d")) == ("abc", "d")


# -- cleaning: a line that ends a sentence is known not to continue before the searches ------------------

LINES = st.lists(st.sampled_from(["一、总体要求", "(一)强化创新", "1.", "一", "、降低成本", "牵头单位:", "市财政局", "。", "；", "!",
                                  "(", "〔", ")", "〕", "关于印发方案的通知", "菏政办字〔2023〕12号", "各县区人民政府:",
                                  "2023年5月6日", "索引号:123", "\t", "|", "”", "积", "极推进"]) | TEXT, max_size=8).map(
    lambda parts: "".join(parts).replace("\n", "") or "积")  # a line, never empty: what the joiner passes


@SETTINGS
@given(LINES, LINES)
def test_continued_lines_equal_the_plain_checks(prev, nxt):
    assert normalize._continues(prev, nxt) == _plain_continues(prev, nxt)


def _plain_continues(prev: str, nxt: str) -> bool:
    """``_continues`` as it was: every check in turn."""
    n = normalize
    if n._BARE_NUMERAL.match(prev) and nxt[0] in "、.．":
        return True
    if n._LONE_MARKER.match(prev) and len(prev) <= 6 and n._CJK_OPENING.match(nxt) and "\t" not in nxt:
        return not n.MARKER.match(nxt)
    if not prev or not nxt or "\t" in prev or "\t" in nxt or n._PIPE_ROW.match(prev) or n._PIPE_ROW.match(nxt):
        return False
    if "年" in nxt and n._DATE_LINE.match(nxt):
        return False
    if _plain_unclosed_bracket(prev):
        return not n.MARKER.match(nxt)
    if n.MARKER.match(nxt) or n._LABEL_LINE.match(nxt) or n._DOC_NUMBER_LINE.match(nxt) or n._ADDRESSEE.match(nxt):
        return False
    if n.ENDS_AS_TITLE.search(prev) or n._DOC_NUMBER_LINE.match(prev) or n._PAGE_FACTS_LINE.search(prev):
        return False
    label = n._LABEL_LINE.match(prev)
    if label and not prev[label.end():].strip():
        return True
    last = prev[-1]
    if last in n._TERMINAL or last in ":)]】〕":
        return False
    if last in "”\"'" and len(prev) > 1 and prev[-2] in n._TERMINAL:
        return False
    if n._LABEL_LINE.match(prev):
        return not re.search(r"[。\d]", nxt) and not clause_words().structure.search(nxt)
    if len(prev) < 20:
        return False
    if n.MARKER.match(prev) and "。" not in prev:
        return False
    return True


# -- a name resolved once for every date that passes over the same renamings ---------------------------

def _dates():
    sinces = sorted({since for _, _, since in default_catalog().renames if since})
    assert sinces  # (the bundled data renames bodies from a date on: else the test would show nothing)
    around = [d for s in sinces for d in (s, s[:8] + "01", str(int(s[:4]) - 1) + s[4:], str(int(s[:4]) + 1) + s[4:])]
    return st.sampled_from([None, "1999-01-01", "2030-12-31", *around])


@SETTINGS
@given(st.lists(st.tuples(NAMES, _dates()), min_size=1, max_size=6))
def test_names_resolved_per_renamings_skipped_equal_resolving_for_each_date(asked):
    catalog = default_catalog()
    for name, on in asked:
        assert catalog.resolve(name, on) == catalog._resolve(name, on)


def test_a_renaming_applies_from_its_date_on():
    catalog = DepartmentCatalog()
    catalog.extend({"rename": [{"pattern": "^市旅游局$", "to": "市文化和旅游局", "since": "2019-01-01"}]})
    assert catalog.resolve("市旅游局", "2018-12-31").name == "市旅游局"
    assert catalog.resolve("市旅游局", "2019-01-01").name == "市文化和旅游局"
    assert catalog.resolve("市旅游局", "2018-06-30").name == "市旅游局"  # (the answer kept for the older dates)
    assert catalog.resolve("市旅游局", None).name == "市文化和旅游局"


# -- clause patterns tried only on texts holding the bracket they need -----------------------------------

@SETTINGS
@given(UNIT_LIST | DOCUMENT)
def test_bracket_patterns_are_skipped_only_where_they_cannot_match(text):
    guarded = [(clauses._REMARK_AT_END, ")"), (clauses._TRAILING_PAREN, ")〉"), (clauses._BRACKETED, "("),
               (clauses._SHORT_BRACKETED, "(")]
    for piece in [text, *re.split(r"[、,，;；]", text)]:
        for pattern, needed in guarded:
            if not any(ch in piece for ch in needed):
                assert pattern.search(piece) is None
    assert clauses._strip_marks(text) == _plain_strip_marks(text)


def _plain_strip_marks(text):
    words = clause_words()
    found = [bool(words.mark.search(m.group())) for m in re.finditer(r"\([^()]{1,6}\)", text)]
    return re.sub(r"\([^()]{1,6}\)", lambda m: "" if words.mark.search(m.group()) else m.group(), text), any(found)


@SETTINGS
@given(UNIT_LIST | DOCUMENT, st.integers(0, 500))
def test_pieces_cleaned_once_equal_cleaning_each(text, offset):
    catalog = default_catalog()
    for piece, a, b in clauses._split_list(text, catalog):
        for _ in range(2):  # the second is the kept one
            assert clauses._cleaned_piece(piece, offset + a, catalog) == \
                clauses._clean_piece(piece, offset + a, offset + b, catalog)


# -- a provision that cannot hold a clause is passed over ----------------------------------------------

PROVISION = st.lists(st.sampled_from(["(牵头单位：市商务局)", "市财政局、市税务局按职责分工负责", "市财政局负责", "牵头单位:市商务局",
                                      "率头单位:市商务局", "配合单位：", "各县区政府配合", "推进产业发展", "实施", "工作", "。", "\n",
                                      "，", "；", " ", "(牵头)", "〔", "【", "[", "市发展改革委牵头"]) | TEXT,
                      max_size=12).map("".join)


@SETTINGS
@given(PROVISION)
def test_provisions_passed_over_hold_no_clause(text):
    catalog = default_catalog()
    found = clauses.find_clauses(text, catalog)
    with pytest.MonkeyPatch.context() as m:
        m.setattr(clauses, "_may_hold_clause_unbracketed", lambda *_: True)
        assert clauses.find_clauses(text, catalog) == found
    if not clauses._may_hold_clause(text, catalog):
        assert found == []


# -- a table written cell by cell is sought only in texts with a number column's header line ------------

@SETTINGS
@given(st.lists(st.sampled_from(["序号", "编号", "序", "号", " ", "\u3000", "\t", "\n", "\r", "\x1c", "\x85", "\xa0",
                                 "工作任务", "牵头单位", "1", "2"]) | TEXT, max_size=20).map("".join))
def test_header_lines_found_at_once_equal_each_line_stripped(text):
    from policykg.ingest import tables

    each = any(tables._NUMBER_HEADER.match(line.strip()) for line in text.split("\n"))
    assert bool(tables._NUMBER_HEADER_LINE.search(text)) == each
    assert tables.has_number_header_line(text) == each  # (the lines holding 序 or 号 asked alone)


# -- junk header lines read line by line from the top, not from the whole text split -------------------

def _plain_drop_junk_header(text: str):
    """``_drop_junk_header`` as it was: the whole text split into lines."""
    lines = text.split("\n")
    seen, cut_line = 0, -1
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        seen += 1
        if seen > 6:
            break
        if len(line) <= normalize._JUNK_LINE_MAX and (normalize._PHONE.match(line) or normalize._URL.search(line)):
            cut_line = i
    if cut_line < 0:
        return text, None
    cut = sum(len(line) + 1 for line in lines[: cut_line + 1])
    omap = normalize.OffsetMap()
    omap.add(0, cut, len(text), True)
    omap.length = len(text) - cut
    return text[cut:], omap


JUNK_LINES = st.lists(st.sampled_from(["0530-1234567", "13800138000", "www.example.com", "关注公众号", "扫码", "\n", "\n\n",
                                       " ", "\u3000", "关于印发方案的通知", "菏政办字〔2023〕12号", "一、总体要求", "x" * 90]),
                      max_size=12).map("\n".join)


@SETTINGS
@given(JUNK_LINES | TEXT)
def test_junk_header_read_from_the_top_equals_the_text_split(text):
    assert normalize._drop_junk_header(text) == _plain_drop_junk_header(text)


# -- a flattened document's markers sought in its long lines where they stand ---------------------------

def _plain_flattened_breaks(text: str) -> list[int]:
    """``_flattened_breaks`` as it was: the text split into lines, every line's markers sought everywhere."""
    breaks, pos = [], 0
    for line in text.split("\n"):
        if len(line) >= normalize._FLAT_LINE_MIN:
            last: dict[str, int] = {}
            found = []
            for m in normalize._FLAT_MARKER.finditer(line):
                kind = m.lastgroup or ""
                value = normalize.chinese_to_int(re.sub(r"[^一二三四五六七八九十百]", "", m.group()))
                if value is not None and (value == 1 or value == last.get(kind, -1) + 1):
                    last[kind] = value
                    if m.start() > 0:
                        found.append(pos + m.start())
            if len(found) >= 3:
                breaks.extend(found)
        pos += len(line) + 1
    return breaks


FLAT_PIECES = st.sampled_from(["一、", "二、", "三、", "四、", "(一)", "(二)", "(三)", "第一条", "第二条", "第三条", "十一、", "。", ";", ":",
                               ")", "」", "加强领导", "推进产业发展" * 20, "\n", "第", "(", "十"])
FLAT_TEXT = st.lists(FLAT_PIECES, max_size=80).map("".join)


@SETTINGS
@given(FLAT_TEXT | TEXT | st.lists(st.sampled_from(["\n", "一、", "(二)", "第三条", "。", "文" * 300, "四、", "五、"]) | DOCUMENT,
                                max_size=12).map("".join))
def test_flattened_breaks_sought_where_the_long_lines_stand_equal_the_text_split(text):
    assert normalize._flattened_breaks(text) == _plain_flattened_breaks(text)


def test_flattened_breaks_found_in_a_long_line():
    for marker in ("{}、", "({})", "第{}条"):
        line = "总体要求。" + "".join(marker.format(n) + "推进产业发展" * 30 + "。" for n in "一二三四")
        text = "标题\n" + line + "\n附件"
        assert normalize._flattened_breaks(text) == _plain_flattened_breaks(text) != []


# -- the cycle collector, paused while a document is read ---------------------------------------------


@pytest.mark.parametrize("enabled", [True, False])
def test_extraction_leaves_the_cycle_collector_as_it_found_it(enabled):
    """A library call must not change the process' collector: it is paused while a document is read and
    restored after, also when the document is refused; a caller that turned it off keeps it off."""
    document = "关于促进就业的若干措施\n一、稳定岗位。落实补贴政策。(责任单位:市人力资源社会保障局)\n".encode()
    was = gc.isenabled()
    try:
        gc.enable() if enabled else gc.disable()
        assert extract_bytes(document, "a.txt").tasks
        assert gc.isenabled() is enabled
        with pytest.raises(ExtractionError):
            extract_bytes("没有编号的一段话。".encode(), "b.txt")
        assert gc.isenabled() is enabled
    finally:
        gc.enable() if was else gc.disable()
