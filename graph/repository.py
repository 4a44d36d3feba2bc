"""The policykg graph over any store backend: reads, per-document loads, versions, links.

A ``GraphStore`` runs parameterised read queries (read-only, with a time budget
and a row cap), loads documents one at a time all-or-nothing, keeps every
loaded version, recomputes the inferred links, reports counts, and closes. It
builds statements; its backend (``stores.backend.StoreBackend``: embedded
FalkorDB or Neo4j) only runs them.
"""
from __future__ import annotations

import base64
import uuid
import zlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from policykg.graph.build import DocumentGraph, build_document, build_graph
from policykg.graph.ids import document_id, document_key, title_key, title_probes, titles_of
from policykg.graph.model import NODE_LABELS, PolicyGraph
from policykg.graph.stores.backend import ReadResult, Statement, StoreBackend
from policykg.graph.stores.cypher_admission import admit, push_down_limit
from policykg.graph.stores.cypher_guard import refuse_writes
from policykg.graph.stores.loading import (
    document_removal,
    document_statements,
    new_version_statements,
    same_version_statements,
    version_id,
)
from policykg.ingest.normalize import compact
from policykg.ingest.records import ExtractedDocument
from policykg.settings import (
    DEFAULT_QUERY_TIMEOUT_MS,
    DEFAULT_RELINK_BUDGET,
    DEFAULT_RESULT_BYTES,
    DEFAULT_ROW_CAP,
)

# every write (a load, a removal, a relink, an upgrade) stamps this one node with a fresh token in the same atomic
# write: what readers keep per store version (the API's listings and counts) is checked against it with one read
# of one node, where the versions' dates took a read of every DocumentVersion (10-20 ms a request at 10,000
# documents) and could not see a relink at all. Not a node of the policy graph: the counts leave it out.
STATE_LABEL = "StoreState"
STORE_STAMP: str = f"MERGE (s:{STATE_LABEL} {{id: 'store'}}) SET s.version = $stamp"
STORE_VERSION: str = f"MATCH (s:{STATE_LABEL}) RETURN s.version AS version"

# what ``GraphStore.upgrade`` brings a store to, kept on the same node: raise it with each step added there. A store
# already brought up to it is not read again (each step's check reads every node of a label or every target: 0.1-0.2 s
# of every ingest run at 10,000 documents, ten times that at 100,000)
STORE_FORMAT = 1
STORE_FORMAT_READ: str = f"MATCH (s:{STATE_LABEL}) RETURN s.format AS format"
STORE_FORMAT_MARK: str = f"MERGE (s:{STATE_LABEL} {{id: 'store'}}) SET s.format = $format"
# set by the first part of a full relink made in parts and cleared by the last (``linking.parts``): until then the
# store is not linked (``linking.store.marked``), whatever marks the parts already written left
RELINK_PENDING: str = f"MERGE (s:{STATE_LABEL} {{id: 'store'}}) SET s.relink_pending = $pending"


@dataclass
class LoadReport:
    document_id: str
    nodes: int
    relationships: int
    statements: int
    replaced: bool  # a previous version of the document was in the store
    version: str | None = None  # the DocumentVersion id now current
    previous_version: str | None = None  # the one it superseded (None: new document, or the same content again)
    new_version: bool = True  # False when the same content was loaded again (the version stays)


@dataclass
class DocumentSource:
    """Where a loaded document came from, kept with its version: the text as read and the file."""

    text: str | None = None  # the source text the extraction read (stored compressed)
    path: str | None = None
    file_hash: str | None = None  # sha256 of the file's bytes
    format: str | None = None  # txt | docx | pdf | html
    encoding: str | None = None
    extractor: str | None = None  # fingerprint of the alias files and extraction code it was read with
    ingested_at: str | None = None  # ISO 8601 UTC; now when omitted


@dataclass(frozen=True)
class StoredVersion:
    """What the store holds for a file or a content, to decide whether it needs loading again: the stored
    document whose current version has that file or content hash, its content hash and extraction fingerprint."""

    document_id: str
    file_hash: str | None
    content_hash: str | None
    extractor: str | None


