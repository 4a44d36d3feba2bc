"""Linking what a store holds: units read back from the graph, and the statements that write links.

``policykg link`` (to be wired by the CLI) needs no source files:

1. ``UNITS_QUERY`` (read-only Cypher, FalkorDB and Neo4j) returns one row per Task with what the
   linker compares; ``units_from_rows`` turns the rows into ``LinkUnit``s. ``units_from_graph`` does
   the same for an in-memory ``PolicyGraph`` (``graph.build.build_graph``), through the same rows. A
   relink reads the same rows a few documents at a time, each list by a match of its own (``unit_rows``).
2. ``link_units(units, explicit_from_rows(rows))`` computes the links (``links.py``).
3. ``link_statements(links)`` replaces every inferred link in the store: all of them are removed and
   the new ones merged, in the style of ``graph.stores.loading`` (run them in one write; a large store is
   relinked in parts of whole provinces, each replacing its documents' links, ``parts``). The same write
   keeps what the next relink reuses: each Document's place (``link_level``/``link_region``) and count of
   inferred links by kind (``link_counts``, summed for the report instead of reading every link), each
   Task's evidence words (``link_words``/``link_words_of``, ``words``).

Inferred links carry no ``doc_id``: no document asserted them, so reloading a document does not
remove them by ``r.doc_id`` (its Task nodes are DETACH DELETEd though, taking their links along;
an ingest relinks what it touched afterwards: ``neighbourhood_rows`` reads what that takes, see
``incremental``). They are keyed ``key: "inferred"``.
"""
from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping
from typing import Any

from policykg.graph.repository import STATE_LABEL
from policykg.graph.stores.backend import Statement
from policykg.queries.catalog import get_query

from . import incremental
from .links import Link
from .scope import DocumentPlace
from .units import LOWER_LEVELS, UPPER_LEVELS, LinkUnit, region_above

UNITS_QUERY = get_query("link-units").text


def doc_key(doc_id: str | None) -> str:
    """A document's key, as units and links know it: its id without ``doc:``."""
    return doc_id[len("doc:"):] if doc_id and doc_id.startswith("doc:") else (doc_id or "")


def units_from_rows(rows: Iterable[Mapping[str, Any]]) -> list[LinkUnit]:
    """``LinkUnit``s from ``UNITS_QUERY`` rows: a provision's Task, or a task a table quotes (a stub)."""
    rows = list(rows)
    by_id = {row["id"]: row for row in rows}
    out: dict[str, LinkUnit] = {}
    named: dict[tuple[str, ...], tuple[str, ...]] = {}  # the rows of a document list the same documents
    for row in rows:
        tid = row["id"]
        if "#" in tid.rsplit(":", 1)[-1]:
            continue  # a provision's second responsibility clause: the provision is the unit
        stub = bool(row.get("stub"))
        text = (row.get("text") or "").strip()
        metrics = list(row.get("metrics") or [])
        if stub:  # a quoted task: its text and targets are those of the table rows that state it
            stating = [by_id[i] for i in sorted(row.get("stated_by") or []) if i in by_id]
            texts = [r.get("text") for r in stating if r.get("text")]
            text = str(texts[0]).strip() if texts else ""
            metrics = [m for r in stating for m in r.get("metrics") or []]
        if not text and not (stub and row.get("title")):
            continue  # a heading without text says nothing to match; a quoted task has at least its title
        out[tid] = LinkUnit(
            id=tid, doc_key=doc_key(row.get("doc_id")), level=row.get("level"), date=None if stub else row.get("date"),
            number=row.get("number"), title=row.get("title") or "", text=text,
            departments=tuple(sorted(set(row.get("departments") or []))),
            industries=tuple(sorted(set(row.get("industries") or []))),
            metrics=tuple(sorted(set(metrics))),
            implements=_named(named, row.get("implements")),
            source_doc=doc_key(row.get("source_doc") or row.get("doc_id")), stub=stub,
            not_after=row.get("source_date") if stub else None, **_region(row, stub))
    return [out[k] for k in sorted(out)]


