"""Which region issued a document, and on what evidence (``region_basis``).

Tried in order, the first that names a region wins:

``issuer``      the issuer line (菏泽市人民政府办公室), or a head line that is only a place (河南省商丘市);
``title``       a region named near the start of the title (中共菏泽市委办公室关于…);
``doc_number``  the issuing authority's abbreviation in the document number (鲁政办字 → 山东省,
                穗府办 → 广州市), from ``data/doc_number_prefixes.toml`` (built with evidence, see
                ``scripts/build_doc_number_prefixes.py``); 国发, 国办发 make the document national;
``body``        the region the body names most often (我市 says nothing; 贯彻落实《山东省…》 names the
                province once, the county names itself throughout), the deeper one on a tie.

A national issuer (国务院, 国家发展改革委, …部) makes the level ``national`` with no region.
"""
from __future__ import annotations

import re
import tomllib
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .regions import Region, region_index

NATIONAL = "national"
# the shapes of a national body's name an issuer opens with (the first of joint issuers: 财政部税务总局…, 住建部、央行);
# a ministry's (…部) holds no level's word (省委组织部, 市委宣传部 are a province's, a city's)
_NATIONAL_ISSUER = re.compile(r"^(中共中央|国务院|中央办公厅|国家[\u4e00-\u9fff]{2,12}(委员会|委|局|署|总局|部)|"
                              r"(?:(?![省市县区州盟旗]|关于)[\u4e00-\u9fff]){2,8}?部(?![门分])|中国人民银行(?!.{1,6}(分行|支行)))")
_PLACE_ONLY = re.compile(r"^[\u4e00-\u9fff]{2,20}$")
# 《…》 titles name other documents' issuers, not this one's
_QUOTED = re.compile(r"《[^《》]*》")
_MAJORITY = 0.7
_PROMULGATED = re.compile(r"关于印发《([^《》]+)》")


@dataclass(frozen=True)
class DocumentRegion:
    region: Region | None
    level: str | None  # national | province | city | county
    basis: str | None  # issuer | title | doc_number | body


@lru_cache(maxsize=1)
def _prefixes() -> tuple[dict[str, str], dict[str, str]]:
    source = resources.files("policykg.ingest").joinpath("data", "doc_number_prefixes.toml").read_text(encoding="utf-8")
    read = _generated_codes(source)
    if read is not None:
        return read
    data = tomllib.loads(source)
    abbreviations = {k: v["code"] for k, v in data.get("abbreviations", {}).items()}
    prefixes = {k: v["code"] for k, v in data.get("prefixes", {}).items()}
    return abbreviations, prefixes


# an entry as scripts/build_doc_number_prefixes.py writes it, with no escape in its strings (a TOML basic string
# without one is its characters)
_GENERATED_ENTRY = re.compile(r'"([^"\\]+)" = \{ region = "[^"\\]*", code = "([^"\\]*)", evidence = \d+, '
                              r'example = "[^"\\]*" \}')


def _generated_codes(source: str) -> tuple[dict[str, str], dict[str, str]] | None:
    """``_prefixes`` of the data file as its script writes it, read line by line: the file is read at the first
    document whose region its number tells, and tomllib takes some 40 M instructions over it. None: a line of
    another shape (the file edited by hand), read by tomllib then."""
    abbreviations: dict[str, str] = {}
    prefixes: dict[str, str] = {}
    table: dict[str, str] | None = None
    for line in source.split("\n"):
        if not line or line.startswith("#"):
            continue
        if line == "[abbreviations]" or line == "[prefixes]":
            table = abbreviations if line == "[abbreviations]" else prefixes
            continue
        entry = _GENERATED_ENTRY.fullmatch(line)
        if entry is None or table is None or entry.group(1) in table:
            return None
        table[entry.group(1)] = entry.group(2)
    return abbreviations, prefixes


def doc_number_region(prefix: str) -> str | None:
    """The adcode (or "national") a document number's prefix names: the whole prefix if the data knows it,
    else its abbreviation before 政/府 (鲁政办字 → 鲁)."""
    abbreviations, prefixes = _prefixes()
    if prefix in prefixes:
        return prefixes[prefix]
    m = re.match(r"^(.{1,2}?)[政府]", prefix)
    return abbreviations.get(m.group(1)) if m else None


_ZONE_MOST = 6  # the most characters of a zone's name after its places (航空港区, 三江新区)


def place_line(line: str) -> Region | None:
    """A head line that is nothing but places (河南省商丘市, 江西省九江市修水县): the last, deepest one; the places
    may end with a zone the last one set up (江西省南昌市高新区, 河南省郑州市航空港区: the city)."""
    if not _PLACE_ONLY.match(line):
        return None
    ri = region_index()
    hit = ri.deepest_at(line)
    if hit is None:
        return None
    return hit[0] if hit[1] == len(line) or (len(line) - hit[1] <= _ZONE_MOST and line.endswith(ri.zones)) else None


