"""Quantified targets (目标) in the text of one provision.

A target is a number with a unit, tied to something measured, with a
direction: "到2025年，全市服务业增加值年均增长6%以上" → 6 %, 以上, 2025.

How a provision's text is read:

1. It is cut into sentences (。 and line ends) and each sentence into clauses
   (，；：). A "到2025年" (or "2026年年底", "“十四五”期间") governs the rest of its
   sentence, across ；; a sentence that ends in a colon hands its year on to the
   list lines that follow; 年底/全年/年内/上半年/四季度 mean the document's year (not
   after 明年 or 半: 明年上半年, 半年内); a list of years that 分别 pairs with as
   many values gives each its own (到2023年、2024年、2025年…分别达到50%、60%、70%); a
   heading's year (``default_year``) comes next; then, unless the goal recurs
   or has no end (每年, 年均, 逐步), a one-year package's year
   (``package_year``). Each target says which of these it took (``year_basis``:
   stated, package or none). A multi-year plan has no package year: its
   horizon is not spread onto goals whose sentence names no year.
2. Every number followed by a unit is a candidate: Arabic numbers, ranges
   ("30—50个" → 30, 不少于) and Chinese numerals (一个, 三十家). 万/亿 stay in
   the unit.
3. Candidates that are not goals are dropped, by general rules:
   names and labels (inside quotes or 《》, next to Latin letters: 5G, “231”,
   十四五), ordinals (第九届), thresholds that define what another target
   counts (投资500万元以上…项目, 规模过1000亿元的集群, 超过1亿元的数量达到40家),
   bands (30万千瓦以下), restated counts of a list or an existing set
   (寿光5个千亿县, …等6个园区, 以136个县为主体, 持续推进9个化工园区),
   support amounts (给予最高50万元奖励), what exists or was done (目前已建成5个,
   增长了8%), counts of a document's parts (分解为79项任务), time spans
   (3个工作日内办结; but 压缩至2个工作日 is a goal), and bare Chinese numerals
   with no bound word (筹划建设一所…, 三张清单) or magnitude words (百亿元).
   Per-case policy parameters are not goals either (``_not_a_goal``): rates and
   ratios (征收率由3%降至1%, 首付比例, 合同总价的10%), caps and per-case amounts
   (最高…万元, 每人1000元, 2500元/亩), fiscal allocations (财政安排X亿元),
   eligibility thresholds and conditions (对…的, (含)以上, 及以下, 若…), class
   and size definitions (一批年出栏3000头以上的, 不少于100人的队伍), counts of
   what exists (停工的256个) and of projects to speed up (加快12个…建设).
   Nor are the figures of a sentence that reports (``_reported``): one that compares with a past period or
   tells what has been done (同比增长11.2%, 较年初下降0.17个百分点, 已交付338万套, 2018年以来) gives a target
   only where a goal cue makes one (力争, 全年, 到2025年, a one-year package's year, 以上, 左右).
   Nor is a plan's rule for each case (``_per_case_rule``): a quantity after a modal in its clause (可降低15%,
   应不低于75%), after a condition clause (购买…以上的,发放…消费券) or as a changed rule's new value (调整为不低于20%,
   由20万元提高至25万元) or as what a parameter is (固定基础额度为60万元, 各县为1910元) or as a rank that picks the
   cases (前100名学校, 增量大的前5名企业), unless a goal cue stands
   before it (力争, 确保, 到2025年, 目标) or it is a process time.
   The values of a bare list (不低于监管额度的40%、30%、20%) share the rule one of them is dropped for, and the
   bound before its first value (分别不低于40%、60%: 不少于 for both).
   Nor are a bounded area before what it qualifies (建设体量在5万平方米以上的项目), a sum's instalment
   (1个月内再支付30%, 累计拨付金额不超过35%), a web page's counter (阅读:188次), or the figures of a worked
   example (例:…, 如:…, 以总价100万元房源为例) from where it starts.
4. One quantity that covers several measured things is repeated for each
   (A比例、B比例均达到80%; 幼儿园和中小学校各200所; A率、B率达100%).

A year after 比/较/自 is a baseline, not the due year (比2020年下降14.5%).
``year_handed_down`` gives the year a provision hands to its numbered
sub-items ("到2025年，主要目标是：" above "1. …"); callers pass it on as
``default_year``. The word lists live in ``data/targets.toml``.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Final

import numpy as np

from .char_classes import chars_table, class_table, classes_of, positions_of
from .clause_words import first_chars, last_chars, sre_parse
from .numerals import chinese_to_int, to_number
from .regions import region_index
from .sorted_search import bisect_left, bisect_right
from .target_quantities import (
    CN_NUM,
    QuantityMatch,
    UnitWords,
    cn_numeral_at,
    digit_at,
    number_char_at,
    numeral_at,
    quantity_at,
    unit_at,
)
from .word_lists import alternation as _alt

DATA_FILE = Path(str(resources.files("policykg.ingest").joinpath("data", "targets.toml")))


@dataclass(init=False)
class FoundTarget:
    text: str  # the shortest verbatim clause that holds the quantity
    metric: str  # what is measured
    value: float
    unit: str  # as printed; 万/亿 stay in the unit
    qualifier: str  # 以上/左右/超过/突破/不少于/以内/下降至/达到 …
    year: int | None  # the year the goal is due
    start: int  # offsets of ``text`` in the given string
    end: int
    year_basis: str = "none"  # stated (in the text or its heading) | package (a one-year package) | none

    # (its own __init__: the compiled build makes it a C function, where the dataclass's generated one runs as Python
    # with its keyword arguments, for each target)
    def __init__(self, text: str, metric: str, value: float, unit: str, qualifier: str, year: int | None, start: int,
                 end: int, year_basis: str = "none") -> None:
        self.text = text
        self.metric = metric
        self.value = value
        self.unit = unit
        self.qualifier = qualifier
        self.year = year
        self.start = start
        self.end = end
        self.year_basis = year_basis


# --- the lexicon ------------------------------------------------------------------


@dataclass
class _Lexicon:
    quantity: re.Pattern[str]
    quantity_tail: re.Pattern[str]  # what every quantity ends with (see ``_quantity_tail``)
    units: UnitWords  # the unit words of both, which ``quantity_at`` and ``unit_at`` read as the patterns match
    tail_classes: np.ndarray  # by character (``class_table``): 1 a numeral, 2 what a unit starts with
    before: list[tuple[str, str]]
    before_by_first: dict[str, list[tuple[str, str]]]  # ``before`` by the first character of the word
    after: list[tuple[str, str]]
    after_canon: dict[str, str]  # ``after`` as a mapping
    approx: dict[str, str]
    precedence: list[str]
    before_adjacent: frozenset[str]  # words of ``before`` that count only right before the number
    below_ok: re.Pattern[str]
    not_after_ge: re.Pattern[str]
    spec_after: re.Pattern[str]
    # words the text of a clause before a quantity is tested to end with (``str.endswith``: that text holds no
    # line end, so each answers what a "(?:words)$" search would, without a pattern call)
    threshold: tuple[str, ...]
    threshold_always: tuple[str, ...]
    existing: re.Pattern[str]
    baseline: tuple[str, ...]  # a year's text before it ends with these: a baseline (``str.endswith``, as ``threshold``)
    scope_before: tuple[str, ...]
    ordinal_joiners: frozenset[str]
    ordinal_list: re.Pattern[str]  # a list of ordinals before a count: "第1、2条"
    scope_after: re.Pattern[str]
    org_before: re.Pattern[str]
    support: re.Pattern[str]
    action_end: tuple[str, ...]
    strip_lead: re.Pattern[str]
    strip_tail: re.Pattern[str]
    bound_before: re.Pattern[str]
    after_re: re.Pattern[str]
    verb_word: re.Pattern[str]  # a verb of two or more characters (no particles)
    this_year: re.Pattern[str]  # 年底, 全年, 年内: the document's year
    this_year_not_after: tuple[str, ...]  # ...not after these: 明年上半年, 半年内 (see ``_names_this_year``)
    no_year: re.Pattern[str]  # 每年, 年均, 逐步: a goal with no one due year
    time_units: frozenset[str]
    page_counter_units: frozenset[str]
    page_counter: re.Pattern[str]  # a web page's label for its counter, before the clause: "阅读:188次"
    above_refs: frozenset[str]  # all a clause holds before a count that counts what was listed: "以上2种情况"
    address_units: frozenset[str]  # a count in these after a street number (``address_mark``): "清湖路10号国鸿工业园3栋"
    address_mark: str
    record_units: frozenset[str]  # a count of times in these before ``record_word``: "有2次贷款记录"
    record_word: str
    score_unit: str  # what a scoring rubric's row ends with: "得4分"
    score: re.Pattern[str]  # ...the score itself
    time_cut: re.Pattern[str]
    noun_after_unit: dict[str, str]
    existing_before: tuple[str, ...]
    completion_after: re.Pattern[str]
    list_goal_close: str  # "打造A、B等30个…": a list of examples of what is to be made
    list_goal_open: re.Pattern[str]
    speed_up_before: re.Pattern[str]
    parameter: re.Pattern[str]
    parameter_after: re.Pattern[str]
    discount: re.Pattern[str]  # the discount each buyer gets: "在定价基础上优惠1%-3%"
    cost_share: re.Pattern[str]  # who bears what share of a case's cost: "市级承担30%"
    payment: re.Pattern[str]  # the share of a sum paid at one stage: "1个月内再支付30%"
    basis: re.Pattern[str]
    basis_word: re.Pattern[str]  # what the basis group of ``basis`` matches, alone: most clauses have none
    ratio_base: re.Pattern[str]
    permission: re.Pattern[str]
    ratio_of: re.Pattern[str]
    condition_after: re.Pattern[str]
    condition_close: tuple[str, ...]  # a clause ending with these states when a rule applies
    condition: re.Pattern[str]
    class_units: frozenset[str]  # a size in these with a bound after it defines a class of cases
    class_size_units: frozenset[str]  # ...and in these, bounded before 的 or what it qualifies
    per_case_purchase: re.Pattern[str]
    case_actor: re.Pattern[str]  # one buyer or depositor, before a quantity in its clause: what each case may get
    budget: re.Pattern[str]  # a subsidy's size, before a count or a sum ("补贴套数为", "共计", "总金额")
    budget_rate: re.Pattern[str]  # what each case gets, in the sentence of a subsidy's size ("5000元/套")
    budget_units: frozenset[str]
    total_of_listed: frozenset[str]  # a total right after a count of projects ("…项目529个、总投资4302.65亿元")
    stage_after: tuple[str, ...]  # the stage at which a rule applies: "主体完成50%即可申请", "形象进度达70%后"
    stage_after_share: tuple[str, ...]
    stage_first: frozenset[str]  # the first characters of those words
    progress: re.Pattern[str]  # a building's progress: "形象进度超过50%未办预售许可证"
    group_purchase: re.Pattern[str]  # the size a group purchase must reach: "团购(5套房屋及以上)"
    owned_units: frozenset[str]  # a count of the dwellings a family owns: "名下有1套住房"
    owned_words: re.Pattern[str]
    owned_end: str
    owned_thing: str
    per_each: re.Pattern[str]
    per_case_money: re.Pattern[str]
    allocation: re.Pattern[str]
    eligibility: re.Pattern[str]
    eligibility_raise: tuple[str, ...]  # an eligibility clause's quantity right after these: "对二孩家庭提高5万元"
    inclusive: tuple[str, ...]  # words: "(含" opens "30次(含)以上"
    class_open: re.Pattern[str]
    people_units: frozenset[str]
    kinds_before: str  # after a number: "8类10项"
    package_units: frozenset[str]  # "16条措施": a package of measures named by its size
    package_after: re.Pattern[str]
    package_before: tuple[str, ...]
    household_units: frozenset[str]  # a count of a family's children or members ("至少一个子女未成年", "3人家庭")
    household_after: tuple[str, ...]
    household_size_after: str
    household_words: re.Pattern[str]
    withdrawal: re.Pattern[str]  # a sentence about withdrawing from a housing fund: "每年提取金额不超过14400元"
    withdrawal_units: frozenset[str]
    support_units: tuple[str, ...]
    per_year: str
    direction_before: re.Pattern[str]
    report: re.Pattern[str]  # a sentence that compares with a past period reports results
    report_needs: tuple[str, ...]  # ...one of which each of its words holds (a sentence without any is not searched)
    goal_word: re.Pattern[str]  # ...unless one of these stands before the quantity
    goal_bound_before: tuple[str, ...]  # ...or one of these ends the text right before it
    goal_bound_after: frozenset[str]  # ...or it has one of these bounds
    horizon_before: tuple[str, ...]  # ...or a due year after one of these stands before it
    review_heading: re.Pattern[str]  # a provision's heading that reviews a past period ("“十四五”时期…取得重大成就")
    review_needs: tuple[str, ...]  # ...one of which every match of it holds (its words and its nouns)
    rule_modal: re.Pattern[str]  # a modal or a word that only holds one (one of ``rule_not_modal``)
    rule_not_modal: frozenset[str]
    rule_condition: re.Pattern[str]  # a clause that ends a condition: "…的,", "个贷率<75%时,"
    rule_change: re.Pattern[str]  # the new value of a changed rule: "调整为", "由X提高至"
    rule_change_reach: int  # the most characters a match of ``rule_change`` holds (it ends at the text's end)
    rule_goal: re.Pattern[str]  # a goal cue before the quantity keeps a rule-shaped one a target
    rule_definition: tuple[str, ...]  # a clause's text before its last quantity ends with these: "额度为60万元"
    rule_definition_not: tuple[str, ...]  # ...but not with these: "成为", "作为"
    rule_rank: tuple[str, ...]  # a clause's text before a quantity ends with these: a rank, "前100名"
    rule_rank_not: tuple[str, ...]  # ...but not with these: "年底前", "提前"
    rule_rank_units: frozenset[str]  # ...and in these units: "前100名", not "前100项电子证照"
    opens: _Openers = field(init=False)  # the characters some of these patterns' matches open or end with

    def __post_init__(self) -> None:
        self.opens = _Openers(self)


class _Openers:
    """The characters the matches of the judges' patterns that are tried at one place (a clause's start, the end of
    a quantity, the end of the text before it) open with (or end with), tested before the pattern is tried: most
    candidates have none there, and a pattern's call costs more (some 1,600 instructions) than testing the one
    character."""

    def __init__(self, lex: _Lexicon) -> None:
        self.eligibility = _opening(lex.eligibility)
        self.condition = _opening(lex.condition)
        self.ratio_of = _opening(lex.ratio_of)
        self.parameter = _opening(lex.parameter)
        self.parameter_after = _opening(lex.parameter_after)
        self.speed_up_before = _opening(lex.speed_up_before)
        self.not_after_ge = _opening(lex.not_after_ge)
        self.spec_after = _opening(lex.spec_after)
        self.after = _opening(lex.after_re)
        self.org_before_end = _ending(lex.org_before)
        # (the few characters any match of a pattern searched for in a whole text opens with: their ``in`` tests
        # cost a fraction of the pattern's call, and most texts hold none of them)
        self.condition_after = _few_opening(lex.condition_after)
        self.withdrawal = _few_opening(lex.withdrawal)
        self.scope_after = _few_opening(lex.scope_after)
        self.before = _BeforeOpeners(lex)
        self.strip_lead = _opening(lex.strip_lead)  # (anchored at the start)
        self.strip_tail_end = _ending(lex.strip_tail)  # (anchored at the end)
        # the last characters of the longer lists of words a text is tested to end with (``_ends_with_any``)
        self.scope_before_end = _last_characters(lex.scope_before)
        self.action_end_end = _last_characters(lex.action_end)
        self.existing_before_end = _last_characters(lex.existing_before)


class _BeforeOpeners:
    """The patterns searched for in a candidate's text before it in its clause (the judges' ``before``), each a bit:
    ``table`` holds, by code point of the Basic Multilingual Plane, the bits of those whose matches can open with
    the character. ``_opening_bits`` reads the text once and tells which of them can match in it, where a test of
    each pattern's characters by ``in`` (``_holds_any``) read it once for each pattern, some five a candidate;
    most candidates hold none of most of them, whose searches (some 2,000 instructions each) are then not made."""

    def __init__(self, lex: _Lexicon) -> None:
        self.table: list[int] = [0] * _BMP_SIZE
        self._bits = 0
        self.progress = self._bit(lex.progress)
        self.change_from = self._bit(_CHANGE_FROM)
        self.changed_to = self._bit(_CHANGED_TO)
        self.basis_word = self._bit(lex.basis_word)
        self.cost_share = self._bit(lex.cost_share)
        self.payment = self._bit(lex.payment)
        self.parameter = self._bit(lex.parameter)
        self.discount = self._bit(lex.discount)
        self.permission = self._bit(lex.permission)
        self.per_case_purchase = self._bit(lex.per_case_purchase)
        self.case_actor = self._bit(lex.case_actor)
        self.budget = self._bit(lex.budget)
        self.group_purchase = self._bit(lex.group_purchase)
        self.per_each = self._bit(lex.per_each)
        self.per_case_money = self._bit(lex.per_case_money)
        self.allocation = self._bit(lex.allocation)
        self.class_open = self._bit(lex.class_open)
        self.bound_before = self._bit(lex.bound_before)
        self.rule_modal = self._bit(lex.rule_modal)
        self.rule_change = self._bit(lex.rule_change)

    def _bit(self, pattern: re.Pattern[str]) -> int:
        bit = 1 << self._bits
        self._bits += 1
        for c in _opening(pattern):
            if ord(c) >= _BMP_SIZE:
                raise ValueError(f"a match of {pattern.pattern!r} opens beyond the Basic Multilingual Plane")
            self.table[ord(c)] |= bit
        return bit


_BMP_SIZE: Final = 0x10000


def _opening_table(pattern: re.Pattern[str]) -> list[int]:
    """By code point of the Basic Multilingual Plane: 1 where a match of ``pattern`` can open (for
    ``_opening_bits``: a text that has no such character is not searched)."""
    table = [0] * _BMP_SIZE
    for c in _opening(pattern):
        if ord(c) >= _BMP_SIZE:
            raise ValueError(f"a match of {pattern.pattern!r} opens beyond the Basic Multilingual Plane")
        table[ord(c)] = 1
    return table


def _opening_bits(text: str, a: int, b: int, table: list[int]) -> int:
    """The bits ``table`` holds for the characters of ``text[a:b]``, or'ed (a character beyond the plane has none)."""
    bits = 0
    for i in range(a, b):
        o = ord(text[i])
        if o < _BMP_SIZE:
            bits |= table[o]
    return bits


