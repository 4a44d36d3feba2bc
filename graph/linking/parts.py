"""A full relink in parts: the store's documents cut into parts of a few provinces each, so that no step reads,
scores or writes the whole store (at 100,000 documents one read of every unit and one write of every link
outgrew a 23 GB machine).

A link belongs to its lower unit and is decided by its neighbourhood alone (``incremental``): relinking
the lower documents of one part, read with the higher documents in their scope, gives the links a run over
everything gives them. Finding that scope needs every document's place first, as the linker sees it (read
from its units, not from the marks of the last relink, which may be stale); ``document_places`` reads them a
page of documents at a time and keeps only the places. ``parts`` then groups the documents by province (a
lower document meets only the regions above its own, all in its province, and what it names) and packs
whole provinces into parts of at most ``budget`` documents read.

Every document is in exactly one part, so each part's write replaces the inferred links of its documents
and nothing else (``link_statements`` with ``lower_docs``). Scoring a part is a pure function of the rows read
(``store.relink_statements``): ``scored`` reads the next parts while worker processes score the ones read, and
hands the results back in order. The parts are written one after the other: the
first write marks the store as being relinked and the last one clears it, so a relink stopped half-way is
not taken for a linked store (``store.marked``) and the next relink is a full one again.
"""
from __future__ import annotations

from collections import deque
from collections.abc import Iterator, Mapping
from concurrent.futures import Future
from dataclasses import dataclass
from typing import Any

from policykg.graph.stores.backend import Statement

from .scope import DocumentPlace, Scope, ancestors, places
from .store import Read, UnitReader, doc_key, relationship_types, relink_statements, units_from_rows
from .units import sides


@dataclass(frozen=True)
class Part:
    """Documents relinked together: ``docs`` (ids), whose inferred links are replaced, and ``reads``, every
    document their links are decided by (``docs`` and the higher documents in their scope)."""
    docs: tuple[str, ...]
    reads: tuple[str, ...]


@dataclass
class Places:
    """Each document's place as the higher side and as the lower side (keys, as ``candidates.rank_units`` keys
    them: ``scope.places`` of its units of either side); ``ids``: every document of the store."""
    upper: dict[str, DocumentPlace]
    lower: dict[str, DocumentPlace]
    ids: list[str]


def document_places(read: Read, page: int = 500) -> Places:
    """Every document's places, read ``page`` documents at a time (with the tables stating their quoted tasks,
    whose text decides whether a quoted task is a unit at all); the rows are let go after each page."""
    ids = sorted(r["id"] for r in read("MATCH (d:Document) RETURN d.id AS id", {}))
    present = relationship_types(read)
    upper: dict[str, DocumentPlace] = {}
    lower: dict[str, DocumentPlace] = {}
    for i in range(0, len(ids), page):
        wanted = {doc_key(d) for d in ids[i:i + page]}
        reader = UnitReader(read, present)
        units = [u for u in units_from_rows(reader.load(ids[i:i + page])) if u.doc_key in wanted]
        up, low = sides(units)
        upper.update(places(up))
        lower.update(places(low))
    return Places(upper, lower, ids)


def _province(place: DocumentPlace | None) -> str:
    """The province a document's place lies in ('' when it has no known region: what it names decides)."""
    chain = ancestors(place.region) if place is not None and place.region else []
    return chain[-1] if chain else ""


def parts(p: Places, budget: int) -> list[Part]:
    """The store's documents in parts of whole provinces, each reading at most about ``budget`` documents (a
    province that alone reads more is a part of its own)."""
    scope = Scope(p.upper, p.lower)
    by_province: dict[str, list[str]] = {}
    for doc_id in p.ids:
        key = doc_key(doc_id)
        by_province.setdefault(_province(p.lower.get(key) or p.upper.get(key)), []).append(doc_id)
    out: list[Part] = []
    docs: list[str] = []
    reads: set[str] = set()
    for province in sorted(by_province):
        mine = by_province[province]
        needs = set(mine) | {f"doc:{k}" for d in mine for k in scope.upper_of(doc_key(d))}
        if docs and len(reads | needs) > budget:
            out.append(Part(tuple(docs), tuple(sorted(reads))))
            docs, reads = [], set()
        docs += mine
        reads |= needs
    if docs:
        out.append(Part(tuple(docs), tuple(sorted(reads))))
    return out


def scored(read: Read, cut: list[Part], options: Mapping[str, Any], jobs: int = 1
           ) -> Iterator[tuple[int, list[Statement]]]:
    """Each part's statements (``store.relink_statements``) in order, with how many task rows its own documents
    have; ``jobs`` > 1: that many worker processes score parts while this one reads the next (at most ``jobs``
    parts are held at once, read or being scored)."""
    if jobs <= 1 or len(cut) < 2:
        for part in cut:
            rows, own = _rows_of(read, part)
            yield own, relink_statements(rows, _keys(part), options, marking=_keys(part))
            del rows
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # fork, as the ingest's readers: a worker needs nothing of this process but the function and its arguments
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    with ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context(method)) as pool:
        waiting: deque[tuple[int, Future[list[Statement]]]] = deque()
        for part in cut:
            rows, own = _rows_of(read, part)
            waiting.append((own, pool.submit(relink_statements, rows, _keys(part), dict(options), _keys(part))))
            del rows
            if len(waiting) >= jobs:
                own, future = waiting.popleft()
                yield own, future.result()
        while waiting:
            own, future = waiting.popleft()
            yield own, future.result()


def _keys(part: Part) -> set[str]:
    return {doc_key(d) for d in part.docs}


def _rows_of(read: Read, part: Part) -> tuple[list[dict[str, Any]], int]:
    """The rows a part's links are decided by, and how many of them its own documents have."""
    reader = UnitReader(read)
    reader.load(part.reads)
    mine = set(part.docs)
    rows = [reader.rows[k] for k in sorted(reader.rows)]
    return rows, sum(1 for r in rows if r["doc_id"] in mine)
