"""What the linker compares: one ``LinkUnit`` per provision (or task) of a document.

A unit carries the text the similarity is computed on and the structured
evidence extraction already found (departments, industries, target metrics),
with the id the graph gives the provision (``graph.build.task_id``), so a link
computed here lands on the node ``build_graph`` made.

Two kinds of units:

* the provisions of an ingested document (a provision with a responsibility
  clause is a task; a section heading without text of its own is left out:
  it says nothing the linker could match);
* the higher-level tasks a division-of-labour table quotes (``cascades``):
  ``build_graph`` makes them stub Tasks of the implemented document,
  ``task:<upper key>:title:<task>``; their text is the table row.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from policykg.ingest.normalize import compact
from policykg.ingest.records import ExtractedDocument
from policykg.ingest.regions import region_index

from ..ids import document_id, document_key, task_id, titles_of
from ..numbering import Numbering

LEVEL_RANK = {"national": -1, "province": 0, "city": 1, "county": 2}
# the levels of the units on each side of a link (a document of unknown level may be on either)
UPPER_LEVELS = ("national", "province", "city", None)
LOWER_LEVELS = ("city", "county", None)


def sides(units: Iterable[LinkUnit]) -> tuple[list[LinkUnit], list[LinkUnit]]:
    """The higher-level side (quoted tasks too) and the lower-level side (a document's own provisions) of the
    units; a unit of unknown level is on both (a document can still say what it implements: scope decides)."""
    units = list(units)
    return ([u for u in units if u.level in UPPER_LEVELS],
            [u for u in units if not u.stub and u.level in LOWER_LEVELS])


@dataclass(frozen=True)
class LinkUnit:
    id: str  # graph id of the Task node
    doc_key: str  # graph.build.document_key of the document it belongs to
    level: str | None  # province | city | county
    date: str | None  # ISO date of its document (None when unknown, e.g. a stub)
    number: str | None
    title: str
    text: str  # the provision text without its responsibility clause
    departments: tuple[str, ...] = ()  # canonical names of the units that lead or cooperate, sorted
    industries: tuple[str, ...] = ()  # sorted, like every tuple here: units compare equal whatever the source
    metrics: tuple[str, ...] = ()  # target metrics stated in the provision
    implements: tuple[str, ...] = ()  # document keys its document says it implements
    source_doc: str = ""  # key of the document the unit was read from (the table's, for a quoted task)
    stub: bool = False  # a higher-level task known only from a table
    not_after: str | None = None  # when ``date`` is unknown: its document existed by then (the quoting table's date)
    region: str | None = None  # adcode of its document's region (None: national or unknown)
    region_basis: str | None = None  # what gave it: issuer | title | doc_number | body | quoted (see quoted_units)

    @property
    def doc_id(self) -> str:
        return document_id(self.doc_key)

    @property
    def label(self) -> str:
        return f"{self.number or ''} {self.title}".strip()


@dataclass
class DocumentIndex:
    """Resolves a reference (《title》 or doc number) to a document key the way ``graph.build`` does:
    the key of a known document, else the compacted reference itself (a stub's key)."""

    by_number: dict[str, str] = field(default_factory=dict)
    by_title: dict[str, str] = field(default_factory=dict)
    dates: dict[str, str | None] = field(default_factory=dict)

    @classmethod
    def of(cls, docs: Iterable[ExtractedDocument],
           known_documents: Iterable[tuple[str, str | None, str | None]] = ()) -> "DocumentIndex":
        index = cls()
        rows = []
        for d in docs:
            key = document_key(d)
            rows.append((key, d.document.doc_number, d.document.title))
            index.dates[key] = d.document.date
        rows += list(known_documents)
        for key, number, title in rows:
            if number:
                index.by_number[number] = key
            for t in titles_of(title):
                index.by_title[t] = key
        return index

    def resolve(self, ref: str, forms: Iterable[str] = ()) -> str:
        """``forms``: the other ways the citation names the document (graph.build.reference does the same)."""
        plain = compact(ref).strip("《》")
        key = self.by_number.get(plain) or self.by_title.get(plain)
        for form in forms:
            if key is None:
                key = next((self.by_title[t] for t in titles_of(form.strip("《》")) if t in self.by_title), None)
        return key or plain


def _body(text: str) -> str:
    return text.strip()


def units_of(doc: ExtractedDocument, index: DocumentIndex | None = None,
             include_headings: bool = False) -> list[LinkUnit]:
    """The provisions of ``doc`` as link units (the document's own level)."""
    index = index or DocumentIndex.of([doc])
    key = document_key(doc)
    info = doc.document
    implements = tuple(sorted({index.resolve(r) for r in info.implements}
                              | {index.resolve(r.target, r.cited_as) for r in doc.references
                                 if r.kind == "IMPLEMENTS" and r.where == "header"}))
    # every dict below is keyed as the graph keys tasks (graph.numbering): a number printed twice is two units
    numbering = Numbering(doc)
    task_keys = [numbering.key(t.number, t.span.start) for t in doc.tasks]
    first_task: dict[str, Any] = {}
    for t, k in zip(doc.tasks, task_keys):
        first_task.setdefault(k, t)
    departments: dict[str, list[str]] = {}
    industries: dict[str, list[str]] = {}
    table_rows = {(numbering.key(c.number, c.span.start), c.clause): c for c in doc.cascades}
    for t, k in zip(doc.tasks, task_keys):
        names = departments.setdefault(k, [])
        row = table_rows.get((k, t.clause))
        # a table row's own units are the lower level's (落实单位, 配合单位); its leads are the quoted task's
        for n in ([*t.implementers, *row.city_cooperates] if row else [*t.leads, *t.implementers, *t.cooperates]):
            if n not in names:
                names.append(n)
        inds = industries.setdefault(k, [])
        inds += [i for i in t.industries if i not in inds]
    for ind in doc.industries:
        if ind.provision:
            inds = industries.setdefault(ind.provision, [])
            if ind.name not in inds:
                inds.append(ind.name)
    metrics: dict[str, list[str]] = {}
    for tg in doc.targets:
        ms = metrics.setdefault(numbering.key(tg.task, tg.span.start), [])
        if tg.metric not in ms:
            ms.append(tg.metric)

    out: list[LinkUnit] = []
    seen: set[str] = set()
    # a provision with a responsibility clause: the clause's text (before the clause); else the provision's text
    items = []
    for p in doc.provisions:
        k = numbering.key(p.number, p.span.start)
        items.append((k, p.number, p.title, first_task[k].text if k in first_task else p.text))
    provision_numbers = {p.number for p in doc.provisions}
    items += [(k, t.number, t.title, t.text) for t, k in zip(doc.tasks, task_keys) if t.number not in provision_numbers]
    for k, number, title, text in items:
        if k in seen:
            continue
        seen.add(k)
        text = _body(text or "")
        if not text and not include_headings:
            continue
        out.append(LinkUnit(
            id=task_id(key, k), doc_key=key, level=info.level, date=info.date, number=number,
            title=compact(title or ""), text=text, departments=tuple(sorted(set(departments.get(k, ())))),
            industries=tuple(sorted(set(industries.get(k, ())))), metrics=tuple(sorted(set(metrics.get(k, ())))),
            implements=implements, source_doc=key, region=info.region_code, region_basis=info.region_basis))
    return out


def region_above(code: str | None, level: str | None) -> str | None:
    """The region at ``level`` that contains ``code`` (菏泽市, province → 山东省): where a document a table
    quotes was issued, when only the table is ingested."""
    ri = region_index()
    r = ri.by_code.get(code) if code else None
    while r is not None and r.level != level:
        r = ri.parent(r)
    return r.code if r is not None else None


def quoted_units(doc: ExtractedDocument, index: DocumentIndex | None = None) -> list[LinkUnit]:
    """The higher-level tasks a division-of-labour table of ``doc`` quotes, as units of the higher level.

    Ids follow ``graph.build._Builder.cascade``: the task belongs to the document the table implements
    (its first ``implements`` reference), keyed ``title:<task>``."""
    if not doc.cascades:
        return []
    index = index or DocumentIndex.of([doc])
    key = document_key(doc)
    info = doc.document
    upper_key = index.resolve(info.implements[0]) if info.implements else key + "(上级)"
    numbering = Numbering(doc)
    row_text = {numbering.key(t.number, t.span.start): t.text for t in doc.tasks}
    metrics: dict[str, list[str]] = {}
    for tg in doc.targets:
        metrics.setdefault(numbering.key(tg.task, tg.span.start), []).append(tg.metric)
    # the quoted task's units: those of every row (and part of a row printed below a merged cell) quoting it
    quoted: dict[str, set[str]] = {}
    for c in doc.cascades:
        quoted.setdefault(task_id(upper_key, "title:" + compact(c.province_task)), set()).update(
            [*c.province_leads, *c.province_cooperates])
    out: list[LinkUnit] = []
    seen: set[str] = set()
    for c in doc.cascades:
        uid = task_id(upper_key, "title:" + compact(c.province_task))
        if uid in seen:
            continue
        seen.add(uid)
        row = numbering.key(c.number, c.span.start)
        out.append(LinkUnit(
            id=uid, doc_key=upper_key, level=c.upper_level, date=index.dates.get(upper_key), number=None,
            title=compact(c.province_task), text=_body(row_text.get(row, "")),
            departments=tuple(sorted(quoted[uid])),
            metrics=tuple(sorted(set(metrics.get(row, ())))), source_doc=key, stub=True,
            not_after=info.date, region=region_above(info.region_code, c.upper_level),
            region_basis="quoted" if info.region_code else None))
    return out


def corpus_units(docs: Sequence[ExtractedDocument],
                 known_documents: Iterable[tuple[str, str | None, str | None]] = ()) -> list[LinkUnit]:
    """Every unit of ``docs``: their provisions and the higher-level tasks their tables quote.
    Sorted by id, so the result does not depend on the order of ``docs``."""
    index = DocumentIndex.of(docs, known_documents)
    units: dict[str, LinkUnit] = {}
    for d in sorted(docs, key=document_key):
        for u in units_of(d, index) + quoted_units(d, index):
            units.setdefault(u.id, u)
    return [units[k] for k in sorted(units)]


def explicit_pairs(docs: Iterable[ExtractedDocument],
                   known_documents: Iterable[tuple[str, str | None, str | None]] = ()) -> set[tuple[str, str]]:
    """(upper task id, lower task id) of every link a division-of-labour table states."""
    docs = list(docs)
    index = DocumentIndex.of(docs, known_documents)
    pairs: set[tuple[str, str]] = set()
    for d in docs:
        if not d.cascades:
            continue
        key = document_key(d)
        upper_key = index.resolve(d.document.implements[0]) if d.document.implements else key + "(上级)"
        numbering = Numbering(d)
        for c in d.cascades:
            row = numbering.key(c.number, c.span.start)
            pairs.add((task_id(upper_key, "title:" + compact(c.province_task)), task_id(key, row, c.clause)))
    return pairs