def _opening(pattern: re.Pattern[str]) -> frozenset[str]:
    found = first_chars(pattern)
    if found is None:
        raise ValueError(f"no first characters read from {pattern.pattern!r}")
    return found


def _few_opening(pattern: re.Pattern[str]) -> tuple[str, ...]:
    """``_opening`` as a tuple, for ``_holds_any``."""
    return tuple(sorted(_opening(pattern)))


def _holds_any(text: str, chars: tuple[str, ...]) -> bool:
    """Does ``text`` hold one of ``chars``? Asked before a search for a pattern whose matches open with one of them
    (``_few_opening``): an ``in`` a character costs some tens of instructions on a clause, the search's call some
    1,600, and most clauses hold none of them."""
    for c in chars:
        if c in text:
            return True
    return False


def _holds_any_in(text: str, chars: tuple[str, ...], a: int, b: int) -> bool:
    """``_holds_any(text[a:b], chars)``, without the slice."""
    for c in chars:
        if text.find(c, a, b) >= 0:
            return True
    return False


def _last_characters(words: tuple[str, ...]) -> frozenset[str]:
    if not all(words):
        raise ValueError("an empty word ends every text")
    return frozenset(w[-1] for w in words)


def _starts_with_any(text: str, at: int, words: tuple[str, ...]) -> bool:
    """``text.startswith(words, at)``: with a start, ``startswith`` is called as a method in the compiled build (some
    800 instructions), ``find`` in a window of each word's length is compiled (some 200)."""
    for w in words:
        if text.find(w, at, at + len(w)) == at:
            return True
    return False


def _ends_with_any(text: str, words: tuple[str, ...], last: frozenset[str]) -> bool:
    """``text.endswith(words)``, ``last`` the words' last characters: most texts end with none of them, told by one
    lookup where ``endswith`` tries each of the words (some tens of instructions each, over a hundred words)."""
    return text[-1:] in last and text.endswith(words)


def _ending(pattern: re.Pattern[str]) -> frozenset[str]:
    found = last_chars(pattern)
    if found is None:
        raise ValueError(f"no last characters read from {pattern.pattern!r}")
    return found


def _refused_after(words: list[str], refused: tuple[str, ...], tail: str = "") -> str:
    """An alternation of ``words``, each followed by ``tail``, that refuses a word right after what one of the
    fixed-width patterns ``refused`` matches: "(?<!R)(?:words)tail", with the lookbehinds moved after each whole
    word (each looking behind R and the word). A pattern that opens with a lookbehind gives the engine no first
    characters to skip along to: it is tried at every character of the text (some 15 µs for a sentence of a
    hundred), where this one is tried only where one of its words' first characters stands (as ``_YEAR``); and its
    lookbehinds are tried only where a whole word stands, not at each of its first characters (一 of 一季度, a
    common character, with some twenty refused words before it)."""
    alternatives = []
    for word in sorted(set(words), key=len, reverse=True):
        w = re.escape(word)
        checks = "".join(f"(?<!{r}{w})" for r in refused)
        alternatives.append(f"{w}{checks}{tail}")
    return "|".join(alternatives) or "(?!)"


def _tail_words(words: list[str], kept: list[str]) -> str:
    """An alternation of ``words`` (longest first), each refused right after what a word of ``kept`` that ends with
    it has before it: "人均" keeps its 均 ("面积人均不低于" loses only "不低于"). (The check follows the word, as a
    lookbehind of the kept word: one ahead of it would have the pattern tried at every character, where the engine
    skips along to the words' first characters.)"""
    alternatives = []
    for word in sorted(set(words), key=len, reverse=True):
        checks = "".join(f"(?<!{re.escape(k)})" for k in kept if k.endswith(word) and k != word)
        alternatives.append(re.escape(word) + checks)
    return "|".join(alternatives) or "(?!)"


def _alt_by_first(words: list[str]) -> str:
    """``_alt(words)`` with the words that share a first character under it: "个(?:自然日|工作日|百分点|)|人(?:…)".
    The engine tries an alternation's words in turn, some seventy units for each quantity; this way one test
    a first character, then only that character's words. (Words with different first characters cannot both
    match at one place: the first word to match is the one ``_alt`` gives.)"""
    by_first: dict[str, list[str]] = {}
    for word in sorted(set(words), key=len, reverse=True):
        by_first.setdefault(word[0], []).append(word[1:])
    alternatives = []
    for first, rests in by_first.items():
        if rests == [""]:
            alternatives.append(re.escape(first))
        else:
            alternatives.append(re.escape(first) + "(?:" + "|".join(re.escape(r) for r in rests) + ")")
    return "|".join(alternatives) or "(?!)"


_CN_NUM: Final = CN_NUM  # (the numerals ``quantity_at`` reads)
_MULTIPLIERS: Final = "十百千万亿"  # before a unit: a total, not one case's count


