"""The fast paths of extraction give what the plain ways they replace give.

Each helper made faster (offsets mapped once per document, loops that visit only the characters that
act, pre-filters before a pattern, answers kept per catalog) is compared here, on random and mutated
input drawn by hypothesis, with the plain way it replaces, written out in the test. Whole documents
are compared by tests/test_scores.py and by the extraction itself being unchanged.
"""
from __future__ import annotations

import os
import re
import tomllib
from collections import Counter

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from policykg.corpus import sample_corpus_files
from policykg.ingest import clauses, outline, references, targets
from policykg.ingest.char_classes import classes_of
from policykg.ingest.clause_words import DATA_FILE as CLAUSES_FILE
from policykg.ingest.clause_words import clause_words
from policykg.ingest.departments import DepartmentCatalog, alias_files, default_catalog
from policykg.ingest.document_region import named_regions
from policykg.ingest.metadata import DOC_NUMBER
from policykg.ingest.normalize import (
    _DATE_LINE,
    _EXPAND_RE,
    _FOLD_1TO1,
    _FOLD_EXPAND,
    _unclosed_bracket,
    clean_document,
    compact,
    fold,
    rewrite,
)
from policykg.ingest.records import ProvisionRecord, Span, TargetRecord, TaskRecord, UnitRef, maker
from policykg.ingest.regions import region_index
from policykg.ingest.target_quantities import quantity_at, unit_at
from policykg.ingest.word_lists import alternation

EXAMPLES = int(os.environ.get("POLICYKG_HYPOTHESIS_EXAMPLES", "100"))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, derandomize=not os.environ.get("POLICYKG_HYPOTHESIS_RANDOM"),
                    database=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
SAMPLES = [f.read_text(encoding="utf-8") for f in sample_corpus_files()]

# what the cleaning and the parsers act on: full-width forms, spaces, tabs, blank lines, markdown, control
# characters, page numbers, brackets, numerals, units, clause words and place names
PIECES = ["\n", "\n\n", " ", "  ", "\t", "\u3000", "\r", "\u200b", "**", "# ", "---", "— 3 —", "第 2 页",
          "，", "。", "：", "；", "（", "）", "(", ")", "〔", "〕", "【", "】", "《", "》", "“", "”", "、",
          "１２", "2025年", "30%", "一", "十四五", "百", "个", "家", "万元", "亿元", "以上", "和", "及", "与",
          "牵头单位：", "责任单位:", "率头", "市发展改革委", "省财政厅", "各县区政府", "负责", "配合",
          "菏泽市", "河南省", "商丘", "〔2023〕12号", "菏政办字", "ｱ", "ﾞ", "㈠", "①", "Ａ", "abc", "5G"]
TEXT = st.lists(st.sampled_from(PIECES) | st.text(max_size=4), max_size=60).map("".join)


def _sample_slices():
    return st.tuples(st.sampled_from(SAMPLES), st.integers(0, 10**6), st.integers(0, 4000)).map(
        lambda t: t[0][t[1] % len(t[0]):t[1] % len(t[0]) + t[2]])


DOCUMENT = TEXT | _sample_slices()


# -- offsets: a document's spans mapped together, as one span at a time gives them ---------------------


@SETTINGS
@given(DOCUMENT, st.lists(st.tuples(st.integers(-5, 10**6), st.integers(-5, 10**6)), max_size=30))
def test_spans_mapped_together_equal_each_mapped_alone(raw, offsets):
    clean = clean_document(raw)
    n = len(clean.text)
    # offsets inside the text mostly, a few around and beyond its ends
    pairs = [(a if a < 0 else a % (n + 3), b if b < 0 else b % (n + 3)) for a, b in offsets]
    assert clean.raw_spans([a for a, _ in pairs], [b for _, b in pairs]) == [clean.raw_span(a, b) for a, b in pairs]


@SETTINGS
@given(TEXT, st.sampled_from([r" +", r"\s+", r"[，。]", r"\*\*|__", r"\n+", r"a|bc", r"(?!)"]),
       st.sampled_from(["", "_", "\n", "xy"]))
def test_a_map_finds_the_segment_of_an_offset_as_bisection_does(text, pattern, repl):
    from bisect import bisect_right

    from policykg.ingest.normalize import _segment_at

    _, omap = rewrite(text, re.compile(pattern), repl)
    for i in range(-2, omap.length + 3):
        assert _segment_at(omap.dst, i) == max(bisect_right(omap.dst, i) - 1, 0)


def test_spans_mapped_per_document_give_what_mapping_each_gives(monkeypatch):
    from pathlib import Path

    from policykg.ingest import extract
    from policykg.ingest.records import Span

    files = list(sample_corpus_files()) + sorted((Path(__file__).parents[1] / "fixtures/dev/corpus").glob("*.txt"))
    together = [extract.extract_file(f).model_dump_json() for f in files]

    def eager(self, start, end):
        a, b = self.clean.raw_span(start, end)
        return Span(start=a, end=b)

    monkeypatch.setattr(extract._Context, "span", eager)
    monkeypatch.setattr(extract._Context, "span_to_end_of",
                        lambda self, start, other: Span(start=self.clean.raw_span(start, start)[0], end=other.end))
    monkeypatch.setattr(extract._Context, "map_spans", lambda self: None)
    assert [extract.extract_file(f).model_dump_json() for f in files] == together


def test_spans_of_a_sample_point_into_the_source():
    raw = SAMPLES[0]
    clean = clean_document(raw)
    k = clean.text.index("牵头单位")
    a, b = clean.raw_span(k, k + 4)
    assert raw[a:b] == "牵头单位"


# -- folding: text with nothing to fold is returned as it is ----------------------------------


# every character \s matches (compact removes them all), and a few that it does not
SPACES_AND_NOT = st.text(alphabet=[chr(c) for c in range(0x3001) if re.match(r"\s", chr(c))] + list("ab文\u200b"),
                         max_size=20)


@SETTINGS
@given(st.text(max_size=40) | TEXT | SPACES_AND_NOT)
def test_fold_equals_translating_everything(s):
    assert fold(s) == _EXPAND_RE.sub(lambda m: _FOLD_EXPAND[m.group()], s.translate(_FOLD_1TO1))
    assert compact(s) == re.sub(r"\s+", "", _EXPAND_RE.sub(lambda m: _FOLD_EXPAND[m.group()], s.translate(_FOLD_1TO1)))


# -- loops that visit only the characters that act --------------------------------------------


def _plain_unclosed_bracket(line: str) -> bool:
    depth = 0
    for ch in line:
        if ch in "(〔":
            depth += 1
        elif ch in ")〕":
            depth = max(depth - 1, 0)
    return depth > 0


def _cut_short(text: str, start: int, line_end: int) -> int:
    """Where a group opened at ``start`` and never closed before ``line_end`` starts again: at the labelled
    clause's own bracket its words were cut short before (``clauses._cut_short_before_clause``), else -1."""
    inner = text.find("(", start + 1, line_end)
    return inner if inner >= 0 and clauses._cut_short_before_clause(text, start, inner) else -1


def _plain_bracket_groups(text: str, pos: int = 0):
    depth, start = 0, -1
    skip_to = -1
    for i, ch in enumerate(text):
        if i < pos:
            continue
        if i < skip_to:
            continue  # inside a title closed on its line: its brackets are its own
        if ch == "《":
            line_end = text.find("\n", i)
            skip_to = text.find("》", i, len(text) if line_end < 0 else line_end)
        elif ch in "(〔[【":
            if depth == 0:
                start = i
            depth += 1
        elif ch in ")〕]】" and depth > 0:
            depth -= 1
            if depth == 0:
                yield start, i + 1, start + 1, i
        elif ch == "\n" and depth > 0:
            restart = _cut_short(text, start, i)
            if restart >= 0:
                yield from _plain_bracket_groups(text, restart)
                return
            yield start, i, start + 1, i
            depth = 0
    if depth > 0:
        restart = _cut_short(text, start, len(text))
        if restart >= 0:
            yield from _plain_bracket_groups(text, restart)
            return
        yield start, len(text), start + 1, len(text)


def _plain_split_list(text: str, catalog: DepartmentCatalog) -> list[tuple[str, int, int]]:
    joiner = re.compile(clause_words().joiners)
    cuts: list[tuple[int, int]] = []
    depth = 0
    for i, ch in enumerate(text):
        depth = clauses._depth_step(ch, depth)
        if depth or ch in clauses._OPEN:
            continue
        if ch in clauses._SEPARATORS:
            cuts.append((i, i + 1))
            continue
        j = joiner.match(text, i)
        if j and i > 0:
            left = text[cuts[-1][1] if cuts else 0:i].strip()
            right = re.split(r"[、,，;；/]", text[j.end():], maxsplit=1)[0].strip()
            if clauses._looks_named(left, catalog) and (clauses._looks_named(right, catalog)
                                                        or clauses._REGION_NAME.match(right)):
                cuts.append((i, j.end()))
    pieces, start = [], 0
    for a, b in cuts + [(len(text), len(text))]:
        if text[start:a].strip():
            pieces.append((text[start:a], start, a))
        start = b
    return pieces


@SETTINGS
@given(DOCUMENT)
def test_bracket_loops_equal_the_character_by_character_ones(text):
    assert list(clauses._bracket_groups(text)) == list(_plain_bracket_groups(text))
    for line in text.split("\n"):
        assert _unclosed_bracket(line) == _plain_unclosed_bracket(line)


PARENS_TEXT = st.lists(st.sampled_from(["(", ")", "(", ")", "\n", "。", "(牵头单位：市商务局)", "市财政局负责", "(一)"]) | TEXT,
                       max_size=30).map("".join)