# the stored documents whose current version has one of $hashes as its ``prop`` (file_hash or content_hash)
CURRENT_VERSIONS_BY = (
    "UNWIND $hashes AS h MATCH (v:DocumentVersion {{{prop}: h}}) WHERE v.current = true "
    # WITH: without it FalkorDB 4.16 joins the two by hashing every Document
    "WITH v MATCH (d:Document {{id: v.doc_id}}) WHERE NOT coalesce(d.stub, false) "
    "RETURN d.id AS doc, v.file_hash AS file_hash, d.content_hash AS content_hash, d.extractor AS extractor")


# what a load reads of its document's place in the store, in one round trip: whether a real (not stub) Document has
# its id, and its current version(s) (one row with a null id when it has none)
STORED_STATE = (
    "OPTIONAL MATCH (d:Document {id: $id}) WHERE NOT coalesce(d.stub, false) WITH count(d) AS real "
    "OPTIONAL MATCH (v:DocumentVersion) WHERE v.doc_id = $id AND v.current = true "
    "RETURN real > 0 AS replaced, v.id AS id, v.content_hash AS hash")


def reference_forms(doc: ExtractedDocument) -> list[str]:
    """Every form ``doc`` writes a reference in (numbers, titles and their ``titles_of``), sorted: what the
    store is asked for the documents it may refer to (``GraphStore.referenced_documents``)."""
    forms: set[str] = {compact(r).strip("《》") for r in doc.document.implements}
    for ref in doc.references:
        forms.add(compact(ref.target).strip("《》"))
        for cited in ref.cited_as:
            forms.update(titles_of(cited.strip("《》")))
    forms.discard("")
    return sorted(forms)


@dataclass
class DocumentFacts:
    """What a load reads of an extracted document besides its graph: its identity, what it refers to, and what
    its version records."""

    key: str
    document_id: str
    doc_number: str | None
    title: str | None
    content_hash: str
    file: str | None
    encoding: str | None
    provisions: int
    tasks: int
    targets: int
    reference_forms: list[str]

    @classmethod
    def of(cls, doc: ExtractedDocument) -> DocumentFacts:
        key = document_key(doc)
        return cls(key, document_id(key), doc.document.doc_number, doc.document.title, doc.content_hash, doc.file,
                   doc.encoding, len(doc.provisions), len(doc.tasks), len(doc.targets), reference_forms(doc))


# the marks a new version puts on its document's node (``GraphStore._load``), in the order it puts them: a plan is
# made with these keys (their values filled in by the load) because the statements creating a node name its keys
PLANNED_MARKS = ("extractor", "version", "ingested_at")


@dataclass
class PlannedLoad:
    """A document's write made where it was extracted, before the store is asked anything (``plan_load``): the
    statements of its graph as if no other document were stored, its node marked as a new version. The parent
    of the reader processes then only reads the store and writes: building the graph and its statements (and
    handing over the extracted document, a tree of pydantic models that is slow to unpickle) was most of
    its own work per document, done one document at a time while the readers waited.

    ``document_rows`` are the document's own node rows inside ``statements`` (the same objects, also after
    unpickling: pickle keeps shared references), whose marks ``marked`` fills in."""

    facts: DocumentFacts
    statements: list[Statement]
    document_rows: list[dict[str, Any]]
    nodes: int
    relationships: int
    built: DocumentGraph

    def fits(self, known: Sequence[tuple[str, str | None, str | None]], marks: Mapping[str, Any]) -> bool:
        """The plan is what the load would write: a new version marked with every planned mark, and no stored
        document in ``known`` that a reference of the document would point at instead."""
        return tuple(marks) == PLANNED_MARKS and self.built.holds_with(known)

    def marked(self, marks: Mapping[str, Any]) -> list[Statement]:
        for row in self.document_rows:
            row["props"].update(marks)
        return self.statements