def _needs_of(words: list[str], needs: list[str]) -> tuple[str, ...]:
    """``needs``, when each of ``words`` holds one of them: a text that holds none holds none of the words."""
    for word in words:
        if not any(need in word for need in needs):
            raise ValueError(f"{word!r} holds none of {needs}")
    return tuple(needs)


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    data = tomllib.loads(DATA_FILE.read_text(encoding="utf-8"))
    units, quals, excl, verbs = data["units"], data["qualifiers"], data["exclude"], data["verbs"]
    years, report, rule = data["years"], data["report"], data["rule"]
    approx = dict(quals["approx"])
    # 1,000 is one thousand. Atomic: what follows a number (a separator, a unit, spaces) holds no digit, comma or
    # dot, so a shorter number could not match either; the engine is spared giving its digits back one by one.
    num = r"(?>(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)"
    # (the lookbehinds of a number in figures tested once for a range and a single number)
    number = (
        rf"(?<![\d.A-Za-z])(?<!\d,)(?:(?P<range>{num}\s*(?:[-—–~～]|至|到)\s*{num})|(?P<ar>{num}))"
        rf"|(?P<cn>(?<![\d{_CN_NUM}])[{_CN_NUM}]+)"
    )
    unit_words = [*approx, *units["multipliers"], *units["base"]]
    # a unit starts with one of these: checked first, a numeral followed by anything else (most are) is
    # passed over at once instead of after trying every unit word
    unit_first = "[" + "".join(sorted({re.escape(w[0]) for w in unit_words})) + "]"
    unit_start = f"(?={unit_first})"
    unit = (rf"{unit_start}(?P<approx1>{_alt(approx)})?(?P<mult>{_alt(units['multipliers'])})?"
            rf"(?P<approx2>{_alt(approx)})?(?P<base>{_alt_by_first(units['base'])})")
    # (the candidates are read by ``quantity_at`` and the tails by ``unit_at``, as these patterns match: the patterns
    # are what they follow, and the tests compare them)
    quantity = re.compile(rf"(?:{number}){unit}")
    after_words = [tuple(x) for x in quals["after"]]
    before = sorted((tuple(x) for x in quals["before"]), key=lambda x: -len(x[0]))
    before_by_first: dict[str, list[tuple[str, str]]] = {}
    for word, canon in before:
        before_by_first.setdefault(word[0], []).append((word, canon))
    # the verb and up to eight characters of the new value's words ("调整为每年提取不超过4次"); an old value
    # after 由/从 holds a number
    rule_change = re.compile(
        rf"(?:(?:{_alt(rule['change_verbs'])})"
        rf"|(?:{_alt(rule['change_from'])})(?P<old>[^,;:由从]{{0,30}}[\d{_CN_NUM}][^,;:由从]{{0,30}})"
        rf"(?:{_alt(rule['change_to'])}))[^,;:]{{0,8}}$")
    return _Lexicon(
        quantity=quantity,
        quantity_tail=re.compile(rf"[\d{_CN_NUM}]{unit}"),
        units=UnitWords([*approx], units["multipliers"], units["base"]),
        tail_classes=class_table(re.compile(rf"[\d{_CN_NUM}]"), re.compile(unit_first)),
        before=before,
        before_by_first=before_by_first,
        after=after_words,
        after_canon=dict(after_words),
        approx=approx,
        precedence=quals["precedence"],
        before_adjacent=frozenset(quals["before_adjacent"]),
        below_ok=re.compile(_alt(quals["below_ok"])),
        not_after_ge=re.compile(_alt(units["not_after_ge"])),
        spec_after=re.compile(_alt(units["spec_after_unit"])),
        threshold=tuple(excl["threshold_before"]),
        threshold_always=tuple(excl["threshold_always"]),
        existing=re.compile(_alt(excl["existing_words"] + excl["existing_verbs_le"] + excl["structure_words"])),
        baseline=tuple(excl["year_baseline_before"]),
        scope_before=tuple(excl["scope_before"]),
        ordinal_joiners=frozenset(excl["ordinal_joiners"]),
        ordinal_list=re.compile(rf"{re.escape(excl['ordinal_before'])}[\d{_CN_NUM}]+"
                                rf"(?:[{re.escape(excl['ordinal_joiners'])}][\d{_CN_NUM}]+)*"
                                rf"[{re.escape(excl['ordinal_joiners'])}]$"),
        scope_after=re.compile(_alt(excl["scope_after"])),
        org_before=re.compile(
            rf"(?:{_alt(excl['org_suffix_before'])}"
            rf"|[省市县区][\u4e00-\u9fff]{{1,6}}(?:{_alt(excl['org_level_suffix'])}))$"
        ),
        support=re.compile(_alt(excl["support_words"])),
        action_end=tuple(verbs["action"]),
        strip_lead=re.compile(rf"^(?:{_alt(verbs['metric_strip_lead'])})+"),
        # (one word, then any more: the same as ``(?:…)+$``, but a pattern that opens with the words is searched by
        # skipping along to their first characters; one that opens with a repeat is tried at every character)
        strip_tail=re.compile(rf"(?:{(tail := _tail_words(verbs['metric_strip_tail'], verbs['metric_tail_kept']))})"
                              rf"(?:{tail})*$"),
        bound_before=re.compile(r"(?:至少|不少于|不低于|超过|突破|达到|达|约)\S{0,4}$"),
        after_re=re.compile(rf"(?:{_alt(w for w, _ in after_words)})"),
        verb_word=re.compile(_alt(w for w in verbs["action"] if len(w) >= 2 and _CJK.match(w))),
        this_year=re.compile(_refused_after(years["this_year"], (r"\d", r"\d\s"))),
        this_year_not_after=tuple(years["this_year_not_after"]),
        no_year=re.compile(_alt(years["no_year"])),
        time_units=frozenset(units["time_units"]),
        page_counter_units=frozenset(units["page_counter_units"]),
        page_counter=re.compile(rf"(?:{_alt(units['page_counter_labels'])})\s*$"),
        above_refs=frozenset(excl["above_refs"]),
        address_units=frozenset(excl["address_units"]),
        address_mark=excl["address_mark"],
        record_units=frozenset(excl["record_units"]),
        record_word=excl["record_word"],
        score_unit=units["score_unit"],
        score=re.compile(rf"(?:{_alt(units['score_verbs'])})[\d{_CN_NUM}]+(?:\.\d+)?{re.escape(units['score_unit'])}"),
        time_cut=re.compile(_alt(units["time_cut_verbs"])),
        noun_after_unit=dict(units["noun_after_unit"]),
        existing_before=tuple(excl["existing_before"]),
        completion_after=re.compile(_alt(excl["completion_after"])),
        list_goal_close=excl["list_goal_close"],
        list_goal_open=re.compile(rf"(?:{_alt(excl['list_goal_lead'])})?(?:{_alt(excl['list_goal_verbs'])})"),
        speed_up_before=re.compile(rf"^(?:{_alt(verbs['metric_strip_lead'])})*(?:{_alt(excl['speed_up_before'])})"),
        parameter=re.compile(_alt(excl["parameter_words"])),
        discount=re.compile(rf"(?:{_alt(excl['discount_before'])})[^,;:的]{{0,3}}$"),
        parameter_after=re.compile(rf"(?:{_alt(excl['parameter_after'])})(?!性)"),
        cost_share=re.compile(_alt(excl["cost_share_words"])),
        # (the words of a share's text before it, up to its end: "…累计拨付金额不超过", "结算不少于房票面值的")
        payment=re.compile(rf"(?:{_alt(excl['payment_verbs'])})(?:{_alt(excl['payment_amount'])})?"
                           rf"(?:{_alt(excl['payment_bound'])})?(?:[^,;:的]{{1,10}}的)?$"),
        basis=re.compile(rf"(?:{_alt(excl['basis_adverbs'])})|(?P<basis>{_alt(excl['basis_words'])})"),
        basis_word=re.compile(_alt(excl["basis_words"])),
        ratio_base=re.compile(rf"(?:{_alt(excl['ratio_base'])})[”\"]?(?:\([^()]{{1,12}}\))?的"),
        ratio_of=re.compile(rf"的[^,;:]{{0,6}}(?:{_alt(excl['ratio_base'])})"),
        condition_after=re.compile(_alt(excl["condition_after"])),
        condition_close=tuple(excl["condition_close"]),
        class_units=frozenset(excl["class_units"]),
        class_size_units=frozenset(excl["class_size_units"]),
        owned_units=frozenset(excl["owned_units"]),
        owned_words=re.compile(_alt(excl["owned_words"])),
        owned_end=excl["owned_end"],
        owned_thing=excl["owned_thing"],
        group_purchase=re.compile(rf"(?:{_alt(excl['group_purchase'])})[^,;:的]{{0,5}}$"),
        stage_after=tuple(excl["stage_after"]),
        stage_after_share=tuple(excl["stage_after_share"]),
        stage_first=frozenset(w[0] for w in excl["stage_after"] + excl["stage_after_share"]),
        progress=re.compile(_alt(excl["progress_words"])),
        per_case_purchase=re.compile(rf"(?:{_alt(excl['per_case_purchase'])})[^,;:的]{{0,3}}$"),
        case_actor=re.compile(_alt(excl["case_actors"])),
        budget=re.compile(rf"(?:{_alt(excl['budget_words'])})[^,;:的]{{0,3}}$"),
        budget_rate=re.compile(rf"\d\s*万?元?\s*/\s*(?:{_alt(excl['budget_units'])})"
                               rf"|每(?:{_alt(excl['budget_units'])})[^,;:。]{{0,12}}?\d[\d.]*\s*万?元"
                               rf"|一次性(?:补助|补贴|奖励|发放)\d"),
        budget_units=frozenset(excl["budget_units"]),
        total_of_listed=frozenset(excl["total_of_listed"]),
        permission=re.compile(rf"(?:{_alt(excl['permission_before'])})[^,;:的]{{0,3}}$"),
        condition=re.compile(rf"^(?!{_alt(excl['condition_not'])})(?:{_alt(excl['condition_open'])})"),
        per_each=re.compile(rf"每(?![年季月周])[^,;:每]{{0,2}}(?:{_alt(excl['per_each_verbs'])})[^,;:]{{0,8}}$"),
        per_case_money=re.compile(_alt(excl["per_case_money"])),
        allocation=re.compile(_alt(excl["allocation_words"])),
        eligibility=re.compile(
            rf"^(?:并|同时|另外|其中|还|鼓励|支持)?(?!{_alt(excl['eligibility_not'])})(?:{_alt(excl['eligibility_open'])})"),
        eligibility_raise=tuple(excl["eligibility_raise"]),
        inclusive=tuple(excl["inclusive_marks"]),
        class_open=re.compile(_alt(excl["class_open"])),
        people_units=frozenset(excl["people_units"]),
        kinds_before=excl["kinds_before"],
        package_units=frozenset(excl["package_units"]),
        package_after=re.compile(rf"(?:{_alt(excl['package_between'])})?(?:{_alt(excl['package_after'])})"),
        package_before=tuple(excl["package_before"]),
        household_units=frozenset(excl["household_units"]),
        household_after=tuple(excl["household_after"]),
        household_size_after=excl["household_size_after"],
        household_words=re.compile(_alt(excl["household_words"])),
        withdrawal=re.compile(_alt(excl["withdrawal_words"])),
        withdrawal_units=frozenset(excl["withdrawal_units"]),
        support_units=tuple(excl["support_units"]),
        per_year=units["per_year_suffix"],
        direction_before=re.compile(rf"(?:{_alt(w for w, _ in quals['before'])})$"),
        report=re.compile(_alt(report["words"])),
        report_needs=_needs_of(report["words"], report["needs"]),
        goal_word=re.compile("".join(f"(?<!{re.escape(w)})" for w in report["goal_not_after"])
                             + f"(?:{_alt(report['goal_words'])})"),
        goal_bound_before=tuple(report["goal_bounds_before"]),
        goal_bound_after=frozenset(report["goal_bounds_after"]),
        horizon_before=tuple(report["horizon_before"]),
        review_heading=re.compile(
            rf"{_alt(report['review_heading_words'])}"
            rf"|(?:{_alt(report['review_past'])}).*(?:{_alt(report['review_nouns'])})"
            rf"|(?:{_alt(report['review_nouns'])}).*(?:{_alt(report['review_past'])})"
            rf"|^(?:{_REVIEW_PERIOD})[^是]*(?:{_alt(report['review_nouns'])})"),
        review_needs=(*report["review_heading_words"], *report["review_nouns"]),
        # one flat alternation of words, the words that only hold a modal first (they win where both match): every
        # alternative opens with a character, which the engine skips along to; a group ahead of an alternative
        # (?P<modal>…) would have it tried at every character of the clause. A match not in ``rule_not_modal`` is
        # a modal's.
        rule_modal=re.compile(f"{_alt(rule['modal_not'])}|{_alt(rule['modal'])}"),
        rule_not_modal=frozenset(rule["modal_not"]),
        # (the words a time's end refuses are looked behind from after its word)
        rule_condition=re.compile(rf"(?:(?:{_alt(rule['condition_ends'])})(?:\([^()]{{0,40}}\))?|(?:"
                                  + _refused_after(rule["when_ends"], tuple(map(re.escape, rule["when_ends_not"])))
                                  + "))[,，]"),
        rule_change=rule_change,
        rule_change_reach=sre_parse(rule_change.pattern).getwidth()[1],
        # (a 至 after a date closes a span, "2018年至2020年", "6月30日至2022年12月31日", and so does a date that
        # 止 or 结束 ends, "起至2023年6月30日止": no horizon)
        rule_goal=re.compile(_alt(rule["goal_words"]) + "|" + _refused_after(
            report["horizon_before"], ("[年月日]",), r"\s*20\d{2}\s*年(?![^,;，；。]{0,20}(?:止|结束))")),
        rule_definition=tuple(rule["definition_ends"]),
        rule_definition_not=tuple(rule["definition_ends_not"]),
        rule_rank=tuple(rule["rank_before"]),
        rule_rank_not=tuple(rule["rank_not"]),
        rule_rank_units=frozenset(rule["rank_units"]),
    )


# --- sentences, clauses, years -------------------------------------------------

_SENTENCE_END: Final = "。！？!?\n"
_CLAUSE_SEP: Final = set(",;:，；：") | set(_SENTENCE_END)
# the lookbehind (no digit or range mark before the year) follows the "20": the search skips from "20" to
# "20" instead of trying the pattern at every character
# a date is a due year only as a deadline, closed by 底/末/前 ("2025年12月底前完成交付率90%以上", "2024年6月30日前"):
# "2023年1月1日起", "于2023年6月30日出售" name no due year
_YEAR: Final = re.compile(
    r"(?P<y>20(?<![\d—\-~～]20)\d{2})\s*年"
    r"(?:(?:年?底|年?末|前|上半年|下半年)?(?![—\-~～月度]|\d{1,2}\s*(?:月|[—\-~～]\s*\d{1,2}\s*月)|至\s*20\d{2})"
    r"|\s*\d{1,2}\s*月\s*(?:\d{1,2}\s*日\s*)?(?:底|末)?前)"
)
_PLAN_PERIOD: Final = re.compile(r"[“\"]?十([一二三四五六七八九])五[”\"]?(?:规划)?(?:期间|末|时期|期末)")
_ASCII_QUOTE: Final = re.compile('"')
_QUOTES: Final = (("“", "”"), ("《", "》"), ("〔", "〕"), ("「", "」"), ("‘", "’"), ("【", "】"))
_CJK: Final = re.compile(r"[\u4e00-\u9fff]")


def _cjk_at(text: str, i: int) -> bool:
    """Is ``text[i]`` a CJK ideograph (what ``_CJK.match`` tells of it)? Its code point compared: the pattern's call
    costs some 2,000 instructions in the compiled build, this a few. (``i`` in the text's range or past its end.)"""
    return i < len(text) and 0x4E00 <= ord(text[i]) <= 0x9FFF
_PERCENT_SUBJECT_VERB: Final = set("达提稳保超突下降增控实完占")


# a sentence runs to its end mark, which it keeps; the text's tail without one is the last
_SENTENCE: Final = re.compile(rf"[^{_SENTENCE_END}]*[{_SENTENCE_END}]|[^{_SENTENCE_END}]+")


def _sentences(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _SENTENCE.finditer(text)]


_SENTENCE_END_MARK: Final = re.compile(f"[{_SENTENCE_END}]")
# the colon that ends a sentence (``sentence.rstrip("\\n").endswith((":", "："))``)
_HANDS_ON: Final = re.compile(r"[:：](?=\n|\Z)")


def _hands_on_at(text: str) -> list[int]:
    """``[m.start() for m in _HANDS_ON.finditer(text)]``: the colons that end a line or the text."""
    if ":\n" not in text and "：\n" not in text and not text.endswith((":", "：")):
        return []  # (half of the provisions with a quantity hold a colon, within a line: none is sought and tested)
    n = len(text)
    return [i for i in positions_of(text, ":：") if i + 1 == n or text[i + 1] == "\n"]


# the marks of ``_SENTENCE_END``, the common first: each search after them reads only up to the nearest one found
_SENTENCE_END_MARKS: Final = ("\n", "。", "！", "？", "!", "?")


def _sentences_holding(text: str, points: list[int]) -> list[tuple[int, int]]:
    """Those of ``_sentences(text)`` that hold one of the sorted offsets ``points``, in order: a provision's
    few sentences with a quantity, without slicing its many without one. Each point's sentence is found by a search
    for each end mark back to the sentence given before and on to the nearest end mark found so far: a provision
    has many sentences and few points (all its end marks found by ``positions_of`` cost a string a sentence)."""
    n = len(text)
    out: list[tuple[int, int]] = []
    lo = 0  # where the next sentence may start: after the one given before (which ends with a mark, or the text)
    for p in points:
        if p < lo:
            continue  # in the sentence just given
        end = n  # the first end mark at or after p, else the text's end
        for mark in _SENTENCE_END_MARKS:
            k = text.find(mark, p, end)
            if k >= 0:
                end = k
        start = lo  # after the last end mark before p
        for mark in _SENTENCE_END_MARKS:
            k = text.rfind(mark, start, p)
            if k >= 0:
                start = k + 1
        lo = end + 1 if end < n else n
        out.append((start, lo))
    return out


class _Quoted:
    """Where a text is inside quotes, 《titles》 or 〔numbers〕: a pair opens and closes on one line, at most
    40 characters apart (ASCII double quotes pair up in turn within a line). Kept as sorted, merged spans
    rather than a flag per character: a provision's text is long, its quotes few."""

    def __init__(self, text: str) -> None:
        spans = []
        for open_, close in _QUOTES:
            a = text.find(open_)
            while a >= 0:
                # the first close after the opening, if it is on the same line and near enough
                b = text.find(close, a + 1, a + 41)
                if b < 0 or text.find("\n", a + 1, b) >= 0:
                    a = text.find(open_, a + 1)
                    continue
                spans.append((a, b + 1))
                a = text.find(open_, b + 1)
        if '"' in text:
            for line_start, line in _lines(text):
                idx = [m.start() for m in _ASCII_QUOTE.finditer(line)] if '"' in line else []
                spans.extend((line_start + a, line_start + b + 1) for a, b in zip(idx[0::2], idx[1::2]) if b - a <= 40)
        merged: list[list[int]] = []
        for a, b in sorted(spans):
            if merged and a <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], b)
            else:
                merged.append([a, b])
        self._starts = [a for a, _ in merged]
        self._ends = [b for _, b in merged]

    def any_in(self, a: int, b: int) -> bool:
        """Is any character of [a, b) quoted?"""
        if not self._starts:
            return False  # (most texts quote nothing: no call)
        k = bisect_right(self._ends, a)  # the first span that ends after a
        return k < len(self._starts) and self._starts[k] < b


def _lines(text: str):
    pos = 0
    for line in text.split("\n"):
        yield pos, line
        pos += len(line) + 1


_SINCE: Final = re.compile(r"以来|起|的?基础|的?水平")
_SINCE_OPENS: Final = _opening(_SINCE)  # (what its matches open with: most years are followed by none)