@SETTINGS
@given(PARENS_TEXT | DOCUMENT)
@example("(0(牵头单位：市商务局)")  # (a group never closed, cut short before a clause's own bracket)
def test_groups_of_parens_sought_by_find_equal_the_character_by_character_ones(text):
    text = re.sub("[〔【\\[〕】\\]]", "(", text)
    assert clauses.holds_only_parens(text)
    assert clauses._paren_groups(text) == list(_plain_bracket_groups(text))
    catalog = default_catalog()
    assert clauses.find_clauses(text, catalog, only_parens=True) == clauses.find_clauses(text, catalog)


@SETTINGS
@given(TEXT)
def test_list_split_equals_the_character_by_character_one(text):
    catalog = default_catalog()
    assert clauses._split_list(text, catalog) == _plain_split_list(text, catalog)


def test_a_list_is_split_at_its_joining_word_between_two_units():
    pieces = clauses._split_list("市发展改革委和市财政局、市商务局", default_catalog())
    assert [p for p, *_ in pieces] == ["市发展改革委", "市财政局", "市商务局"]


# -- targets: sentences by one pattern, quantities only where a numeral starts -----------------


def _plain_sentences(text: str) -> list[tuple[int, int]]:
    out, start = [], 0
    for i, ch in enumerate(text):
        if ch in "。！？!?\n":
            out.append((start, i + 1))
            start = i + 1
    if start < len(text):
        out.append((start, len(text)))
    return out


@SETTINGS
@given(DOCUMENT)
def test_sentences_and_quantities_equal_the_plain_scans(text):
    assert targets._sentences(text) == _plain_sentences(text)
    lex = targets._lexicon()
    plain = [m.span() for m in lex.quantity.finditer(text)]
    assert [m.span() for m in targets._quantities(text, lex)] == plain
    tails = [m.span() for m in lex.quantity_tail.finditer(text)]
    assert [m.span() for m in targets._quantities(text, lex, tails)] == plain


_STRIP_TAIL = tomllib.loads(targets.DATA_FILE.read_text(encoding="utf-8"))["verbs"]["metric_strip_tail"]


@SETTINGS
@given(st.lists(st.sampled_from(_STRIP_TAIL) | st.sampled_from(PIECES) | st.text(max_size=3), max_size=12).map("".join))
def test_stripping_trailing_words_equals_the_plain_repeat(text):
    plain = re.compile(f"(?:{alternation(_STRIP_TAIL)})+$")
    assert targets._lexicon().strip_tail.sub("", text) == plain.sub("", text)


@SETTINGS
@given(DOCUMENT)
def test_year_marks_skip_only_sentences_that_name_no_year(text):
    lex = targets._lexicon()
    for a, b in targets._sentences(text):
        sentence = text[a:b]
        if "年" not in sentence and "十" not in sentence:
            assert not targets._YEAR.search(sentence) and not targets._PLAN_PERIOD.search(sentence)
            assert targets._year_marks(sentence, lex) == []


def _plain_clause_bounds(sentence, a, b):
    def separates(i):
        return sentence[i] in targets._CLAUSE_SEP and not targets._digit_comma(sentence, i)
    s = a
    while s > 0 and not separates(s - 1):
        s -= 1
    e = b
    while e < len(sentence) and not separates(e):
        e += 1
    return s, e


@SETTINGS
@given(TEXT | st.sampled_from(["1,000", "到2025年,全省达到1,200家;", ",,", "a,1", "1,a"]), st.data())
def test_clause_bounds_equal_the_character_walk(sentence, data):
    a = data.draw(st.integers(0, len(sentence)))
    b = data.draw(st.integers(a, len(sentence) + 2))
    assert targets._clause_bounds(sentence, a, b) == _plain_clause_bounds(sentence, a, b)


@SETTINGS
@given(TEXT | st.sampled_from(["到2025年,全省达到1,200家;新增30个,其中5个", "A达到10家，B达到20家：C30个"]))
def test_candidate_clauses_equal_the_character_walk(text):
    lex = targets._lexicon()
    for s0, s1 in targets._sentences(text):
        sentence = text[s0:s1]
        for q in targets._candidates(sentence, lex):
            assert q.clause == _plain_clause_bounds(sentence, q.start, q.end)
            if q.clause[0] > 0:
                assert q.prev_clause_start == _plain_clause_bounds(sentence, q.clause[0] - 1, q.clause[0] - 1)[0]


def _plain_quoted_mask(text):
    mask = [False] * len(text)
    for line_start, line in targets._lines(text):
        for open_, close in targets._QUOTES:
            pos = 0
            while True:
                a = line.find(open_, pos)
                if a < 0:
                    break
                b = line.find(close, a + 1)
                if b < 0 or b - a > 40:
                    pos = a + 1
                    continue
                mask[line_start + a:line_start + b + 1] = [True] * (b + 1 - a)
                pos = b + 1
        idx = [i for i, ch in enumerate(line) if ch == '"']
        for a, b in zip(idx[0::2], idx[1::2]):
            if b - a <= 40:
                mask[line_start + a:line_start + b + 1] = [True] * (b + 1 - a)
    return mask


@SETTINGS
@given(st.lists(st.sampled_from(['"', '"\n', "“", "”", "《", "》"]) | DOCUMENT, max_size=12).map("".join))
def test_quoted_spans_equal_the_character_scan(text):
    quoted = targets._Quoted(text)
    mask = _plain_quoted_mask(text)
    for a in range(len(text)):
        for b in range(a + 1, min(a + 4, len(text)) + 1):
            assert quoted.any_in(a, b) == any(mask[a:b])


@SETTINGS
@given(DOCUMENT, st.lists(st.integers(0, 10**6), max_size=8))
def test_sentences_holding_points_equal_those_of_every_sentence(text, points):
    points = sorted(p % (len(text) or 1) for p in points) if text else []
    expected = [(a, b) for a, b in targets._sentences(text) if any(a <= p < b for p in points)]
    assert targets._sentences_holding(text, points) == expected


# -- references: document numbers sought only where one can end --------------------------------


@SETTINGS
@given(DOCUMENT)
def test_citations_equal_a_scan_for_numbers_everywhere(text):
    found = list(references._mentions(text))
    quoted = [(s, e) for s, e, title, _ in found if title is not None]
    plain = [(n.start(), n.end()) for n in DOC_NUMBER.finditer(text)]
    numbers = [(s, e) for s, e, title, _ in found if title is None]
    # every number outside a quoted title is found, whether or not the pre-filter ran
    assert numbers == [(s, e) for s, e in plain if not any(qs <= s < qe for qs, qe in _taken(text))]
    assert all(q in [(s, e) for s, e, *_ in found] for q in quoted)


def _taken(text: str) -> list[tuple[int, int]]:
    out = []
    for q in references._QUOTED.finditer(text):
        end = q.end()
        m = references._NUMBER_AFTER.match(text, q.end())
        if m and DOC_NUMBER.search(m.group(1)):
            end = m.end()
        out.append((q.start(), end))
    return out


# -- regions: a name is looked for only where one can start ------------------------------------


def _plain_prefix_match(text: str):
    ri = region_index()
    for n in range(min(ri._max_len, len(text)), 1, -1):
        if ri._by_name.get(text[:n]):
            return ri.get(text[:n]), n
    return None


@SETTINGS
@given(DOCUMENT)
def test_region_prefix_at_a_position_equals_the_prefix_of_the_rest(text):
    ri = region_index()
    for i in range(len(text)):
        assert ri.prefix_match(text, i) == _plain_prefix_match(text[i:])


def _plain_named_regions(text: str) -> Counter[str]:
    counts: Counter[str] = Counter()
    i = 0
    while i < len(text):
        hit = _plain_prefix_match(text[i:]) if "\u4e00" <= text[i] <= "\u9fff" else None
        if hit is not None:
            place = region_index().as_place(text, i, hit)  # (not an everyday word: the rule both scans share)
            if place is not None:
                counts[place.code] += 1
            i += hit[1]
        else:
            i += 1
    return counts


@SETTINGS
@given(DOCUMENT)
def test_regions_named_in_a_body_equal_a_scan_of_every_character(text):
    assert named_regions(text) == _plain_named_regions(text)


def test_region_names_are_found_inside_a_text():
    ri = region_index()
    hit = ri.prefix_match("根据菏泽市人民政府", 2)
    assert hit is not None and hit[0].name == "菏泽市" and hit[1] == 3
    assert ri.prefix_match("根据菏泽市人民政府", 0) is None
    assert named_regions("菏泽市、济宁市和菏泽市的") == Counter({"371700": 2, "370800": 1})
    found = ri.first_in("国家金融监督管理总局柳州监管分局")
    assert found is not None and found[1].name == "柳州市"


# -- the catalog keeps its answers until its data changes ---------------------------------------


def test_catalog_answers_follow_its_data():
    catalog = DepartmentCatalog()
    catalog.extend({"agencies": {"财政局": []}, "shapes": {"suffixes": ["局"]}})
    assert catalog.looks_like_unit("市财政局")
    assert not catalog.looks_like_unit("推进工作")
    assert catalog.keyword_pattern().search("率头单位") is None
    assert [u[0] for u in clauses._units("市财政局、推进工作", 0, catalog)] == ["市财政局"]
    catalog.extend({"keyword_repairs": {"率头": "牵头"}, "collectives": {"patterns": ["^推进"]}})
    assert [u[0] for u in clauses._units("市财政局、推进工作", 0, catalog)] == ["市财政局", "推进工作"]  # read again
    assert catalog.keyword_pattern().search("率头单位").group() == "率头"
    assert catalog.is_collective("推进工作")
    assert catalog.looks_like_unit("推进工作")  # a collective placeholder is a unit; the answer kept before is gone
    assert catalog.prefix_of("地区财政局") is None and catalog.bare_stem("商务局") is None
    catalog.extend({"long_prefixes": {"地区": "city"}, "agencies": {"商务局": []}})
    assert catalog.prefix_of("地区财政局") == "地区"  # the answers kept before are gone with the data
    assert catalog.bare_stem("商务局") == "商务局"


