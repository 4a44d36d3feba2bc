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
        lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts)) + 1
        owner = np.repeat(np.arange(len(texts), dtype=np.int32), lengths)[:len(points)]
        uni = np.flatnonzero((points >= FIRST) & (points <= LAST))
        # a bigram starts wherever the next Chinese character is the next character
        pair = np.flatnonzero(uni[1:] == uni[:-1] + 1)
        # letters and digits: only the texts holding a Latin letter are searched (a few), each on its own (a match
        # never crosses the newline between two texts, so they are the matches of the joined text, in its order)
        letter = (points | 32) - ord("a") <= ord("z") - ord("a")
        starts = np.zeros(len(texts), dtype=np.int64)
        np.cumsum(lengths[:-1], out=starts[1:])
        latin = [(int(starts[n]) + m.start(), m.group()) for n in np.unique(owner[letter]).tolist()
                 for m in _LATIN.finditer(texts[n])]
        # letters and digits sort before every Chinese character: they take the first numbers, in string order
        self._latin = {t: n for n, t in enumerate(sorted({t for _, t in latin}))}
        base = len(self._latin)
        # the characters these texts use, numbered in code point order (``chars``): a unigram or bigram is then a
        # number below k·(k + 1) that sorts as its code does, and the terms are numbered by a table over those
        rel = (points[uni] - FIRST).astype(np.int32)
        used = np.zeros(_STEP, dtype=bool)
        used[rel] = True
        chars = np.flatnonzero(used)
        k = len(chars) + 1
        char_no = (np.cumsum(used, dtype=np.int32) - 1)[rel]
        del rel
        short = np.concatenate([char_no * np.int32(k), char_no[pair] * np.int32(k) + char_no[pair + 1] + 1])
        del char_no
        if k * k <= _TABLE:
            present = np.zeros(k * k, dtype=bool)
            present[short] = True
            terms = np.flatnonzero(present)
            table = np.cumsum(present, dtype=np.int32) - 1
            del present
            numbers = table[short]
            del table
        else:  # too many characters for a table: a search of the sorted terms
            terms = np.unique(short)
            numbers = np.searchsorted(terms, short)
        first, second = np.divmod(terms, k)
        codes = base + chars[first] * _STEP + np.where(second > 0, chars[np.maximum(second - 1, 0)] + 1, 0)
        self.codes = np.concatenate([np.arange(base, dtype=np.int64), codes])
        # each part (unigrams, bigrams, letters) comes in text order: every list's tokens are a slice of each
        parts = [(owner[uni], base + numbers[:len(uni)]), (owner[uni[pair]], base + numbers[len(uni):]),
                 (owner[np.fromiter((s for s, _ in latin), dtype=np.int64, count=len(latin))],
                  np.fromiter((self._latin[t] for _, t in latin), dtype=np.int64, count=len(latin)))]
        self._numbers: dict[str, int] = {}  # what ``numbers`` was asked, and said
        self.counts: list[tuple[np.ndarray, np.ndarray]] = []
        self.sizes = [len(texts_k) for texts_k in text_lists]
        bounds = np.cumsum([0, *self.sizes])
        cuts = [np.searchsorted(owners, bounds) for owners, _ in parts]
        for n in range(len(text_lists)):
            self.counts.append((np.concatenate([owners[cut[n]:cut[n + 1]] - bounds[n]
                                                for (owners, _), cut in zip(parts, cuts)]),
                                np.concatenate([numbers_k[cut[n]:cut[n + 1]] for (_, numbers_k), cut in zip(parts, cuts)])))

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