def _year_marks(sentence: str, lex: _Lexicon) -> list[tuple[int, int]]:
    """(offset in sentence, year) of every due-year mention."""
    if "年" not in sentence and "十" not in sentence:
        return []  # neither a year (2025年) nor a plan period (十四五期间) can be named
    marks = []
    # each pattern only where its word is: most sentences name a year and no plan period (a search for the
    # period, which may open with a quote, tries it at every character)
    for m in _YEAR.finditer(sentence) if "年" in sentence else ():
        tail = sentence[m.end():m.end() + 1]
        head = sentence[max(0, m.start() - 1):m.start()]
        if head in "(（" and head:
            continue  # a year in a title: (2023—2025年)
        if tail and tail in "—-~～":
            continue
        # the baseline word stands right before the year; looking further back made long sentences quadratic
        if (sentence[max(0, m.start() - 12):m.start()].endswith(lex.baseline)
                or sentence[m.end():m.end() + 1] in _SINCE_OPENS and _SINCE.match(sentence, m.end())):
            continue  # a baseline: 比2020年下降14.5%
        marks.append((m.start(), int(m.group("y"))))
    for m in _PLAN_PERIOD.finditer(sentence) if "十" in sentence else ():
        n = chinese_to_int(m.group(1))
        if n:
            marks.append((m.start(), 1955 + 5 * (10 + n)))
    marks.sort()
    return marks


def _clause_bounds(sentence: str, a: int, b: int) -> tuple[int, int]:
    """The clause around [a, b): from after the last separator before ``a`` to the first one at or after
    ``b`` (a comma between digits, 1,000, separates nothing)."""
    return _bounds_among(_separators(sentence), a, b, len(sentence))


def _bounds_among(seps: list[int], a: int, b: int, length: int) -> tuple[int, int]:
    """``_clause_bounds`` given the sentence's separators (``_separators``) and length: a sentence's
    candidates take them once."""
    k = bisect_left(seps, a)
    s = seps[k - 1] + 1 if k > 0 else 0
    k = bisect_left(seps, b)
    e = seps[k] if k < len(seps) else max(b, length)
    return s, e


_SEPARATOR: Final = re.compile("[" + re.escape("".join(sorted(_CLAUSE_SEP))) + "]")


# by code point of the Basic Multilingual Plane: 1 for a clause separator
_SEPARATOR_CODES: Final = chars_table(_CLAUSE_SEP).tobytes()
_COMMA: Final = ord(",")


def _separators(sentence: str) -> list[int]:
    """Offsets of the clause separators of a sentence, in order. (Found once a sentence, by ``_candidates``, which
    gives each candidate its clause and the one before it: not cached.) Each character is told by its code point,
    looked up in ``_SEPARATOR_CODES``: a few instructions, where ``_SEPARATOR``'s search tries its class at some
    fifty a character and costs a call for each separator found."""
    last = len(sentence) - 1
    out: list[int] = []
    for i in range(len(sentence)):
        o = ord(sentence[i])
        # (``_digit_comma`` inline: a call for each comma cost more than its test)
        if o < 0x10000 and _SEPARATOR_CODES[o] and (
                o != _COMMA or not (0 < i < last and sentence[i - 1].isdigit() and sentence[i + 1].isdigit())):
            out.append(i)
    return out


def _digit_comma(s: str, i: int) -> bool:
    return s[i] == "," and 0 < i < len(s) - 1 and s[i - 1].isdigit() and s[i + 1].isdigit()


# --- candidates ---------------------------------------------------------------------


class _Quantity:
    """A candidate. (A class with its own ``__init__`` rather than a dataclass: the compiled build runs a dataclass's
    generated ``__init__`` as Python, some 8,000 instructions a candidate with its keyword dict.)"""

    __slots__ = ("start", "num_end", "end", "value", "unit", "is_range", "is_cn", "approx", "after_bound", "clause",
                 "prev_clause_start", "keep", "why")

    def __init__(self, start: int, num_end: int, end: int, value: float, unit: str, is_range: bool, is_cn: bool,
                 approx: str | None, after_bound: str | None, clause: tuple[int, int], prev_clause_start: int = 0,
                 keep: bool = True, why: str = "") -> None:
        self.start = start  # in the sentence: the number
        self.num_end = num_end
        self.end = end  # after unit and any bound after it
        self.value = value
        self.unit = unit
        self.is_range = is_range
        self.is_cn = is_cn
        self.approx = approx
        self.after_bound = after_bound
        self.clause = clause
        # where the clause before ``clause`` starts (0 when it opens the sentence): ``_clause_bounds`` of the
        # separator that opens ``clause``, which the judges and the text of a target that leans on it ask for
        self.prev_clause_start = prev_clause_start
        self.keep = keep
        self.why = why


# "11.121人才梯队项目", "2.50家企业上云" at the start of a line: an item number the outline did
# not take (a digit follows its dot), not the integer part of a decimal
_LIST_NUMBER: Final = re.compile(r"^(\s*\d{1,2}\.)(?=\d{2})")


# where a run of digits or of Chinese numerals starts: a quantity's number cannot start elsewhere (its
# lookbehinds refuse a digit after a digit and a Chinese numeral after either)
# (the character first, its lookbehinds after: the search then skips to each numeral)
_NUMERAL: Final = re.compile(rf"[\d{_CN_NUM}](?<!\d\d)(?<![\d{_CN_NUM}][{_CN_NUM}])")



def _quantities(text: str, lex: _Lexicon, tails: list[tuple[int, int]] | None = None) -> list[QuantityMatch]:
    """What ``lex.quantity.finditer(text)`` finds (read by ``quantity_at``, as the pattern matches), tried only where
    a run of numerals starts (every quantity starts so) rather than at every character; given the spans of
    ``text``'s quantity tails (``quantity_tail``, leftmost and not overlapping), only at those of the starts a
    quantity can reach a tail from. (A list, not a generator: the compiled build makes a generator an object,
    resumed through a call for each match.)"""
    found: list[QuantityMatch] = []
    pos = 0
    units = lex.units
    for at in _numeral_runs(text) if tails is None else _numeral_runs_before(text, tails):
        if at < pos:
            continue
        m = quantity_at(text, at, units)
        if m is not None:
            found.append(m)
            pos = m.unit.end
    return found


def _numeral_runs(text: str) -> list[int]:
    return [m.start() for m in _NUMERAL.finditer(text)]


def _numeral_runs_before(text: str, tails: list[tuple[int, int]]) -> list[int]:
    """Those of ``_numeral_runs(text)`` that a quantity can start at, given the tails (see ``_quantities``): a
    quantity's last numeral and its unit make a tail, which one of the tails holds (the search that found them
    passed over only what an earlier one holds), so its start is inside that tail or before it in the run of
    number characters the tail's start ends (a quantity's number is made of them). Most numerals are years,
    dates and item numbers with no unit: no search at each character for numerals, nor a match tried at those
    (a numeral run is tried at a few instructions a character of the tails' few, a search tries its class at
    some fifty a character of the sentence). (The characters are told by their code points: see
    ``target_quantities``.)"""
    starts: list[int] = []
    done = 0  # where the last tail ended (a unit holds a character no number holds: a run of number characters
    # before a tail does not reach back past the tail before it)
    for ts, te in tails:
        w = ts  # the run of number characters the tail's start ends
        while w > done and number_char_at(text, w - 1):
            w -= 1
        if w == ts:
            # (most tails: no number character before their numeral, which starts a run; when the tail before
            # ends there, a numeral that does not is tried in vain: a quantity starts at a run's start alone)
            starts.append(ts)
        else:
            _add_run_starts(text, w, ts + 1, starts)
        if te - ts > 2 and _holds_numeral(text, ts + 2, te):
            _add_run_starts(text, ts + 2, te, starts)  # a numeral in the unit after another of its characters: 个百分点
        done = te
    return starts


def _holds_numeral(text: str, a: int, b: int) -> bool:
    for k in range(a, b):
        if numeral_at(text, k):
            return True
    return False


def _add_run_starts(text: str, a: int, b: int, starts: list[int]) -> None:
    """Append those of ``_numeral_runs(text)`` in [a, b)."""
    for k in range(a, b):
        if cn_numeral_at(text, k):
            if k == 0 or not numeral_at(text, k - 1):
                starts.append(k)
        elif digit_at(text, k) and (k == 0 or not digit_at(text, k - 1)):
            starts.append(k)


_RANGE_MARK: Final = re.compile(r"\s*(?:[-—–~～]|至|到)\s*")


def _candidates(sentence: str, lex: _Lexicon, line_start: bool = False,
                tails: list[tuple[int, int]] | None = None) -> list[_Quantity]:
    """The quantities of a sentence; ``tails``: the spans of its quantity tails, when the caller has them."""
    out = []
    seps, length = _separators(sentence), len(sentence)
    after_opens = lex.opens.after
    scan = sentence
    # (a match opens with a space or a digit: most sentences open with neither, and are not matched)
    if line_start and sentence and (digit_at(sentence, 0) or sentence[0].isspace()) and (
            m := _LIST_NUMBER.match(sentence)):
        scan = " " * m.end() + sentence[m.end():]
    for found in _quantities(scan, lex, tails):
        range_, arabic, chinese, u = found.range_, found.arabic, found.chinese, found.unit
        approx1, mult, approx2, base = u.approx1, u.mult, u.approx2, u.base
        if range_:
            value = to_number(_RANGE_MARK.split(range_)[0])
        elif arabic:
            if arabic[0] == "0" and arabic[1:2].isdigit():
                continue  # "04支持高校毕业生安居": a label numbered with a leading zero, not a quantity
            # (what ``to_number`` gives: digits, their thousands' commas and a decimal point, which ``float`` reads)
            value = float(arabic.replace(",", ""))
        else:
            # (what ``to_number`` gives a Chinese numeral, without first failing to read it as a float)
            n = chinese_to_int(chinese)
            value = float(n) if n is not None else None
        if value is None:
            continue
        start, end = found.start, u.end
        nxt = sentence[end:end + 1]
        if nxt and nxt in lex.noun_after_unit.get(base, ""):
            continue  # "121人才", "50万人口": the unit's character starts a noun
        # (a unit of CJK characters, most, fails the first test: no method's call)
        if (base[:1] < "\x80" and base.isascii() and base.isalpha()
                and not lex.direction_before.search(sentence[:start])):
            continue  # "5G基站", "10G-PON": names; "总带宽达到2800G" is a goal
        unit = (mult or "") + base
        if sentence.find(lex.per_year, end, end + len(lex.per_year)) == end:  # (startswith at an offset: not compiled)
            unit += lex.per_year  # "1.4亿吨/年": a capacity per year
            end += len(lex.per_year)
        bound = None
        am = lex.after_re.match(sentence, end) if sentence[end:end + 1] in after_opens else None
        if am:
            bound = am.group()
            end = am.end()
        num_end = found.num_end
        # (``_bounds_among(seps, start, end, length)``, and the clause before it from the same separators: asked
        # for later, each by ``_clause_bounds``, a sentence's separators were looked up again)
        k = bisect_left(seps, start)
        j = bisect_left(seps, end)
        out.append(_Quantity(
            start, num_end, end, value, unit, bool(range_), bool(chinese), approx1 or approx2, bound,
            (seps[k - 1] + 1 if k > 0 else 0, seps[j] if j < len(seps) else max(end, length)),
            seps[k - 2] + 1 if k > 1 else 0,
        ))
    return out


def _share_subject(sentence: str, q: _Quantity, before: str) -> bool:
    """"90%以上县域…", "推动60%的县域…": a share that opens its clause and is followed by
    what it counts (the rest of the clause describes those things)."""
    if q.unit != "%" or len(before) > 4:
        return False
    nxt = sentence[q.end:q.end + 1]
    if nxt == "的":
        nxt = sentence[q.end + 1:q.end + 2]
    return _cjk_at(nxt, 0) and nxt not in _PERCENT_SUBJECT_VERB


_CHANGE_AFTER: Final = re.compile(
    r"(?:\([^()]{1,6}\))?(?:以内|以上|以下)?(?:降至|降为|降到|降低至|降低到|下调至|下调为|下调到|提高至|提高到|提高为|"
    r"提升至|提升到|上调至|上调为|调整为|调整至|调整到|调至|调为|调减为|调减至|调增为|调增至|增加至|增加到|改为|减至|缩减至)"
)
_CLOSED_LIST: Final = re.compile(r"等[\u4e00-\u9fff]{1,6}$")  # "A、B等营商环境" before a count restates the list
_CHANGE_FROM: Final = re.compile(r"(?:由|从)[^,;:由从]{0,14}$")
_CHANGED_TO: Final = re.compile(r"(?:由|从)[^,;:]{1,30}(?:降|提高|提升|调|增加|减)[至到为]$")


_BOUND_END: Final = re.compile(r"(?:不高于|不低于|不超过|不大于|低于|高于|超过|小于)$")
_SIZE_BOUND_END: Final = re.compile(r"(?:不高于|不低于|不超过|不大于|不小于|低于|高于|超过|小于|大于|不足|少于)$")
_CN_DIGIT: Final = re.compile("[零〇一二两三四五六七八九]")
_SLOGAN_ONE: Final = re.compile(r"[\u4e00-\u9fff]?一")
_PAREN_END: Final = re.compile(r"\([^()]{4,}\)$")