def _named(memo: dict[tuple[str, ...], tuple[str, ...]], ids: list[str] | None) -> tuple[str, ...]:
    listed = tuple(ids or ())
    keys = memo.get(listed)
    if keys is None:
        keys = memo[listed] = tuple(sorted({doc_key(i) for i in listed}))
    return keys


def _region(row: Mapping[str, Any], stub: bool) -> dict[str, Any]:
    """A task's region: its document's; a quoted task of a document not ingested: the region at its level
    above the quoting table's (units.quoted_units does the same on extracted documents)."""
    if row.get("region_code") or not stub:
        return {"region": row.get("region_code"), "region_basis": row.get("region_basis")}
    code = region_above(row.get("source_region_code"), row.get("level"))
    return {"region": code, "region_basis": "quoted" if row.get("source_region_code") else None}


def explicit_from_rows(rows: Iterable[Mapping[str, Any]]) -> set[tuple[str, str]]:
    """(upper id, lower id) of every explicit CASCADES_FROM, from ``UNITS_QUERY`` rows."""
    return {(row["id"], low) for row in rows for low in row.get("stated_by") or []}


def rows_of_graph(graph) -> list[dict[str, Any]]:
    """What ``UNITS_QUERY`` returns, computed on an in-memory ``PolicyGraph``."""
    nodes = graph.nodes
    incoming: dict[str, list] = {}
    outgoing: dict[str, list] = {}
    for e in graph.edges.values():
        incoming.setdefault(e.target, []).append(e)
        outgoing.setdefault(e.source, []).append(e)

    def out_nodes(nid, rel, label=None):
        return [nodes[e.target] for e in outgoing.get(nid, []) if e.type == rel
                and (label is None or nodes[e.target].label == label)]

    rows = []
    for t in nodes.values():
        if t.label != "Task":
            continue
        docs = out_nodes(t.id, "IN_DOCUMENT", "Document")
        if not docs:
            continue
        d = docs[0]
        src = nodes.get(t.props.get("doc_id") or "")
        stated = [e for e in incoming.get(t.id, []) if e.type == "CASCADES_FROM" and e.props.get("basis") == "explicit"]
        rows.append({
            "id": t.id, "title": t.props.get("title"), "text": t.props.get("text"), "number": t.props.get("number"),
            "level": t.props.get("level") or d.props.get("level"), "stub": bool(t.props.get("stub")),
            "has_responsibility": t.props.get("has_responsibility"), "doc_id": d.id, "date": d.props.get("date"),
            "region_code": d.props.get("region_code"), "region_basis": d.props.get("region_basis"),
            "source_doc": t.props.get("doc_id"), "source_date": src.props.get("date") if src else None,
            "source_region_code": src.props.get("region_code") if src else None,
            "departments": [nodes[e.source].props.get("name") for e in incoming.get(t.id, [])
                            if e.type in ("LEADS", "COOPERATES_ON")],
            "industries": [n.props.get("name") for n in out_nodes(t.id, "CONCERNS")],
            "metrics": [n.props.get("metric") for n in out_nodes(t.id, "HAS_TARGET")],
            "implements": [n.id for n in out_nodes(d.id, "IMPLEMENTS")],
            "stated_by": [e.source for e in stated],
            "words": t.props.get("link_words"), "words_of": t.props.get("link_words_of"),
        })
    return sorted(rows, key=lambda r: r["id"])


def units_from_graph(graph) -> list[LinkUnit]:
    return units_from_rows(rows_of_graph(graph))