def plan_load(doc: ExtractedDocument) -> PlannedLoad:
    """``doc``'s write, made ahead of the load (see ``PlannedLoad``)."""
    facts = DocumentFacts.of(doc)
    built = build_document(doc)
    node = built.graph.nodes.get(facts.document_id)
    if node is not None:
        node.props.update(dict.fromkeys(PLANNED_MARKS, ""))  # placeholders: present, so the statements name them
    statements = document_statements(built.graph, facts.document_id, facts.doc_number, titles_of(facts.title))
    rows = [row for _, params in statements for row in (params or {}).get("rows", ())
            if isinstance(row, dict) and row.get("id") == facts.document_id and "props" in row]
    # only the plan's own reference checks travel with it: the graph itself is not needed any more
    checks = DocumentGraph(PolicyGraph(), built.own, built.lookups)
    return PlannedLoad(facts, statements, rows, len(built.graph.nodes), len(built.graph.edges), checks)


def now_utc() -> str:
    """ISO 8601 UTC to the millisecond: versions loaded in the same second still sort in order."""
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def pack_text(text: str) -> str:
    return base64.b64encode(zlib.compress(text.encode("utf-8"), 6)).decode("ascii")


def unpack_text(packed: str) -> str:
    return zlib.decompress(base64.b64decode(packed)).decode("utf-8")


@dataclass
class LinkReport:
    units: int
    links: dict[str, int] = field(default_factory=dict)  # "RELATES_TO (later)" -> how many


@dataclass
class StoreCounts:
    nodes: dict[str, int] = field(default_factory=dict)
    relationships: dict[str, int] = field(default_factory=dict)

    @property
    def total_nodes(self) -> int:
        return sum(self.nodes.values())

    @property
    def total_relationships(self) -> int:
        return sum(self.relationships.values())