UNIT_LIST = st.lists(st.sampled_from(["市发展改革委", "省财政厅", "财政局", "事管局", "各县区政府", "管委会", "钦南区", "钦北区人民政府",
                                      "、", "，", "和", "及", "(牵头)", "等", "各区", "县级市", "市住房城乡建设局市自然资源和规划局",
                                      "广元国际铁路港", "属地乡镇", "县"]) | TEXT, max_size=12).map("".join)


@SETTINGS
@given(UNIT_LIST, st.integers(0, 500), st.sampled_from([None, "市", "省", "县"]), st.booleans())
def test_a_list_read_once_equals_reading_it_each_time(text, offset, prefix, lenient):
    catalog = default_catalog()
    plain, prefix_after = clauses._read_units(text, catalog, lenient, prefix)
    for _ in range(2):  # the second is the kept one
        carry = {} if prefix is None else {"prefix": prefix}
        assert clauses._units(text, offset, catalog, lenient, carry) == \
            [(n, p, offset + a, offset + b, m) for n, p, a, b, m in plain]
        assert carry.get("prefix") == prefix_after


def _plain_read_units(text, catalog, lenient, prefix):
    """``clauses._read_units`` asking each question of each piece as it goes."""
    raw = [clauses._clean_piece(p, a, a + len(p), catalog) for p, a, _ in clauses._split_list(text, catalog)]
    raw = [(n, a, b, r) for n, a, b, r in raw if n]
    out = []
    i = 0
    while i < len(raw):
        name, a, b, mark = raw[i]
        # a placeholder cut at an inner 、: join up to the piece that carries the suffix
        if clauses._PLACEHOLDER_OPEN.match(name):
            k = i + 1
            while k < len(raw) and clauses._is_placeholder_part(raw[k][0]) and not catalog.has_agency_suffix(raw[k][0]):
                k += 1
            if k < len(raw) and clauses._is_placeholder_part(raw[k][0]) and catalog.has_agency_suffix(raw[k][0]):
                k += 1
            if k > i + 1:
                joined = text[raw[i][1]:raw[k - 1][2]]
                out.append((joined, joined, a, raw[k - 1][2], mark))
                i = k
                continue
        # named governments sharing one suffix: 钦南区、钦北区人民政府
        if clauses._is_region_name(name) and not clauses._PLACEHOLDER_HEAD.match(name):
            k = i
            while k < len(raw) and clauses._is_region_name(raw[k][0]):
                k += 1
            if k < len(raw) and k > i:
                last = raw[k][0]
                suffix = clauses._GOVERNMENT.search(last)
                if suffix and clauses._is_region_name(last[:suffix.start()]):
                    for n2, a2, b2, m2 in raw[i:k]:
                        out.append((n2 + suffix.group(), n2, a2, b2, m2))
                    out.append((last, last, raw[k][1], raw[k][2], raw[k][3]))
                    i = k + 1
                    continue
        i += 1
        # "各县区政府、管委会" is one collective unit
        if out and catalog.is_collective(out[-1][0]) and catalog.prefix_of(name) is None and len(name) <= 5 \
                and not catalog.bare_agency(name) and name[0] not in "各有" and catalog.has_agency_suffix(name):
            prev, printed, pa, _, pm = out.pop()
            out.append((prev + "、" + name, printed + "、" + name, pa, b, pm))
            continue
        printed = name
        stem = catalog.bare_stem(name)
        if stem is not None and prefix:
            name = prefix + stem if stem != name else prefix + name
        elif not catalog.looks_like_unit(name):
            if not (lenient and clauses._could_be_name(name)):
                continue
        glued = clauses._glued(name, catalog)
        if glued:  # "市住房城乡建设局市自然资源和规划局": a separator lost in conversion
            out.append((glued[0], glued[0], a, a + len(glued[0]), mark))
            name, printed, a = glued[1], glued[1], a + len(glued[0])
        own = clauses._printed_prefix(name, catalog)
        if own and stem is None:
            prefix = own
        out.append((name, printed, a, b, mark))
    return out, prefix


@SETTINGS
@given(UNIT_LIST, st.sampled_from([None, "市", "省", "县"]), st.booleans())
def test_a_list_read_from_its_pieces_kept_equals_reading_each_piece(text, prefix, lenient):
    fresh = DepartmentCatalog.load(*alias_files(None))
    for catalog in (default_catalog(), fresh, fresh):  # (the third reads the pieces the second kept)
        assert clauses._read_units(text, catalog, lenient, prefix) == _plain_read_units(text, catalog, lenient, prefix)


@SETTINGS
@given(UNIT_LIST | st.sampled_from(["钦南区", "黔东南州", "高新区\n", "乐山市", "锡林郭勒盟", "市财政局", "州"]))
def test_a_region_name_told_by_its_end_first_equals_the_pattern(name):
    assert clauses._is_region_name(name) == bool(clauses._REGION_NAME.match(name))


@SETTINGS
@given(DOCUMENT)
def test_kept_catalog_answers_equal_fresh_ones(text):
    catalog = default_catalog()
    for piece in [text, *re.split(r"[、,，;；\n]", text)]:
        for _ in range(2):  # the second answer is the kept one
            assert catalog.prefix_of(piece) == catalog._prefix_of(compact(piece))
            assert catalog.bare_stem(piece) == catalog._bare_stem(compact(piece))
        assert catalog.repair_keywords(piece) == _plain_repair(catalog, piece)


def _plain_repair(catalog, text):
    for wrong, right in catalog.keyword_repairs.items():
        text = text.replace(wrong, right)
    return text


@SETTINGS
@given(st.text(max_size=60) | DOCUMENT)
def test_folding_runs_equals_translating_everything(s):
    from policykg.ingest.normalize import _FOLDABLE, _FOLDABLE_RUN

    assert _FOLDABLE_RUN.sub(lambda m: m.group().translate(_FOLD_1TO1), s) == s.translate(_FOLD_1TO1)
    # the same runs as the plain repeat of the class
    plain = re.compile(_FOLDABLE.pattern + "+")
    assert [m.span() for m in _FOLDABLE_RUN.finditer(s)] == [m.span() for m in plain.finditer(s)]


# -- clause words: a pattern anchored at the end is tried only within its reach ------------------


def _span_of(m):
    return None if m is None else (m.span(), m.groupdict())


@SETTINGS
@given(st.lists(st.sampled_from(["分别牵头负责", "等有关部门配合", "(牵头)", "(配合单位)", "按职责分工负责", "\n", "等"])
                | DOCUMENT, max_size=8).map("".join))
def test_closing_verb_and_role_mark_equal_a_search_from_the_start(text):
    words = clause_words()
    assert _span_of(words.closing(text)) == _span_of(words.tail.search(text))
    assert _span_of(words.role_mark(text)) == _span_of(words.mark.search(text))


@SETTINGS
@given(st.lists(st.sampled_from(["【", "[", "】", "]", "省级", "牵头", "责任", "单位", "部门", ":", "：", " "])
                | DOCUMENT, max_size=10).map("".join))
def test_labels_equal_a_search_at_every_character(text):
    words = clause_words()
    assert [_span_of(m) for m in words.labels(text)] == [_span_of(m) for m in words.label.finditer(text)]
    assert _span_of(words.first_label(text)) == _span_of(words.label.search(text))


LABEL_TEXT = st.lists(st.sampled_from(["【", "[", "】", "]", "省级", "牵头", "牵头责任", "责任", "实施", "单位", "部门", "单",
                                        "有关部门", "配合", "协助", ":", "：", " ", "推进产业发展。" * 8]) | TEXT,
                      max_size=40).map("".join)


def _plain_label_core():
    """``label_core`` as the words read: the kinds, then a noun; or a short kind, then its colon."""
    data = tomllib.loads(CLAUSES_FILE.read_text(encoding="utf-8"))["labels"]
    return re.compile(f"(?:{alternation(data['kinds'])})(?:{alternation(data['nouns'])})"
                      f"|(?:{alternation(data['short'])})[:：]")


@SETTINGS
@given(LABEL_TEXT | DOCUMENT)
def test_label_core_flat_equals_the_plain_pattern(text):
    # (the flat alternation is sought by its first characters; the plain one is tried at every character)
    words, plain = clause_words(), _plain_label_core()
    for pos in range(0, len(text) + 2, 1 if len(text) < 500 else 7):
        core = plain.search(text, pos)
        assert words.core_at(text, pos) == (-1 if core is None else core.start())


@SETTINGS
@given(st.lists(st.sampled_from(["率头", "牵 头", "配合力", "单兴", "牵", "头", " ", "配合"]) | TEXT, max_size=12).map("".join))
def test_misprints_sought_word_by_word_equal_the_pattern(text):
    catalog = default_catalog()
    assert catalog.has_misprint(text) == (catalog.keyword_pattern().search(text) is not None)
    many = DepartmentCatalog()  # more words than are sought one by one: the pattern
    many.extend({"keyword_repairs": {f"率头{i}": "牵头" for i in range(20)} | {"牵 头": "牵头"}})
    assert many.has_misprint(text) == (many.keyword_pattern().search(text) is not None)
    assert not DepartmentCatalog().has_misprint(text)


def _plain_is_bare_clause(sentence, catalog):
    words = clause_words()
    repaired = catalog.repair_keywords(sentence)
    if len(repaired) > 200 or "\t" in repaired:
        return False
    repaired, saw_verb = clauses._strip_marks(repaired)
    for part in (p.strip() for p in clauses._SPLIT_PARTS.split(repaired)):
        if not part:
            continue
        tail = words.tail.search(part)
        listed = part[: tail.start()] if tail else part
        if tail:
            saw_verb = True
        units = [clauses.catalog_trim(u) for u, *_ in clauses._split_list(words.counterpart.sub("、", listed), catalog)]
        if not units or not all(catalog.looks_like_unit(u) or catalog.bare_agency(u) for u in units):
            return False
    return saw_verb