def link_statements(links: Iterable[Link], lower_docs: Iterable[str] | None = None,
                    places: Iterable[Mapping[str, Any]] = (), words: Iterable[Mapping[str, Any]] = (),
                    units: Iterable[LinkUnit] = ()) -> list[Statement]:
    """Replace every inferred link in a store by ``links`` (explicit links are never touched); with
    ``lower_docs`` (document keys), only the inferred links from those documents' tasks. ``places``
    (``place_marks``) are kept on the Documents for the next incremental relink, ``words``
    (``UnitWords.fresh_rows``) on the Tasks for the next relink's evidence, and each relinked document's
    count of links by kind (``link_counts``, from ``units``: which document each link leaves) on it."""
    links = list(links)
    if lower_docs is None:
        statements: list[Statement] = [
            ("MATCH (:Task)-[r:CASCADES_FROM|RELATES_TO]->(:Task) WHERE r.basis = 'inferred' DELETE r", {}),
            ("MATCH (d:Document) WHERE d.link_counts IS NOT NULL SET d.link_counts = ''", {}),
        ]
    else:
        docs = sorted(f"doc:{k}" for k in lower_docs)
        statements = []
        for i in range(0, len(docs), 5000):
            # by the Task doc_id index: a lower task's doc_id is its own document's
            statements.append(("UNWIND $docs AS doc MATCH (t:Task) WHERE t.doc_id = doc "
                               "MATCH (t)-[r:CASCADES_FROM|RELATES_TO]->(:Task) WHERE r.basis = 'inferred' DELETE r",
                               {"docs": docs[i:i + 5000]}))
    by_type: dict[str, list[dict]] = {}
    for link in links:
        by_type.setdefault(link.type, []).append(
            {"src": link.source, "dst": link.target, "props": {k: v for k, v in link.props.items() if v is not None}})
    for rel in sorted(by_type):
        assert rel in ("CASCADES_FROM", "RELATES_TO")
        rows = by_type[rel]
        for i in range(0, len(rows), 5000):
            statements.append((
                "UNWIND $rows AS row MATCH (a:Task {id: row.src}) MATCH (b:Task {id: row.dst}) "
                # an explicit link between the two wins: no inferred one beside it
                "OPTIONAL MATCH (a)-[x:CASCADES_FROM]->(b) WHERE x.basis = 'explicit' "
                "WITH a, b, row, count(x) AS stated WHERE stated = 0 "
                f"MERGE (a)-[r:{rel} {{key: 'inferred'}}]->(b) SET r += row.props",
                {"rows": rows[i:i + 5000]}))
    marks = list(places)
    for i in range(0, len(marks), 5000):
        # an empty level, not null: a document of unknown level was still placed (FalkorDB drops a null SET); a
        # document placed for the first time and not relinked now has no inferred links (it was never linked)
        statements.append(("UNWIND $rows AS row MATCH (d:Document {id: row.id}) "
                           "SET d.link_level = row.level, d.link_region = row.region, "
                           "d.link_counts = coalesce(d.link_counts, '')",
                           {"rows": marks[i:i + 5000]}))
    units = list(units)
    counts = link_counts(links, units, lower_docs) if units else []
    for i in range(0, len(counts), 5000):
        statements.append(("UNWIND $rows AS row MATCH (d:Document {id: row.id}) SET d.link_counts = row.counts",
                           {"rows": counts[i:i + 5000]}))
    kept = list(words)
    for i in range(0, len(kept), 5000):
        statements.append(("UNWIND $rows AS row MATCH (t:Task {id: row.id}) "
                           "SET t.link_words = row.words, t.link_words_of = row.key", {"rows": kept[i:i + 5000]}))
    return statements


def relink_statements(rows: list[dict[str, Any]], lower_docs: Collection[str] | None, options: Mapping[str, Any],
                      marking: Collection[str] | None = None) -> list[Statement]:
    """What replaces the inferred links of ``lower_docs`` (keys; None: of every document), computed from ``rows``
    (theirs and their neighbourhoods', ``UNITS_QUERY``'s), with the places of the documents read (of ``marking``
    only, when given) and the evidence words segmented on the way. A pure function of its arguments: a full
    relink in parts runs it in worker processes (``parts.scored``)."""
    from .links import link_units
    from .words import kept_words

    units = units_from_rows(rows)
    words = kept_words(rows, units)
    links = link_units(units, explicit_from_rows(rows), lower_docs=lower_docs, words=words, **options)
    marks = place_marks(units)
    if marking is not None:
        marks = [m for m in marks if doc_key(m["id"]) in marking]
    return link_statements(links, lower_docs, marks, words.fresh_rows(), units)


