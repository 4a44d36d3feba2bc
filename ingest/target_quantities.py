"""A quantity (a number and its unit) read at one place of a text by tests of its characters, as ``targets``'
quantity pattern matches it there.

The pattern (``_Lexicon.quantity``) is a number, in figures ("1,000.5", a range "30—50", "30至50") or in Chinese
numerals (三十), then a unit: an approximation (余, 多), a multiplier (万, 亿), an approximation again and the base
unit ("400余家", "2.5万亿元", "100多万人"), each optional but the base. ``quantity_at`` gives what its ``match`` at
a place gives, the same text in each of its groups: it follows the engine's order of trials (each optional word
before its absence, longer words first, a run of Chinese numerals given back one at a time until a unit follows), so
the first reading it finds is the one the engine finds. In the compiled build the pattern's call costs some 7,000
instructions, with its groups read back by three more calls; here a character is told by its code point, looked up
in a table (no string made of it, no call), some tens of instructions. The tests that the two agree are in
tests/ingest/test_fast_paths*.py.
"""
from __future__ import annotations

import re
from typing import Final

from .char_classes import class_table

CN_NUM: Final = "零〇一二两三四五六七八九十百千"  # the pattern's Chinese numerals
_BMP_SIZE: Final = 0x10000
# by code point of the Basic Multilingual Plane, the pattern's classes: a digit (\d: ``str.isdecimal``), a Chinese
# numeral, a space (\s: ``str.isspace``), a range's mark ([-—–~～]|至|到)
_DIGIT: Final = 1
_CN_NUMERAL: Final = 2
_SPACE: Final = 4
_RANGE_MARK: Final = 8
_COMMA: Final = ord(",")
_POINT: Final = ord(".")
_CLASSES: Final = class_table(re.compile(r"\d"), re.compile(f"[{CN_NUM}]"), re.compile(r"\s"),
                              re.compile("[-—–~～至到]")).tobytes()


def _class_at(text: str, i: int) -> int:
    """The classes of ``text[i]`` (``_CLASSES``; beyond the plane, a few digits and nothing else)."""
    o = ord(text[i])
    if o < _BMP_SIZE:
        return _CLASSES[o]
    return _DIGIT if text[i].isdecimal() else 0


def digit_at(text: str, i: int) -> bool:
    """Is ``text[i]`` a digit (\\d, ``str.isdecimal``)?"""
    return _class_at(text, i) & _DIGIT != 0


def numeral_at(text: str, i: int) -> bool:
    """Is ``text[i]`` a numeral ([\\d零〇…千]: what a quantity's number, and its tail, open with)?"""
    return _class_at(text, i) & (_DIGIT | _CN_NUMERAL) != 0


def cn_numeral_at(text: str, i: int) -> bool:
    return _class_at(text, i) & _CN_NUMERAL != 0


def number_char_at(text: str, i: int) -> bool:
    """Can ``text[i]`` stand in a quantity's number: a numeral, a thousands' comma, a decimal point, a range's mark,
    a space?"""
    o = ord(text[i])
    return o == _COMMA or o == _POINT or _class_at(text, i) & (_DIGIT | _CN_NUMERAL | _SPACE | _RANGE_MARK) != 0


class _Opening:
    """The unit words that open with one character, by the part of the unit they make, longest first (the order
    the pattern's alternations, longest first, try them in)."""

    def __init__(self, approx: tuple[str, ...], multipliers: tuple[str, ...], base: tuple[str, ...]) -> None:
        self.approx = approx
        self.multipliers = multipliers
        self.base = base
        # (most characters open a base unit alone: 个, 家, %, 元)
        self.base_only = not approx and not multipliers


class UnitWords:
    """The words of a unit, by the code point of their first character."""

    def __init__(self, approx: list[str], multipliers: list[str], base: list[str]) -> None:
        words = [*approx, *multipliers, *base]
        if not all(words) or any(ord(w[0]) >= _BMP_SIZE for w in words):
            raise ValueError("a unit word is empty or opens beyond the Basic Multilingual Plane")
        self.opening: list[_Opening | None] = [None] * _BMP_SIZE
        for first in {w[0] for w in words}:
            self.opening[ord(first)] = _Opening(_longest_first(approx, first), _longest_first(multipliers, first),
                                                _longest_first(base, first))


def _longest_first(words: list[str], first: str) -> tuple[str, ...]:
    return tuple(sorted({w for w in words if w[0] == first}, key=len, reverse=True))


class Unit:
    """What the pattern's unit groups hold (None for an optional word left out) and where the unit ends."""

    __slots__ = ("approx1", "mult", "approx2", "base", "end")

    def __init__(self, approx1: str | None, mult: str | None, approx2: str | None, base: str, end: int) -> None:
        self.approx1 = approx1
        self.mult = mult
        self.approx2 = approx2
        self.base = base
        self.end = end


class QuantityMatch:
    """What the quantity pattern's match holds: the number's groups (one of ``range_``, ``arabic`` and ``chinese``;
    the others None), where the number ends, and the unit after it."""

    __slots__ = ("start", "num_end", "range_", "arabic", "chinese", "unit")

    def __init__(self, start: int, num_end: int, range_: str | None, arabic: str | None, chinese: str | None,
                 unit: Unit) -> None:
        self.start = start
        self.num_end = num_end
        self.range_ = range_
        self.arabic = arabic
        self.chinese = chinese
        self.unit = unit

    def span(self) -> tuple[int, int]:
        return self.start, self.unit.end