@SETTINGS
@given(st.lists(st.sampled_from(["市财政局", "县税务局", "、", "和", "，", "按职责分工负责", "(牵头)", "配合", "住房城乡建设厅"])
                | DOCUMENT, max_size=8).map("".join))
def test_bare_clause_without_a_verb_or_mark_is_refused_early_as_the_plain_way_refuses_it(sentence):
    catalog = default_catalog()
    assert clauses._is_bare_clause(sentence, catalog) == _plain_is_bare_clause(sentence, catalog)


def test_a_bare_clause_is_still_found():
    catalog = default_catalog()
    assert clauses._is_bare_clause("市财政局、市税务局按职责分工负责", catalog)
    assert not clauses._is_bare_clause("市财政局、市税务局", catalog)


@SETTINGS
@given(st.lists(st.sampled_from(["a", "b", "c", "x", "\n", "ab", "(", ")"]), max_size=8).map("".join))
def test_last_characters_of_a_pattern_hold_for_every_match(text):
    from policykg.ingest.clause_words import _last_chars

    for pattern in ["(?:a|bc?)$", "x(?:ab)+$", "\\((?:a|b)\\)$", "[abc]x?$", "(?:a|b*)c?$"]:
        compiled = re.compile(pattern)
        last = _last_chars(compiled)
        m = compiled.search(text)
        if m and m.group():
            assert last is None or m.group()[-1] in last
    assert _last_chars(re.compile("(?:a|b*)c?$")) is None  # it can match nothing: no character ends it
    assert _last_chars(re.compile("[^a]$")) is None
    assert _last_chars(re.compile("(?:a|bc?)$")) == frozenset("abc")


# -- cleaning: patterns that begin with no character of their own tried where a match can start --------


@SETTINGS
@given(st.lists(st.sampled_from([" ", "  ", "\t", "\n", "# ", "**", "__", "---", "***", "— 3 —", "第 2 页", "a", "1",
                                 "文"]) | DOCUMENT, max_size=20).map("".join))
def test_cleaning_patterns_tried_where_they_can_start_equal_finditer(text):
    from policykg.ingest import normalize

    for pattern, starts in ((normalize._MARKDOWN, normalize._MARKDOWN_STARTS),
                            (normalize._PAGE_NUMBER, normalize._PAGE_NUMBER_STARTS),
                            (normalize._TRAILING_WS, normalize._BLANKS), (normalize._SPACES, normalize._SPACE)):
        assert [m.span() for m in normalize.matches_from(pattern, text, starts)] == \
            [m.span() for m in pattern.finditer(text)]
        plain, plain_map = rewrite(text, pattern, "")
        fast, fast_map = rewrite(text, pattern, "", starts)
        assert (fast, fast_map) == (plain, plain_map)


@SETTINGS
@given(st.lists(st.sampled_from([" ", "\t", "|", " | ", "\t|\t", "\n", "2023-05-06 | ", "2023-5-6 10:00 |\t", "名称 | 内容",
                                 "a", "文"]) | DOCUMENT, max_size=20).map("".join))
def test_a_rewrite_that_needs_a_string_equals_searching_everywhere(text):
    from policykg.ingest import normalize

    repl = normalize._record_field_break
    assert rewrite(text, normalize._FIELD_BAR, repl, needs="|") == rewrite(text, normalize._FIELD_BAR, repl)


CLEANING_TEXT = st.lists(st.sampled_from([" ", "  ", "\t", "\n", "\n\n", "# ", "#", "**", "*", "__", "_", "---", "--", "***",
                                          "— 3 —", "\n- 12 -\n", "\n―5―\n", "\n–7–\n", "第 2 页", "\n第3页,共5页\n", "页", "a",
                                          "1", "文", "，",
                                          "\u3000", "∶", "①", "ｱ", "㈠", "\xa0"]) | DOCUMENT, max_size=20).map("".join)


@SETTINGS
@given(CLEANING_TEXT)
def test_cleaning_passes_that_need_a_string_equal_searching_everywhere(text):
    from policykg.ingest import normalize as n

    for pattern, starts, needs in ((n._MARKDOWN, n._MARKDOWN_STARTS, n._MARKDOWN_NEEDS),
                                   (n._PAGE_NUMBER, n._PAGE_NUMBER_STARTS, n._PAGE_NUMBER_NEEDS),
                                   (n._TRAILING_WS, n._BLANKS, n._BLANK_CHARS), (n._SPACES, n._SPACE, " ")):
        assert rewrite(text, pattern, "", starts, needs) == rewrite(text, pattern, "")
    # (a text with no blank at a line's edge is left as the pass leaves it, without the pass)
    if not n._blank_at_a_line_edge(text):
        assert rewrite(text, n._TRAILING_WS, "") == (text, n.OffsetMap.unchanged(len(text)))


@SETTINGS
@given(st.lists(st.sampled_from(["\n", "\n\n", " ", "\t", "a", "文", "\n \n", "\n\t"]) | CLEANING_TEXT,
                max_size=12).map("".join))
def test_blank_lines_collapsed_by_find_equal_the_pattern(text):
    from policykg.ingest import normalize as n

    assert n._collapse_blank_lines(text) == rewrite(text, n._BLANK_LINES, "\n")


@pytest.mark.parametrize("line", ["# 标题", "###", "**加粗**", "__", "---", "***", "___", "- 12 -", "— 3 —", "–7–", "―5―",
                                  "第 2 页", "第3页,共5页", " 文", "文 ", "\t文", "文\t", "文 a", "文 文"])
def test_every_match_of_a_cleaning_pass_holds_a_string_it_needs(line):
    from policykg.ingest import normalize as n

    passes = ((n._MARKDOWN, n._MARKDOWN_NEEDS), (n._PAGE_NUMBER, n._PAGE_NUMBER_NEEDS), (n._TRAILING_WS, n._BLANK_CHARS),
              (n._SPACES, (" ",)))
    matched = 0
    for pattern, needs in passes:
        for m in pattern.finditer(f"x\n{line}\ny"):
            matched += 1
            assert any(word in m.group() for word in needs), (pattern.pattern, m.group())
    assert matched  # (each line is one a pass acts on)


@SETTINGS
@given(CLEANING_TEXT)
def test_a_document_cleaned_with_passes_skipped_equals_every_pass_run(text):
    from policykg.ingest import normalize

    cleaned = clean_document(text)
    with pytest.MonkeyPatch.context() as m:
        m.setattr(normalize, "_nothing_to_fold", lambda t, codes=None: False)
        m.setattr(normalize, "_holds_any", lambda t, needs: True)
        assert cleaned == clean_document(text)


@SETTINGS
@given(CLEANING_TEXT)
def test_a_text_with_nothing_to_fold_holds_no_character_fold_changes(text):
    from policykg.ingest import normalize

    if normalize._nothing_to_fold(text):
        assert normalize._FOLDABLE.search(text) is None and fold(text) == text


def test_what_fold_makes_of_each_character_it_changes_it_leaves():
    from policykg.ingest import normalize

    for c in [*map(chr, _FOLD_1TO1), *_FOLD_EXPAND]:
        assert normalize._FOLDABLE.search(fold(c)) is None, repr(c)
    for expanded in _FOLD_EXPAND.values():  # (the cleaning expands before it folds one to one)
        assert normalize._FOLDABLE.search(expanded) is None, repr(expanded)


@SETTINGS
@given(CLEANING_TEXT, st.integers(0, 10**6), st.integers(0, 400))
def test_a_cleaned_text_holds_nothing_to_fold_and_its_pieces_compact_as_any_text(text, at, length):
    from policykg.ingest import normalize

    clean = clean_document(text).text
    assert normalize._FOLDABLE.search(clean) is None
    piece = clean[at % (len(clean) + 1):][:length]
    assert normalize.compact_clean(piece) == compact(piece)


def test_every_character_fold_changes_is_told_apart_in_any_company():
    from policykg.ingest import normalize

    for c in [*map(chr, _FOLD_1TO1), *_FOLD_EXPAND]:
        for text in (c, f"文{c}字", f"a{c}", f"{c}\u0301", f"1{c}2", f"\u0301{c}", f"{c}{c}"):
            assert not normalize._nothing_to_fold(text), repr(text)


@SETTINGS
@given(st.lists(st.sampled_from(["2023年", "5月", "6日", "二〇二三年", "十二月", "三十日", " ", "\n"]) | DOCUMENT,
                max_size=10).map("".join))
def test_a_date_is_sought_only_in_lines_naming_a_year_and_a_day(line):
    from policykg.ingest.numerals import DATE_PATTERN

    if DATE_PATTERN.search(line):
        assert "年" in line and "日" in line
    if _DATE_LINE.match(line):
        assert "年" in line


# -- a clause documents repeat is parsed once ------------------------------------------------------


def test_clauses_parsed_once_give_what_parsing_each_gives(monkeypatch):
    from pathlib import Path

    from policykg.ingest import extract

    files = list(sample_corpus_files()) + sorted((Path(__file__).parents[1] / "fixtures/dev/corpus").glob("*.txt"))
    kept = [extract.extract_file(f).model_dump_json() for f in files]  # (and again: the clauses kept before)
    assert [extract.extract_file(f).model_dump_json() for f in files] == kept
    calls, parses = [], []
    plain_units_of = extract._Context.units_of
    plain_parse = extract.parse_clause
    plain_kept = DepartmentCatalog.kept

    def counted(self, *args, **kwargs):
        calls.append(1)
        return plain_units_of(self, *args, **kwargs)

    def keeping_no_clause(self, key, compute, *args):
        return compute(*args) if key[0] == "clause" else plain_kept(self, key, compute, *args)

    monkeypatch.setattr(extract._Context, "units_of", counted)
    monkeypatch.setattr(extract, "parse_clause", lambda *a, **k: parses.append(1) or plain_parse(*a, **k))
    monkeypatch.setattr(DepartmentCatalog, "kept", keeping_no_clause)
    assert [extract.extract_file(f).model_dump_json() for f in files] == kept
    assert len(parses) == len(calls) > 0