def link_counts(links: Iterable[Link], units: Iterable[LinkUnit], lower_docs: Iterable[str] | None
                ) -> list[dict[str, str]]:
    """``{id, counts}`` of each relinked lower document: its inferred links by kind, ``CASCADES_FROM (dated):3,…``
    (``lower_docs``; every document of ``units`` in a full relink). Summed by ``stored_link_counts``."""
    units = list(units)
    doc_of = {u.id: u.doc_key for u in units}
    docs = set(lower_docs) if lower_docs is not None else \
        {u.doc_key for u in units if not u.stub and u.level in LOWER_LEVELS}
    per_doc: dict[str, dict[str, int]] = {d: {} for d in docs}
    for link in links:
        kinds = per_doc.setdefault(doc_of[link.source], {})
        kind = _kind(link.type, link.props.get("direction") or link.props.get("basis"))
        kinds[kind] = kinds.get(kind, 0) + 1
    return [{"id": f"doc:{d}", "counts": ",".join(f"{k}:{n}" for k, n in sorted(kinds.items()))}
            for d, kinds in sorted(per_doc.items())]


def _kind(rel: str, how: str | None) -> str:
    return f"{rel} ({how})"


def stored_link_counts(read: Read) -> dict[str, int]:
    """Every inferred link in the store by kind (``RELATES_TO (later)`` → n), from the Documents' ``link_counts``
    (read from every Document: one short string each, not every link). A store whose relinks did not keep them
    yet (a Document placed without its count) is counted link by link once, and the counts are written:
    ``count_statements`` returns what to write."""
    totals: dict[str, int] = {}
    for r in read("MATCH (d:Document) WHERE d.link_counts IS NOT NULL AND d.link_counts <> '' "
                  "RETURN d.link_counts AS counts", {}):
        for part in r["counts"].split(","):
            kind, _, n = part.rpartition(":")
            totals[kind] = totals.get(kind, 0) + int(n)
    return dict(sorted(totals.items()))


def counts_missing(read: Read) -> bool:
    return bool(read("MATCH (d:Document) WHERE d.link_level IS NOT NULL AND d.link_counts IS NULL "
                     "RETURN d.id AS id LIMIT 1", {}))


def count_statements(read: Read) -> list[Statement]:
    """Each placed Document's ``link_counts``, counted link by link (a store linked before they were kept)."""
    per_doc: dict[str, dict[str, int]] = {r["id"]: {} for r in read(
        "MATCH (d:Document) WHERE d.link_level IS NOT NULL RETURN d.id AS id", {})}
    for r in read("MATCH (t:Task)-[r:CASCADES_FROM|RELATES_TO]->(:Task) WHERE r.basis = 'inferred' "
                  "RETURN t.doc_id AS doc, type(r) AS type, coalesce(r.direction, r.basis) AS how, count(r) AS n", {}):
        per_doc.setdefault(r["doc"], {})[_kind(r["type"], r["how"])] = r["n"]
    rows = [{"id": d, "counts": ",".join(f"{k}:{n}" for k, n in sorted(kinds.items()))}
            for d, kinds in sorted(per_doc.items())]
    return [("UNWIND $rows AS row MATCH (d:Document {id: row.id}) SET d.link_counts = row.counts",
             {"rows": rows[i:i + 5000]}) for i in range(0, len(rows), 5000)]


Read = Callable[[str, dict[str, Any]], list[dict[str, Any]]]

# ``UNITS_QUERY``'s rows for some documents, read in parts (by the Document id index): what a relink reads. The
# engine runs a pattern comprehension once per row, and the five of UNITS_QUERY cost ten times the rest of the
# read; a flat match per list, grouped here, returns the same rows (tests/linking/test_store.py compares them)
_TASKS_OF = ("MATCH (d:Document) WHERE d.id IN $docs MATCH (t:Task)-[:IN_DOCUMENT]->(d) "
             "RETURN t.id AS id, t.title AS title, t.text AS text, t.number AS number, t.level AS task_level, "
             "coalesce(t.stub, false) AS stub, t.has_responsibility AS has_responsibility, d.id AS doc_id, "
             "t.doc_id AS source_doc, t.link_words AS words, t.link_words_of AS words_of")
