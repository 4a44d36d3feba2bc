"""Where a whole text holds characters of a few classes, told by one table lookup a character (numpy).

A pattern that opens with a character class costs 50–170 instructions for each character it is tried at;
a document of 4,000 characters searched for a rare class (control characters, a numeral before a unit)
pays that at every one of them. Here the text is turned into its UTF-16 code units once and each unit
looked up in a table of the classes it belongs to, about a tenth of the cost; the callers then try their
patterns only where the table says a match can be. A few characters of a short text are found by ``str``
methods instead (``positions_of``): numpy's calls cost more than a provision's text.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from itertools import accumulate, chain, repeat
from operator import add

import numpy as np

# every character of the Basic Multilingual Plane at its own code point (the table is built by one search)
_BMP = "".join(map(chr, range(0x10000)))


def class_table(*classes: re.Pattern[str]) -> np.ndarray:
    """By code point of the Basic Multilingual Plane: bit ``i`` set where ``classes[i]``, a pattern that
    matches one character, matches the character alone."""
    table = np.zeros(0x10000, dtype=np.uint8)
    for bit, pattern in enumerate(classes):
        table[[m.start() for m in pattern.finditer(_BMP)]] |= 1 << bit
    return table


def chars_table(*chars: Iterable[str]) -> np.ndarray:
    """``class_table`` of classes given as their characters (of the Basic Multilingual Plane), without a
    search of the plane: bit ``i`` set for each character of ``chars[i]``."""
    table = np.zeros(0x10000, dtype=np.uint8)
    for bit, members in enumerate(chars):
        table[[ord(c) for c in members]] |= 1 << bit
    return table


def code_units(text: str) -> np.ndarray | None:
    """The UTF-16 code unit of each character of ``text``, or None when ``text`` holds a character beyond the
    Basic Multilingual Plane (it takes two code units: they would not stand at its offsets)."""
    units = text.encode("utf-16-le", "surrogatepass")  # (a lone surrogate is one unit, as in the text)
    if len(units) != 2 * len(text):
        return None
    return np.frombuffer(units, dtype=np.uint16)


def classes_of(text: str, table: np.ndarray) -> np.ndarray | None:
    """``table``'s entry for each character of ``text``, or None when ``text`` holds a character beyond the
    Basic Multilingual Plane (see ``code_units``)."""
    units = code_units(text)
    return None if units is None else table.take(units)


def positions_of(text: str, chars: str) -> list[int]:
    """Where any of ``chars`` stands in ``text``, in order: what ``re.finditer("[chars]", text)`` starts at. Each
    character is sought by ``in`` and cut at by ``str.split`` (a few instructions a character passed), not by a
    class tried at every character (50–170); the offsets are summed from the parts' lengths in C (a ``str.find``
    a mark costs more in argument parsing than the scan it spares, marks being dense)."""
    found: list[int] = []
    several = 0
    for ch in chars:
        if ch not in text:  # (most of them: told without a call's argument parsing)
            continue
        several += 1
        parts = text.split(ch)
        parts.pop()
        # each one's offset is the lengths of the parts before it and of the marks between them, summed in C
        found.extend(accumulate(map(add, map(len, parts), chain((0,), repeat(1)))))
    if several > 1:
        found.sort()
    return found
