"""Which higher-level documents a lower-level document may be linked to: the region tree, never all pairs.

A lower document L may take inferred links from a higher document U when

* L says it implements U (贯彻落实《U》: ``LinkUnit.implements``): then U's documents are its *only*
  candidates — what a text names it carries out comes first, whatever the regions;
* otherwise, U's region contains L's (山东省 ⊃ 菏泽市 ⊃ 曹县) with U at a higher level, or U is national
  and L's region is known.

A document of unknown region gets candidates only from what it names. ``Scope`` indexes the lower
documents by every region above them and the higher ones by their region, so each higher document
meets only its own subtree and each lower one only the documents above it: the work is the sum of
the subtrees' sizes, near-linear in the corpus, not upper × lower.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from policykg.ingest.regions import region_index

from .units import LEVEL_RANK, LinkUnit

NATIONAL = "national"


@dataclass(frozen=True)
class DocumentPlace:
    key: str
    level: str | None
    region: str | None  # adcode
    region_basis: str | None
    implements: tuple[str, ...] = ()


def ancestors(code: str | None) -> list[str]:
    """``code`` and every region above it (adcodes), nearest first."""
    ri = region_index()
    out: list[str] = []
    r = ri.by_code.get(code) if code else None
    while r is not None:
        out.append(r.code)
        r = ri.parent(r)
    return out


def contains(outer: DocumentPlace, inner: DocumentPlace) -> bool:
    """``outer`` may hand work down to ``inner`` by region: national over any known region, else a region
    that contains the other's, at a higher level."""
    if LEVEL_RANK.get(outer.level or "", 9) >= LEVEL_RANK.get(inner.level or "", -1):
        return False
    if outer.level == NATIONAL:
        return inner.region is not None
    return outer.region is not None and outer.region in ancestors(inner.region)


def places(units: Iterable[LinkUnit]) -> dict[str, DocumentPlace]:
    """One place per document of ``units`` (the first unit of each document decides)."""
    out: dict[str, DocumentPlace] = {}
    for u in sorted(units, key=lambda u: u.stub):  # a document's own provisions say more than a table's quote
        out.setdefault(u.doc_key, DocumentPlace(u.doc_key, u.level, u.region, u.region_basis, u.implements))
    return out


class Scope:
    """For each higher document, the lower documents it may be linked to, and why."""

    def __init__(self, upper: dict[str, DocumentPlace], lower: dict[str, DocumentPlace]):
        self.upper = upper
        self.lower = lower
        self._named: dict[str, list[str]] = defaultdict(list)  # upper doc -> lower docs naming it
        self._under: dict[str, list[str]] = defaultdict(list)  # region code -> lower docs in it (by region)
        self._known: list[str] = []  # lower docs of known region, by region
        self._by_region: dict[str, list[str]] = defaultdict(list)  # region code -> upper docs of that region
        self._national = sorted(k for k, up in upper.items() if up.level == NATIONAL)
        for key in sorted(upper):
            region = upper[key].region
            if region is not None and upper[key].level != NATIONAL:
                self._by_region[region].append(key)
        for key in sorted(lower):
            low = lower[key]
            named = [u for u in low.implements if u in upper and u != key]
            if named:
                for u in named:
                    self._named[u].append(key)
                continue  # it names what it carries out: only that
            if low.region is None:
                continue  # unknown region, names nothing: no candidates
            self._known.append(key)
            for code in ancestors(low.region):
                self._under[code].append(key)

    def lower_of(self, upper_key: str) -> dict[str, str]:
        """lower document → why it is in scope ("implements", "region", "national")."""
        up = self.upper.get(upper_key)
        out = {k: "implements" for k in self._named.get(upper_key, [])}
        if up is None:
            return out
        pool = self._known if up.level == NATIONAL else self._under.get(up.region or "", [])
        why = "national" if up.level == NATIONAL else "region"
        for k in pool:
            if k != upper_key and k not in out and contains(up, self.lower[k]):
                out[k] = why
        return out

    def upper_of(self, lower_key: str) -> dict[str, str]:
        """higher document → why ``lower_key`` is in its scope: the inverse of ``lower_of``, read from the
        lower side (a lower document meets only the documents above it: its own region's ancestors)."""
        low = self.lower.get(lower_key)
        if low is None:
            return {}
        named = {u: "implements" for u in low.implements if u in self.upper and u != lower_key}
        if named or low.region is None:
            return named
        out: dict[str, str] = {}
        for code in ancestors(low.region):
            for k in self._by_region.get(code, []):
                if k != lower_key and contains(self.upper[k], low):
                    out[k] = "region"
        for k in self._national:
            if k != lower_key and contains(self.upper[k], low):
                out[k] = "national"
        return out