def _opening_at(text: str, at: int, words: UnitWords) -> _Opening | None:
    if at >= len(text):
        return None
    o = ord(text[at])
    return words.opening[o] if o < _BMP_SIZE else None


def _holds_at(text: str, at: int, word: str) -> bool:
    """``text.startswith(word, at)``, where the word's first character stands: its others compared by code point."""
    n = len(word)
    if at + n > len(text):
        return False
    for i in range(1, n):
        if ord(text[at + i]) != ord(word[i]):
            return False
    return True


def _readings(text: str, at: int, words: tuple[str, ...]) -> list[str]:
    """The readings of an optional group of ``words`` at ``at``, in the order the engine tries them: each word that
    opens there, longest first, then none ("")."""
    found = [w for w in words if _holds_at(text, at, w)]
    found.append("")
    return found


def _longest_at(text: str, at: int, words: tuple[str, ...]) -> str:
    """The first of ``words`` (longest first) that opens at ``at``, "" when none does."""
    for w in words:
        if _holds_at(text, at, w):
            return w
    return ""


def unit_at(text: str, at: int, words: UnitWords) -> Unit | None:
    """The unit the pattern matches at ``at`` (approximation, multiplier, approximation, base unit), or None."""
    opening = _opening_at(text, at, words)
    if opening is None:
        return None  # (the pattern's own first test: most numerals are followed by no unit)
    if opening.base_only:
        base = _longest_at(text, at, opening.base)
        return Unit(None, None, None, base, at + len(base)) if base else None
    for approx1 in _readings(text, at, opening.approx):
        a = at + len(approx1)
        at_a = _opening_at(text, a, words) if approx1 else opening
        for mult in _readings(text, a, at_a.multipliers) if at_a is not None else [""]:
            b = a + len(mult)
            at_b = _opening_at(text, b, words) if mult else at_a
            for approx2 in _readings(text, b, at_b.approx) if at_b is not None else [""]:
                c = b + len(approx2)
                at_c = _opening_at(text, c, words) if approx2 else at_b
                base = _longest_at(text, c, at_c.base) if at_c is not None else ""
                if base:
                    return Unit(approx1 or None, mult or None, approx2 or None, base, c + len(base))
    return None


def _number_end(text: str, at: int) -> int:
    """Where the pattern's number in figures that opens at ``at`` (a digit) ends: "1,000,000" (one to three digits,
    then groups of a comma and three), else every digit, then a decimal point and its digits. (An atomic group: its
    first reading is kept, none given back.)"""
    n = len(text)
    end = at + 1
    while end < n and _class_at(text, end) & _DIGIT:
        end += 1
    if end - at <= 3:
        k = end
        while (k + 3 < n and ord(text[k]) == _COMMA and _class_at(text, k + 1) & _DIGIT and _class_at(text, k + 2) & _DIGIT
               and _class_at(text, k + 3) & _DIGIT):
            k += 4
        end = k
    if end + 1 < n and ord(text[end]) == _POINT and _class_at(text, end + 1) & _DIGIT:
        end += 2
        while end < n and _class_at(text, end) & _DIGIT:
            end += 1
    return end


def _space_end(text: str, at: int) -> int:
    n = len(text)
    while at < n and _class_at(text, at) & _SPACE:
        at += 1
    return at


def quantity_at(text: str, at: int, words: UnitWords) -> QuantityMatch | None:
    """What the quantity pattern's ``match(text, at)`` holds, or None when it does not match (``at`` < len(text))."""
    n = len(text)
    classes = _class_at(text, at)
    if classes & _DIGIT:
        # (?<![\d.A-Za-z])(?<!\d,): not inside a number, a name ("5G") or a list of thousands
        if at > 0:
            o = ord(text[at - 1])
            if (_class_at(text, at - 1) & _DIGIT or o == _POINT or 65 <= o <= 90 or 97 <= o <= 122  # A-Z a-z
                    or o == _COMMA and at > 1 and _class_at(text, at - 2) & _DIGIT):
                return None
        first_end = _number_end(text, at)
        # a range: the number, its mark and another number, spaces around the mark
        k = _space_end(text, first_end)
        if k < n and _class_at(text, k) & _RANGE_MARK:
            k = _space_end(text, k + 1)
            if k < n and _class_at(text, k) & _DIGIT:
                second_end = _number_end(text, k)
                unit = unit_at(text, second_end, words)
                if unit is not None:
                    return QuantityMatch(at, second_end, text[at:second_end], None, None, unit)
        unit = unit_at(text, first_end, words)
        return QuantityMatch(at, first_end, None, text[at:first_end], None, unit) if unit is not None else None
    if classes & _CN_NUMERAL:
        if at > 0 and _class_at(text, at - 1) & (_DIGIT | _CN_NUMERAL):
            return None  # (?<![\d零…千]): inside a numeral
        end = at + 1
        while end < n and _class_at(text, end) & _CN_NUMERAL:
            end += 1
        # the numerals given back one at a time until a unit follows them: "五千瓦" (五千, 瓦), "三百分点" (三, 百分点)
        while end > at:
            unit = unit_at(text, end, words)
            if unit is not None:
                return QuantityMatch(at, end, None, None, text[at:end], unit)
            end -= 1
    return None
