"""Where a goal counts and when its task is due: the scope region of a target,
the deadline a table column or a responsibility clause gives a task.

Scope: a provincial goal quoted in a division-of-labour table (the content
column of a table whose upper level is the province) counts over the province,
not over the city that implements the row; a goal whose clause says 全省 / 全市
counts over that level; any other goal counts over the document's region. The
scope words live in ``data/targets.toml`` ([scope]).
"""
from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from typing import Final

from .normalize import compact
from .regions import Region, region_index
from .targets import DATA_FILE

_LEVELS: Final = ("province", "city", "county")
# "(牵头单位:市发展改革委;完成时限:2024年底前)": a deadline inside a responsibility clause
_DEADLINE_LABEL: Final = re.compile(
    r"(?:完成时限|完成时间|时间节点|时限要求|办结时限|时限)\s*[:：]\s*(?P<v>[^;；,，。)）\n]+)")
_YEAR: Final = re.compile(r"(?<![\d—\-–~～至到])(20\d{2})\s*年(?!\s*[—\-–~～至到]\s*20\d{2})")
_RANGE: Final = re.compile(r"20\d{2}\s*年?\s*[—\-–~～至到]\s*20\d{2}")


@lru_cache(maxsize=1)
def _scope_words() -> list[tuple[str, str]]:
    """(word, level) of every scope word, the longest first, as ``scope_of`` tries them."""
    data = tomllib.loads(DATA_FILE.read_text(encoding="utf-8"))
    return sorted(dict(data["scope"]["words"]).items(), key=lambda kv: -len(kv[0]))


def region_at(region: Region | None, level: str | None) -> Region | None:
    """The region of ``level`` that contains ``region`` (itself when it is that level)."""
    if region is None or level not in _LEVELS:
        return None
    index = region_index()
    r: Region | None = region
    while r is not None and r.level != level:
        if _LEVELS.index(r.level) < _LEVELS.index(level):
            return None  # a province has no city above it
        r = index.parent(r)
    return r


def scope_of(clause_before: str, region: Region | None,
             quoted_level: str | None = None) -> tuple[str | None, str | None]:
    """(region name, level) a goal counts over. ``clause_before`` is its clause up to the number;
    ``quoted_level`` the level whose plan a table's content column quotes (None outside tables)."""
    level = quoted_level
    if level is None:
        for word, word_level in _scope_words():
            if word in clause_before:
                level = word_level
                break
    scoped = region_at(region, level) if level else None
    if scoped is not None:
        return scoped.name, scoped.level
    if region is None:
        return None, level
    return region.name, region.level


def deadline_in_clause(clause: str) -> str | None:
    """The deadline a responsibility clause states (完成时限:2024年底前)."""
    # every label names 时 (most clauses none): the pattern, opening with a class, is not tried at each character
    m = _DEADLINE_LABEL.search(clause) if "时" in clause else None
    return compact(m.group("v")) if m else None


def deadline_year(deadline: str | None) -> int | None:
    """The one year a deadline names ("2024年12月底前" → 2024); None for "持续推进" or "2023—2025年"."""
    if not deadline or _RANGE.search(deadline):
        return None
    years = {int(y) for y in _YEAR.findall(deadline)}
    return years.pop() if len(years) == 1 else None