# -- targets: sought only in sentences holding a numeral with its unit ---------------------------------

QUANTITY_TEXT = st.lists(st.sampled_from(["30%", "1,000", "1.5", "30—50", "至", "个", "家", "万元", "亿", "千", "余", "多",
                                          "一", "十四五", "三千万元", "5G", "公里", "到2025年", "年底", "，", "。", "：",
                                          ":", "\n", "达到", "以上", "不少于", "新增", "“", "”", "(", ")"]) | DOCUMENT,
                         max_size=30).map("".join)


@st.composite
def text_and_stretch(draw) -> tuple[str, int, int]:
    """A text of quantities and a stretch [a, b) of it: a provision's place in its document."""
    text = draw(QUANTITY_TEXT)
    a = draw(st.integers(0, len(text)))
    return text, a, draw(st.integers(a, len(text)))


# numerals inside units and before them that are no quantity's start: "x5万千瓦" (千瓦 alone), "A3个百分点", " ٣ ", "十5"
TAIL_TEXT = st.lists(st.sampled_from(["x5万千瓦", "A3个百分点", "个百分点", "百分点", "千瓦时", " ٣ ", "٣", "１", "十5", "5十", ", ",
                                      " — ", "~", "〇", "2025年"]) | QUANTITY_TEXT, max_size=10).map("".join)


# what the quantity pattern's readers must follow: thousands' commas, a decimal point, ranges with spaces, numerals
# given back to a unit (五千瓦, 三百分点), optional approximations and multipliers, digits beyond ASCII and the plane
READ_TEXT = st.lists(st.sampled_from(["1,000", "1,2345", "12,345,6", "1.", "2,", "3.5", "30 — 50", "30至 50", "3到", "五千瓦",
                                      "三百分点", "个百分点", "万亿元", "千万", "余", "多", "十", "百", "千瓦时", "家(次)", "人(次)",
                                      "Gbps", "a5个", ".5个", "\u3000", "\U0001d7ce", "\U0001f600", "人才"])
                     | TAIL_TEXT, max_size=10).map("".join)


@SETTINGS
@given(READ_TEXT)
def test_quantities_and_units_read_by_their_characters_equal_the_patterns(text):
    lex = targets._lexicon()
    for at in range(len(text)):
        m, read = lex.quantity.match(text, at), quantity_at(text, at, lex.units)
        if m is None or read is None:
            assert m is None and read is None
        else:
            u = read.unit
            assert (read.span(), read.num_end, read.range_, read.arabic, read.chinese, u.approx1, u.mult, u.approx2,
                    u.base) == (m.span(), m.end("range") if m["range"] else m.end("ar") if m["ar"] else m.end("cn"),
                                *m.groups())
        tail = lex.quantity_tail.match(text, at)
        unit = unit_at(text, at + 1, lex.units) if re.match(f"[\\d{targets._CN_NUM}]", text[at]) else None
        assert (tail.end() if tail else None) == (unit.end if unit else None)


@SETTINGS
@given(st.lists(st.sampled_from(["约", "近", "超", "逾", "达", "为", "到", "在", "\n", "a", "文", "约为", "达到"]), max_size=6)
       .map("".join), st.sampled_from(["约", "近", "超", "逾", "达"]))
def test_a_bound_word_right_before_the_number_told_by_endswith_equals_the_pattern(text, word):
    assert targets._ends_with_bound_word(text, word) == bool(re.search(rf"{word}(?:为|到|在)?$", text))


@SETTINGS
@given(TAIL_TEXT)
def test_quantities_tried_before_their_tails_equal_the_plain_scan(text):
    lex = targets._lexicon()
    tails = [m.span() for m in lex.quantity_tail.finditer(text)]
    assert [m.span() for m in targets._quantities(text, lex, tails)] == [m.span() for m in lex.quantity.finditer(text)]


@SETTINGS
@given(QUANTITY_TEXT, st.sampled_from([None, 2025]), st.sampled_from([None, 2024]), st.sampled_from([None, 2023]))
def test_targets_sought_where_a_quantity_can_end_equal_every_sentence_sought(text, default, package, year):
    from dataclasses import replace

    found = targets.find_targets(text, default_year=default, package_year=package, document_year=year)
    every = replace(targets._lexicon(), quantity_tail=re.compile(r"[\s\S]"))  # a "tail" at every character
    with pytest.MonkeyPatch.context() as m:
        m.setattr(targets, "_lexicon", lambda: every)
        assert found == targets.find_targets(text, default_year=default, package_year=package, document_year=year)


@SETTINGS
@given(QUANTITY_TEXT)
def test_every_quantity_ends_with_a_quantity_tail(text):
    lex = targets._lexicon()
    tails = {m.end() for m in lex.quantity_tail.finditer(text)}
    for m in lex.quantity.finditer(text):
        # the tail search does not overlap its matches: the one this quantity ends with may start earlier
        assert m.end() in tails or any(t.end() == m.end() for t in lex.quantity_tail.finditer(text, m.start()))


def _plain_year_handed_down(text):
    lex = targets._lexicon()
    year = None
    for s0, s1 in targets._sentences(text):
        sentence = text[s0:s1].rstrip("\n")
        if sentence.endswith((":", "：")) and (marks := targets._year_marks(sentence, lex)):
            year = marks[-1][1]
    if year is None:
        first = text.split("\n", 1)[0]
        marks = targets._year_marks(first, lex)
        if marks and "。" not in first and not targets._candidates(first, lex):
            year = marks[-1][1]
    return year


@SETTINGS
@given(QUANTITY_TEXT)
def test_year_handed_down_equals_reading_every_sentence(text):
    assert targets.year_handed_down(text) == _plain_year_handed_down(text)


# -- the document's years: patterns searched from their literal characters ------------------------------

YEAR_TEXT = st.lists(st.sampled_from(["2023", "2023年", "12月31日", "20", "2020", "年底", "年末", "上半年", "月", "度", "-", "12 月 31 日", "12", "31", "本措施", "有效期至", "执行至",
                                      "—", "~", "5月", "1", "a", "。", "\n", " ", "年"]) | DOCUMENT, max_size=20).map("".join)


@SETTINGS
@given(YEAR_TEXT)
def test_most_named_year_equals_the_lookbehind_first_patterns(text):
    from policykg.ingest import target_years

    for dates, plain in ((True, r"(?<!\d)(20\d{2})\s*(?:年|[—\-–~～])"),
                         (False, r"(?<!\d)(20\d{2})\s*年(?!\s*\d{1,2}\s*月)")):
        years = Counter(int(m.group(1)) for m in re.finditer(plain, text))
        best = max(years.values(), default=0)
        expected = max((y for y, n in years.items() if n == best), default=None)
        assert target_years._most_named_year(text, dates=dates) == expected


@SETTINGS
@given(YEAR_TEXT)
def test_due_years_equal_the_lookbehind_first_pattern(text):
    plain = re.compile(r"(?<![\d—\-~～])(?P<y>20\d{2})\s*年(?:年?底|年?末|前|上半年|下半年)?(?![\d—\-~～月度])")
    assert [(m.span(), m.group("y")) for m in targets._YEAR.finditer(text)] == \
        [(m.span(), m.group("y")) for m in plain.finditer(text)]


@SETTINGS
@given(YEAR_TEXT)
def test_a_term_is_sought_only_in_texts_naming_its_last_day(text):
    from policykg.ingest import target_years

    if target_years._TERM.search(text):
        assert target_years._YEAR_END.search(text)


@SETTINGS
@given(st.lists(st.sampled_from(["(牵头单位：市商务局)", "(市财政局、市税务局)", "(以下简称“城投公司”)", "〔责任单位:省发展改革委〕",
                                 "(市发展改革委牵头，市财政局配合)", "。", "\n", "推进产业发展", "(2023年)", "(牵头)"]) | TEXT,
                max_size=12).map("".join))
def test_bracketed_clauses_judged_once_equal_judging_each(text):
    catalog = default_catalog()
    kept = [clauses.find_clauses(text, catalog) for _ in range(2)]  # the second judges from what was kept
    with pytest.MonkeyPatch.context() as m:
        m.setattr(DepartmentCatalog, "kept", lambda self, key, compute, *args: compute(*args))
        assert kept == [clauses.find_clauses(text, catalog)] * 2


# -- targets: a document's quantity tails found once, its stretches without one not read ----------------


@SETTINGS
@given(text_and_stretch())
def test_a_stretch_no_tail_reaches_holds_no_target(stretch):
    text, a, b = stretch
    sites = targets.QuantitySites(text)
    if not sites.may_hold(a, b):
        assert targets.find_targets(text[a:b], default_year=2025, package_year=2024, document_year=2024) == []
    if targets._lexicon().quantity_tail.search(text[a:b]):
        assert sites.may_hold(a, b)


def test_documents_read_only_where_a_tail_reaches_give_what_reading_every_provision_gives(monkeypatch):
    from pathlib import Path

    from policykg.ingest import extract

    files = list(sample_corpus_files()) + sorted((Path(__file__).parents[1] / "fixtures/dev/corpus").glob("*.txt"))
    kept = [extract.extract_file(f).model_dump_json() for f in files]
    monkeypatch.setattr(targets.QuantitySites, "may_hold", lambda self, a, b: True)
    assert [extract.extract_file(f).model_dump_json() for f in files] == kept