def _not_a_goal(sentence: str, q: _Quantity, unit_end: int, lex: _Lexicon, before: str, clause: str,
                before_opens: int) -> str:
    """Why a quantity is a per-case policy parameter, a threshold, a definition or a span
    rather than a goal ("" when none of these). ``before``: its clause up to it; ``clause``: the whole
    clause (the caller has sliced both); ``before_opens``: which of the patterns searched for in ``before`` can
    match there (``_BeforeOpeners``)."""
    ce = q.clause[1]
    # (a rate per year keeps its "/年" in the unit: "21600元/年" is money too)
    money = q.unit.endswith("元") or q.unit.endswith(lex.per_year) and q.unit[:-len(lex.per_year)].endswith("元")
    opens = lex.opens
    ob = opens.before
    head = clause[:1]  # (a pattern matched at the start of the clause is tried when it can open there alone)
    nxt = sentence[q.end:q.end + 1]
    if q.unit in lex.time_units and not lex.time_cut.search(before):
        return "time span"  # "3个工作日内办结"; "审批时间控制在50个工作日内" is a goal
    if before in lex.above_refs:
        return "count of what was listed"  # "以上2种情况认定为…", "上述3类人员"
    cs = q.clause[0]
    if (q.unit in lex.page_counter_units and not before.strip() and cs > 0 and sentence[cs - 1] in ":："
            and lex.page_counter.search(sentence, max(0, cs - 9), cs - 1)):
        return "page counter"  # "阅读:188次", "浏览次数:958次"
    if nxt and (nxt.isdigit() or nxt in _CELL_GAP) and (cell := _NEXT_CELL.match(sentence, q.end)) and (
            (m := lex.quantity.match(sentence, cell.end())) and m.group().endswith(q.unit)) or (
            before and (before.endswith(q.unit) or before[-1] in _CELL_GAP)
            and (left := before.rstrip(_CELL_GAP)).endswith(q.unit) and left[-len(q.unit) - 1:-len(q.unit)].isdigit()):
        # a value written against another in the same unit, only spaces between, is a cell of a table row whose
        # header tells what each column is: "6个月—1年(含) 13万元 10万元"
        return "cell of a table row"
    if sentence.find(lex.score_unit, q.end, ce) >= 0 and lex.score.search(sentence, q.end, ce):
        return "row of a scoring rubric"  # "占比10%—20%(不含)得4分", "比例达到100%的得5分"
    if _starts_with_any(sentence, unit_end, lex.inclusive) or (q.after_bound and _starts_with_any(sentence, q.end, lex.inclusive)):
        return "eligibility threshold"  # "30次(含)以上"
    if q.after_bound == "及以下" and not lex.below_ok.search(before):
        return "eligibility threshold"  # "1000万元及以下的业务"
    if head in opens.eligibility and lex.eligibility.match(clause) and (
        q.after_bound or before_opens & ob.bound_before and lex.bound_before.search(before) or "的" in sentence[q.end:ce]
        or before.endswith(lex.eligibility_raise)
    ):
        return "eligibility condition"  # "对月销售额10万元以下的…", "对二孩家庭提高5万元"; not "对4座涵闸进行拆除重建"
    if ((head in opens.condition and lex.condition.match(clause)) or clause.endswith("的")
            or clause.endswith(lex.condition_close)
            or _holds_any_in(sentence, opens.condition_after, q.end, ce)
            and lex.condition_after.search(sentence, q.end, ce)):
        return "condition"  # "若备案不足1000套", "购买90平方米以上首套住房的", "个贷率高于90%时"
    if nxt in lex.stage_first and (sentence.startswith(lex.stage_after, q.end)
                                   or q.unit == "%" and sentence.startswith(lex.stage_after_share, q.end)):
        return "stage condition"  # "主体完成50%即可申请", "形象进度达70%后开始办理"
    if q.unit == "%" and _cjk_at(nxt, 0) and before_opens & ob.progress and lex.progress.search(before):
        return "stage condition"  # "形象进度超过50%未办预售许可证"; not "项目形象进度达到70%。"
    if before_opens & ob.change_from and _CHANGE_FROM.search(before) and _CHANGE_AFTER.match(sentence, q.end):
        return "old value of a changed rule"  # "征收率由3%降至1%": 3% is what it was
    if (before_opens & ob.basis_word and lex.basis_word.search(before)
            and any(m.group("basis") for m in lex.basis.finditer(before))):
        return "basis of computation"  # "按照平均工资60%核定", "减按25%计入"
    if q.unit == "%" and (before.endswith("的") and lex.ratio_base.search(before[-12:])
                          or nxt in opens.ratio_of and lex.ratio_of.match(sentence, q.end)):
        return "per-case ratio"  # "合同总价的10%", "剩余50%的出让价款"
    if q.unit == "%" and before_opens & ob.cost_share and lex.cost_share.search(before):
        return "cost share"  # "市级承担30%", "各承担50%"
    if q.unit == "%" and before_opens & ob.payment and lex.payment.search(before) and not (_names_this_year(before, lex)
                                                               or lex.rule_goal.search(sentence, 0, q.start)):
        # "1个月内再支付30%", "累计拨付金额不超过35%"; not "年底前支付进度达到80%", nor a share of the whole sum paid by a
        # date or with a goal's cue ("项目年底前支付资金100%以上")
        return "payment stage"
    if (q.unit == "%" and before_opens & ob.changed_to and _CHANGED_TO.search(before)
            and lex.ratio_base.search(before)):
        return "per-case ratio"  # "由申报价格的15%最多下调至8%": the new value of a per-case ratio
    if (before_opens & ob.parameter and lex.parameter.search(before) or (nxt in opens.parameter_after and lex.parameter_after.match(sentence, q.end))
            or (nxt in opens.parameter and lex.parameter.match(sentence, q.end))
            or (q.unit == "%" and lex.parameter.search(sentence, q.end, ce))):
        return "policy parameter"  # "首付款比例降至20%", "通行费30%优惠政策", "100%暂退…保证金"
    if q.unit == "%" and before_opens & ob.discount and lex.discount.search(before):
        return "per-case discount"  # "在定价基础上优惠1%-3%", "享受市场价折扣5%-20%"
    if before_opens & ob.permission and lex.permission.search(before):
        return "per-case floor, cap or permission"  # "最低3米", "可再购买1套住房"
    if (before_opens & ob.per_case_purchase and lex.per_case_purchase.search(before)
            and q.unit[:1] not in _MULTIPLIERS):
        return "per-case purchase"  # "可在本市购买1套住房"; "购买3万套库存商品房作为租赁住房" is a goal
    if before_opens & ob.case_actor and lex.case_actor.search(before):
        return "per-case purchase"  # "支持购房人使用住房公积金贷款购买配套车位1个"
    if ((money or q.unit in lex.budget_units) and before_opens & ob.budget and lex.budget.search(before)
            and lex.budget_rate.search(sentence)):
        return "budget of a subsidy"  # "发放家居家电消费券5000元/套,共计5000套", "…10000元/套发放,总金额3000万元"
    if q.unit in lex.owned_units and lex.owned_thing in clause and (
            before.endswith(lex.owned_end) or lex.owned_words.search(before)):
        return "dwellings a family owns"  # "名下有1套住房", "拥有…总套数不超过3套"; not "收购1000套存量商品房"
    if q.unit in lex.address_units and (mark := before.rfind(lex.address_mark)) > 0 and before[mark - 1].isdigit() and (
            not lex.verb_word.search(before, mark)):
        return "address"  # "清湖路10号国鸿工业园3栋"
    if q.unit in lex.record_units and sentence.find(lex.record_word, q.end, ce) >= 0:
        return "count in a case's record"  # "或有2次住房公积金贷款记录", "不得有5次以上逾期记录"
    if ((q.after_bound or sentence.find("以上", q.end, ce) >= 0) and before_opens & ob.group_purchase
            and lex.group_purchase.search(before)):
        return "group-purchase threshold"  # "团购(5套房屋及以上)", "团购5套以上即可"; not "推动团购1000套存量商品房"
    if q.unit in lex.class_units and q.after_bound and not lex.direction_before.search(before):
        return "class definition"  # "购买90平方米以上新建商品住房"; "人均住房面积达到40平方米以上" is a goal
    if (nxt and (nxt == "的" or q.after_bound and _cjk_at(nxt, 0)) and q.unit.lstrip(_MULTIPLIERS) in lex.class_size_units
            and (q.after_bound and not lex.direction_before.search(before) or q.is_range or _SIZE_BOUND_END.search(before))):
        # a bounded size before what it qualifies: "建设体量在5万平方米以上的房地产开发项目", "面积不大于4.5平方米的不计入
        # 容积率", "30米以上城市道路"; not "粮食播种面积1亿亩以上、产量…"
        return "class definition"
    if before_opens & ob.per_each and lex.per_each.search(before):
        return "per-case unit"  # "每完成网签备案1000套"
    if (q.after_bound == "及以上" or q.is_cn and q.after_bound == "以上") and nxt and (nxt == "的" or _cjk_at(nxt, 0)):
        # "二套以上房贷", "两个及以上子女的家庭", "4人及以上家庭", "团购5套及以上的下浮2%": a goal's bound ends its
        # phrase ("建成20个以上", "达到30%及以上"); 及以上 before what it qualifies names a class of cases
        return "class definition"
    if q.unit == "%" and nxt == "的" and _BOUND_END.search(before):
        return "class definition"  # "不高于计容面积50%的许可证"
    if "/" in (sentence[unit_end:unit_end + 1], nxt) and not money and not lex.direction_before.search(before):
        # a quantity per dwelling, per person or per place is what each case gets or must have: "生育二孩家庭购房奖补
        # 15平方米/套", "停车位…按1个/140m2配建" (3 "targets" in 2 of the 2,714 real-corpus texts, none a goal); a rate a
        # goal brings a figure to stays ("人均…达到15平方米/人")
        return "per-case standard"
    if money:
        if "/" in (sentence[unit_end:unit_end + 1], nxt) or q.unit.endswith(lex.per_year) and "亿" not in q.unit:
            return "per-case standard"  # "2500元/亩", "单身职工21600元/年"; not "50亿元/年"
        if before_opens & ob.per_case_money and lex.per_case_money.search(before):
            return "per-case amount"  # "每人1000元", "最高50万元"
        if before_opens & ob.allocation and lex.allocation.search(before):
            return "fiscal allocation"  # "省财政安排81亿元"
    if q.unit in lex.withdrawal_units and _holds_any(sentence, opens.withdrawal) and lex.withdrawal.search(sentence):
        return "per-case withdrawal"  # "单身职工每年提取金额不超过14400元", "每个月不超过一次"; not "170亿元"
    if sentence[q.end:q.end + 1] == "的":
        if q.unit in lex.people_units:
            return "size standard"  # "建立不少于100人的救援队伍"
        if before_opens & ob.class_open and lex.class_open.search(before):
            return "class definition"  # "一批年出栏3000头以上的基地"
    if q.unit in lex.package_units and (lex.package_after.match(sentence, q.end) or before.endswith(lex.package_before)):
        return "size of a package of measures"  # "落实金融支持房地产16条措施", "根据人才政策30条"
    if q.unit in lex.household_units and (
        sentence.startswith(lex.household_after, q.end)
        or q.unit in lex.people_units and sentence.startswith(lex.household_size_after, q.end)
    ) and lex.household_words.search(sentence):
        return "family composition"  # "且至少一个子女未成年", "至少有一个未成年子女的家庭", "2至3人家庭"
    if before.endswith(lex.kinds_before) and before[:-len(lex.kinds_before)][-1:].isdecimal():
        return "count within kinds"  # "提供8类10项服务"
    if _ends_with_any(before, lex.existing_before, opens.existing_before_end):
        return "existing state"  # "因疫情停工的256个项目"
    if q.unit.endswith(lex.per_year) and _cjk_at(sentence, q.end):
        return "specification"  # "50万吨/年聚乙醇酸项目"
    speed = lex.speed_up_before.match(clause) if head in opens.speed_up_before else None
    if speed and (not (verb := lex.verb_word.match(clause, speed.end())) or verb.end() == len(before)):
        # "加快12个…中心建设", "加快建设10个国家级区域医疗中心" (the count right after the verb: the projects under way);
        # "加快建设…1万个" is a goal
        return "projects to speed up"
    return ""


_CELL_GAP: Final = " \t\u3000"
_NEXT_CELL: Final = re.compile(r"[ \t\u3000]*(?=\d)")


_BASELINE_YEAR: Final = re.compile(r"20\d{2}\s*年")
_NOTE_ONLY: Final = re.compile(r"\([^()]*\)")  # a bracketed note after a value: "下限为4.25%(5年期LPR-20BP)"


def _per_case_rule(sentence: str, q: _Quantity, before: str, lex: _Lexicon, before_opens: int) -> str:
    """Why a quantity is shaped as a rule for each case rather than a goal: a modal before it in its clause (可, 应,
    不得), a condition clause before it in its part of the sentence ("…的,"), or the new value of a changed rule
    (调整为, 由X提高至) — unless a goal cue stands before it in its sentence (力争, 确保, 到2025年), before the modal when
    a modal is the cue (应当确保至少达成5% is a duty). "" when none."""
    if q.unit in lex.time_units:
        return ""  # a span left here is a process time to cut to: "…的,把办理时间压缩至1个工作日" is a goal
    why = ""
    cue_end = q.start  # a goal cue counts before this
    # (the first match alone first: most clauses hold no modal nor a word holding one, and a generator over the
    # matches costs more than the search)
    ob = lex.opens.before
    modal = lex.rule_modal.search(before) if before_opens & ob.rule_modal else None
    if modal is not None and modal.group() in lex.rule_not_modal:
        modal = next((m for m in lex.rule_modal.finditer(before, modal.end()) if m.group() not in lex.rule_not_modal),
                     None)
    if modal is not None:
        why = "per-case permission or duty"  # "重点监管资金比例可降低15%", "占比应不低于75%"
        # a goal cue governs the modal only from before it: "应当确保至少达成5%比例的建设量" is a duty of each case
        cue_end = q.clause[0] + modal.start()
    elif before_opens & ob.rule_change and (
            change := lex.rule_change.search(before, max(0, len(before) - lex.rule_change_reach - 1))) and not (
        change.group("old") and _BASELINE_YEAR.search(change.group("old"))
    ):
        why = "new value of a changed rule"  # "拨付节点由6个调至8个"; not "城镇化率由2020年的55%提高到60%"
    elif (q.clause[0] > 0 and sentence[q.clause[0] - 1] in ",，"
          and lex.parameter.search(sentence, q.prev_clause_start, q.clause[0])
          and not _clean_subject(before, lex)):
        # "…申请住房公积金贷款的最高贷款额度,分别提高至55万元、60万元": a clause with no subject of its own takes the
        # parameter the clause before it names (the clause before is searched first: it seldom names one, where
        # most clauses have a subject, which costs five patterns' calls to clean)
        why = "policy parameter"
    elif q.unit in lex.rule_rank_units and before.endswith(lex.rule_rank) and not before.endswith(lex.rule_rank_not):
        why = "rank"  # "排名最新前100名学校", "增量大的前5名企业"; "力争进入全国前10名" has a goal cue
    elif (before.endswith(lex.rule_definition) and not before.endswith(lex.rule_definition_not)
          and (q.end == q.clause[1] or sentence.startswith("的", q.end) or _NOTE_ONLY.fullmatch(sentence, q.end, q.clause[1]))):
        why = "definition of a parameter"  # "最高贷款额度为60万元", "缴存基数下限…为1910元", "商业比为51%-100%的地块"
    else:
        cs = q.clause[0]
        # the condition counts within the candidate's part of the sentence: a ; or : starts another
        part = max(sentence.rfind(";", 0, cs), sentence.rfind("；", 0, cs), sentence.rfind(":", 0, cs),
                   sentence.rfind("：", 0, cs)) + 1
        if part < cs and lex.rule_condition.search(sentence, part, cs):
            why = "per-case condition"  # "购买…144平方米(含)以上的,发放价值20000元消费券"
    if why and lex.rule_goal.search(sentence, 0, cue_end):
        return ""
    return why