def named_regions(text: str) -> Counter[str]:
    """How often ``text`` names each region (by code), reading it from the start: a name found is skipped
    whole (names do not overlap); full names, and short ones of provinces and cities (广州, 河南)."""
    ri = region_index()
    counts: Counter[str] = Counter()
    i = 0  # where the next name may start
    heads = ri.heads
    # no other position opens a name (two characters at least); the positions the pattern finds mostly pair a
    # first and a second character of two different names, which the table lookups pass over in numpy
    starts = ri.head_starts(text)
    for j in starts if starts is not None else (m.start() for m in ri.name_start.finditer(text)):
        if j < i or not "\u4e00" <= text[j] <= "\u9fff" or text[j:j + 2] not in heads:
            continue
        hit = ri.prefix_match(text, j)
        if hit is not None:
            i = j + hit[1]
            place = ri.as_place(text, j, hit)
            if place is not None:
                counts[place.code] += 1
    return counts


def _body_region(body: str) -> Region | None:
    """Where the body's place names concentrate: from the province named most, down to the child region
    that holds most of the mentions below it (at least ``_MAJORITY``). A city's text lists its counties
    (镇江市、丹阳市、句容市、扬中市: the city), a county's names itself again and again."""
    ri = region_index()
    counts = named_regions(_QUOTED.sub("", body))
    if not counts:
        return None
    below: Counter[str] = Counter()  # mentions of a region or anything inside it
    for code, n in counts.items():
        r: Region | None = ri.by_code[code]
        while r is not None:
            below[r.code] += n
            r = ri.parent(r)
    provinces = sorted((c for c in below if ri.by_code[c].level == "province"), key=lambda c: (below[c], c))
    if not provinces or len(provinces) > 1 and below[provinces[-1]] == below[provinces[-2]]:
        return None  # (two provinces named as often: 在北京市、河北省购房 in a text of neither)
    node = provinces[-1]
    while True:
        children = [c for c in below if ri.by_code[c].parent_code == node]
        best = max(children, key=lambda c: (below[c], c), default=None)
        if best is None or below[best] < _MAJORITY * below[node]:
            return ri.by_code[node]
        node = best


def _deepest_named_near_start(text: str) -> Region | None:
    """The region an issuer's or a title's name opens with (菏泽市人民政府, 中共广州市天河区委): named within its
    first characters, the deepest of the names that follow one another there."""
    ri = region_index()
    hit = ri.first_in(text)
    if hit is None or hit[0] > 4:
        return None
    deepest = ri.deepest_at(text, hit[0])
    return deepest[0] if deepest is not None and ri.contains(hit[1], deepest[0]) else hit[1]


def is_national(name: str) -> bool:
    """Does ``name`` open with a national body's (国务院, …部, 国家…局, or one of data/regions.toml's short names)?"""
    return _NATIONAL_ISSUER.match(name) is not None or name.startswith(region_index().national_bodies)


def document_region(head_lines: list[str], issuer: str | None, title: str | None, doc_number_prefix: str | None,
                    body: str) -> DocumentRegion:
    ri = region_index()
    if issuer and is_national(issuer):
        # 国家金融监督管理总局柳州监管分局: a national body's local branch belongs to its region
        hit = ri.first_in(issuer)
        if hit is None:
            return DocumentRegion(None, NATIONAL, "issuer")
        return DocumentRegion(hit[1], hit[1].level, "issuer")
    if issuer:
        # (广州市天河区人民政府: the district, not the city its name opens with)
        r = _deepest_named_near_start(issuer)
        if r is not None:
            return DocumentRegion(r, r.level, "issuer")
    for line in head_lines[:4]:
        r = place_line(line.strip("# *【】"))
        if r is not None:
            return DocumentRegion(r, r.level, "issuer")
    if title:
        plain = _QUOTED.sub("", title)
        if is_national(plain):
            return DocumentRegion(None, NATIONAL, "title")
        for candidate in (plain, *_PROMULGATED.findall(title)):  # 关于印发《西宁市…措施》的通知: its own title
            r = _deepest_named_near_start(candidate)
            if r is not None:
                return DocumentRegion(r, r.level, "title")
    if doc_number_prefix:
        code = doc_number_region(doc_number_prefix)
        if code == NATIONAL:
            return DocumentRegion(None, NATIONAL, "doc_number")
        if code and code in ri.by_code:
            r = ri.by_code[code]
            return DocumentRegion(r, r.level, "doc_number")
    r = _body_region(body)
    if r is not None:
        return DocumentRegion(r, r.level, "body")
    return DocumentRegion(None, None, None)