# -- metadata: only the lines that name 日 are read for a date ------------------------------------------


def _plain_signing_line(line):
    """(the line stripped, what stands before its date) if the line can be a signing line, else None."""
    from policykg.ingest.numerals import DATE_PATTERN

    s = line.strip()
    m = DATE_PATTERN.search(s)
    if not m or "印发" in s[m.end():] or len(s) > m.end() - m.start() + 30:
        return None
    after = s[m.end():].strip()
    if after and not re.fullmatch(r"[(（]此件[^)）]*[)）]", after):
        return None
    return s, s[: m.start()]


def _plain_signing_date(text):
    from policykg.ingest import metadata
    from policykg.ingest.numerals import parse_date

    candidates = []
    for line in text.split("\n"):
        found = _plain_signing_line(line)
        if found is None:
            continue
        s, before = found
        if before and not metadata._ORG.search(before):
            continue
        d = parse_date(s)
        if d:
            candidates.append(d)
    return candidates[0] if candidates else None


def _plain_signature(text):
    from policykg.ingest import metadata

    lines = text.split("\n")
    for i, line in enumerate(lines):
        found = _plain_signing_line(line)
        if found is None:
            continue
        before = found[1]
        if before and metadata._ORG.search(before):
            return metadata._signature(compact(before))  # (what the line is cut to: the rule both share)
        if not before and i > 0 and metadata._ORG.search(lines[i - 1].strip()):
            return "".join(metadata._joint_issuers_above(lines, i - 1)) + metadata._signature(compact(lines[i - 1]))
    return None


DATED_TEXT = st.lists(st.sampled_from(["2023年5月6日", "二〇二三年十二月三十日", "菏泽市人民政府", "印发", "(此件公开发布)", " ", "\n",
                                       "\n\n", "日", "年", "市商务局\n2024年1月2日", "。"]) | DOCUMENT, max_size=16).map("".join)


@SETTINGS
@given(DATED_TEXT)
def test_dates_read_from_the_lines_naming_a_day_equal_reading_every_line(text):
    from policykg.ingest import metadata

    assert metadata._signing_date(text, 0) == _plain_signing_date(text)
    assert metadata._find_issuer([], None, text) == _plain_signature(text)


@SETTINGS
@given(st.lists(st.tuples(st.none() | st.just("1"), st.lists(st.sampled_from(["《关于…的意见》", "〔2023〕12号", "国发〔2022〕18号", "《", "》",
                                                                              "号", "〔2023〕", "\x00", "。"]) | DOCUMENT,
                                                               max_size=6).map("".join)), max_size=8))
def test_passages_citing_found_by_their_characters_are_those_each_search_finds(passages):
    each = [(n, p) for n, p in passages if "《" in p or references.NUMBER_TAIL.search(p)]
    assert references._citing(passages) == each
    # a passage left out cites nothing
    assert all(not list(references._mentions(p)) for n, p in passages if (n, p) not in each)


@SETTINGS
@given(QUANTITY_TEXT)
def test_quantity_patterns_that_look_for_a_unit_start_first_equal_the_plain_ones(text):
    lex = targets._lexicon()
    for pattern in (lex.quantity, lex.quantity_tail):
        plain = re.compile(re.sub(r"\(\?=\[[^\]]*\]\)", "", pattern.pattern))
        assert plain.pattern != pattern.pattern
        assert [m.groupdict() | {"span": m.span()} for m in pattern.finditer(text)] == \
            [m.groupdict() | {"span": m.span()} for m in plain.finditer(text)]


@SETTINGS
@given(st.text(alphabet=targets._CN_NUM, min_size=1, max_size=6))
def test_a_chinese_numeral_read_directly_equals_to_number(numeral):
    from policykg.ingest.numerals import chinese_to_int, to_number

    n = chinese_to_int(numeral)
    assert to_number(numeral) == (float(n) if n is not None else None)


@SETTINGS
@given(text_and_stretch())
def test_tails_of_a_stretch_taken_from_the_whole_text_equal_a_search_of_the_stretch(stretch):
    text, a, b = stretch
    sites = targets.QuantitySites(text)
    given_tails = sites.tails_in(a, b)
    searched = [m.span() for m in targets._lexicon().quantity_tail.finditer(text[a:b])]
    assert given_tails is None or given_tails == searched
    kw = {"default_year": 2025, "package_year": 2024, "document_year": 2024}
    assert targets.find_targets(text[a:b], tails=given_tails, **kw) == targets.find_targets(text[a:b], **kw)


@SETTINGS
@given(YEAR_TEXT)
def test_terms_searched_apart_from_the_opening_one_equal_one_search(text):
    from policykg.ingest import target_years

    plain = re.compile(r"(?:^|[。\n])" + target_years._TERM_BODY)
    assert target_years._term_years(text) == {int(m.group("y")) for m in plain.finditer(text)}


# -- records made by their validator directly: what the model's constructor makes ----------------------


def test_records_made_from_their_fields_equal_those_the_model_makes():
    span = Span(start=3, end=9)
    unit = UnitRef(name="市财政局", surface="市财政局", role="lead", span=span)
    for model, fields in [
        (UnitRef, {"name": "市财政局", "surface": "财政局", "printed": "财政局", "position": 1, "role": "cooperate",
                   "level": "city", "known": True, "collective": False, "span": span}),
        (TaskRecord, {"number": "1/2", "title": None, "leads": ["市财政局"], "units": [unit], "span": span,
                      "clause_span": span, "deadline_year": 2025}),
        (ProvisionRecord, {"number": "1", "text": "推进", "span": span}),
        (TargetRecord, {"task": "1", "clause": 1, "text": "达到120家", "metric": "高新技术企业", "value": 120.0, "unit": "家",
                        "qualifier": "达到", "year": 2025, "year_basis": "stated", "scope": None, "scope_level": None,
                        "span": span}),
    ]:
        made, plain = maker(model)(dict(fields)), model(**fields)
        assert type(made) is model and made == plain
        assert made.model_fields_set == plain.model_fields_set  # (what a dump without defaults reads)
        assert made.model_dump_json() == plain.model_dump_json()
    with pytest.raises(ValidationError):  # validated as the constructor validates
        maker(ProvisionRecord)({"number": "1", "text": "推进", "span": {"start": "three", "end": 9}})


def test_a_span_is_read_written_and_compared_as_the_pydantic_model_it_was():
    # (a plain class the compiled build makes natively: the records validate it from its fields, dump it as
    # them, and a reader process pickles it with its document)
    import pickle

    record = ProvisionRecord(number="1", text="推进", span={"start": "3", "end": 9})
    assert record.span == Span(start=3, end=9) and isinstance(record.span, Span)
    assert record.span != Span(start=3, end=10)
    assert record.model_dump()["span"] == {"start": 3, "end": 9}
    assert record.model_dump_json() == '{"number":"1","title":null,"parent":null,"text":"推进","span":{"start":3,"end":9}}'
    assert ProvisionRecord.model_validate_json(record.model_dump_json()) == record
    again = pickle.loads(pickle.dumps(record, pickle.HIGHEST_PROTOCOL))
    assert again == record and isinstance(again.span, Span)
    with pytest.raises(ValidationError):
        ProvisionRecord(number="1", text="推进", span={"start": 3})
    span = Span(start=3, end=9)
    assert ProvisionRecord(number="1", text="推进", span=span).span is span  # (not copied: mapping moves it)


def test_records_made_without_validation_equal_the_validated_ones():
    from policykg.ingest.extract import _TASK_FIELDS_GIVEN, _UNIT_REF_FIELDS, _made

    span = Span(start=3, end=9)
    cases = []
    for level, known in [("city", True), (None, False)]:
        unit = {"name": "市财政局", "surface": "财政局", "printed": "财政局", "position": 1, "role": "cooperate",
                "level": level, "known": known, "collective": not known, "span": span}
        cases.append((UnitRef, unit, unit, _UNIT_REF_FIELDS))
    given = {"number": "1/2", "title": None, "text_start": "推进", "leads": ["市财政局"], "cooperates": [], "text": "推进",
             "clause": 2, "parent": "1", "span": span, "clause_span": span, "units": [UnitRef(**cases[0][1])],
             "deadline": "2025年底", "deadline_year": 2025}
    task = {name: given.get(name, []) for name in TaskRecord.model_fields}
    cases.append((TaskRecord, task, given, _TASK_FIELDS_GIVEN))
    for model, fields, given_fields, names in cases:
        made, plain = _made(model, dict(fields), names), model(**given_fields)
        assert type(made) is model and made == plain and repr(made) == repr(plain)
        assert list(made.__dict__) == list(plain.__dict__)
        assert made.model_fields_set == plain.model_fields_set
        assert made.__pydantic_extra__ == plain.__pydantic_extra__
        assert made.__pydantic_private__ == plain.__pydantic_private__
        assert made.model_dump_json() == plain.model_dump_json()
        assert made.model_fields_set is not _made(model, dict(fields), names).model_fields_set  # each its own


def test_the_tasks_and_units_of_provisions_equal_those_validated_from_their_fields():
    from policykg.ingest.extract import extract_bytes

    for path in sample_corpus_files():
        for task in extract_bytes(path.read_bytes(), path.name).tasks:
            for record in [task, *task.units]:  # (every field, in order, of its type: validated, it is the same)
                plain = type(record)(**record.__dict__)
                assert record == plain and list(record.__dict__) == list(plain.__dict__)
                assert record.model_dump_json() == plain.model_dump_json()


# -- numbering markers tried by the line's first character -----------------------------------------