# what a row takes from its document, and from the document its task was read from: read once per document
_DOCUMENTS_OF = ("MATCH (d:Document) WHERE d.id IN $docs RETURN d.id AS id, d.level AS level, d.date AS date, "
                 "d.region_code AS region_code, d.region_basis AS region_basis")
_EACH_TASK = "MATCH (d:Document) WHERE d.id IN $docs MATCH (t:Task)-[:IN_DOCUMENT]->(d) WITH DISTINCT t "
_EACH_DOCUMENT = "MATCH (d:Document) WHERE d.id IN $docs "
# list column → (relationship types, the match giving each value with its task, or its document for
# ``implements``). Each list gathers one value per relationship, as a comprehension does: the relationship's type
# is carried to the collect (FalkorDB matches a pair of nodes joined by two relationships of the types once when
# nothing of them is used). collect drops nulls, which none of these lists holds (units_from_rows could not sort
# them). Only the types the store has are written in: FalkorDB 4.16 keeps answering a plan made while a type did
# not exist yet with nothing once it does; a type missing now gives another query text once it exists
_LISTS: dict[str, tuple[tuple[str, ...], str]] = {
    "departments": (("LEADS", "COOPERATES_ON"), _EACH_TASK + "MATCH (x:Department)-[r:{types}]->(t) "
                                                             "WITH t.id AS id, x.name AS value, type(r) AS rel"),
    "industries": (("CONCERNS",), _EACH_TASK + "MATCH (t)-[r:{types}]->(x:Industry) "
                                               "WITH t.id AS id, x.name AS value, type(r) AS rel"),
    "metrics": (("HAS_TARGET",), _EACH_TASK + "MATCH (t)-[r:{types}]->(x:Target) "
                                              "WITH t.id AS id, x.metric AS value, type(r) AS rel"),
    "implements": (("IMPLEMENTS",), _EACH_DOCUMENT + "MATCH (d)-[r:{types}]->(x:Document) "
                                                     "WITH d.id AS id, x.id AS value, type(r) AS rel"),
    "stated_by": (("CASCADES_FROM",), _EACH_TASK + "MATCH (x:Task)-[r:{types}]->(t) WHERE r.basis = 'explicit' "
                                                   "WITH t.id AS id, x.id AS value, type(r) AS rel"),
}
_COLLECT = " RETURN id, collect(value) AS values"


def relationship_types(read: Read) -> set[str]:
    return {r["type"] for r in read("CALL db.relationshipTypes() YIELD relationshipType "
                                    "RETURN relationshipType AS type", {})}


def unit_rows(read: Read, docs: list[str], present: set[str]) -> list[dict[str, Any]]:
    """``UNITS_QUERY``'s rows of the tasks in ``docs`` (document ids), unordered; ``present``: the store's
    relationship types (``relationship_types``)."""
    rows = read(_TASKS_OF, {"docs": docs})
    documents = {r["id"]: r for r in read(_DOCUMENTS_OF, {"docs": docs})}
    sources = sorted({r["source_doc"] for r in rows if r["source_doc"] is not None} - documents.keys())
    if sources:
        documents.update((r["id"], r) for r in read(_DOCUMENTS_OF, {"docs": sources}))
    none: dict[str, Any] = {}
    for row in rows:
        d, src = documents[row["doc_id"]], documents.get(row["source_doc"], none)
        level = row.pop("task_level")
        row.update(level=level if level is not None else d["level"], date=d["date"], region_code=d["region_code"],
                   region_basis=d["region_basis"], source_date=src.get("date"),
                   source_region_code=src.get("region_code"))
    for column, (types, query) in _LISTS.items():
        kept = [t for t in types if t in present]
        values: dict[str, list[Any]] = {}
        if kept:
            values = {r["id"]: r["values"] for r in read(query.replace("{types}", "|".join(kept)) + _COLLECT,
                                                          {"docs": docs})}
        key = "doc_id" if column == "implements" else "id"
        for row in rows:  # the rows of one document share its list of what it implements: no one changes them
            row[column] = values.get(row[key]) or []
    return rows


