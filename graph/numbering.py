"""Which printed provision a number means where it stands.

A document may print the same number more than once: a notice numbered 一、二、… and the plan it issues,
numbered 一、二、… again; lists under unnumbered headings, each restarting at 1; two division-of-labour
tables. Each is its own task. Records keep the number as printed (it is what a reader and the gold
annotations call it); the graph keys the second and later provisions under a number ``一@2``, ``一@3`` …,
and resolves every number a record refers to (a parent, a task's provision, a target's task, a table row)
by where the record stands: the last provision printed under that number before it.
"""
from __future__ import annotations

from bisect import bisect_right

from policykg.ingest.records import ExtractedDocument

__all__ = ["Numbering"]


class Numbering:
    def __init__(self, doc: ExtractedDocument):
        # number -> where each provision printed under it starts, in text order
        self._starts: dict[str, list[int]] = {}
        for p in doc.provisions:
            self._starts.setdefault(p.number, []).append(p.span.start)
        # numbered rows that are no provision (division-of-labour tables): where their first tasks start
        rows: dict[str, list[int]] = {}
        for t in doc.tasks:
            if t.clause == 1 and t.number not in self._starts:
                rows.setdefault(t.number, []).append(t.span.start)
        self._starts.update(rows)
        for starts in self._starts.values():
            starts.sort()

    def key(self, number: str, at: int) -> str:
        """The key of the provision (or table row) printed as ``number`` that text offset ``at`` falls in."""
        starts = self._starts.get(number)
        if starts is None or len(starts) == 1:
            return number
        nth = max(bisect_right(starts, at), 1)
        return number if nth == 1 else f"{number}@{nth}"
