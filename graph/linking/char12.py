"""The ``char12`` tokens of many texts (``text.char_ngrams(t, (1, 2))``) as term numbers, computed on arrays.

A relink tokenises every unit of the neighbourhoods it scores, about a million character unigrams and bigrams
at 10,000 documents: as Python strings, looked up one by one, that was most of its scoring. Here the texts are
read as one array of code points: a Chinese character is a unigram, two in a row a bigram, and each gets a
number that sorts as the string does (``code``); the runs of letters and digits, rare, go through the regular
expression ``text`` uses. Terms are numbered in sorted order, as ``candidates._Counts`` numbers the strings: the
matrices are the same (tests/linking/test_array_scoring.py compares them).
"""
from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

FIRST, LAST = 0x4E00, 0x9FFF  # text._RUN's Chinese characters
_STEP = LAST - FIRST + 2  # a character's codes: itself (+0), then itself and each next character (+1 + next)
_TABLE = 40_000_000  # at most this many (first, second) character pairs are numbered by a table (4 bytes each)
_LATIN = re.compile(r"[A-Za-z0-9]*[A-Za-z][A-Za-z0-9]*")  # text._RUN's other runs: one token each


class Char12Terms:
    """The terms of several lists of texts, numbered in sorted order. ``counts[k]``: (text of list k, term number)
    for every token of list k's texts; ``get(term)``: a term's number, as a dict of the terms would give it."""

    def __init__(self, text_lists: Sequence[Sequence[str]]):
        texts = [t for texts in text_lists for t in texts]
        joined = "\n".join(texts)  # a character no run holds: runs never cross texts
        points = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32)
        owner = np.repeat(np.arange(len(texts), dtype=np.int32), [len(t) + 1 for t in texts])[:len(points)]
        chinese = (points >= FIRST) & (points <= LAST)
        uni = np.flatnonzero(chinese)
        bi = np.flatnonzero(chinese[:-1] & chinese[1:])
        latin = [(m.start(), m.group()) for m in _LATIN.finditer(joined)]
        # letters and digits sort before every Chinese character: they take the first numbers, in string order
        self._latin = {t: n for n, t in enumerate(sorted({t for _, t in latin}))}
        base = len(self._latin)
        # the characters these texts use, numbered in code point order (``chars``): a unigram or bigram is then a
        # number below k·(k + 1) that sorts as its code does, and the terms are numbered by a table over those
        rel = points.astype(np.int64) - FIRST
        used = np.zeros(_STEP, dtype=bool)
        used[rel[uni]] = True
        chars = np.flatnonzero(used)
        k = len(chars) + 1
        char_no = np.cumsum(used) - 1
        short = np.concatenate([char_no[rel[uni]] * k, char_no[rel[bi]] * k + char_no[rel[bi + 1]] + 1])
        if k * k <= _TABLE:
            present = np.zeros(k * k, dtype=bool)
            present[short] = True
            terms = np.flatnonzero(present)
            table = np.cumsum(present, dtype=np.int32) - 1
            del present
            numbers = base + table[short]
            del table
        else:  # too many characters for a table: a search of the sorted terms
            terms = np.unique(short)
            numbers = base + np.searchsorted(terms, short)
        first, second = np.divmod(terms, k)
        codes = base + chars[first] * _STEP + np.where(second > 0, chars[np.maximum(second - 1, 0)] + 1, 0)
        self.codes = np.concatenate([np.arange(base, dtype=np.int64), codes])
        numbers = np.concatenate([numbers, np.fromiter((self._latin[t] for _, t in latin), dtype=np.int64,
                                                       count=len(latin))])
        owners = np.concatenate([owner[uni], owner[bi],
                                 owner[np.fromiter((s for s, _ in latin), dtype=np.int64, count=len(latin))]])
        self._numbers: dict[str, int] = {}  # what ``numbers`` was asked, and said
        self.counts: list[tuple[np.ndarray, np.ndarray]] = []
        self.sizes = [len(texts_k) for texts_k in text_lists]
        start = 0
        for texts_k in text_lists:
            mine = (owners >= start) & (owners < start + len(texts_k))
            self.counts.append((owners[mine] - start, numbers[mine]))
            start += len(texts_k)

    def __len__(self) -> int:
        return len(self.codes)

    def code(self, term: str) -> int | None:
        """The number ``term`` sorts by, among the terms of these texts; None for what char12 never makes."""
        latin = self._latin.get(term)
        if latin is not None:
            return latin
        if not 1 <= len(term) <= 2 or not all(FIRST <= ord(c) <= LAST for c in term):
            return None
        code = len(self._latin) + (ord(term[0]) - FIRST) * _STEP
        return code + ord(term[1]) - FIRST + 1 if len(term) == 2 else code

    def numbers(self, terms: Sequence[str]) -> np.ndarray:
        """``get(term, -1)`` of each term: those not asked before with one search of the sorted codes (the words of
        the evidence repeat from group to group)."""
        known = self._numbers
        new = sorted({t for t in terms if t not in known})
        if new:
            codes = np.fromiter((-1 if c is None else c for c in map(self.code, new)), dtype=np.int64, count=len(new))
            at = np.minimum(np.searchsorted(self.codes, codes), max(len(self.codes) - 1, 0))
            found = (codes >= 0) & (self.codes[at] == codes) if len(self.codes) else np.zeros(len(new), dtype=bool)
            known.update(zip(new, np.where(found, at, -1).tolist()))
        return np.fromiter(map(known.__getitem__, terms), dtype=np.int64, count=len(terms))

    def get(self, term: str, default: int | None = None) -> int | None:
        code = self.code(term)
        if code is None:
            return default
        n = int(np.searchsorted(self.codes, code))
        return n if n < len(self.codes) and self.codes[n] == code else default