def marked(read: Read) -> bool:
    """Whether a relink has marked the store's documents with their places (``place_marks``), and no full relink
    made in parts stopped before its last part (``parts``: the marks of the parts written are not all of them)."""
    if read(f"MATCH (s:{STATE_LABEL}) WHERE s.relink_pending = true RETURN s.id AS id LIMIT 1", {}):
        return False
    return bool(read("MATCH (d:Document) WHERE d.link_level IS NOT NULL RETURN d.id AS id LIMIT 1", {}))


def touched_by(read: Read, changed: Iterable[str]) -> set[str]:
    """``changed`` and the documents holding tasks they wrote (a table's quoted tasks sit in the document it
    implements)."""
    changed = sorted(set(changed))
    return set(changed) | {r["id"] for r in read(
        "UNWIND $ids AS doc MATCH (t:Task) WHERE t.doc_id = doc MATCH (t)-[:IN_DOCUMENT]->(d:Document) "
        "RETURN DISTINCT d.id AS id", {"ids": changed})}


def places_of(read: Read, ids: Iterable[str]) -> dict[str, DocumentPlace]:
    """The places the last relink marked on these documents (by id)."""
    return {r["id"]: DocumentPlace(doc_key(r["id"]), r["level"], r["region"], None) for r in read(
        "MATCH (d:Document) WHERE d.id IN $ids AND d.link_level IS NOT NULL "
        "RETURN d.id AS id, d.link_level AS level, d.link_region AS region", {"ids": sorted(set(ids))})}


def neighbourhood_rows(read: Read, changed: Iterable[str], *, touched: Iterable[str] = (),
                       before: Mapping[str, DocumentPlace] | None = None
                       ) -> tuple[list[dict[str, Any]], set[str]] | None:
    """What an incremental relink after loading ``changed`` (document ids) reads, and the lower documents it
    relinks (keys): see ``incremental``. None when the store was never marked by a relink: relink in full.
    A removal reads ``touched`` (``touched_by``) and their places (``places_of``) before the documents go, and
    hands them in as ``touched`` and ``before``: afterwards neither can be read."""
    if not marked(read):
        return None
    touched = touched_by(read, changed) | set(touched)
    reader = UnitReader(read)
    load, rows = reader.load, reader.rows
    now = incremental.unit_places(units_from_rows(load(touched)))
    before = {**places_of(read, touched), **(before or {})}
    everywhere, codes = False, set[str]()
    for did in touched:
        for place in (now.get(doc_key(did)), before.get(did)):
            every, below = incremental.below(place)
            everywhere, codes = everywhere or every, codes | below
    lower = set(touched)
    lower |= {r["id"] for r in read("MATCH (l:Document)-[:IMPLEMENTS]->(d:Document) WHERE d.id IN $ids "
                                    "RETURN DISTINCT l.id AS id", {"ids": sorted(touched)})}
    by_region: set[str] = set()
    if everywhere:
        by_region = {r["id"] for r in read("MATCH (d:Document) WHERE d.link_level IS NOT NULL RETURN d.id AS id", {})}
    elif codes:
        by_region = {r["id"] for r in read("MATCH (d:Document) WHERE d.link_region IN $codes RETURN d.id AS id",
                                           {"codes": sorted(codes)})}
    lower |= by_region - lower - _naming_others(read, by_region - lower)
    load(lower)
    lower_units = units_from_rows([r for r in rows.values() if r["doc_id"] in lower])
    # the neighbourhoods: the documents of the regions above, the national ones, what the lower ones name
    lower_places = incremental.unit_places(lower_units)
    above = incremental.upper_regions(p for k, p in lower_places.items() if f"doc:{k}" in lower)
    uppers = {r["id"] for r in read("MATCH (d:Document) WHERE d.link_region IN $codes OR d.link_level = 'national' "
                                    "RETURN d.id AS id", {"codes": sorted(above)})}
    uppers |= {f"doc:{k}" for u in lower_units for k in u.implements}
    load(uppers)
    return [rows[k] for k in sorted(rows)], {doc_key(d) for d in lower}