MARKER_HEADS = st.sampled_from(["第", "一", "十", "百", "〇", "(", "（", "1", "12", "０", "٣", "①", "⑳", "⑴", "二、", "(三)", "1.",
                                "2)", "第三章", "第五节", "第八条", "4、", "(5)", "12.5", "3%", "市", ""])


@SETTINGS
@given(st.lists(MARKER_HEADS, max_size=3).map("".join), TEXT)
def test_markers_tried_by_the_first_character_equal_trying_every_kind(head, rest):
    line = head + rest
    assert outline.match_marker(line) == outline._match_marker(line, outline._MARKERS)


@SETTINGS
@given(st.lists(MARKER_HEADS | st.just("附件") | st.just("\t"), max_size=3).map("".join), TEXT)
def test_a_line_passed_over_by_its_first_character_is_no_marker_and_no_attachment(head, rest):
    line = (head + rest).split("\n")[0]
    if line[:1] not in outline._LINE_OPENERS and not line[:1].isdecimal():
        assert outline._match_marker(line, outline._MARKERS) is None
        assert outline._attachment_label(line) is None


# -- a paragraph join's map: lines kept as they stand merged into one copied segment -----------------


def _join_segment_per_line(text):
    """The join's map made plainly: each line a copied segment, each break kept a replaced one."""
    from policykg.ingest.normalize import OffsetMap, _cells_follow, _continues, _number_above_a_figure

    omap, parts, n, pos, paragraph, at = OffsetMap(), [], 0, 0, None, 0
    lines = text.split("\n")
    for i, line in enumerate(lines):
        start = pos
        pos += len(line) + 1
        if not line:
            continue
        head = _number_above_a_figure(lines, at, line) if paragraph == lines[at] else None
        if head is not None and not _cells_follow(lines, i):
            parts[-1] = head
            paragraph = head + line
        elif paragraph is not None and _continues(paragraph, line):
            paragraph += line
        else:
            if paragraph is not None:
                omap.add(n, start - 1, start, False)
                parts.append("\n")
                n += 1
            paragraph, at = line, i
        omap.add(n, start, start + len(line), True)
        parts.append(line)
        n += len(line)
    omap.length = n
    return "".join(parts), omap


@SETTINGS
@given(DOCUMENT)
def test_paragraphs_joined_with_merged_segments_map_every_offset_as_a_segment_per_line(text):
    from policykg.ingest.normalize import _join_broken_paragraphs

    joined, merged = _join_broken_paragraphs(text)
    plain_text, plain = _join_segment_per_line(text)
    assert joined == plain_text and merged.length == plain.length
    every = range(-2, len(joined) + 3)
    assert [(merged.start(i), merged.end(i)) for i in every] == [(plain.start(i), plain.end(i)) for i in every]


def test_paragraphs_none_of_which_is_joined_map_to_themselves():
    from policykg.ingest.normalize import _join_broken_paragraphs

    text = "一、总则。\n(一)加强领导。(牵头单位:市发展改革委)\n二、目标。"
    assert _join_broken_paragraphs(text)[1].is_identity()  # (passed over when spans are mapped)
    joined, omap = _join_broken_paragraphs("加强产业链协同,推动上下游企业配套合作,由市工业和信息\n化局牵头。")  # a page break
    assert joined == "加强产业链协同,推动上下游企业配套合作,由市工业和信息化局牵头。" and not omap.is_identity()


# -- level prefixes sought by their characters ------------------------------------------------------


@SETTINGS
@given(DOCUMENT)
def test_level_prefixes_sought_by_their_characters_equal_the_look_back_first_pattern(text):
    catalog = default_catalog()
    catalog.dominant_prefix("")  # (compiles the pattern it seeks)
    stems = sorted(catalog.agencies, key=len, reverse=True)
    plain = re.compile("(?<![\u4e00-\u9fff])([省市县区州旗])(?:" + "|".join(re.escape(a) for a in stems) + ")")
    for t in (text, "市财政局、县税务局" + text, text + "安庆市住房公积金管理中心", "区" + text):
        assert [(m.span(), m.group(1)) for m in catalog._stems.finditer(t)] == \
            [(m.span(), m.group(1)) for m in plain.finditer(t)]
    assert catalog.dominant_prefix("县财政局、县税务局、市商务局") == "县"


@SETTINGS
@given(st.lists(st.text(alphabet="市财政局发展委", min_size=1, max_size=4), max_size=12),
       st.text(alphabet="市财政局发展委改", max_size=30))
def test_words_grouped_by_their_first_character_match_as_their_alternation(words, text):
    from policykg.ingest.departments import _by_first_character

    words = sorted(set(words), key=len, reverse=True)  # (longest first, as the stems are)
    grouped, plain = re.compile(_by_first_character(words)), re.compile("|".join(re.escape(w) for w in words))
    for at in range(len(text) + 1):
        a, b = grouped.match(text, at), plain.match(text, at)
        assert (a and a.span()) == (b and b.span())


# -- known organisations: a name asked only of the patterns its last character can end ------------------

NAMES = st.lists(st.sampled_from(["市", "省", "财政局", "海关", "税务局", "国家税务总局", "菏泽", "分行", "人民银行", "中心支行",
                                  "公司", "集团", "监管组", "管委会", "高新区", "政府", "(", ")", "\n", "a", "学院"]) | TEXT,
                 max_size=6).map("".join)


@SETTINGS
@given(NAMES)
def test_names_asked_of_the_patterns_their_end_allows_equal_asking_every_pattern(name):
    from policykg.ingest.departments import _ByLastCharacter

    mixed = [re.compile(p) for p in [r"^.{2,4}(海关)$", r"(有关|相关).{0,12}部门", r"^各.{0,4}$", r"a$|b", r"^.{0,6}学院\n?$",
                                     r"(?:局|委)$", r"^[^,]{1,10}$", r"(?m)^.{0,3}\n?a$", r"政府\Z"]]
    for patterns in (default_catalog().known_patterns, mixed):
        by_end = _ByLastCharacter(patterns)
        for _ in range(2):  # (the second time from what it chose for the name's end)
            assert by_end.match(name) == any(p.match(name) for p in patterns)
            assert by_end.search(name) == any(p.search(name) for p in patterns)


def test_a_pattern_whose_end_is_any_line_end_is_asked_of_every_name():
    from policykg.ingest.departments import _ByLastCharacter

    assert _ByLastCharacter([re.compile(r"(?m)^.{0,3}a$")]).match("a\n市")  # ($ before the inner line break)


# -- a name looked up once per catalog ---------------------------------------------------------------


def test_a_name_is_looked_up_once_and_anew_when_the_data_changes():
    catalog = DepartmentCatalog()
    catalog.extend({"known_patterns": {"patterns": ["^.{2,4}海关$"]}})
    assert catalog._lookup("青岛海关")[0] == "青岛海关" and catalog._lookup("青岛海事局") is None
    catalog.extend({"known_patterns": {"patterns": ["^.{2,8}海事局$"]}})
    assert catalog._lookup("青岛海事局")[0] == "青岛海事局"  # (the answer kept before is gone with the data)


# -- targets: the words before a number looked up by character ------------------------------------


def _plain_qualifier(sentence, q, local_before, lex):
    found = []
    if q.after_bound:
        found.append(dict(lex.after)[q.after_bound])
    if q.approx:
        found.append(lex.approx[q.approx])
    tail = local_before[-8:]
    for word, canon in lex.before:
        if word in tail:
            if len(word) == 1 and not re.search(rf"{word}(?:为|到|在)?$", local_before):
                continue
            found.append(canon)
    if local_before.endswith("后") and "退出" in sentence[q.clause[0]:q.start]:
        found.append("退出后")
    if q.is_range:
        found.append("不少于")
    for canon in lex.precedence:
        if canon in found:
            if q.is_range and canon in ("以上", "左右", "达到"):
                return "不少于"
            return canon
    return "达到"


QUALIFIER_BEFORE = st.lists(st.sampled_from([w for w, _ in targets._lexicon().before] + ["签", "为", "到", "在", "退出", "后",
                                                                                        "企业", "年", "2025"]),
                            max_size=8).map("".join)


@SETTINGS
@given(QUALIFIER_BEFORE, st.sampled_from([None, *targets._lexicon().after_canon]), st.booleans())
def test_qualifier_words_looked_up_by_character_equal_trying_every_word(before, after_bound, is_range):
    lex = targets._lexicon()
    sentence = before + "50家"
    q = targets._Quantity(start=len(before), num_end=len(before) + 2, end=len(sentence), value=50.0, unit="家",
                          is_range=is_range, is_cn=False, approx=None, after_bound=after_bound,
                          clause=(0, len(sentence)))
    assert targets._qualifier(sentence, q, before, lex) == _plain_qualifier(sentence, q, before, lex)


# -- targets: word lists a clause's text before a quantity ends with --------------------------------


def _end_lists():
    lex = targets._lexicon()
    return {"threshold": lex.threshold, "threshold_always": lex.threshold_always, "scope_before": lex.scope_before,
            "action_end": lex.action_end, "existing_before": lex.existing_before}


BEFORE_TEXT = st.lists(st.sampled_from([w for words in _end_lists().values() for w in words]
                                       + ["8", "类", "12", "企业", "的", " ", "a"]), max_size=6).map("".join)


@SETTINGS
@given(BEFORE_TEXT)
def test_words_a_clause_ends_with_equal_the_end_anchored_patterns(before):
    for words in _end_lists().values():
        plain = re.compile("(?:" + "|".join(re.escape(w) for w in words) + ")$")
        assert before.endswith(words) == bool(plain.search(before))
    kinds = targets._lexicon().kinds_before
    counted = before.endswith(kinds) and before[:-len(kinds)][-1:].isdecimal()
    assert counted == bool(re.search(rf"\d+{re.escape(kinds)}$", before))


