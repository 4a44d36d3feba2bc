"""The fast paths of cleaning and target finding that look characters up in a table (``char_classes``) give
what the plain scans they replace give (the style of test_fast_paths.py: random and mutated input drawn by
hypothesis, compared with the plain way written out here)."""
from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from policykg.corpus import sample_corpus_files
from policykg.ingest import metadata, normalize, targets
from policykg.ingest.char_classes import class_table, classes_of, positions_of
from policykg.ingest.normalize import clean_document
from policykg.ingest.numerals import DATE_PATTERN
from policykg.ingest.word_lists import alternation

from .test_fast_paths import DOCUMENT, QUANTITY_TEXT, SETTINGS

# control characters of each kind the cleaning drops, the line breaks and tabs it keeps, and characters beyond
# the Basic Multilingual Plane (two code units each) and a lone surrogate, where the code units and the
# characters part
ODD = ["\x00", "\x01", "\x0b", "\x1f", "\x7f", "\r", "\r\n", "\u200b", "\u200f", "\u202e", "\u2066", "\u061c", "\ufeff",
       "\n", "\t", " ", "\U00020000", "\U0001f600", "\ud800", "\x80", "\uffff", "文", "1"]
ODD_TEXT = st.lists(st.sampled_from(ODD) | DOCUMENT, max_size=12).map("".join)


@SETTINGS
@given(ODD_TEXT | st.text(max_size=40))
def test_classes_looked_up_by_code_unit_equal_each_pattern_matched_at_each_character(text):
    patterns = (normalize._CONTROL, re.compile(r"[\d一二三]"), re.compile(r"\s"))
    codes = classes_of(text, class_table(*patterns))
    if any(ord(c) > 0xFFFF for c in text):
        assert codes is None
        return
    assert codes is not None and len(codes) == len(text)
    assert codes.tolist() == [sum(1 << i for i, p in enumerate(patterns) if p.fullmatch(c)) for c in text]


@SETTINGS
@given(ODD_TEXT)
def test_a_document_cleaned_without_searching_for_control_characters_equals_searching(text):
    cleaned = clean_document(text)
    with pytest.MonkeyPatch.context() as m:
        m.setattr(normalize, "classes_of", lambda t, table: None)  # (as for a text beyond the BMP: searched)
        assert cleaned == clean_document(text)


@SETTINGS
@given(st.lists(st.sampled_from(["٣", "１", "\U0001f600", "十万", "百分点", "G", "‰"]) | QUANTITY_TEXT, max_size=8).map("".join))
def test_quantity_tails_tried_where_a_numeral_meets_a_unit_equal_the_search_of_the_text(text):
    sites = targets.QuantitySites(text)
    spans = [m.span() for m in targets._lexicon().quantity_tail.finditer(text)]
    assert list(zip(sites._starts, sites._ends)) == spans


MARK_TEXT = st.lists(st.sampled_from(["。", "！", "？", "!", "?", "\n", ",", ";", ":", "，", "；", "：", "1,000", "文", "a", " "])
                     | QUANTITY_TEXT, max_size=12).map("".join)


@SETTINGS
@given(MARK_TEXT)
def test_marks_found_by_str_find_equal_the_class_searched_at_every_character(text):
    assert positions_of(text, targets._SENTENCE_END) == [m.start() for m in targets._SENTENCE_END_MARK.finditer(text)]
    assert targets._hands_on_at(text) == [m.start() for m in targets._HANDS_ON.finditer(text)]
    assert targets._separators(text) == [m.start() for m in targets._SEPARATOR.finditer(text)
                                         if text[m.start()] != "," or not targets._digit_comma(text, m.start())]


TERM_TEXT = st.lists(st.sampled_from(["。", "\n", " ", "\u3000", "本", "以上", "上述", "此", "措施", "有效期", "执行期限", "至", "到",
                                      "截至", "2023", "年", "12", "月", "31", "日", "2023年12月31日", "。本措施有效期至2024年12月31日"])
                     | DOCUMENT, max_size=16).map("".join)