class GraphStore:
    def __init__(self, backend: StoreBackend, *, timeout_ms: int = DEFAULT_QUERY_TIMEOUT_MS,
                 row_cap: int = DEFAULT_ROW_CAP, result_bytes: int = DEFAULT_RESULT_BYTES,
                 relink_budget: int = DEFAULT_RELINK_BUDGET) -> None:
        self.backend = backend
        self.timeout_ms = timeout_ms
        self.row_cap = row_cap
        self.result_bytes = result_bytes  # what a public read may hand back, converted
        # documents a full relink reads at once (``_relink_everything``): the 10,000-document store in two parts
        # takes 1.1 GB in the client where one read of it took 5 GB, in the same time
        self.relink_budget = relink_budget

    @property
    def kind(self) -> str:
        return self.backend.kind

    def describe(self) -> str:
        return self.backend.describe()

    def ensure_schema(self) -> None:
        self.backend.ensure_schema()

    def clear(self) -> None:
        self.backend.clear()

    def writer_lock(self, what: str = "policykg"):
        """One writer per store at a time (an ingest, an upload, an alias merge); raises WriterBusy when taken."""
        return self.backend.writer_lock(what)

    def close(self) -> None:
        self.backend.close()

    def _write(self, statements: Sequence[Statement]) -> None:
        """Apply ``statements`` all or nothing, with the store's new version stamp among them."""
        if statements:
            self.backend.write_atomic([*statements, (STORE_STAMP, {"stamp": uuid.uuid4().hex})])

    def read(self, query: str, params: Mapping[str, Any] | None = None, *, timeout_ms: int | None = None,
             row_cap: int | None = None, max_bytes: int | None = None) -> ReadResult:
        """A read-only query: writes are refused, the time budget and row cap always apply."""
        refuse_writes(query)
        cap = self.row_cap if row_cap is None else row_cap
        if max_bytes is None:
            return self.backend.read(query, dict(params or {}), timeout_ms or self.timeout_ms, cap)
        return self.backend.read(query, dict(params or {}), timeout_ms or self.timeout_ms, cap, max_bytes=max_bytes)

    def read_public(self, query: str, params: Mapping[str, Any] | None = None, *, timeout_ms: int | None = None,
                    row_cap: int | None = None) -> ReadResult:
        """A query from outside (``POST /cypher``, ``policykg cypher``): admitted first, its rows cut in the engine.

        Catalog queries are ours and go through ``read``; what a stranger sends may be built to hold the
        engine (see ``cypher_admission``), so it is refused before the engine sees it.
        """
        admit(query, params)
        cap = self.row_cap if row_cap is None else row_cap
        return self.read(push_down_limit(query, cap), params, timeout_ms=timeout_ms, row_cap=cap,
                         max_bytes=self.result_bytes)

    def rows(self, query: str, params: Mapping[str, Any] | None = None, **kw) -> list[dict[str, Any]]:
        result = self.read(query, params, **kw)
        return [dict(zip(result.columns, row)) for row in result.rows]

    def known_documents(self) -> list[tuple[str, str | None, str | None]]:
        rows = self.rows("MATCH (d:Document) WHERE NOT coalesce(d.stub, false) "
                         "RETURN d.id AS id, d.doc_number AS number, d.title AS title", row_cap=1_000_000)
        return [(r["id"][len("doc:"):], r["number"], r["title"]) for r in rows]

    def referenced_documents(self, doc: ExtractedDocument) -> list[tuple[str, str | None, str | None]]:
        """The stored documents ``doc`` may refer to: what ``build_graph`` needs of ``known_documents``.

        Looked up by the indexed ``doc_number`` and ``title_key`` of the documents (exact keys, never a scan:
        reading every document for every load makes a folder's ingest quadratic). The keys asked for are every
        form a reference is written in (``title_probes``), so this finds every document the build matches,
        by number or by one of its ``titles_of``; ``build_graph`` decides.
        """
        return self._documents_named(reference_forms(doc))

    def _documents_named(self, forms: Sequence[str]) -> list[tuple[str, str | None, str | None]]:
        """The stored documents whose number or title key is one of ``forms`` (``reference_forms``)."""
        if not forms:
            return []
        rows = self.rows(
            "UNWIND $numbers AS k MATCH (d:Document {doc_number: k}) WHERE NOT coalesce(d.stub, false) "
            "RETURN d.id AS id, d.doc_number AS number, d.title AS title "
            "UNION "
            "UNWIND $keys AS k MATCH (d:Document {title_key: k}) WHERE NOT coalesce(d.stub, false) "
            "RETURN d.id AS id, d.doc_number AS number, d.title AS title",
            {"numbers": sorted(forms), "keys": title_probes(sorted(forms))}, row_cap=1_000_000)
        return [(r["id"][len("doc:"):], r["number"], r["title"]) for r in rows]

    def load_document(self, doc: ExtractedDocument, source: DocumentSource | None = None) -> LoadReport:
        """Put one document in the store, replacing its previous version; all or nothing.

        The version loaded is recorded as a DocumentVersion (see ``loading``):
        new content becomes the current version and the previous one stays,
        superseded; the same content loaded again keeps its version.
        """
        return self._load(DocumentFacts.of(doc), None, lambda: doc, source or DocumentSource())

    def load_planned(self, plan: PlannedLoad, document: Callable[[], ExtractedDocument],
                     source: DocumentSource | None = None) -> LoadReport:
        """``load_document`` of a document whose write ``plan_load`` made ahead (in a reader process): the same
        store as ``load_document(document(), source)``. The plan is written as it is when the store's documents
        and the version change nothing in it (``PlannedLoad.fits``); else the document is built here again."""
        return self._load(plan.facts, plan, document, source or DocumentSource())

    def _load(self, facts: DocumentFacts, plan: PlannedLoad | None, document: Callable[[], ExtractedDocument],
              source: DocumentSource) -> LoadReport:
        did = facts.document_id
        known = [k for k in self._documents_named(facts.reference_forms) if k[0] != facts.key]
        state = self.rows(STORED_STATE, {"id": did})
        replaced = any(r["replaced"] for r in state)
        current = [r for r in state if r["id"] is not None]
        at = source.ingested_at or now_utc()
        same = next((c["id"] for c in current if c["hash"] == facts.content_hash), None)
        document_props = {"extractor": source.extractor}
        if same is not None:
            vid, previous = same, None
            versioning = same_version_statements(did, vid, {
                "extractor": source.extractor, "reread_at": at, "path": source.path, "file_hash": source.file_hash,
                "file": facts.file, "format": source.format, "encoding": source.encoding or facts.encoding,
                **({"text_z": pack_text(source.text)} if source.text is not None else {})}, document_props)
        else:
            vid = version_id(did, facts.content_hash, at)
            previous = current[0]["id"] if current else None
            versioning = new_version_statements(did, vid, {
                "doc_id": did, "doc_number": facts.doc_number, "title": facts.title,
                "content_hash": facts.content_hash, "ingested_at": at, "file": facts.file, "path": source.path,
                "file_hash": source.file_hash, "format": source.format, "encoding": source.encoding or facts.encoding,
                "extractor": source.extractor, "chars": len(source.text) if source.text is not None else None,
                "provisions": facts.provisions, "tasks": facts.tasks, "targets": facts.targets,
                "text_z": pack_text(source.text) if source.text is not None else None,
                "previous": previous}, {**document_props, "version": vid, "ingested_at": at})
            document_props = {**document_props, "version": vid, "ingested_at": at}
        # the marks go in with the document's node, not set on it afterwards (put_nodes)
        marks = {k: v for k, v in document_props.items() if v is not None}
        if plan is not None and plan.fits(known, marks):
            statements, nodes, relationships = plan.marked(marks), plan.nodes, plan.relationships
        else:
            subgraph = build_graph([document()], known_documents=known)
            if did in subgraph.nodes:
                subgraph.nodes[did].props.update(marks)
            statements = document_statements(subgraph, did, facts.doc_number, titles_of(facts.title))
            nodes, relationships = len(subgraph.nodes), len(subgraph.edges)
        self._write([*statements, *versioning])
        return LoadReport(did, nodes, relationships, len(statements) + len(versioning), replaced,
                          version=vid, previous_version=previous, new_version=same is None)

    def load_graph(self, graph: PolicyGraph, doc_id: str, number: str | None, titles: list[str], *,
                   then: Sequence[Statement] = ()) -> int:
        """Write the finished subgraph of the document ``doc_id``, replacing what it held before; all or nothing.

        The writer is handed a graph and does not care how it was made: ``load_document`` builds it from an
        extraction, the test fixture by hand. ``then`` runs in the same atomic write (the version records).
        Returns how many statements were written.
        """
        statements = document_statements(graph, doc_id, number, titles) + list(then)
        self._write(statements)
        return len(statements)

    def upgrade(self) -> int:
        """Bring a store written by an earlier policykg up to what loads look up: every titled Document gets
        its ``title_key`` (references and stub folding find documents by it), the ``source_docs`` lists
        shared nodes used to keep go, and a target a task states without an ``owner_task`` names that task. Run
        once per ingest, before its first load. The store keeps the format it was brought up to
        (``STORE_FORMAT``): a store at it costs one read of one node, and one write marks a store that had nothing
        to change. (A store an earlier policykg writes to after this one marked it is not looked at again: that
        policykg's loads are not brought up to date.) Returns how many nodes it changed."""
        marked = self.rows(STORE_FORMAT_READ)
        if marked and (marked[0]["format"] or 0) >= STORE_FORMAT:
            return 0
        missing = self.rows("MATCH (d:Document) WHERE d.title IS NOT NULL AND d.title_key IS NULL "
                            "RETURN d.id AS id, d.title AS title", row_cap=10_000_000)
        listing = ("Department", "Industry", "Document")  # by label: a label-less MATCH reads every node
        stale = sum(r["n"] for label in listing
                    for r in self.rows(f"MATCH (n:{label}) WHERE n.source_docs IS NOT NULL RETURN count(n) AS n"))
        keys = [{"id": r["id"], "key": title_key(r["title"])} for r in missing if title_key(r["title"])]
        # a target a task states names it as its owner unless a table row names another: the targets a led task owns
        # are found by the owner_task index (the owned listing, queries/targets-order.cypher)
        ownerless = "MATCH (t:Task)-[:HAS_TARGET]->(g:Target) WHERE g.owner_task IS NULL"
        unnamed = sum(r["n"] for r in self.rows(f"{ownerless} RETURN count(g) AS n"))  # no rows: no graph yet
        changed = len(keys) + stale + unnamed
        mark = (STORE_FORMAT_MARK, {"format": STORE_FORMAT})
        if not changed:  # the mark alone changes nothing a reader sees: the store keeps its version
            self.backend.write_atomic([mark])
            return 0
        self._write([
            *(("UNWIND $rows AS row MATCH (d:Document {id: row.id}) SET d.title_key = row.key", {"rows": batch})
              for batch in (keys[i:i + 5000] for i in range(0, len(keys), 5000))),
            *((f"MATCH (n:{label}) WHERE n.source_docs IS NOT NULL REMOVE n.source_docs", {})
              for label in listing if stale),
            *([(f"{ownerless} SET g.owner_task = t.id", {})] if unnamed else []),
            mark,
        ])
        return changed

    # -- versions -----------------------------------------------------------------------
    def current_versions(self, *, file_hashes: Sequence[str] = (), content_hashes: Sequence[str] = ()
                         ) -> list[StoredVersion]:
        """The stored documents whose current version has one of these file or content hashes.

        Indexed lookups (``DocumentVersion.file_hash``, ``content_hash``), a batch of hashes per read: what an
        ingest asks for the files it reads, at a cost that does not grow with the store (reading every
        document's state at the start of a run made adding one file to a big store wait for the whole store).
        """
        found: list[StoredVersion] = []
        for prop, hashes in (("file_hash", file_hashes), ("content_hash", content_hashes)):
            wanted = sorted({h for h in hashes if h})
            if not wanted:
                continue
            found.extend(StoredVersion(r["doc"], r["file_hash"], r["content_hash"], r["extractor"]) for r in self.rows(
                CURRENT_VERSIONS_BY.format(prop=prop), {"hashes": wanted}, row_cap=1_000_000))
        return found

    def document_versions(self, ref: str) -> list[dict[str, Any]]:
        """Every version of a document (by id, number or title, or a version id), oldest first; no text."""
        return self.rows(
            "MATCH (v:DocumentVersion) WHERE v.doc_id = $ref OR v.doc_id = $id OR v.doc_number = $ref "
            "OR v.title = $ref OR v.id = $ref "
            "RETURN v.id AS id, v.doc_id AS document, v.doc_number AS doc_number, v.title AS title, "
            "v.content_hash AS content_hash, v.ingested_at AS ingested_at, coalesce(v.current, false) AS current, "
            "v.superseded_at AS superseded_at, v.file AS file, v.path AS path, v.format AS format, "
            "v.encoding AS encoding, v.provisions AS provisions, v.tasks AS tasks, v.targets AS targets, "
            "v.text_z IS NOT NULL AS has_text "
            "ORDER BY v.ingested_at, coalesce(v.current, false), v.id", {"ref": ref, "id": "doc:" + ref}, row_cap=100_000)

    def version_text(self, version: str) -> str | None:
        """The source text of a version, as it was read; None when it was loaded without its text."""
        rows = self.rows("MATCH (v:DocumentVersion {id: $id}) RETURN v.text_z AS text", {"id": version})
        if not rows or rows[0]["text"] is None:
            return None
        return unpack_text(rows[0]["text"])

    def relink(self, changed: Sequence[str] | None = None, *, jobs: int = 1, **options) -> LinkReport:
        """Recompute the inferred cross-level links from what the store holds (``policykg link``).

        Explicit links (tables, 分工方案) are never touched; the inferred ones are replaced in one atomic write
        (in one per part of whole provinces in a store of more than ``relink_budget`` documents, ``linking.parts``),
        so the result depends only on the stored documents, not on the order they were ingested in.
        With ``changed`` (the ids of the documents a load just wrote: an ingest, an upload), only the links
        of the lower documents those reach are recomputed (``linking.incremental``): the same links as a full
        relink, at the cost of the neighbourhoods they touch. Either way the report counts every inferred link.
        ``jobs``: processes scoring the parts of a full relink made in parts at once.
        """
        return self._relink(changed, {}, options, jobs)

    def _link_read(self, query: str, params: dict[str, Any]) -> list[dict[str, Any]]:
        return self.rows(query, params, row_cap=10_000_000, timeout_ms=600_000)

    def _relink(self, changed: Sequence[str] | None, removed: dict[str, Any], options: dict[str, Any],
                jobs: int = 1) -> LinkReport:
        from policykg.graph.linking.store import (
            count_statements,
            counts_missing,
            neighbourhood_rows,
            relink_statements,
            stored_link_counts,
        )

        read = self._link_read
        plan = neighbourhood_rows(read, changed, **removed) if changed is not None else None
        if plan is not None:
            rows, lower_docs = plan
            # a store linked before the documents kept their link counts: counted link by link, once
            uncounted = counts_missing(read)
            self._write(relink_statements(rows, lower_docs, options))
            if uncounted:
                self._write(count_statements(read))
            units = len(rows)
        else:
            units = self._relink_everything(options, jobs)
        # every inferred link in the store, as after a full relink
        return LinkReport(units=units, links=stored_link_counts(read))

    def _relink_everything(self, options: dict[str, Any], jobs: int) -> int:
        """A full relink: in one read and one write when the store holds at most ``relink_budget`` documents,
        else in parts of whole provinces (``linking.parts``), each read, scored (``jobs`` at once) and written on
        its own, in order. Returns how many task rows were read for the documents relinked."""
        from policykg.graph.linking import parts as relink_parts
        from policykg.graph.linking.store import every_unit_row, relink_statements

        read = self._link_read
        documents = self.rows("MATCH (d:Document) RETURN count(d) AS n")[0]["n"]
        if documents <= self.relink_budget:
            rows = every_unit_row(read)
            self._write(relink_statements(rows, None, options))
            return len(rows)
        cut = relink_parts.parts(relink_parts.document_places(read), self.relink_budget)
        units = 0
        for n, (rows_read, statements) in enumerate(relink_parts.scored(read, cut, options, jobs)):
            units += rows_read
            if n == 0:  # until the last part is written the store is not linked: a relink stopped now starts over
                statements.insert(0, (RELINK_PENDING, {"pending": True}))
            if n == len(cut) - 1:
                statements.append((RELINK_PENDING, {"pending": None}))
            self._write(statements)
        return units

    def remove_document(self, doc_id: str) -> None:
        """Take a document and everything it asserted out of the store, then relink what it reached: the lower
        documents that had it in their neighbourhood, as a relink after a load does (``linking.incremental``).
        A store no relink has marked yet has no inferred links to keep current: nothing is relinked."""
        from policykg.graph.linking.store import marked, places_of, touched_by

        read = self._link_read
        if not marked(read):
            self._write(document_removal(doc_id))
            return
        # what the document reached can only be read while it is there: its tasks, its place
        touched = touched_by(read, [doc_id])
        before = places_of(read, touched)
        self._write(document_removal(doc_id))
        self._relink([doc_id], {"touched": touched, "before": before}, {})

    def counts(self) -> StoreCounts:
        """The policy graph's nodes by label (``NODE_LABELS``) and relationships by type."""
        return self._counted(NODE_LABELS)

    def graph_counts(self) -> StoreCounts:
        """Every label the store holds (the policy graph and its versions: what the catalog query ``graph-counts``
        counts node by node) and every relationship type, each read from the engine's own count for the label or
        type: milliseconds at any size, where grouping every node took seconds at 10,000 documents. The store's
        version stamp is bookkeeping, not a node of the graph: left out."""
        present = [r["label"] for r in self.rows("CALL db.labels() YIELD label RETURN label")]
        return self._counted([label for label in present if label != STATE_LABEL])

    def _counted(self, labels: Sequence[str]) -> StoreCounts:
        counts = StoreCounts()
        for label in labels:
            rows = self.rows(f"MATCH (n:`{label.replace('`', '``')}`) RETURN count(n) AS n")
            if rows and rows[0]["n"]:
                counts.nodes[label] = rows[0]["n"]
        # one count per type, each answered from the type's own count (reading every relationship to group them
        # takes seconds at 10,000 documents); only the types the store has: FalkorDB 4.16 keeps answering a plan
        # made while a type did not exist yet with nothing once it does
        present = {r["type"] for r in self.rows("CALL db.relationshipTypes() YIELD relationshipType "
                                                 "RETURN relationshipType AS type")}
        for rel in sorted(present):
            quoted = rel.replace("`", "``")
            rows = self.rows(f"MATCH ()-[r:`{quoted}`]->() RETURN count(r) AS n")
            if rows and rows[0]["n"]:
                counts.relationships[rel] = rows[0]["n"]
        counts.relationships = dict(sorted(counts.relationships.items()))
        return counts

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()
