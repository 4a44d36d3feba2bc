"""What a user writes for a catalog parameter → what the graph holds: one resolver for every surface.

The CLI (`policykg query -p`), the API (filters and path names), the views and
the analytics run catalog queries through ``Resolver.params``, so a name that
works in one place works in all of them, and a name that does not gives the
same answer everywhere: *unknown* (with "did you mean …") or *ambiguous* (with
the candidates).

A parameter refers to something in the store when its header says so
(``refers=department``) or, by convention, when it is named ``department``,
``document``, ``industry``, ``city`` or ``task``.

Departments are found, in order, by id; by canonical name or a name the
documents printed (``aliases`` on the node); by a region's name in front
(菏泽市发展改革委 = 市发展改革委 of 菏泽市); by the canonical form the alias
files give (the bundled ``departments.toml`` and the user's
``departments.user.toml``: 市发改委, OCR repairs, renamings); by an agency
written without its level (发改委 → 省发展改革委 or 市发展改革委). A name several
regions or levels share is ambiguous unless a region is given. What a query
receives is the department's id when the query matches ids (``d.id = $name`` or ``{id: $name}``: the id index
anchors it), otherwise its canonical name. A search (a query with ``q`` and ``alt``) also looks for the alias files' form
of its words in ``alt``.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Mapping

from policykg.ingest.departments import LEVEL_PREFIXES, DepartmentCatalog, alias_files
from policykg.ingest.normalize import compact
from policykg.ingest.regions import region_index

from .catalog import CatalogError, CatalogQuery, get_query

KINDS = ("department", "document", "industry", "region", "task")
_BY_NAME = {"department": "department", "document": "document", "industry": "industry", "city": "region",
            "task": "task"}
MAX_SUGGESTIONS = 5

Rows = Callable[[str, dict[str, Any]], list[dict[str, Any]]]


class UnknownName(CatalogError):
    """Nothing in the store has this name; ``suggestions`` holds the closest ones."""

    def __init__(self, kind: str, name: str, suggestions: list[str], note: str = ""):
        self.kind, self.name, self.suggestions = kind, name, suggestions
        hint = f"; did you mean {'、'.join(suggestions)}?" if suggestions else ""
        super().__init__(f"no {kind} named {name!r}{note}{hint}")


class AmbiguousName(CatalogError):
    """Several things have this name; ``candidates`` are names that each pick one."""

    def __init__(self, kind: str, name: str, candidates: list[str], how: str = "give one of them"):
        self.kind, self.name, self.candidates = kind, name, candidates
        self.suggestions = candidates
        super().__init__(f"{kind} {name!r} is ambiguous: it may be {'、'.join(candidates)}; {how}")


def refers_to(query: CatalogQuery, param: str) -> str | None:
    for p in query.params:
        if p.name == param:
            return p.refers or _BY_NAME.get(p.name)
    return None


@dataclass
class Found:
    row: dict[str, Any]
    how: str  # exact, alias, region, alias-file, level


@dataclass
class Resolver:
    """Resolves names against one store (``rows`` runs an internal catalog query) and the alias files."""

    rows: Rows
    catalog: DepartmentCatalog
    _cache: dict[str, list[dict[str, Any]]] = field(default_factory=dict, repr=False)

    @classmethod
    def for_data(cls, rows: Rows, data_dir: Path | None) -> "Resolver":
        files = alias_files(data_dir)
        return cls(rows, _load_catalog(tuple((f, f.stat().st_mtime_ns) for f in files)))

    def _all(self, query: str) -> list[dict[str, Any]]:
        if query not in self._cache:
            self._cache[query] = self.rows(query, {})
        return self._cache[query]

    # -- catalog parameters ----------------------------------------------------------
    def params(self, query: CatalogQuery | str, given: Mapping[str, Any]) -> dict[str, Any]:
        """``given`` with every name that refers to something in the store replaced by what the query matches."""
        query = get_query(query) if isinstance(query, str) else query
        out = dict(given)
        declared = {p.name for p in query.params}
        if {"q", "alt"} <= declared and given.get("q") and not given.get("alt"):
            out["alt"] = self.alternative(str(given["q"]))
        region = given.get("region")
        for name, value in given.items():
            kind = refers_to(query, name)
            if kind is None or value is None or value == "":
                continue
            value = str(value)
            if kind == "department":
                row = self.department(value, region if isinstance(region, str) and region else None).row
                out[name] = row["id"] if matches_ids(query, name) else row["name"]
            elif kind == "document":
                self.document(value)
            elif kind == "industry":
                self._one_of("industry", value, [r["name"] for r in self._all("industry-names")])
            elif kind == "region":
                self._one_of("region", value, sorted({r["region"] for r in self._all("document-names") if r["region"]}))
            elif kind == "task":
                self.task(value)
        return out

    def wrap(self, fetch: Rows) -> Rows:
        """``fetch`` (run a catalog query) with its names resolved first: for views and analytics."""

        def resolved(name: str, params: dict[str, Any]) -> list[dict[str, Any]]:
            return fetch(name, self.params(name, params))

        return resolved

    def alternative(self, words: str) -> str | None:
        """Another form of search words the alias files give: 发改委 → 发展改革委, 市发改委 → 市发展改革委."""
        written = compact(words)
        if self.catalog.bare_agency(written):
            return self.catalog.resolve(next(iter(LEVEL_PREFIXES)) + written).name[1:]
        canonical = self.catalog.resolve(written).name
        return canonical if canonical != written else None

    # -- departments -----------------------------------------------------------------
    def department(self, name: str, region: str | None = None) -> Found:
        written = name.strip()
        for how, found in self._department_readings(written, region):
            if len(found) == 1:
                return Found(found[0], how)
            if found:
                raise AmbiguousName("department", name, _distinct_names(found),
                                    "give the full name with its region (菏泽市发展改革委), or a region")
        # nothing: the suggestions come from the whole list
        depts = [d for d in self._all("department-names") if region is None or d["region"] == region]
        canonical = self.catalog.resolve(written).name
        where = f" in {region}" if region else ""
        note = f"{where} (nor {canonical!r}, its canonical form in the alias files)" if canonical != written else where
        pool = {n: d for d in depts for n in [d["name"], *(d["aliases"] or [])]}
        if canonical[:1] in LEVEL_PREFIXES:  # a typo keeps its level: 市发改局 suggests city departments first
            same_level = {n: d for n, d in pool.items() if n[:1] == canonical[0]}
            pool = same_level if closest(canonical, same_level) else pool
        close = closest(canonical, pool)
        raise UnknownName("department", name, _dedupe(pool[n]["name"] for n in close), note)

    def _department_readings(self, written: str, region: str | None) -> Iterator[tuple[str, list[dict[str, Any]]]]:
        """The departments each reading of a name finds, in the order they are tried (the first that finds any
        decides), each through the id, name and alias indexes: the whole list of departments grows with the store
        (a national one holds a 市发展改革委 per city)."""
        # an id or a canonical name (ids start with dept:, names do not: at most one of the two finds anything)
        yield "exact", self.rows("department-lookup", {"name": written, "region": region})
        # a name the documents print
        yield "alias", self.rows("department-alias-lookup", {"alias": written, "region": region})
        # the full name with its region in front: 菏泽市发展改革委
        regional = self._split_region(compact(written))
        if regional is not None and region in (None, regional[0]):
            place, short = regional
            yield "region", _each_once(self.rows("department-lookup", {"name": short, "region": place})
                                       + self.rows("department-alias-lookup", {"alias": short, "region": place}))
        canonical = self.catalog.resolve(written).name
        if canonical != written:  # the alias files' canonical form: 市发改委 → 市发展改革委
            yield "alias-file", self.rows("department-lookup", {"name": canonical, "region": region})
        if self.catalog.bare_agency(written):  # no level: 发展改革委 → 省/市/县…发展改革委
            stem = self.catalog.resolve(next(iter(LEVEL_PREFIXES)) + written).name[1:]
            yield "level", _each_once([d for prefix in LEVEL_PREFIXES
                                       for d in self.rows("department-lookup", {"name": prefix + stem, "region": region})])

    def _split_region(self, written: str) -> tuple[str, str] | None:
        """菏泽市发展改革委 → (菏泽市, 市发展改革委): the region, and the name as its own documents write it."""
        region = region_index().prefix(written)
        if region is None or not written.startswith(region.name) or len(written) <= len(region.name):
            return None
        rest = written[len(region.name):]
        level = region.name[-1]
        short = level + rest if level in LEVEL_PREFIXES and rest[0] not in LEVEL_PREFIXES else rest
        return region.name, self.catalog.resolve(short).name

    # -- documents, tasks, plain names ---------------------------------------------------
    def document(self, value: str) -> list[dict[str, Any]]:
        # an id, a number or a whole title by the indexes; only part of a title, or a miss that needs suggestions,
        # reads the whole list, which grows with the store
        named = self.rows("document-lookup", {"value": value})
        if named:
            return named
        docs = self._all("document-names")
        found = [d for d in docs if d["title"] and value in d["title"]]
        if found:
            return found
        pool = {n: n for d in docs for n in (d["doc_number"], d["title"]) if n}
        raise UnknownName("document", value, closest(value, pool))

    def task(self, value: str) -> list[dict[str, Any]]:
        found = self.rows("task-lookup", {"q": value})
        if not found:
            raise UnknownName("task", value, [])
        return found

    def _one_of(self, kind: str, value: str, names: list[str]) -> str:
        if value in names:
            return value
        raise UnknownName(kind, value, closest(value, {n: n for n in names}))


@lru_cache(maxsize=4)
def _load_catalog(files: tuple[tuple[Path, int], ...]) -> DepartmentCatalog:
    # keyed by modification time too: `policykg departments --merge` may change the user's file while the API runs
    return DepartmentCatalog.load(*(f for f, _ in files))


def matches_ids(query: CatalogQuery, param: str) -> bool:
    """Does the query match ``$param`` against ids (``d.id = $name``, ``{id: $name}``, ``{id: coalesce($name, '')}``)?"""
    return re.search(rf"(\.id\s*=|\{{\s*id:)\s*(coalesce\(\s*)?\${param}\b", query.text) is not None


def needs_resolving(query: CatalogQuery, given: Mapping[str, Any]) -> bool:
    return any(v not in (None, "") and refers_to(query, k) for k, v in given.items())


def _full_name(d: Mapping[str, Any]) -> str:
    """The name with its region in front, which the resolver reads back as this one department."""
    name, region = d["name"], d.get("region")
    if region and name[:1] in LEVEL_PREFIXES and region.endswith(name[0]):
        return region + name[1:]
    return name


def _distinct_names(found: list[dict[str, Any]]) -> list[str]:
    """Each candidate by its canonical name, with its region in front where several share that name."""
    counts: dict[str, int] = {}
    for d in found:
        counts[d["name"]] = counts.get(d["name"], 0) + 1
    return sorted({_full_name(d) if counts[d["name"]] > 1 else d["name"] for d in found})


def _each_once(found: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return list({d["id"]: d for d in found}.values())


def _dedupe(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


def bigrams(text: str) -> set[str]:
    text = compact(text)
    return {text[i:i + 2] for i in range(len(text) - 1)} or ({text} if text else set())


def closest(term: str, pool: Mapping[str, Any], n: int = MAX_SUGGESTIONS) -> list[str]:
    """Names in ``pool`` close to ``term``: edit similarity (typos) and shared character bigrams (parts)."""
    if not term or not pool:
        return []
    grams = bigrams(term)
    scored: dict[str, float] = {}
    for name in pool:
        overlap = len(grams & bigrams(name)) / len(grams) if grams else 0.0
        ratio = difflib.SequenceMatcher(None, term, name).ratio()
        score = max(ratio, overlap)
        if score >= 0.5:
            scored[name] = score
    return sorted(scored, key=lambda k: (-scored[k], len(k), k))[:n]