@SETTINGS
@given(TERM_TEXT)
def test_terms_tried_after_a_mark_and_an_opening_word_equal_the_search_of_every_mark(text):
    from policykg.ingest import target_years

    plain = {int(m.group("y")) for m in target_years._TERM.finditer(text)}
    opening = target_years._TERM_AT_START.match(text)
    assert target_years._term_years(text) == plain | ({int(opening.group("y"))} if opening else set())


COUNT_TEXT = st.lists(st.sampled_from(["聚焦", "打造", "重点发展", "新能源", "“新材料”", "、", "生物医药", "五", "11", "十二", "大", "个",
                                       "条", "重点", "战略性", "新兴", "行业", "产业", "产业链", "赛道", "领域", "，", "\n"])
                      | DOCUMENT, max_size=24).map("".join)


@SETTINGS
@given(COUNT_TEXT)
def test_a_text_told_to_count_no_industries_holds_no_counted_list(text):
    from policykg.ingest import industries

    if not industries._may_count(text):
        assert industries._lexicon().counted_list.search(text) is None
    with pytest.MonkeyPatch.context() as m:
        m.setattr(industries, "_may_count", lambda t, rev=None: True)
        plain = industries.from_enumerations(text)
    assert industries.from_enumerations(text) == plain


def test_a_counted_list_is_still_read():
    from policykg.ingest import industries

    names = [i.name for i in industries.from_enumerations("重点发展新能源、新材料、“生物医药”3大新兴产业。")]
    assert names == ["新能源", "新材料", "生物医药"]


@SETTINGS
@given(st.lists(st.sampled_from(["\n", "\n\n", " ", "\t", "-", "—", "第", "页", "— 3 —", "第 2 页", "文", "1"]) | DOCUMENT,
                max_size=16).map("".join), st.integers(0, 50))
def test_line_openings_equal_the_line_starts_opening_with_their_characters(text, pos):
    opening = normalize._PAGE_NUMBER_STARTS
    pos = min(pos, len(text) + 1)
    plain = next((p for p in range(pos, len(text)) if (p == 0 or text[p - 1] == "\n") and text[p] in opening.chars), None)
    found = opening.search(text, pos)
    assert (found.start() if found else None) == plain
    assert [m.span() for m in normalize.matches_from(normalize._PAGE_NUMBER, text, opening)] == \
        [m.span() for m in normalize._PAGE_NUMBER.finditer(text)]


@SETTINGS
@given(st.lists(st.sampled_from(["完成时限", "完成时间", "时间节点", "时限要求", "办结时限", "时限", "时", ":", "：", " ", "2024年底前",
                                 ";", "附件", "附件1", "附件:", "\n", "文"]) | DOCUMENT, max_size=12).map("".join))
def test_prechecks_by_a_literal_every_match_holds_equal_the_plain_searches(text):
    from policykg.ingest import outline, target_scope

    m = target_scope._DEADLINE_LABEL.search(text)
    assert target_scope.deadline_in_clause(text) == (normalize.compact(m.group("v")) if m else None)
    a = outline._ATTACHMENT.match(text)
    assert outline._attachment_label(text) == ("附件" + (a.group(1) or "") if a and len(text) <= 80 else None)


@SETTINGS
@given(st.lists(st.sampled_from(["河南省", "商丘", "菏泽市", "广州", "江西省九江市修水县", "黔东南州", "河", "南", "\U00020000", "文", "、"])
                | DOCUMENT, max_size=16).map("".join))
def test_name_heads_found_by_table_lookups_equal_the_pattern_s_positions_that_hold_a_head(text):
    from policykg.ingest.regions import region_index

    ri = region_index()
    starts = ri.head_starts(text)
    plain = [m.start() for m in ri.name_start.finditer(text) if text[m.start():m.start() + 2] in ri.heads]
    assert starts is None if any(ord(c) > 0xFFFF for c in text) else starts == plain


RULE_TEXT = st.lists(st.sampled_from(["可", "可以", "可支配", "应", "应当", "应急", "不得", "不可", "由", "从", "提高至", "调整为",
                                      "2020年", "55%", ",", "\n", "额度", "文"]) | QUANTITY_TEXT, max_size=14).map("".join)


def _rule_words() -> dict:
    return tomllib.loads(targets.DATA_FILE.read_text(encoding="utf-8"))["rule"]