# reasons that hold for every value of a bare list when they hold for one: the words that make one value a
# per-case parameter, threshold or rule stand before the list ("不低于监管额度的40%、30%、20%", "市值达到500亿元、
# 100亿元、10亿元的企业"), not before each value
_LIST_REASONS: Final = frozenset({
    "policy parameter", "per-case ratio", "per-case amount", "per-case standard", "per-case floor, cap or permission",
    "eligibility threshold", "eligibility condition", "condition", "threshold", "class definition", "support measure",
    "basis of computation", "per-case permission or duty", "per-case condition", "new value of a changed rule",
    "definition of a parameter", "rank", "payment stage",
})
_LIST_GAP: Final = frozenset("、和及与或")


def _share_list_fate(sentence: str, qs: list[_Quantity]) -> None:
    """A value of a bare list (values joined by 、 or 和 alone, in one clause) is dropped with a neighbour dropped as a
    per-case rule."""
    if len(qs) < 2:
        return  # (most sentences: one candidate)
    for forward in (True, False):
        order = range(1, len(qs)) if forward else range(len(qs) - 2, -1, -1)
        for i in order:
            q, prev = qs[i], qs[i - 1] if forward else qs[i + 1]
            if not q.keep or prev.keep or prev.why not in _LIST_REASONS or q.clause != prev.clause:
                continue
            a, b = (prev, q) if forward else (q, prev)
            if sentence[a.end:b.start] in _LIST_GAP and a.unit == b.unit:
                q.keep = False
                q.why = prev.why


# (compiled once here: a pattern given to re.search as a string is looked up in re's cache at each call, and
# compiled again when the cache, shared by every module, has dropped it)
_PASSED_OVER: Final = re.compile(r"(?:超|通|经|不|越)过$")
_BARE_OVER: Final = re.compile(r"[过超]$")
_LIST_JOINER: Final = re.compile(r"[、和及与]")
_GAP_JOINER: Final = re.compile(r"[、和及与,;]")
_OVER_END: Final = re.compile(r"(?:超|过|超过|达)$")


def _made_list(clause: str, before: str, q: _Quantity, lex: _Lexicon) -> bool:
    """"打造A、B等30个…": a count after a list closed by 等 whose clause opens with a verb of making, and more than the
    names listed: the names are examples of what is to be made, the count is a goal."""
    return (before.endswith(lex.list_goal_close) and lex.list_goal_open.match(clause) is not None
            and q.value > before.count("、") + 1)


_OF_SCOPE: Final = re.compile(r"[\u4e00-\u9fff]{1,10}的")


def _total_of_listed(sentence: str, last: _Quantity | None, q: _Quantity, lex: _Lexicon) -> bool:
    """"新开工亿元以上项目529个、总投资4302.65亿元": a total investment listed right after a kept count of projects is
    what those projects add up to, a goal beside it, not a threshold."""
    if last is None or not last.keep or not last.unit.endswith("个"):
        return False
    gap = sentence[last.end:q.start]
    return gap[:1] in _TOTAL_JOINERS and gap[1:] in lex.total_of_listed


_TOTAL_JOINERS: Final = frozenset("、,，")


def _listed_beside_count(sentence: str, qs: list[_Quantity]) -> None:
    """"打造一个世界级商圈、高标准建设5个特色商圈": a Chinese numeral dropped as bare is a count when a list joins it (、)
    to a kept count in figures of the same unit in its clause."""
    for i, q in enumerate(qs):
        if q.why != "bare Chinese numeral":
            continue
        for r in qs[i + 1:i + 2] + qs[max(0, i - 1):i]:
            a, b = (q, r) if r.start > q.start else (r, q)
            if (r.keep and not r.is_cn and r.unit == q.unit and r.clause == q.clause
                    and "、" in sentence[a.end:b.start] and not _NUMERAL_IN.search(sentence, a.end, b.start)):
                q.keep, q.why = True, ""
                break


_NUMERAL_IN: Final = re.compile(r"\d")


def _judge(sentence: str, qs: list[_Quantity], quoted: _Quoted, offset: int, lex: _Lexicon) -> None:
    """Mark the candidates that are not goals."""
    opens = lex.opens
    prev: _Quantity | None = None  # the candidate before ``q`` in the sentence
    for q in qs:
        prior, prev = prev, q
        cs, ce = q.clause
        before = sentence[cs:q.start]
        clause = sentence[cs:ce]
        rest = sentence[q.end:ce]
        unit_end = q.end - len(q.after_bound or "")
        before_opens = _opening_bits(sentence, cs, q.start, opens.before.table)
        why = "quoted" if quoted.any_in(offset + q.start, offset + q.num_end) else _not_a_goal(
            sentence, q, unit_end, lex, before, clause, before_opens)
        if why:
            pass  # the first reason found is the one told
        elif prior is not None and prior.why == "scope" and prior.clause == q.clause and _OF_SCOPE.fullmatch(
                sentence, prior.end, q.start):
            why = "scope"  # "推进河南农业大学等7所高校的11个学科开展…": the parts of the set the scope counts
        elif q.unit.endswith("个") and sentence[unit_end:unit_end + 1] in opens.not_after_ge and lex.not_after_ge.match(
                sentence, unit_end):
            why = "time span"
        elif sentence[unit_end:unit_end + 1] in opens.spec_after and lex.spec_after.match(sentence, unit_end) and not (
            q.after_bound == "以下" and lex.below_ok.search(before)
        ):
            why = "specification or band"
        elif (before.endswith(lex.threshold_always) and not _total_of_listed(sentence, prior, q, lex)) or (
            before.endswith(lex.threshold)
            and not _PASSED_OVER.search(before)
            and _cjk_at(sentence, q.end)  # (a CJK ideograph, 的 among them)
            and not lex.after_re.match(sentence, q.end)
            # a bare 过/超 bounds a goal ("组织超50家企业", "发放超1000万元消费券") unless a 的 makes it a class
            and (not _BARE_OVER.search(before) or sentence[q.end:q.end + 1] == "的")
        ):
            why = "threshold"
        elif q.unit.endswith("元") and sentence[q.end:q.end + 1] == "的" and q.after_bound != "左右":
            why = "threshold"  # "年营业收入500万元以上的企业", "打造3个100亿元的产业集群"
        elif before[-1:] in lex.ordinal_joiners and lex.ordinal_list.search(before):
            why = "ordinal"  # "第1、2条", "第2、3项"
        elif (_ends_with_any(before, lex.scope_before, opens.scope_before_end)
              or "、" in before and _CLOSED_LIST.search(before)) and not (
            "等" in before[-8:] and lex.completion_after.search(sentence[q.end:ce]) or _made_list(clause, before, q, lex)
        ):
            why = "scope"  # "…等6个省级园区示范引领作用", "A、B等营商环境5项工作"; but "…等10个项目建成投产" is a goal
        elif before[-1:] in opens.org_before_end and lex.org_before.search(before) and not before.endswith(lex.action_end):
            why = "label after a body's name"
        elif _holds_any(rest, opens.scope_after) and lex.scope_after.search(rest):
            why = "structure"
        elif q.unit.endswith(lex.support_units) and (
            lex.support.search(clause) or (q.unit.endswith("元") and lex.support.search(sentence[:q.start]))
        ):
            why = "support measure"  # "发放购房补贴:博士研究生5万元"
        elif lex.existing.search(clause):
            why = "existing state"
        elif q.is_cn and not _CN_DIGIT.search(sentence, q.start, q.num_end):
            why = "magnitude word"  # 百亿元, 千万元以上
        elif q.is_cn and not (q.after_bound in ("以上", "左右", "及以上")
                              or before_opens & opens.before.bound_before and lex.bound_before.search(before)):
            why = "bare Chinese numeral"
        elif q.is_cn and _SLOGAN_ONE.match(sentence[q.end:q.end + 2]):
            why = "slogan"
        else:
            why = _per_case_rule(sentence, q, before, lex, before_opens)
        if why:
            q.keep = False
            q.why = why
            continue
        # a restated count of a list of names: "胶州、龙口…寿光5个“千亿”县", "豫中(郑州)、…和豫北(鹤壁)6个";
        # not "重点引进、培养和扶持100名" (a list of verbs)
        if ("、" in before and (_cjk_at(before, len(before) - 1) or before[-1] == ")")
                and not _ends_with_any(before, lex.action_end, opens.action_end_end)
                and not _made_list(clause, before, q, lex)):
            nxt = sentence[q.end:q.end + 1]
            last = _LIST_JOINER.split(before)[-1]
            if (nxt and (_cjk_at(nxt, 0) or nxt in "“\"") and not lex.after_re.match(sentence, q.end)
                    and len(last) <= 12 and not lex.verb_word.match(last)):
                q.keep = False
                q.why = "count of a list"
    _listed_beside_count(sentence, qs)
    _share_list_fate(sentence, qs)
    # a descriptor: "超过1亿元的数量达到40家", "168个城市的后20位" (a kept quantity follows it in its clause: a
    # sentence's only candidate is none)
    for i, q in enumerate(qs if len(qs) > 1 else ()):
        if not q.keep:
            continue
        later = next((r for r in qs[i + 1:] if r.clause == q.clause and r.keep), None)
        if later is None:
            continue
        before = sentence[q.clause[0]:q.start]
        if not _share_subject(sentence, q, before):
            gap = sentence[q.end:later.start]
            if _cjk_at(gap, 0) or gap.startswith("的"):
                if not _GAP_JOINER.search(gap) and (
                    "的" in gap or q.after_bound in ("以上", "及以上") or _OVER_END.search(before)
                ):
                    q.keep = False
                    q.why = "descriptor"  # "实施5000万元以上项目100个", "超过1亿元的数量达到40家"
    # "90%以上县域形成1-2个…产业集群", "60%的县域…": the share's clause
    # describes what it counts; later numbers in it are part of the description
    for i, q in enumerate(qs):
        # (only a share can be one: ``_share_subject`` is not called, nor its text sliced, for the others)
        if q.keep and q.unit == "%" and _share_subject(sentence, q, sentence[q.clause[0]:q.start]):
            for r in qs[i + 1:]:
                if r.clause == q.clause and r.keep:
                    r.keep = False
                    r.why = "part of a share's subject"


def _reported(sentence: str, qs: list[_Quantity], marks: list[tuple[int, int]], package: int | None,
              lex: _Lexicon) -> None:
    """Drop the candidates of a sentence that compares with a past period or tells what has been done (同比,
    较上年, 已, 以来: a statistics circular, a news release, a plan's review of the past year) unless a goal cue stands before the quantity in its
    sentence (力争, 确保, 全年), it has a bound a report does not print (以上, 左右, 不低于), or a due year
    governs it (到2025年, or the year of a one-year package)."""
    for q in qs:
        if not q.keep:
            continue
        # the cue counts within the candidate's part of the sentence: a ; starts another item
        # ("…压缩至1个工作日;对土地已分割登记的,…")
        part_start = max(sentence.rfind(";", 0, q.start), sentence.rfind("；", 0, q.start)) + 1
        part_end = min((i for i in (sentence.find(";", q.end), sentence.find("；", q.end)) if i >= 0),
                       default=len(sentence))
        if not lex.report.search(sentence, part_start, part_end):
            continue
        before = sentence[:q.start]
        if (q.after_bound in lex.goal_bound_after
                or sentence[q.clause[0]:q.start].rstrip().endswith(lex.goal_bound_before)
                or lex.goal_word.search(before)
                or any(pos < q.start and (y == package or sentence[:pos].rstrip().endswith(lex.horizon_before))
                       for pos, y in marks)):
            continue
        q.keep = False
        q.why = "reported result"


# a period a review's heading opens with: a plan period, a year, the past years ("“十四五”时期", "2022年", "过去五年", "五年来")
_REVIEW_PERIOD: Final = r"[“\"]?十[一二三四五六七八九]五[”\"]?|20\d{2}\s*年|过去|近[一二三四五几]?年|[一二三四五]年来"
_HEADING_MAX: Final = 40  # a heading is short: a longer first sentence is the text's own


def _reviews_past(text: str, lex: _Lexicon) -> bool:
    """Is the provision headed as a review of a past period ("“十四五”时期我省发展取得重大成就", "2022年工作回顾")? Its
    heading is its text before the first full stop or line end, when short and without a comma or a semicolon."""
    # (the first 。 or line end by a find for each, not a search for their class, whose call costs more; the marks
    # tested one by one, not by a generator, which the compiled build makes an object of)
    end = text.find("。")
    line_end = text.find("\n", 0, end) if end >= 0 else text.find("\n")
    heading = text[:line_end if line_end >= 0 else end if end >= 0 else len(text)].strip()
    if (not heading or len(heading) > _HEADING_MAX
            or "," in heading or "，" in heading or ";" in heading or "；" in heading):
        return False
    # (most headings hold none of the words a match needs: told by an ``in`` each, where the pattern, with its
    # ".*", costs some 9,000 instructions a heading)
    for word in lex.review_needs:
        if word in heading:
            return lex.review_heading.search(heading) is not None
    return False


def _past_review(sentence: str, qs: list[_Quantity], lex: _Lexicon) -> None:
    """Drop the candidates of a sentence in a review of a past period (``_reviews_past``), unless a goal cue stands
    before the quantity (力争, 到2030年)."""
    for q in qs:
        if q.keep and not lex.rule_goal.search(sentence, 0, q.start):
            q.keep = False
            q.why = "review of a past period"


# a worked example: "例:甲于…出售1套自有住房", "如:以首次贷款为例,…", "以总价100万元房源为例,首付款可由20万元降至15万元"; its
# marker opens a clause (比例如下 holds no 例如)
_EXAMPLE: Final = re.compile(r"(?:^|[,;:(\s])(?:例如|比如|举例|示例|例:|如:)|以[^,;:。]{1,30}?为例")


def _examples(sentence: str, qs: list[_Quantity]) -> None:
    """Drop the candidates of a sentence from where a worked example starts: they illustrate how a rule works out for
    one made-up case, they set no goal."""
    m = _EXAMPLE.search(sentence)
    if m is None:
        return
    for q in qs:
        if q.keep and q.start >= m.start():
            q.keep = False
            q.why = "worked example"


# --- qualifier, metric, text -------------------------------------------------------