# -- document numbers sought before each tail (metadata, references) ----------------------------------


NUMBER_TEXT = st.lists(st.sampled_from(["菏政办字", "〔2024〕", "7号", "[2023]", " ", "56号", "国发", "(2022)", "18 号",
                                        "关于印发", "鲁服务业办", "【2025】4号", "a", "1", "。", "\n", "文件"]),
                       max_size=14).map("".join)


@SETTINGS
@given(NUMBER_TEXT | DOCUMENT)
def test_numbers_sought_before_each_tail_equal_a_search_everywhere(text):
    from policykg.ingest import metadata

    assert [n.span() for n in metadata.doc_numbers(text)] == [n.span() for n in DOC_NUMBER.finditer(text)]
    assert metadata._holds_doc_number(text) == bool(DOC_NUMBER.search(text))


def _plain_first_in(text: str):
    ri = region_index()
    for i in range(len(text)):
        hit = ri.prefix_match(text, i)
        r = hit[0] if hit else None
        if r is not None and (r.name == text[i:i + len(r.name)] or r.level != "county"):
            return i, r
    return None


@SETTINGS
@given(st.lists(st.sampled_from(["菏泽市", "菏泽", "曹县", "山东", "国家金融监督管理总局", "柳州", "监管分局", "河南省商丘市",
                                 "关于", "的", " ", "《", "》"]) | st.text(max_size=3), max_size=8).map("".join))
def test_the_first_region_found_where_a_name_can_start_equals_trying_every_character(text):
    assert region_index().first_in(text) == _plain_first_in(text)


@SETTINGS
@given(st.lists(st.integers(0, 60), max_size=12), st.lists(st.integers(-5, 70), min_size=1, max_size=12))
def test_standing_rules_in_force_equal_those_stated_before(starts, asked):
    rules = clauses.DocumentRules(standing=sorted(
        (clauses.StandingUnits(at, at + 3, [(f"单位{i}", f"单位{i}")], "responsible") for i, at in enumerate(starts)),
        key=lambda r: r.at))
    for at in asked:
        in_force, key = rules.standing_with_key(at)
        assert in_force == [s for s in rules.standing if s.at <= at]
        assert key == tuple((s.at, s.end, tuple(s.units), s.role) for s in in_force)


_SUFFIX_WORDS = sorted(set(default_catalog().suffixes))


@SETTINGS
@given(st.lists(st.sampled_from([*_SUFFIX_WORDS, "市", "财政", "\n", " ", "局长", "公司的"]), max_size=5))
def test_agency_suffix_by_endswith_equals_the_pattern(pieces):
    catalog = default_catalog()
    name = "".join(pieces)
    assert catalog.has_agency_suffix(name) == bool(catalog.agency_suffix.search(name))


@SETTINGS
@given(st.text(alphabet="省市县区州旗地区示范区新局财政 \u3000ＡＢ", max_size=10))
def test_head_prefix_equals_the_kept_prefix(name):
    assert default_catalog().head_prefix(name) == default_catalog().prefix_of(name)


def _plain_without_rule_sentences(text: str) -> str:
    words = clause_words()
    for rule in words.standing_units:
        text = rule.pattern.sub(clauses._blanked, text)
    return words.leads_before_comma.pattern.sub(clauses._blanked, text)


@SETTINGS
@given(st.lists(st.sampled_from(["逗号前为牵头单位,下同", "以下政策均需各县政府落实,不再单独列出", "各项任务的责任单位均包括市财政局,不再列出",
                                 "不再", "均包括", "逗号", "市商务局", "、", ","]) | DOCUMENT, max_size=8).map("".join))
def test_rule_sentences_blanked_after_a_look_for_their_literals_equal_every_pattern_s_substitution(text):
    assert clauses._without_rule_sentences(text) == _plain_without_rule_sentences(text)


def test_the_character_table_tells_the_characters_fold_changes():
    from policykg.ingest import normalize

    for c in map(chr, range(0x10000)):
        if "\ud800" <= c <= "\udfff":
            continue
        codes = classes_of(c, normalize._CHARACTER_TABLE)
        assert bool(codes[0] & normalize._FOLDABLE_BIT) == (normalize._FOLDABLE.search(c) is not None), repr(c)
        assert bool(codes[0] & normalize._CONTROL_BIT) == (normalize._CONTROL.search(c) is not None), repr(c)


@SETTINGS
@given(st.lists(st.sampled_from(["排在第一位的为牵头单位", "列第一位为牵头", "首位为牵头", "第一个单位为牵头", "逗号前为牵头单位,下同",
                                 "以下政策均需各县政府落实,不再单独列出", "各项任务的责任单位均包括市财政局,不再列出", "以下", "各", "第一",
                                 "位列", "排", "首", "牵头", "为牵头", "不再", "列出", "均包括", "逗号", "市商务局", "、", ",", "。"])
                | DOCUMENT, max_size=12).map("".join))
def test_rules_sought_before_their_literals_equal_finditer(text):
    words = clause_words()
    for sought in (words.first_listed_leads, words.leads_before_comma, *words.standing_units):
        plain = [m.span() for m in sought.pattern.finditer(text)]
        assert [m.span() for m in sought.finditer(text)] == plain
        found = sought.search(text)
        assert (found.span() if found else None) == (plain[0] if plain else None)


def test_the_clause_records_own_inits_take_their_fields_as_dataclass_would():
    import dataclasses
    import inspect

    for cls in (clauses.UnitMention, clauses.ClauseSpan):
        params = list(inspect.signature(cls.__init__).parameters.values())[1:]
        fields = dataclasses.fields(cls)
        assert [(p.name, p.default) for p in params] == \
            [(f.name, inspect.Parameter.empty if f.default is dataclasses.MISSING else f.default) for f in fields]
    made = clauses.UnitMention("市财政局", 1, 5, "lead", "财政局", 2, (7, 9))
    assert dataclasses.astuple(made) == ("市财政局", 1, 5, "lead", "财政局", 2, (7, 9))
    assert made == clauses.UnitMention(written="市财政局", start=1, end=5, role="lead", printed="财政局", position=2,
                                       stated_at=(7, 9))
    assert dataclasses.astuple(clauses.ClauseSpan(1, 2, 3, 4)) == (1, 2, 3, 4)


@SETTINGS
@given(st.lists(st.sampled_from(["各", "县", "区", "(市、区)", "人民政府", "有关", "相关", "部门", "单位", "属地", "乡镇", "成员单位",
                                 "其他", "其余", "所属", "银行", "企业", "市", "财政局", "、", "(", ")", "管委会"]), max_size=8).map("".join))
def test_a_name_without_the_words_collectives_need_is_asked_of_no_pattern(name):
    catalog = DepartmentCatalog.load(*alias_files(None))
    head = name.split("、", 1)[0]
    assert catalog.is_collective(name) == any(p.search(name) or p.search(head) for p in catalog.collective_patterns)


@SETTINGS
@given(st.sampled_from(["各.{0,3}(政府|部门)", "(有关|相关)+x", "a(?=b)cd", "(?:ab|c[de])f?", "x{0,2}yz", "(?:p|q*)r",
                        "^(省|市)?(其他|其余)单位$", "(?i:ab)c"]),
       st.text(alphabet="各有关相政府部门abcdefpqrxyz省市其他余单位", max_size=12))
def test_a_text_a_pattern_matches_holds_one_of_its_needed_words(pattern, text):
    from policykg.ingest.departments import _needed_words

    words = _needed_words(re.compile(pattern))
    if re.search(pattern, text) and words is not None:
        assert any(w in text for w in words)


# -- clause lists: a list with no bracket and no joining word is cut at its separators in one split ----------------

LIST_TEXT = st.lists(st.sampled_from(["市发展改革委", "市财政局", "自然资源和规划局", "市科技局", "及", "与", "以及", "、", ",",
                                      "，", ";", "；", "/", " ", "(牵头)", "〔", "〕", "“", "”", "<", "区"]) | TEXT,
                     max_size=10).map("".join)


@SETTINGS
@given(LIST_TEXT)
def test_list_split_at_separators_equals_the_marks_read(text):
    catalog = default_catalog()
    assert clauses._split_list(text, catalog) == clauses._split_marked_list(text, catalog)


@SETTINGS
@given(LABEL_TEXT)
def test_clause_labels_kept_equal_labels(text):
    words = clause_words()
    expected = [_span_of(m) for m in words.labels(text)]
    assert [_span_of(m) for m in words.clause_labels(text)] == expected
    assert [_span_of(m) for m in words.clause_labels(text)] == expected  # (the kept list, asked again)


@SETTINGS
@given(st.lists(st.sampled_from(["会同", "会", "同", "市财政局", "、"]) | TEXT, max_size=8).map("".join))
def test_counterpart_sought_by_its_words_equals_the_pattern(text):
    words = clause_words()
    assert words.holds_counterpart(text) == (words.counterpart.search(text) is not None)
    assert words.as_one_list(text) == words.counterpart.sub("、", text)


@SETTINGS
@given(st.lists(st.tuples(st.sampled_from(["市财政局", "市税务局", "市商务局"]),
                          st.sampled_from([clauses.LEAD, clauses.COOPERATE])), max_size=6))
def test_dedupe_of_distinct_units_keeps_them_all(units):
    mentions = [clauses.UnitMention(name, 0, 0, role) for name, role in units]
    deduped = clauses._dedupe(list(mentions))
    # as the loop over every mention keeps them: each (unit, role) once, a unit that leads only as a lead
    leads = {m.written for m in mentions if m.role == clauses.LEAD}
    seen: set = set()
    expected = []
    for m in mentions:
        if (m.written, m.role) not in seen and (m.role == clauses.LEAD or m.written not in leads):
            seen.add((m.written, m.role))
            expected.append(m)
    assert deduped == expected
