"""Incremental relinking: which documents a change reaches, and what must be read to relink them.

A link belongs to its lower unit. What decides the links of a lower document L is L's units, the units
of the higher documents in its scope (``scope.Scope.upper_of``: what L names, else the documents of the
regions above it and the national ones), the explicit pairs into L and the linker's options; the idf of
the signals is taken over exactly that neighbourhood (``candidates._Group``), so nothing else in the
store moves a score. Relinking L from its neighbourhood alone gives the links a full relink gives.

After a load of the documents ``changed``:

1. the *touched* documents are those and the documents of the tasks they wrote (a table's quoted tasks
   sit in the document it implements);
2. the lower documents to relink are the touched ones and every document a touched one may reach as a
   higher document, by its place now or by the place it had at the last relink (kept on its Document as
   ``link_level`` / ``link_region``: a reload that moves a document elsewhere in the tree frees its old
   subtree), or by being named (IMPLEMENTS). A document of such a subtree that names a document holding
   higher-level units is left out: its scope is what it names, and only that, and what it names is untouched
   (else it would be relinked as a namer of a touched document);
3. their neighbourhoods are read (the documents of their regions' ancestors, the national ones, what they
   name) and linked with ``link_units(..., lower_docs=...)``.

Every relink writes the place of each document it read back (``link_statements``), so step 2 finds
documents by their Document properties, never by reading every task. A store no relink of this kind
has marked yet is relinked in full. ``graph.linking.store.neighbourhood_rows`` runs these steps.
"""
from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from policykg.ingest.regions import region_index

from .scope import NATIONAL, DocumentPlace, ancestors, places
from .units import LinkUnit, sides


@lru_cache(maxsize=1)
def _descendants() -> dict[str, frozenset[str]]:
    """region code → the codes of every region below it."""
    below: dict[str, set[str]] = {}
    for code in region_index().by_code:
        for above in ancestors(code)[1:]:
            below.setdefault(above, set()).add(code)
    return {k: frozenset(v) for k, v in below.items()}


def below(place: DocumentPlace | None) -> tuple[bool, set[str]]:
    """(reaches every region, region codes) that a higher document at ``place`` may reach by region."""
    if place is None:
        return False, set()
    if place.level == NATIONAL:
        return True, set()
    if place.region is None:
        return False, set()
    return False, set(_descendants().get(place.region, ()))


def unit_places(units: Iterable[LinkUnit]) -> dict[str, DocumentPlace]:
    """Each document's place, as ``candidates.rank_units`` sees it (the higher-level side's units)."""
    upper, lower = sides(units)
    return {**places(lower), **places(upper)}


def upper_regions(lower_places: Iterable[DocumentPlace]) -> set[str]:
    """The region codes whose documents may be higher documents of these lower ones (their ancestors)."""
    out: set[str] = set()
    for p in lower_places:
        if p.region is not None:
            out.update(ancestors(p.region))
    return out