class UnitReader:
    """Reads whole documents' ``UNITS_QUERY`` rows, each document once, with the tables that state their quoted
    tasks (a quoted task's text is theirs, ``units_from_rows``)."""

    def __init__(self, read: Read, present: set[str] | None = None):
        self.read = read
        self.present = relationship_types(read) if present is None else present
        self.rows: dict[str, dict[str, Any]] = {}  # task id → row, of every document read
        self.docs: set[str] = set()  # the documents read (ids)

    def load(self, docs: Iterable[str]) -> list[dict[str, Any]]:
        """The rows of those of ``docs`` not read yet, and of the documents stating their quoted tasks."""
        todo = set(docs) - self.docs
        got: list[dict[str, Any]] = []
        while todo:
            self.docs.update(todo)
            ordered = sorted(todo)
            new = [r for i in range(0, len(ordered), 500)  # pages: see every_unit_row
                   for r in unit_rows(self.read, ordered[i:i + 500], self.present)]
            got += new
            self.rows.update((r["id"], r) for r in new)
            stating = sorted({t for r in new for t in r.get("stated_by") or []} - self.rows.keys())
            todo = {r["doc"] for r in self.read(
                "UNWIND $ids AS id MATCH (t:Task {id: id}) RETURN DISTINCT t.doc_id AS doc",
                {"ids": stating})} - self.docs if stating else set()
        return got


def _naming_others(read: Read, docs: set[str]) -> set[str]:
    """Those of ``docs`` that name a document holding higher-level units: their scope is what they name, and
    only that (``scope.Scope``), so a change elsewhere in their region does not reach them. What they name is
    not among the touched documents (their namers are relinked anyway), so it holds the units it held when they
    were last linked."""
    named: dict[str, set[str]] = {}
    for r in read("MATCH (l:Document)-[:IMPLEMENTS]->(x:Document) WHERE l.id IN $ids RETURN l.id AS id, x.id AS x",
                  {"ids": sorted(docs)}):
        if r["x"] != r["id"]:
            named.setdefault(r["id"], set()).add(r["x"])
    if not named:
        return set()
    holding = _holding(read, set().union(*named.values()))
    return {d for d, xs in named.items() if xs & holding}


def _holding(read: Read, docs: set[str]) -> set[str]:
    """Which of ``docs`` hold a unit of the higher-level side, as ``units_from_rows`` makes units, read without the
    rest of ``UNITS_QUERY``. A quoted task counts by its title only (its text is the quoting row's): one without
    a title is missed, and the documents naming its document are relinked, which a relink may always do."""
    out: set[str] = set()
    for r in read("MATCH (x:Document) WHERE x.id IN $ids MATCH (t:Task)-[:IN_DOCUMENT]->(x) "
                  "RETURN x.id AS doc, t.id AS id, coalesce(t.level, x.level) AS level, "
                  "coalesce(t.stub, false) AS stub, t.title AS title, t.text AS text", {"ids": sorted(docs)}):
        if r["doc"] in out or r["level"] not in UPPER_LEVELS or "#" in r["id"].rsplit(":", 1)[-1]:
            continue
        if (r["title"] if r["stub"] else (r["text"] or "").strip()):
            out.add(r["doc"])
    return out


def place_marks(units: Iterable[LinkUnit]) -> list[dict[str, Any]]:
    """Each document's place as the linker saw it, kept on its Document for the next incremental relink."""
    return [{"id": f"doc:{k}", "level": p.level or "", "region": p.region}
            for k, p in sorted(incremental.unit_places(units).items())]


def every_unit_row(read: Read, page: int = 500) -> list[dict[str, Any]]:
    """Every ``UNITS_QUERY`` row, read ``page`` documents at a time: one query over a 10,000-document store
    outgrows the engine's per-query memory budget."""
    docs = sorted(r["id"] for r in read("MATCH (d:Document) RETURN d.id AS id", {}))
    out: list[dict[str, Any]] = []
    present = relationship_types(read)
    for i in range(0, len(docs), page):
        out += unit_rows(read, docs[i:i + page], present)
    return sorted(out, key=lambda r: r["id"])
