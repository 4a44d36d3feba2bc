"""The words of a unit's evidence (jieba), segmented once and kept on its Task.

An inferred link names the key terms the two provisions share (``candidates._shared_words``): jieba words of
each unit's title and text. Segmenting is most of what a relink costs (jieba runs in Python), and a unit's
words change only when its text does, so a relink keeps them on the Task (``link_words``) with the key of
the text they were read from (``link_words_of``: a hash of that text and of ``VERSION``). The next relink
uses them when the key still matches the unit's text, and segments only the rest: a new or reloaded
document, a quoted task whose quoting row changed, a store written before this existed (read lazily, no
upgrade step). Bump ``VERSION`` when the segmentation changes (jieba's dictionary, ``text.STOPWORDS``).
The words are kept as one string, separated by spaces (no word holds one: ``text.jieba_tokens`` cuts runs of
Chinese characters or of letters and digits): the store hands a list back element by element, ten times slower.
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from .text import jieba_tokens
from .units import LinkUnit

VERSION = "jieba-1"


def source_text(unit: LinkUnit) -> str:
    """What a unit's words are read from: its title and text, as the text signal reads them."""
    return f"{unit.title}。{unit.text}"


def words_key(unit: LinkUnit) -> str:
    return hashlib.blake2b(f"{VERSION}\0{source_text(unit)}".encode(), digest_size=12).hexdigest()


class UnitWords:
    """Unit id → its words: those a store kept (``known``), and those segmented here (``fresh``, to be kept)."""

    def __init__(self, known: Mapping[str, Sequence[str]] | None = None):
        self.known: dict[str, list[str]] = {k: list(v) for k, v in (known or {}).items()}
        self.fresh: dict[str, list[str]] = {}
        self._units: dict[str, LinkUnit] = {}
        # the words of each run of Chinese characters cut so far: the units of a corpus repeat their clauses (a third
        # of the real corpus's runs were seen before, most of a generated corpus's), and jieba cuts a run alone
        self._runs: dict[str, tuple[str, ...]] = {}

    def of(self, unit: LinkUnit) -> list[str]:
        words = self.known.get(unit.id)
        if words is None:
            words = self.known[unit.id] = self.fresh[unit.id] = jieba_tokens(source_text(unit), memo=self._runs)
            self._units[unit.id] = unit
        return words

    def fresh_rows(self) -> list[dict[str, Any]]:
        """What to keep on the Tasks: ``{id, words, key}`` for every unit segmented here."""
        return [{"id": k, "words": " ".join(self.fresh[k]), "key": words_key(self._units[k])}
                for k in sorted(self.fresh)]


def kept_words(rows: Iterable[Mapping[str, Any]], units: Iterable[LinkUnit]) -> UnitWords:
    """The words a store kept for ``units`` (``link_words`` of their rows), where the key matches their text."""
    by_id = {r["id"]: r for r in rows}
    known: dict[str, Sequence[str]] = {}
    for u in units:
        row = by_id.get(u.id)
        if row is not None and row.get("words_of") is not None and row.get("words_of") == words_key(u):
            known[u.id] = (row.get("words") or "").split()
    return UnitWords(known)