@SETTINGS
@given(RULE_TEXT)
def test_modals_sought_by_one_flat_alternation_equal_the_grouped_pattern(text):
    words, lex = _rule_words(), targets._lexicon()
    grouped = re.compile(rf"(?:{alternation(words['modal_not'])})|(?P<modal>{alternation(words['modal'])})")
    assert ([(m.span(), m.group() not in lex.rule_not_modal) for m in lex.rule_modal.finditer(text)]
            == [(m.span(), m.group("modal") is not None) for m in grouped.finditer(text)])


@SETTINGS
@given(RULE_TEXT)
def test_a_changed_rule_sought_within_its_reach_equals_the_search_of_the_text(text):
    lex = targets._lexicon()
    far = lex.rule_change.search(text, max(0, len(text) - lex.rule_change_reach - 1))
    near = lex.rule_change.search(text)
    assert (far and (far.span(), far.groupdict())) == (near and (near.span(), near.groupdict()))


def _plain_signing_line(s: str) -> re.Match[str] | None:
    m = DATE_PATTERN.search(s) if "年" in s else None
    if not m or "印发" in s[m.end():] or len(s) > m.end() - m.start() + 30:
        return None
    after = s[m.end():].strip()
    if after and not metadata._PUBLISHED_NOTE.fullmatch(after):
        return None
    return m if m.start() == 0 or metadata._ORG.search(s[:m.start()]) else None


def _same_signing_date(text: str) -> None:
    for line in text.split("\n"):
        s = line.strip()
        fast, plain = metadata._signing_line(s), _plain_signing_line(s)
        assert (fast and fast.span()) == (plain and plain.span())


@SETTINGS
@given(st.lists(st.sampled_from(["2023年5月6日", "二〇二三年十二月三十一日", "2023 年 5 月 6 日", " ", "\u3000", "\t", "\x1c",
                                 "市商务局", "(此件公开发布)", "印发", "推进产业发展" * 4]) | DOCUMENT, max_size=10).map("".join))
def test_a_signing_line_counted_first_equals_the_search_for_its_date(text):
    _same_signing_date(text)


_THIRTY = "平顶山市人民政府办公室平顶山市人民政府办公室市商务局市财政局"  # 30 characters beside the date


@pytest.mark.parametrize("line", [
    _THIRTY + "2023年101月101日",  # the widest date the pattern takes
    _THIRTY + "2023年12月31日",
    "县" + _THIRTY + "2023年101月101日",
    " ".join(_THIRTY + "2023年101月101日"),  # spaces count with neither
    "\u3000".join(_THIRTY) + "\t2023 年 101 月 101 日",
    "平顶山市人民政府办公室 二〇二三年十二月三十一日(此件公开发布)",
    "平顶山市人民政府办公室    2023 年   12 月   31 日      (此件公开发布,有效期五年整)",
])
def test_a_signing_line_at_the_count_s_edge_equals_the_search_for_its_date(line):
    _same_signing_date(line)


def test_the_signing_lines_of_the_samples_and_the_dev_set_equal_the_search_for_their_date():
    files = list(sample_corpus_files()) + sorted((Path(__file__).parents[1] / "fixtures/dev/corpus").glob("*.txt"))
    for f in files:
        _same_signing_date(clean_document(f.read_text(encoding="utf-8")).text)


GLUED_TEXT = st.lists(st.sampled_from([")", "]", "〕", "】", "(", "(十一)", "(一)", "二、", "三", "12.", "3、", "1.5", "推进", "市住建局",
                                       "\n", "(责任单位:市住建局)"]) | DOCUMENT, max_size=12).map("".join)


@SETTINGS
@given(GLUED_TEXT)
def test_glued_numbers_sought_bracket_by_bracket_equal_one_search_of_the_text(text):
    assert [m.span() for m in normalize._glued_markers(text)] == [m.span() for m in normalize._GLUED_MARKER.finditer(text)]


@pytest.mark.parametrize("text", ["〕(一)二、推进", ")(一)二、推进", "】(二)(三)推进", "](一)〕3.推进)1、推", "〔2023〕1号)(十一)推动"])
def test_glued_numbers_that_meet_equal_one_search_of_the_text(text):
    assert [m.span() for m in normalize._glued_markers(text)] == [m.span() for m in normalize._GLUED_MARKER.finditer(text)]
