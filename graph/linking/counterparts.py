"""Department counterparts across levels (省工业和信息化厅 ↔ 市工业和信息化局), from names and data.

A department name is reduced to its level and its *line of work*: the level prefix (省/市/县…) and
the kind of body (厅, 局, 委, 办公室…) are dropped, so 省工业和信息化厅 and 市工业和信息化局 are both
(工业和信息化). Two bodies of different levels are counterparts when their lines are equal, after the
aliases of ``[lines]``; ``[[pair]]`` entries add counterparts the names do not show (省能源局 →
市发展改革委). All of it is data: ``data/counterparts.toml``, extendable with more files.
"""
from __future__ import annotations

import re
import tomllib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

DATA_FILE = Path(str(resources.files("policykg.graph.linking").joinpath("data", "counterparts.toml")))
_COLLECTIVE = re.compile(r"(^各)|有关|相关|其他|其余|^(省|市|县|区)?(直|属)?各")


@dataclass(frozen=True)
class DeptKey:
    level: str | None
    line: str


@dataclass
class CounterpartTable:
    levels: dict[str, str] = field(default_factory=dict)
    suffixes: list[str] = field(default_factory=list)
    normalise: list[tuple[re.Pattern[str], str]] = field(default_factory=list)
    lines: dict[str, str] = field(default_factory=dict)  # alias stem -> canonical line
    pairs: dict[str, set[str]] = field(default_factory=dict)  # upper name -> lower names
    # name -> key, as the rules stand: a relink asks for the same few thousand names a million times
    _keys: dict[str, DeptKey | None] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def load(cls, *paths: Path) -> "CounterpartTable":
        table = cls()
        for path in paths or (DATA_FILE,):
            table.extend(tomllib.loads(Path(path).read_text(encoding="utf-8")), path)
        return table

    def extend(self, data: dict, source: Path | str = "<data>") -> None:
        self._keys.clear()
        derive = data.get("derive", {})
        self.levels.update(derive.get("levels", {}))
        for s in derive.get("suffixes", []):
            if s not in self.suffixes:
                self.suffixes.append(s)
        self.suffixes.sort(key=len, reverse=True)
        for rule in data.get("normalise", []):
            try:
                self.normalise.append((re.compile(rule["pattern"]), rule["to"]))
            except (KeyError, re.error) as exc:
                raise ValueError(f"{source}: bad [[normalise]] entry {rule!r}: {exc}") from exc
        for canonical, aliases in data.get("lines", {}).items():
            self.lines[canonical] = canonical
            for a in aliases:
                self.lines[a] = canonical
        for p in data.get("pair", []):
            try:
                self.pairs.setdefault(p["upper"], set()).update(p["lower"])
            except KeyError as exc:
                raise ValueError(f"{source}: bad [[pair]] entry {p!r}: missing {exc}") from exc

    # -- names ---------------------------------------------------------------------
    def key(self, name: str) -> DeptKey | None:
        """Level and line of work of a department name; None for a collective (各县区政府, 省有关部门)."""
        try:
            return self._keys[name]
        except KeyError:
            k = self._keys[name] = self._derive(name)
            return k

    def _derive(self, name: str) -> DeptKey | None:
        if not name or _COLLECTIVE.search(name):
            return None
        for pattern, to in self.normalise:
            if pattern.match(name):
                name = pattern.sub(to, name)
                break
        level = self.levels.get(name[0])
        stem = name[1:] if level else name
        for s in self.suffixes:
            if stem.endswith(s) and len(stem) > len(s):
                stem = stem[: -len(s)]
                break
        return DeptKey(level, self.lines.get(stem, stem))

    def lines_of(self, names: Iterable[str], upper: bool) -> list[str]:
        """The lines of work of ``names``; for the upper side also the lines of their ``[[pair]]`` bodies."""
        out: list[str] = []
        for n in names:
            k = self.key(n)
            if k is None:
                continue
            out.append(k.line)
            if upper:
                for low in self.pairs.get(n, ()):
                    lk = self.key(low)
                    if lk is not None:
                        out.append(lk.line)
        return list(dict.fromkeys(out))

    def are_counterparts(self, upper: str, lower: str) -> bool:
        ku, kl = self.key(upper), self.key(lower)
        if ku is None or kl is None:
            return False
        if lower in self.pairs.get(upper, ()):
            return True
        return ku.line == kl.line and ku.level != kl.level

    def matches(self, upper: Sequence[str], lower: Sequence[str]) -> list[tuple[str, str]]:
        """Every (upper, lower) department pair that are counterparts, in the order given."""
        return [(u, lo) for u in upper for lo in lower if self.are_counterparts(u, lo)]

    def suggest(self, rows: Iterable[tuple[Sequence[str], Sequence[str]]]) -> Counter[tuple[str, str]]:
        """Counterparts a table states that this table does not derive: for each row (upper units,
        lower units) where exactly one upper and one lower unit are left without a counterpart, that
        pair, counted over the rows. ``rows`` from ``CascadeRecord``: (province_leads, city_leads)."""
        found: Counter[tuple[str, str]] = Counter()
        for upper, lower in rows:
            up = [u for u in upper if self.key(u) is not None]
            low = [lo for lo in lower if self.key(lo) is not None]
            lone_up = [u for u in up if not any(self.are_counterparts(u, lo) for lo in low)]
            lone_low = [lo for lo in low if not any(self.are_counterparts(u, lo) for u in up)]
            if len(lone_up) == 1 and len(lone_low) == 1:
                found[(lone_up[0], lone_low[0])] += 1
        return found


@lru_cache(maxsize=1)
def default_table() -> CounterpartTable:
    return CounterpartTable.load(DATA_FILE)


def key(name: str) -> DeptKey | None:
    return default_table().key(name)