def _bounds_before(local_before: str, lex: _Lexicon) -> list[str]:
    """The canonical forms of the words of ``lex.before`` that end the text before a number."""
    found: list[str] = []
    tail = local_before[-8:]
    # the words of ``lex.before`` that the tail holds, looked up by each of its characters (only whether a
    # canonical form is found counts, not how often or in which order)
    # (``get`` with no default: a list or None, which the compiled build iterates by index; a default tuple made
    # it an object, iterated through the generic protocol at each character)
    by_first = lex.before_by_first
    for i in range(len(tail)):
        words = by_first.get(tail[i])
        if words is None:
            continue
        for word, canon in words:
            if tail.find(word, i, i + len(word)) == i:  # (startswith at an offset: not compiled)
                # a one-character word counts only right before the number ("约1000", not "签约")
                if len(word) == 1 and not _ends_with_bound_word(local_before, word):
                    continue
                if word in lex.before_adjacent and not local_before.endswith(word):
                    continue
                found.append(canon)
    return found


_BOUND_PARTICLES: Final = ("为", "到", "在")


def _ends_with_bound_word(text: str, word: str) -> bool:
    """``re.search(rf"{word}(?:为|到|在)?$", text)``, by ``endswith`` (the pattern, given as a string, was looked up
    in re's cache and matched at each call: some 4,000 instructions). (``$`` also matches before a last line end.)"""
    if text.endswith("\n"):
        text = text[:-1]
    return text.endswith(word) or (text.endswith(_BOUND_PARTICLES) and text[:-1].endswith(word))


def _list_qualifier(head_before: str, lex: _Lexicon) -> str | None:
    """The bound a bare list's first value has before it, which its other values share ("不低于40%、60%和80%")."""
    found = _bounds_before(head_before, lex)
    return next((canon for canon in lex.precedence if canon in found), None)


def _qualifier(sentence: str, q: _Quantity, local_before: str, lex: _Lexicon) -> str:
    found: list[str] = []
    if q.after_bound:
        found.append(lex.after_canon[q.after_bound])
    if q.approx:
        found.append(lex.approx[q.approx])
    found += _bounds_before(local_before, lex)
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


_LEAD_YEAR: Final = re.compile(
    r"^(?:力争|争取|确保)?(?:到|至|截至|截止到?|在)?(?:20\d{2}\s*年(?:年?底|年?末)?前?|[“\"]?十[一二三四五六七八九]五[”\"]?期间)"
)
_PREDICATE: Final = r"进行|作为|开展|完成|达到|实现|建立|形成|提供|参与|入选|入围|纳入"
_NOUN_STOP: Final = re.compile(rf"{_PREDICATE}|(?<!^)在|[,;:。]")
_NOUN_STOP_OPENS: Final = _opening_table(_NOUN_STOP)  # (most objects hold none of these: no search)
# Verbs too plain to belong to a metric ("培育2家领航型企业" measures 领航型企业).
_GENERIC_VERB: Final = re.compile(
    r"^(?:培育形成|培育|培植|打造|建设|建成|新建|争创|推出|引育|孵化|实施|完成|开展|推动|组织实施|重点打造|"
    r"着力构建并逐步完善|构建|力争打造|筛选|优选|组织开展|赋能)(?:一批)?"
)
_LEAD_VERBS: Final = re.compile(
    r"^(?:培育形成|培育|培植|打造|实施|推动|创建|建设|建成|争创|组织实施|组织开展|组织|开展|完成|实现|选树|推出|"
    r"引育|孵化|确定|认定|新认定|创作|引进|吸引|招聘|开工|重点打造|着力构建并逐步完善|构建)(?:一批)?"
)
_KEEP_LEAD: Final = re.compile(r"^(?:每年|年均|累计|新增|新培育)+")
# (what a match of each pattern opens with: all are anchored at the start of the text)
_LEAD_YEAR_OPENS: Final = _opening(_LEAD_YEAR)
_LEAD_VERBS_OPENS: Final = _opening(_LEAD_VERBS)
_GENERIC_VERB_OPENS: Final = _opening(_GENERIC_VERB)
_KEEP_LEAD_OPENS: Final = _opening(_KEEP_LEAD)
_SHARED_TAIL: Final = re.compile(r"(?:数量|总量|规模|比例|比重|占比|产值|营业收入|营收)$")
_RATE_END: Final = re.compile(r"(?:率|比例|比重|占比)$")
_DISTRIBUTIVE: Final = re.compile(r"(?:各|均|分别)(?:达到|为|达|超过|突破|提高到|提高至)?约?$")
_DISTRIBUTIVE_OPENS: Final = _few_opening(_DISTRIBUTIVE)
_SHARE_VERB: Final = re.compile(r"达到|完成|形成|实现|开展|建成|通过|具备|纳入")


# a year right before the quantity says when, the metric is what the quantity counts: "完成2021年142个重大城建项目"
_TAIL_YEAR: Final = re.compile(r"20\d{2}\s*年$")


def _without_tail_year(s: str) -> str:
    return _TAIL_YEAR.sub("", s) if s.endswith("年") else s


# (each of these patterns is tried only where the character its match opens or ends with stands: most texts have
# none of their words, and a substitution's call costs some 2,500 instructions where it replaces nothing)


def _without_lead_year(s: str) -> str:
    return _LEAD_YEAR.sub("", s) if s[:1] in _LEAD_YEAR_OPENS else s


def _without_lead(s: str, lex: _Lexicon) -> str:
    return lex.strip_lead.sub("", s) if s[:1] in lex.opens.strip_lead else s


def _without_tail(s: str, lex: _Lexicon) -> str:
    # ($ matches before a last line end too)
    return lex.strip_tail.sub("", s) if s[-1:] in lex.opens.strip_tail_end or s.endswith("\n") else s


def _clean_subject(s: str, lex: _Lexicon) -> str:
    s = _without_tail(_without_lead(_without_tail_year(_without_lead_year(s)), lex), lex)
    s = s.strip(",;:、 ")
    if s[:1] in _KEEP_LEAD_OPENS and _KEEP_LEAD.match(s):
        return s  # "每年培育省级首版次高端软件"
    stripped = _LEAD_VERBS.sub("", s) if s[:1] in _LEAD_VERBS_OPENS else s
    return stripped or s


_PREDICATE_RE: Final = re.compile(_PREDICATE)
_CLAUSE_END: Final = re.compile(r"[,;:。]")
_LEAD_JINXING: Final = re.compile(r"^进行")


def _object_after(sentence: str, start: int, end: int) -> str:
    """The thing counted after the quantity: "培育2家领航型企业" → 领航型企业;
    "推动26家企业开展智能化改造" → 开展智能化改造的企业."""
    rest = sentence[start:end]
    rest = rest[1:] if rest.startswith("的") else rest
    m = _NOUN_STOP.search(rest) if _opening_bits(rest, 0, len(rest), _NOUN_STOP_OPENS) else None
    obj = rest[:m.start()] if m else rest
    if "(" in obj:  # (what a match of ``_PAREN_END`` opens with)
        obj = _PAREN_END.sub("", obj)
    obj = obj.strip("、 ")
    if m and obj and _PREDICATE_RE.match(m.group()):
        predicate = _CLAUSE_END.split(rest[m.start():])[0]
        predicate = _LEAD_JINXING.sub("", predicate)
        if predicate:
            return f"{predicate}的{obj}"
    return obj


def _last_match(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    found = None
    for found in pattern.finditer(text):  # noqa: B007 - the loop keeps the last match
        pass
    return found


def _verb_head(before: str, lex: _Lexicon) -> str:
    """What of the words before a counted thing belongs to the metric: "每年针对县域组织",
    "为企业引进" stay; a plain 培育/建设/打造 goes."""
    head = _without_lead(_without_lead_year(_without_lead(before.strip("、,"), lex)), lex)
    head = _without_tail(head, lex)
    lead = _KEEP_LEAD.match(head) if head[:1] in _KEEP_LEAD_OPENS else None
    verb = head[lead.end():] if lead else head
    last = _last_match(lex.verb_word, verb)
    if "的" in verb or not last or last.end() != len(verb):
        verb = ""
    elif not lead:
        generic = _GENERIC_VERB.match(verb) if verb[:1] in _GENERIC_VERB_OPENS else None
        rest = verb[generic.end():] if generic else verb
        if generic and (not rest or _KEEP_LEAD.fullmatch(rest)):
            verb = rest
    return (lead.group() if lead else "") + verb


def _names_place(item: str) -> bool:
    """Is ``item`` wholly the name of a region (安定区, 陇西县, 定西), not a word written the same (城区)?"""
    index = region_index()
    hit = index.prefix_match(item)
    return hit is not None and hit[1] == len(item) and index.as_place(item, 0, hit) is not None


def _split_items(subject: str) -> list[str]:
    items = [p for p in _LIST_JOINER.split(subject) if p]
    if len(items) >= 2:
        shared = _SHARED_TAIL.search(items[-1])
        if shared and not any(_SHARED_TAIL.search(i) for i in items[:-1]):
            items = [i + shared.group() for i in items[:-1]] + [items[-1]]
    return items


def _expand(subject: str, lex: _Lexicon) -> list[str]:
    """The measured things of a subject that lists several ("A和B" → [A, B])."""
    items = [i for i in subject.split("、") if i]
    if len(items) >= 2:
        return items
    m = _last_match(lex.verb_word, subject)
    head, tail = (subject[:m.end()], subject[m.end():]) if m and m.end() < len(subject) else ("", subject)
    items = _split_items(tail)
    if len(items) < 2:
        return [subject]
    return [head + it for it in items]


def _segments(sentence: str, group: list[_Quantity], distributive: bool) -> list[tuple[int, int]]:
    """For each quantity of a clause's ``group`` (its kept ones, in order): the clause, or its part when the clause
    lists several quantities ("培育2家A、3家B"). ``distributive``: the clause's text before its first quantity ends
    with 各, 均, 分别… (``_DISTRIBUTIVE``). (For the whole group at once: the parts of each are told by all of
    them.)"""
    cs, ce = group[0].clause
    if len(group) < 2 or distributive:
        return [(cs, ce)] * len(group)  # "分别达到600家和1000家": one phrase for both
    starts = {r.start for r in group}
    cuts = [i for i in range(cs, ce) if sentence[i] == "、" or (sentence[i] in "和及与" and i + 1 in starts)]
    spans = []
    for r in group:
        seg_s = max([c + 1 for c in cuts if c < r.start], default=cs)
        seg_e = min([c for c in cuts if c >= r.end], default=ce)
        if sum(1 for x in group if seg_s <= x.start < seg_e) != 1:
            return [(cs, ce)] * len(group)
        if not (sentence[seg_s:r.start] + sentence[r.end:seg_e]).strip():
            return [(cs, ce)] * len(group)  # "153个、3.6万户": a bare quantity leans on the rest of the clause
        spans.append((seg_s, seg_e))
    return spans


def _share_metric(sentence: str, q: _Quantity) -> str | None:
    """"60%的县域达到…标准" → "达到…标准的县域比例"."""
    _, ce = q.clause
    rest = sentence[q.end:ce]
    rest = rest[1:] if rest.startswith("的") else rest
    if not _cjk_at(rest, 0) or rest[0] in _PERCENT_SUBJECT_VERB:
        return None
    m = _SHARE_VERB.search(rest)
    if not m or m.start() == 0:
        return None
    return f"{rest[m.start():]}的{rest[:m.start()]}比例"


# --- the entry point ---------------------------------------------------------------


def _names_this_year(text: str, lex: _Lexicon) -> bool:
    """Does ``text`` name the document's year (年底, 全年, 上半年), not after another year's word or a count of years
    (明年上半年, 半年内)? (Those words are tested here, not refused by the pattern: some twenty lookbehinds after each of
    its words cost more to compile, some 3 ms a process, than testing the few words found.)"""
    m = lex.this_year.search(text)
    if m is None:
        return False  # (most texts: one search, no generator)
    refused = lex.this_year_not_after
    return not text.endswith(refused, 0, m.start()) or any(
        not text.endswith(refused, 0, m.start()) for m in lex.this_year.finditer(text, m.end()))


def _due_year(sentence: str, q: _Quantity, marks: list[tuple[int, int]], carried: int | None,
              handed: int | None, package: int | None, this_year: int | None,
              lex: _Lexicon) -> tuple[int | None, str]:
    """(year, basis) of one goal: a year its sentence names before it, a year a heading or a
    list's lead-in hands down, "年底 / 全年" (the document's year), else the package's year
    unless the goal recurs or has no end (每年, 年均, 逐步)."""
    last = None
    for pos, y in marks:
        if pos < q.start:
            last = (pos, y)
    if last is not None:
        return last[1], "stated"
    if carried is not None:
        return carried, "stated"
    if this_year is not None and _names_this_year(sentence[:q.start], lex):
        return this_year, "stated"
    if handed is not None:
        return handed, "stated"
    if lex.no_year.search(sentence[q.clause[0]:q.start]):
        return None, "none"
    if package is not None:
        return package, "package"
    return None, "none"


class QuantitySites:
    """Where a whole text's quantities can be: the quantity tails (a numeral and its unit) found in it.
    ``find_targets`` finds nothing in a stretch of it that no tail reaches into: a tail that the stretch
    alone shows is found by the search over the whole text too, or lies inside one found there (the tails
    do not overlap). One search of a document then spares its many provisions without a number."""

    def __init__(self, text: str) -> None:
        lex = _lexicon()
        classes = classes_of(text, lex.tail_classes)
        if classes is None:
            tails = [m.span() for m in lex.quantity_tail.finditer(text)]
        else:
            # a tail opens with a numeral followed by a unit's first character: tried there alone (one character
            # in a hundred), not at every numeral or character as the pattern's own scan does
            tails = []
            end = 0
            units = lex.units
            for at in np.flatnonzero(classes[:-1] & (classes[1:] >> 1)).tolist():
                # (what ``quantity_tail.match(text, at)`` matches: the numeral at ``at``, its unit after it)
                if at >= end and (unit := unit_at(text, at + 1, units)) is not None:
                    tails.append((at, unit.end))
                    end = unit.end
        self._starts = [a for a, _ in tails]
        self._ends = [b for _, b in tails]  # increasing, as the tails do not overlap

    def may_hold(self, a: int, b: int) -> bool:
        """Can text[a:b] hold a target?"""
        k = bisect_right(self._ends, a)  # the first tail that ends after a
        return k < len(self._starts) and self._starts[k] < b

    def tails_in(self, a: int, b: int) -> list[tuple[int, int]] | None:
        """The spans (from ``a``) of the tails the search of text[a:b] alone would find: the whole text's
        inside it, unless one of those runs over ``a`` or ``b`` (then the stretch alone may show others: None)."""
        i = bisect_right(self._ends, a)  # the first tail that ends after a
        j = bisect_left(self._starts, b)  # the first tail that starts at b or later
        if (i < len(self._starts) and self._starts[i] < a) or (j > 0 and self._ends[j - 1] > b):
            return None
        return [(self._starts[k] - a, self._ends[k] - a) for k in range(i, j)]


_CLOSING: Final = frozenset(")）")


def _after_closing_brackets(sentence: str, qs: list[_Quantity]) -> None:
    """Start the clause of a kept quantity after a closing bracket that its text before the clause's first quantity
    holds without the opening one: the tail of a note the separators cut ("(进项税额抵扣前的销项税额,下同)不低于20万元"),
    or a responsibility clause before the sentence ("(责任单位:省经济和信息化厅)新培育认定500家以上…"), is neither
    its text nor what it measures. (After the judges: what they read is left as it was.)"""
    if ")" not in sentence and "）" not in sentence:
        return  # (most sentences)
    firsts: dict[tuple[int, int], int] = {}
    for q in qs:
        firsts.setdefault(q.clause, q.start)
    for (cs, ce), first in firsts.items():
        if _CLOSING.isdisjoint(sentence[cs:first]):
            continue  # (most clauses)
        depth, cut = 0, cs
        for i in range(cs, first):
            c = sentence[i]
            if c in "(（":
                depth += 1
            elif c in _CLOSING:
                if depth:
                    depth -= 1
                else:
                    cut = i + 1
        if cut > cs:
            for q in qs:
                if q.clause == (cs, ce):
                    q.clause = (cut, ce)


# a list of years ("2023年、2024年、2025年", "2022、2023、2024、2025年末"); the lookbehind follows the "20" (see ``_YEAR``)
_YEAR_LIST: Final = re.compile(r"20(?<!\d20)\d{2}\s*(?:年[底末]?)?(?:\s*[、和及与]\s*20\d{2}\s*(?:年[底末]?)?)+")
_LISTED_YEAR: Final = re.compile(r"20\d{2}")


def _paired_years(sentence: str, group: list[_Quantity]) -> tuple[list[int], int, int] | None:
    """"到2023年、2024年、2025年,…分别达到50%、60%、70%": the years, in order, of a list that 分别 pairs with a clause's
    values, one each, and where the list stands in the sentence; None when no such list stands before the values."""
    head = sentence[:group[0].start]
    m = _last_match(_YEAR_LIST, head)
    if m is None or "年" not in m.group() or "分别" not in head[m.end():]:
        return None
    years = [int(y) for y in _LISTED_YEAR.findall(m.group())]
    if len(years) != len(group) or years != sorted(set(years)):
        return None
    return years, m.start(), m.end()


_ALL_OR_PREDICATE: Final = re.compile(rf"全部|全面|{_PREDICATE}")
_GROWTH_END: Final = re.compile(r"(?:年均|年)?增长$")


def find_targets(text: str, *, default_year: int | None = None, package_year: int | None = None,
                 document_year: int | None = None, tails: list[tuple[int, int]] | None = None) -> list[FoundTarget]:
    """Targets in one provision's own text (already normalised).

    ``default_year`` is a year the provision's heading hands down ("到2025年，主要目标是："),
    ``package_year`` the year of a one-year package and ``document_year`` the year
    年底 / 全年 / 年内 refer to (see ``target_years``). ``tails``: the spans of the quantity tails of ``text``,
    when the caller has them (``QuantitySites.tails_in``); else they are searched for here."""
    lex = _lexicon()
    # every quantity ends with a numeral and its unit (``quantity_tail``), which no sentence end breaks:
    # a text without one has no candidate (most provisions have none), a sentence without one is not searched
    if tails is None:
        tails = [m.span() for m in lex.quantity_tail.finditer(text)]
    if not tails:
        return []
    tail_starts = [a for a, _ in tails]
    next_tail = 0
    quoted: _Quoted | None = None  # made for the first sentence with a candidate
    review: bool | None = None  # is the provision a review of a past period: read at its first candidate
    found: list[FoundTarget] = []
    carried_year: int | None = None
    # only a sentence with a quantity or one that hands its year on (ends in a colon) does anything
    hands_on_at = _hands_on_at(text)
    for s0, s1 in _sentences_holding(text, sorted(tail_starts + hands_on_at) if hands_on_at else tail_starts):
        sentence = text[s0:s1]
        while next_tail < len(tails) and tail_starts[next_tail] < s0:
            next_tail += 1
        last_tail = next_tail
        while last_tail < len(tails) and tail_starts[last_tail] < s1:
            last_tail += 1
        qs = (_candidates(sentence, lex, line_start=s0 == 0 or text[s0 - 1] == "\n",
                          tails=[(a - s0, b - s0) for a, b in tails[next_tail:last_tail]])
              if last_tail > next_tail else [])
        hands_on = sentence.rstrip("\n").endswith((":", "："))
        if not qs and not hands_on:
            continue  # no target and no year handed on
        marks = _year_marks(sentence, lex)
        if qs:
            if quoted is None:
                quoted = _Quoted(text)
            _judge(sentence, qs, quoted, s0, lex)
            # (most sentences compare with no past period, and hold none of the strings its words need: not searched)
            if _holds_any(sentence, lex.report_needs) and lex.report.search(sentence):
                _reported(sentence, qs, marks, package_year, lex)
            if review is None:
                review = _reviews_past(text, lex)
            if review:
                _past_review(sentence, qs, lex)
            # (every marker holds 例 or is 如:; a sentence without either, most, is not searched)
            if "例" in sentence or "如:" in sentence:
                _examples(sentence, qs)
            _after_closing_brackets(sentence, qs)
        last_any: dict[tuple[int, int], int] = {}  # end of the previous candidate in the clause
        last_kept: dict[tuple[int, int], int] = {}  # end of the previous kept quantity in the clause
        group_base: dict[tuple[int, int], int] = {}  # len(found) before the clause's first target
        group_inherits: dict[tuple[int, int], bool] = {}  # the clause names nothing: "分别达到700家和1200家"
        # each clause's kept quantities, in order: its targets are read as a group ("培育2家A、3家B")
        groups: dict[tuple[int, int], list[_Quantity]] = {}
        for q in qs:
            if q.keep:
                groups.setdefault(q.clause, []).append(q)
        # what a clause names before its first target (``_clean_subject``): that target's subject, and asked for
        # again by each of the group's texts; whether that text ends with 各, 均, 分别…; the texts of its targets
        head_subjects: dict[tuple[int, int], str] = {}
        distributive: dict[tuple[int, int], bool] = {}
        # (a clause's kept quantities come one after another: what is read of their group is kept in these, reset at
        # its first) a list of years they go with one each, (years, where the list stands in the sentence); the end of
        # the last of them and the text before the first value of the bare list it ends
        paired: tuple[list[int], int, int] | None = None
        list_end, list_before = -1, ""
        segments: dict[tuple[int, int], list[tuple[int, int]]] = {}
        for q in qs:
            cs, ce = q.clause
            local_start = last_any.get(q.clause, cs)
            last_any[q.clause] = q.end
            if not q.keep:
                continue
            subject_start = last_kept.get(q.clause, cs)
            last_kept[q.clause] = q.end
            group_base.setdefault(q.clause, len(found))
            group = groups[q.clause]
            idx = group.index(q)
            if idx == 0:
                head_subjects[q.clause] = _clean_subject(sentence[cs:q.start], lex)
                distributive[q.clause] = (_holds_any_in(sentence, _DISTRIBUTIVE_OPENS, cs, q.start)
                                          and _DISTRIBUTIVE.search(sentence, cs, q.start) is not None)
                # (only a clause with several values in a sentence that says 分别 can pair them with years)
                paired = _paired_years(sentence, group) if len(group) > 1 and "分别" in sentence else None
                list_end = -1
                if paired:
                    distributive[q.clause] = True  # "…2024、2025年末应分别不低于40%、60%": one phrase for all
                segments[q.clause] = _segments(sentence, group, distributive[q.clause])
            head_subject = head_subjects[q.clause]

            year, basis = _due_year(sentence, q, marks, carried_year, default_year, package_year, document_year, lex)
            if paired:
                year, basis = paired[0][idx], "stated"
            local_before = sentence[local_start:q.start]
            qualifier = _qualifier(sentence, q, local_before, lex)
            if list_end >= 0 and sentence[list_end:q.start] in _LIST_GAP:
                # a value of a bare list after its first: a bound before the first is the list's
                if qualifier == "达到" and not (q.after_bound or q.approx or q.is_range):
                    qualifier = _list_qualifier(list_before, lex) or qualifier
            else:
                list_before = local_before
            list_end = q.end

            # the verbatim text
            ts, te = segments[q.clause][idx]
            paren = _PAREN_END.search(sentence, ts, te) if sentence.find("(", ts, te) >= 0 else None
            if paren and paren.start() >= q.end:
                te = paren.start()
            prev_clause = ""
            if ts == cs and cs > 0 and sentence[cs - 1] in _CLAUSE_SEP:  # (not when it starts after a bracket)
                prev_s = q.prev_clause_start
                if not any(prev_s <= r.start < cs for r in qs):
                    prev_clause = sentence[prev_s:cs - 1]
                # "新认定一批…创新中心,到2027年达到160家": the clause leans on the one before
                if prev_clause and not head_subject and (
                    not sentence[q.end:te].strip() or _LEAD_YEAR.fullmatch(prev_clause)
                ):
                    ts = prev_s

            # what is measured
            before = _without_tail_year(sentence[subject_start:q.start])  # (the clause's head for its first target)
            subject = head_subject if idx == 0 else _clean_subject(before, lex)
            obj = _object_after(sentence, q.end, te)
            if distributive[q.clause] and (len(group) > 1 or _holds_any(before, _DISTRIBUTIVE_OPENS)
                                           and _DISTRIBUTIVE.search(before)):
                head = sentence[cs:group[0].start]
                if paired and paired[1] >= cs:
                    _, ys, ye = paired
                    head = sentence[cs:ys] + sentence[ye:group[0].start]  # the years are not what is measured
                subj = _clean_subject(_DISTRIBUTIVE.sub("", head), lex)
                items = _expand(subj, lex)
                if len(group) == 1 and len(items) > 1 and _names_place(items[0]):
                    # "…不少于300个,安定区、陇西县、临洮县各50个": each place's share of one goal, one target for the
                    # share (as "每个县(区)至少打造1个" is one), measuring what the goal before it measures
                    goal = found[-1] if found and found[-1].start >= s0 else None
                    metrics = [goal.metric if goal is not None else subj]
                elif len(group) == 1 or paired and len(items) == 1:
                    metrics = items  # (one thing measured in each year)
                else:
                    metrics = [items[idx]] if len(items) == len(group) else [""]
            elif q.unit == "%" and (share := _share_metric(sentence, q)):
                lead = _KEEP_LEAD.match(before)
                metrics = [(lead.group() if lead else "") + share]
            elif q.unit == "%" and not subject and prev_clause and sentence[q.end:te].strip():
                # "A、B全部达到基本标准,20%以上达到推荐标准" → "A、B达到推荐标准的比例"
                noun = _ALL_OR_PREDICATE.split(_clean_subject(prev_clause, lex))[0]
                metrics = [f"{noun}{sentence[q.end:te]}的比例"]
            elif obj and (not subject or _ends_with_any(before, lex.action_end, lex.opens.action_end_end)
                          # a verb, then the bound the qualifier gives: "组织超50家企业参加…"; not a measure
                          # word ("项目土地规模高于50亩的")
                          or _ends_with_any(bare := _without_tail(before, lex), lex.action_end,
                                            lex.opens.action_end_end)
                          and not _SHARED_TAIL.search(bare)):
                metrics = [_verb_head(_without_tail_year(sentence[max(subject_start, ts):q.start]), lex) + obj]
            else:
                metrics = [subject]
                items = [i for i in subject.split("、") if i]
                if len(group) == 1 and len(items) >= 2 and all(_RATE_END.search(i) for i in items):
                    metrics = items
            if idx == 0:
                group_inherits[q.clause] = not metrics[0]
            if not metrics[0] and idx > 0 and not group_inherits[q.clause] and len(found) > group_base[q.clause]:
                metrics = [found[-1].metric]  # "改造城镇老旧小区153个、3.6万户"
            if not metrics[0] and prev_clause:
                # "新认定一批省级…创新中心,到2027年达到160家"
                metrics = [_clean_subject(_without_lead_year(prev_clause), lex)]
            if not metrics[0]:
                # "到2027年，达到400家左右": the thing measured just before
                base = group_base[q.clause]
                pool = [t.metric for t in found[:base]]
                k = len(group)
                pool = pool[-k:] if len(pool) >= k else pool[-1:]
                if pool:
                    inherited = pool[min(idx, len(pool) - 1)]
                    if q.unit != "%":
                        inherited = _GROWTH_END.sub("", inherited)
                    metrics = [inherited]
            body = sentence[ts:te].rstrip("。")
            for metric in metrics:
                found.append(FoundTarget(
                    text=body, metric=metric, value=q.value, unit=q.unit, qualifier=qualifier,
                    year=year, start=s0 + ts, end=s0 + ts + len(body), year_basis=basis,
                ))
        # a sentence that ends in a colon hands its year to the list after it
        if hands_on and marks:
            carried_year = marks[-1][1]
    return found


def year_handed_down(text: str) -> int | None:
    """The due year a provision hands to its sub-items: "到2025年，主要目标是：" before a
    numbered list. Pass it as ``default_year`` for the children (unless the
    document is a year plan)."""
    if "年" not in text and "十" not in text:
        return None  # no sentence names a year (2025年) or a plan period (十四五期间): see ``_year_marks``
    lex = _lexicon()
    year = None
    for s0, s1 in _sentences(text) if ":" in text or "：" in text else ():  # only a colon hands a year on
        sentence = text[s0:s1].rstrip("\n")
        if sentence.endswith((":", "：")) and (marks := _year_marks(sentence, lex)):
            year = marks[-1][1]
    if year is None:
        # a heading with no full stop: "（三）到2025年主要目标"
        first = text.split("\n", 1)[0]
        marks = _year_marks(first, lex)
        if marks and "。" not in first and not _candidates(first, lex):
            year = marks[-1][1]
    return year


def explain(text: str) -> list[tuple[str, str]]:
    """Every candidate quantity and why it was kept or dropped (for debugging)."""
    lex = _lexicon()
    quoted = _Quoted(text)
    review = _reviews_past(text, lex)
    out = []
    for s0, s1 in _sentences(text):
        sentence = text[s0:s1]
        qs = _candidates(sentence, lex)
        _judge(sentence, qs, quoted, s0, lex)
        if lex.report.search(sentence):
            _reported(sentence, qs, _year_marks(sentence, lex), None, lex)
        if review:
            _past_review(sentence, qs, lex)
        _examples(sentence, qs)
        for q in qs:
            out.append((sentence[q.start:q.end], "kept" if q.keep else q.why))
    return out
