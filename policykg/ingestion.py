"""The ingestion service: the one way documents reach the graph store.

``policykg ingest``, ``policykg extract``, ``policykg departments --merge`` and
``POST /documents`` all go through an ``Ingestion``: it reads files (every
format of ``policykg.ingest.readers``), extracts them with the bundled alias
file and the user's (``departments --merge``), loads each document whole or
not at all with its source text, file hash and the fingerprint of what it was
read with, keeps versions, relinks, and reports what happened to each file.

Ingesting is loss-free and repeatable:

* a file that cannot be read is reported with its path and the reason, and
  the others still go in;
* a second run over the same folder finds every document unchanged (same file
  or content hash, same fingerprint), reads nothing and says so; a document
  whose content changed replaces its previous version, which stays
  addressable as a DocumentVersion;
* an interrupted run (Ctrl-C, kill -9 of the ingest or of the store server)
  leaves every document whole or absent, and running it again finishes the job.
"""
from __future__ import annotations

import gc
import hashlib
import json
import os
import pickle
import sys
import time
import traceback
from collections import Counter, deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

from policykg.errors import ConfigurationError, PolicyKGError
from policykg.graph.ids import document_id, document_key
from policykg.graph.numbering import Numbering
from policykg.graph.repository import (
    DocumentSource,
    GraphStore,
    LoadReport,
    PlannedLoad,
    StoredVersion,
    now_utc,
    plan_load,
)
from policykg.graph.stores.errors import (
    QueryError,
    ServerNotRunning,
    ServerStartError,
    StoreError,
    StoreFailure,
    StoreUnavailable,
)
from policykg.ingest.departments import USER_ALIAS_FILE, DepartmentCatalog, alias_files
from policykg.ingest.extract import ExtractionError, extract_text
from policykg.ingest.normalize import compact
from policykg.ingest.reading import DecodedText, ReadError
from policykg.ingest.records import ExtractedDocument
from policykg.settings import Settings

INGEST_PACKAGE = Path(str(resources.files("policykg.ingest")))
# the code that makes a document's graph of its records: when it changes, what a store holds of a document
# read before is stale although its text and its extraction are not (a number printed twice became two tasks)
GRAPH_BUILD_CODE = tuple(Path(str(resources.files("policykg.graph").joinpath(name)))
                         for name in ("build.py", "ids.py", "model.py", "numbering.py"))
_T = TypeVar("_T")


class StoreLost(PolicyKGError):
    """The store stopped answering and could not be reached again."""


class AliasError(PolicyKGError):
    """An alias cannot be recorded (the names are the same, already known, or no reason was given)."""


def extractor_fingerprint(files: list[Path]) -> str:
    """What a document's graph depends on besides the text: the alias files, policykg's extraction code and
    the data it reads (clause words, target words, document-number prefixes: words added with evidence change
    what a text gives as surely as code does), and the code that builds the graph of what it extracts.

    Stored with every version; when it differs, an unchanged file is read
    again (its content, and so its version, stay the same).
    """
    h = hashlib.sha256()
    for f in files:
        h.update(b"alias\0" + f.read_bytes() + b"\0")
    for source in sorted([*INGEST_PACKAGE.rglob("*.py"), *INGEST_PACKAGE.rglob("*.toml")]):
        h.update(source.relative_to(INGEST_PACKAGE).as_posix().encode() + b"\0" + source.read_bytes() + b"\0")
    for source in GRAPH_BUILD_CODE:
        h.update(b"graph/" + source.name.encode() + b"\0" + source.read_bytes() + b"\0")
    return h.hexdigest()[:16]


# -- one file: read, extract (in a worker process when --jobs > 1) -------------------------


@dataclass
class _Context:
    catalog: DepartmentCatalog
    plan: bool = False  # make each document's write too (``plan_load``): the run writes to a store


@dataclass
class Summary:
    """What the run reports of an extracted document and decides by, taken where it was extracted: the parent
    of the reader processes does not need the document itself for it."""

    document_id: str
    doc_number: str | None
    title: str | None
    provisions: int
    tasks: int
    targets: int
    unrecognised_clauses: list[dict[str, Any]]
    unassigned: list[str]
    ignored_columns: list[str]
    unknown_departments: list[str]
    warnings: list[str]

    @classmethod
    def of(cls, doc: ExtractedDocument) -> Summary:
        return cls(document_id(document_key(doc)), doc.document.doc_number, doc.document.title, len(doc.provisions),
                   len(doc.tasks), len(doc.targets), unrecognised_clauses(doc), unassigned_provisions(doc),
                   list(doc.ignored_columns), list(doc.unknown_departments), list(doc.warnings))


@dataclass
class Prepared:
    path: str
    size: int = 0
    file_hash: str | None = None
    status: str = "failed"  # extracted | unchanged | failed
    doc: ExtractedDocument | None = None  # None from a reader process: ``document()`` unpickles ``doc_blob``
    doc_blob: bytes | None = None
    summary: Summary | None = None  # of an extracted document
    plan: PlannedLoad | None = None  # its write, when the context asked for it and it could be made
    text: str | None = None
    format: str | None = None
    encoding: str | None = None
    guessed: bool = False
    pages: int | None = None
    document_id: str | None = None  # for unchanged files
    content_hash: str | None = None
    error: str | None = None
    internal: bool = False  # the error is a bug in policykg, not a problem of the file
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)  # about the file rather than its content (its name)

    def document(self) -> ExtractedDocument:
        """The extracted document (unpickled on first use when a reader process sent it: most loads only need
        its ``summary`` and ``plan``)."""
        if self.doc is None and self.doc_blob is not None:
            self.doc, self.doc_blob = pickle.loads(self.doc_blob), None
        assert self.doc is not None, "only an extracted file has a document"
        return self.doc

    def forget_document(self) -> None:
        self.doc = self.doc_blob = self.summary = self.plan = None
        self.text = None


_WORKER: _Context | None = None



def printable_path(path: Path | str) -> str:
    """``path`` as text that can be stored and printed: bytes that are not UTF-8 (kept by the file system as
    surrogate escapes) become U+FFFD, so the store, the report and the terminal all take it."""
    text = str(path)
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def stored_path(path: str) -> str:
    """The path kept with a version, which anyone with read access to the store (POST /cypher) can read:
    relative to the working directory when the file is under it, else its folder and name only."""
    p = Path(path)
    if not p.is_absolute():
        return path
    try:
        return str(p.relative_to(Path.cwd()))
    except ValueError:
        return str(Path(p.parent.name) / p.name)


def prepare(path: Path, ctx: _Context) -> Prepared:
    """Read and extract one file; never raises (a failure is the result's ``error``)."""
    from policykg.ingest.readers import file_bytes

    where = printable_path(path)
    try:
        data = file_bytes(Path(path), where)  # refused by its size before it is read
    except ReadError as exc:
        return Prepared(where, error=str(exc))
    result = prepare_bytes(data, where, ctx)
    if where != str(path):
        result.notes.append(_not_utf8_name(where))
    return result


def _not_utf8_name(where: str) -> str:
    return f"{where}: the file name has bytes that are not UTF-8 (shown as \ufffd); rename the file to keep its name exactly"


def prepare_bytes(data: bytes, path: str, ctx: _Context, name: str | None = None) -> Prepared:
    """Read and extract one document's bytes (``path`` names it in messages, ``name`` is its file name)."""
    from policykg.ingest.readers import read_bytes

    started = time.perf_counter()
    result = Prepared(path)
    try:
        result.size = len(data)
        result.file_hash = hashlib.sha256(data).hexdigest()
        read = read_bytes(data, str(path))
        result.format, result.encoding, result.guessed, result.pages = read.format, read.encoding, read.guessed, read.pages
        doc = extract_text(read.decoded(), name or Path(path).name, ctx.catalog, where=path)
        if read.warnings:
            doc.warnings[:0] = read.warnings
        result.status, result.doc, result.text, result.content_hash = "extracted", doc, read.text, doc.content_hash
        result.summary = Summary.of(doc)
        if ctx.plan:
            result.plan = _planned(doc)
    except (ReadError, ExtractionError) as exc:
        result.error = str(exc)
    except Exception as exc:  # a bug in a reader or parser: this file fails, the run goes on
        frame = traceback.extract_tb(exc.__traceback__)[-1]
        result.error = (f"{path}: internal error while reading it ({type(exc).__name__}: {exc} at "
                        f"{Path(frame.filename).name}:{frame.lineno}); please report this file")
        result.internal = True
    finally:
        result.seconds = time.perf_counter() - started
    return result


def _planned(doc: ExtractedDocument) -> PlannedLoad | None:
    """``plan_load(doc)``, or None when building its graph fails: the load builds it again then and reports
    the failure as a load's, naming the file, as it always did."""
    try:
        return plan_load(doc)
    except Exception:  # noqa: BLE001 - reported by the load, which meets it again
        return None


# a reader process's young generation: the collector runs when this many more container objects live than at its
# last run (Python's default, 700, has it walk each document's records as the document is returned)
READER_GC_THRESHOLD = 50_000


def settle_reader_process() -> None:
    """Set up a process that reads documents, once, before its first: what it has loaded by then (its modules,
    the department catalog its reading uses) lives as long as the process and is set aside from the cycle
    collector (``gc.freeze``), and the collector runs when tens of thousands more objects live, not hundreds.

    A document's reading makes no reference cycles (``extract_text`` pauses the collector while it works); what
    the collector did in a reader was walk the process's ~60,000 loaded objects again and again as the caches
    of a first pass grew (two full collections in a pass over 412 documents, 5% of its CPU time), and each
    document's records once as they were returned (2%). For reader processes only, which hold nothing but
    the ingest's reading: in a process that embeds policykg a freeze would keep any cycle among its own objects
    alive at that moment from ever being collected."""
    gc.freeze()
    gc.set_threshold(READER_GC_THRESHOLD, *gc.get_threshold()[1:])


def _init_worker(ctx: _Context, parent: int) -> None:
    """A reader process: dies with the ingest (kill -9 of the ingest must not leave readers behind)."""
    global _WORKER
    _WORKER = ctx
    settle_reader_process()
    if sys.platform.startswith("linux"):
        try:
            import ctypes
            import signal

            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:
        os._exit(1)  # the ingest died before this process got going

    def watch() -> None:  # where there is no PR_SET_PDEATHSIG
        while True:
            time.sleep(1.0)
            if os.getppid() != parent:
                os._exit(1)

    import threading

    threading.Thread(target=watch, daemon=True).start()


def _prepare_in_worker(path: str) -> Prepared:
    assert _WORKER is not None
    result = prepare(Path(path), _WORKER)
    if result.doc is not None:
        # sent as bytes, unpickled only where needed: a tree of pydantic models cost the parent ~2 ms a
        # document to unpickle, with the summary and the plan all a load needs of it as a rule
        result.doc_blob, result.doc = pickle.dumps(result.doc, pickle.HIGHEST_PROTOCOL), None
    return result


# files whose hashes one read of the store looks up
LOOKUP_BATCH = 100


class StoredLookup:
    """Whether the store holds a file of the run unchanged: asked by the file's hash before it is read, and by
    its text's hash after, a batch of files per indexed read (``GraphStore.current_versions``), in the
    ingest's own process. Nothing reads every stored document, so a run costs what its files cost, whatever
    the size of the store; and what earlier files of the run loaded is seen by the later ones."""

    def __init__(self, current_versions: Callable[..., list[StoredVersion]], extractor: str, force: bool) -> None:
        self.current_versions = current_versions  # GraphStore.current_versions (reconnecting when the server went)
        self.extractor = extractor
        self.force = force

    def unchanged(self, version: StoredVersion) -> bool:
        """Stored and read with the same alias files and extraction code: nothing to load (unless --force)."""
        return not self.force and version.extractor == self.extractor

    def settle(self, files: list[Path]) -> list[Prepared | None]:
        """Each file's result when the store holds its bytes unchanged (it is not read again), else None."""
        from policykg.ingest.readers import file_bytes

        if self.force:
            return [None] * len(files)
        hashed: list[tuple[str, int] | None] = []
        for f in files:
            try:
                data = file_bytes(Path(f), printable_path(f))
            except ReadError:
                hashed.append(None)  # the reader reports it, with the others' failures
                continue
            hashed.append((hashlib.sha256(data).hexdigest(), len(data)))
        stored = {v.file_hash: v for v in self.current_versions(file_hashes=[h[0] for h in hashed if h])
                  if self.unchanged(v)}
        out: list[Prepared | None] = []
        for f, h in zip(files, hashed):
            version = stored.get(h[0]) if h else None
            if h is None or version is None:
                out.append(None)
                continue
            where = printable_path(f)
            out.append(Prepared(where, size=h[1], file_hash=h[0], status="unchanged",
                                document_id=version.document_id, content_hash=version.content_hash,
                                notes=[_not_utf8_name(where)] if where != str(f) else []))
        return out

    def by_content(self, content_hash: str | None) -> str | None:
        """The stored document that has this text, read with the same fingerprint (its id), else None."""
        if self.force or not content_hash:
            return None
        found = [v for v in self.current_versions(content_hashes=[content_hash]) if self.unchanged(v)]
        return found[0].document_id if found else None


def _answered(files: list[Path], settle: Callable[[list[Path]], list[Prepared | None]] | None
              ) -> Iterator[tuple[Path, Prepared | None]]:
    for i in range(0, len(files), LOOKUP_BATCH):
        batch = files[i:i + LOOKUP_BATCH]
        yield from zip(batch, settle(batch) if settle is not None else [None] * len(batch))


def _prepared_in_order(files: list[Path], ctx: _Context, jobs: int,
                       settle: Callable[[list[Path]], list[Prepared | None]] | None = None) -> Iterator[Prepared]:
    """Results in the files' order. ``settle`` answers for the files it can without reading them (a batch at a
    time); the others are read and extracted, with jobs > 1 ahead of the loads in worker processes (bounded)."""
    answered = _answered(files, settle)
    if jobs <= 1 or len(files) < 2:
        for f, done in answered:
            yield done if done is not None else prepare(f, ctx)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    with ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context(method),
                             initializer=_init_worker, initargs=(ctx, os.getpid())) as pool:
        pending: deque[Prepared | Future[Prepared]] = deque()

        def fill() -> None:
            while len(pending) < jobs * 3:
                nxt = next(answered, None)
                if nxt is None:
                    return
                f, done = nxt
                pending.append(done if done is not None else pool.submit(_prepare_in_worker, str(f)))

        try:
            fill()
            while pending:
                head = pending.popleft()
                result = head if isinstance(head, Prepared) else head.result()
                fill()
                yield result
        finally:
            for fut in pending:
                if isinstance(fut, Future):
                    fut.cancel()


# -- the run ----------------------------------------------------------------------------------


@dataclass
class Outcome:
    """What happened to one file; the rows of the report."""

    path: str
    status: str  # new | replaced | reread | unchanged | duplicate | extracted | failed
    format: str | None = None
    encoding: str | None = None
    encoding_guessed: bool = False
    pages: int | None = None
    bytes: int = 0
    document_id: str | None = None
    doc_number: str | None = None
    title: str | None = None
    content_hash: str | None = None
    version: str | None = None
    previous_version: str | None = None
    same_as: str | None = None
    provisions: int | None = None
    tasks: int | None = None
    targets: int | None = None
    unrecognised_clauses: list[dict[str, Any]] = field(default_factory=list)
    unknown_departments: list[str] = field(default_factory=list)
    unassigned: list[str] = field(default_factory=list)  # numbers of provisions no unit is responsible for
    ignored_columns: list[str] = field(default_factory=list)  # table columns not read (their headers)
    warnings: list[str] = field(default_factory=list)
    error: str | None = None
    seconds: float = 0.0

    @property
    def ingested(self) -> bool:
        return self.status in ("new", "replaced", "reread", "extracted")


@dataclass
class IngestReport:
    started: str
    finished: str = ""
    seconds: float = 0.0
    store: str = "in memory"
    extractor: str = ""
    alias_files: list[str] = field(default_factory=list)
    outcomes: list[Outcome] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    excluded: list[str] = field(default_factory=list)
    ignored: dict[str, int] = field(default_factory=dict)
    skipped_resources: list[str] = field(default_factory=list)
    nodes: dict[str, int] = field(default_factory=dict)
    relationships: dict[str, int] = field(default_factory=dict)
    interrupted: str | None = None
    links: dict[str, int] = field(default_factory=dict)  # inferred links written after this run, by kind
    stub_documents: int = 0  # Document nodes standing for documents only cited, not ingested
    docs: list[ExtractedDocument] = field(default_factory=list, repr=False)  # only without a store

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def failed(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.status == "failed"]

    @property
    def ok(self) -> bool:
        return not self.failed and not self.missing and self.interrupted is None

    @property
    def bytes_read(self) -> int:
        return sum(o.bytes for o in self.outcomes)

    def unknown_departments(self) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {}
        for o in self.outcomes:
            for name in o.unknown_departments:
                found.setdefault(name, []).append(o.document_id or o.path)
        return dict(sorted(found.items()))

    def to_json(self) -> dict[str, Any]:
        totals = Counter(o.status for o in self.outcomes)
        return {
            "started": self.started, "finished": self.finished, "seconds": round(self.seconds, 3),
            "store": self.store, "extractor": self.extractor, "alias_files": self.alias_files,
            "totals": {"files": len(self.outcomes), **{k: totals.get(k, 0) for k in
                       ("new", "replaced", "reread", "unchanged", "duplicate", "extracted", "failed")},
                       "missing": len(self.missing), "excluded": len(self.excluded),
                       "ignored": sum(self.ignored.values()), "bytes": self.bytes_read},
            "interrupted": self.interrupted,
            "documents": [asdict(o) for o in self.outcomes],
            "missing": self.missing, "excluded": self.excluded, "ignored": self.ignored,
            "skipped_resources": self.skipped_resources,
            "unknown_departments": self.unknown_departments(),
            "graph": {"nodes": self.nodes, "relationships": self.relationships, "stub_documents": self.stub_documents},
            "inferred_links": self.links,
        }


def unassigned_provisions(doc: ExtractedDocument) -> list[str]:
    """Numbers of the innermost provisions no unit is responsible for: no clause of their own names one, and
    none of a provision above them does (a heading's clause covers its items)."""
    numbering = Numbering(doc)  # a number the document prints twice is two provisions
    key = {id(p): numbering.key(p.number, p.span.start) for p in doc.provisions}
    above = {key[id(p)]: numbering.key(p.parent, p.span.start) if p.parent else None for p in doc.provisions}
    parents = {k for k in above.values() if k}
    assigned = {numbering.key(t.number, t.span.start) for t in doc.tasks if t.leads or t.cooperates or t.implementers}

    def covered(k: str | None) -> bool:
        seen = set()
        while k and k not in seen:
            if k in assigned:
                return True
            seen.add(k)
            k = above.get(k)
        return False

    return [p.number for p in doc.provisions if key[id(p)] not in parents and not covered(key[id(p)])]


def unrecognised_clauses(doc: ExtractedDocument) -> list[dict[str, Any]]:
    """Responsibility clauses naming a unit the alias file does not know, or no unit at all."""
    found = []
    for t in doc.tasks:
        names = [u.surface for u in t.units if not u.known and not u.collective]
        if names:
            found.append({"number": t.number, "clause": t.clause, "names": list(dict.fromkeys(names))})
    for w in doc.warnings:
        if "names no unit" in w:
            found.append({"number": w.split(":", 1)[0].removeprefix("provision "), "clause": None, "names": [],
                          "note": w})
    return found


def run_ingest(files: list[Path], *, open_store: Callable[[], GraphStore] | None, catalog: DepartmentCatalog,
               extractor: str, force: bool = False, jobs: int = 1,
               on_result: Callable[[Outcome], None] | None = None) -> IngestReport:
    """Ingest ``files`` in order into the store ``open_store()`` gives (None: extract only, in memory)."""

    report = IngestReport(started=now_utc(), extractor=extractor)
    t0 = time.perf_counter()
    store = open_store() if open_store else None
    if store is not None:
        lock = store.writer_lock("policykg ingest")
        lock.__enter__()  # WriterBusy: another ingest writes to this store; this one has not read anything yet
    try:
        return _run(files, report, t0, store, open_store, catalog, extractor, force, jobs, on_result)
    finally:
        if store is not None:
            lock.__exit__(None, None, None)


def _run(files: list[Path], report: IngestReport, t0: float, store: GraphStore | None,
         open_store: Callable[[], GraphStore] | None, catalog: DepartmentCatalog, extractor: str, force: bool,
         jobs: int, on_result: Callable[[Outcome], None] | None) -> IngestReport:
    if store is not None:
        store.ensure_schema()  # the indexes the run looks files up by, before its first write
        store.upgrade()  # a store an earlier policykg wrote: the keys loads look documents up by
        report.store = store.describe()
    # reader processes make each document's write too (the parent only reads the store and writes); in one
    # process that would only be done again by the loads whose references the store resolves: loads build it
    ctx = _Context(catalog, plan=store is not None and jobs > 1 and len(files) > 1)
    seen: dict[str, tuple[str, str | None]] = {}  # doc id -> (file, content hash) in this run

    def finish(outcome: Outcome) -> None:
        report.outcomes.append(outcome)
        if on_result is not None:
            on_result(outcome)

    def reconnecting(call: Callable[[GraphStore], _T]) -> _T:
        nonlocal store
        assert store is not None and open_store is not None
        for attempt in (1, 2, 3):
            try:
                return call(store)
            except (StoreUnavailable, ServerNotRunning) as exc:
                # the server went away (killed, restarted): a write was all or nothing and a read changes
                # nothing, so it is safe to start or reach the server again and do the same again
                if attempt == 3:
                    raise StoreLost(str(exc)) from exc
                time.sleep(0.5 * attempt)
                try:
                    store.close()
                except Exception:  # noqa: BLE001 - closing a dead connection
                    pass
                try:
                    store = open_store()
                except (ServerStartError, StoreError) as again:
                    raise StoreLost(f"{exc}; reconnecting failed: {again}") from again
        raise AssertionError("unreachable")

    def load(prep: Prepared, source: DocumentSource) -> LoadReport:
        plan = prep.plan
        if plan is None:
            return reconnecting(lambda st: st.load_document(prep.document(), source))
        return reconnecting(lambda st: st.load_planned(plan, prep.document, source))

    lookup = None
    if store is not None:
        lookup = StoredLookup(lambda **hashes: reconnecting(lambda st: st.current_versions(**hashes)), extractor, force)
    try:
        for prep in _prepared_in_order(files, ctx, jobs, lookup.settle if lookup is not None else None):
            if lookup is not None and prep.summary is not None and prep.summary.document_id not in seen:
                stored_id = lookup.by_content(prep.content_hash)  # read again, to the same text: nothing to load
                if stored_id is not None:
                    prep.status, prep.document_id = "unchanged", stored_id
                    prep.forget_document()
            o = Outcome(prep.path, "failed", prep.format, prep.encoding, prep.guessed, prep.pages, prep.size,
                        seconds=prep.seconds, content_hash=prep.content_hash, warnings=list(prep.notes))
            if prep.status == "failed":
                o.error = prep.error
                finish(o)
                continue
            if prep.status == "unchanged":
                assert prep.document_id is not None
                did = prep.document_id
                o.document_id = did
                earlier = seen.get(did)
                if earlier and earlier[1] != prep.content_hash:
                    o.error = (f"{prep.path}: is an earlier version of {did}, which {earlier[0]} in this run "
                               f"replaced; not loaded (one version of a document per run)")
                elif earlier:
                    o.status, o.same_as = "duplicate", earlier[0]
                else:
                    o.status = "unchanged"
                    seen[did] = (prep.path, prep.content_hash)
                finish(o)
                continue
            summary = prep.summary
            assert summary is not None  # an extracted file has its summary
            did = summary.document_id
            o.document_id, o.doc_number, o.title = did, summary.doc_number, summary.title
            o.provisions, o.tasks, o.targets = summary.provisions, summary.tasks, summary.targets
            o.unrecognised_clauses = summary.unrecognised_clauses
            o.unassigned = summary.unassigned
            o.ignored_columns = summary.ignored_columns
            o.unknown_departments = summary.unknown_departments
            o.warnings = list(prep.notes) + summary.warnings
            earlier = seen.get(did)
            if earlier is not None:
                if earlier[1] == prep.content_hash:
                    o.status, o.same_as = "duplicate", earlier[0]
                else:
                    o.error = (f"{prep.path}: another version of {did}, which {earlier[0]} already is in this run; "
                               f"not loaded (ingest it on its own to make it the current version)")
                o.unknown_departments, o.unrecognised_clauses, o.unassigned, o.ignored_columns = [], [], [], []
                finish(o)
                continue
            if store is None:
                seen[did] = (prep.path, prep.content_hash)
                o.status = "extracted"
                report.docs.append(prep.document())
                finish(o)
                continue
            source = DocumentSource(text=prep.text, path=stored_path(prep.path), file_hash=prep.file_hash,
                                    format=prep.format, encoding=prep.encoding, extractor=extractor)
            t_load = time.perf_counter()
            try:
                loaded = load(prep, source)
            except (StoreLost, StoreFailure):
                raise  # the store, not this document: the run stops with one message
            except (QueryError, StoreError) as exc:
                o.error = f"{prep.path}: the store refused the document, nothing of it was written ({exc})"
                finish(o)
                continue
            except Exception as exc:  # a bug in building or loading this document's graph: the run goes on
                frame = traceback.extract_tb(exc.__traceback__)[-1]
                o.error = (f"{prep.path}: internal error while loading it ({type(exc).__name__}: {exc} at "
                           f"{Path(frame.filename).name}:{frame.lineno}); please report this file")
                finish(o)
                continue
            o.seconds += time.perf_counter() - t_load
            # a duplicate is decided against documents that loaded: a copy of a file that failed is loaded
            seen[did] = (prep.path, prep.content_hash)
            o.version, o.previous_version = loaded.version, loaded.previous_version
            if not loaded.replaced:
                o.status = "new"
            elif loaded.new_version:
                o.status = "replaced"
            else:
                o.status = "reread"
            finish(o)
    except StoreLost as exc:
        report.interrupted = (f"the graph store stopped answering ({exc}); {sum(o.ingested for o in report.outcomes)} "
                              f"documents were loaded. Run the same command again to finish: documents already "
                              f"in the store are skipped")
    except StoreFailure as exc:
        report.interrupted = (f"{exc}. {sum(o.ingested for o in report.outcomes)} documents were loaded before; "
                              "every document is in the store whole or not at all. Run the same command again "
                              "once the store works: documents already in it are skipped")
    except KeyboardInterrupt:
        report.interrupted = ("interrupted; every document is in the store whole or not at all. Run the same "
                              "command again to finish: documents already in the store are skipped")
    if store is not None and report.interrupted is None:
        if any(o.ingested for o in report.outcomes):
            # inferred cross-level links: recompute those whose inputs the loaded documents changed (the
            # same links as policykg link gives, graph.linking.incremental)
            report.links = store.relink(changed=[o.document_id for o in report.outcomes
                                                 if o.ingested and o.document_id], jobs=jobs).links
        counts = store.counts()
        report.nodes, report.relationships = counts.nodes, counts.relationships
        stubs = store.rows("MATCH (d:Document) WHERE coalesce(d.stub, false) RETURN count(d) AS n")
        report.stub_documents = stubs[0]["n"] if stubs else 0
        store.close()
    elif store is None:
        from policykg.graph.build import build_graph

        graph = build_graph(report.docs)
        in_memory = graph.counts()
        report.stub_documents = sum(1 for n in graph.nodes.values() if n.label == "Document" and n.props.get("stub"))
        report.nodes, report.relationships = in_memory["nodes"], in_memory["edges"]
    report.finished = now_utc()
    report.seconds = time.perf_counter() - t0
    return report


def write_json_report(report: IngestReport, path: Path) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    text = json.dumps(report.to_json(), ensure_ascii=False, indent=1) + "\n"
    # a path the file system gave with bytes that are not UTF-8 (missing, excluded) must not stop the report
    tmp.write_bytes(text.encode("utf-8", "replace"))
    os.replace(tmp, path)


# the documents that name a department ``d``, from its relationships' doc_id (no node keeps that list: it
# would grow with the corpus): its clauses, the documents it issued, and every table row quoting a task it
# leads or cooperates on with it among the row's units (a quoted task's edge holds one row's doc_id only)
DOCUMENTS_NAMING = (
    "[(d)-[r1:LEADS|COOPERATES_ON]->(:Task) | r1.doc_id] + [(d)<-[r2:ISSUED_BY]-(:Document) | r2.doc_id] + "
    "[(d)-[:LEADS|COOPERATES_ON]->(u:Task)<-[c:CASCADES_FROM]-(:Task) WHERE u.stub = true "
    "AND (d.id IN coalesce(c.province_leads, []) OR d.id IN coalesce(c.province_cooperates, [])) | c.doc_id]"
)
DEPARTMENTS_QUERY = (
    "MATCH (d:Department) "
    "RETURN d.name AS name, d.level AS level, d.region AS region, coalesce(d.known, true) AS known, "
    "coalesce(d.collective, false) AS collective, "
    "size([(d)-[r1:LEADS|COOPERATES_ON]->(:Task) | 1]) AS clauses, "
    f"coalesce(d.aliases, []) AS written, {DOCUMENTS_NAMING} AS documents "
    "ORDER BY clauses DESC, name"
)


def _document_keys(ids: list[Any]) -> list[str]:
    """Distinct document ids without their ``doc:`` prefix, sorted."""
    out = dict.fromkeys(d[len("doc:"):] if d.startswith("doc:") else d for d in ids if isinstance(d, str))
    return sorted(out)


def department_rows(st, unknown_only: bool = False) -> list[dict[str, Any]]:
    rows = st.rows(DEPARTMENTS_QUERY, row_cap=1_000_000)
    if unknown_only:
        rows = [r for r in rows if not r["known"] and not r["collective"]]
    for r in rows:
        r["documents"] = _document_keys(r["documents"])
    return rows


def _toml_string(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a valid TOML basic string


def record_alias(path: Path, name: str, canonical: str, level: str | None, reason: str) -> None:
    """Append an alias to the user alias file (written whole to a temporary file, then renamed)."""
    import tomllib

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    old = path.read_text(encoding="utf-8") if path.is_file() else (
        "# Department aliases recorded with `policykg departments --merge NAME CANONICAL --reason …`.\n"
        "# Read by every ingest after policykg's own alias file (ingest/data/departments.toml);\n"
        "# an entry here wins over it. Edit or delete entries by hand if one was wrong.\n")
    when = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    entry = ("\n[[organisation]]\n"
             f"name = {_toml_string(canonical)}\n"
             + (f"level = {_toml_string(level)}\n" if level else "")
             + f"aliases = [{_toml_string(name)}]\n"
             f"reason = {_toml_string(reason)}\n"
             f"recorded = {_toml_string(when)}\n")
    new = old + ("" if old.endswith("\n") else "\n") + entry
    tomllib.loads(new)  # never leave a file the next ingest cannot read
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(new, encoding="utf-8")
    os.replace(tmp, path)




# -- the service ------------------------------------------------------------------------------------


def user_alias_file(settings: Settings) -> Path:
    return settings.resolved_data_dir() / USER_ALIAS_FILE


def load_catalog(files: list[Path]) -> DepartmentCatalog:
    try:
        return DepartmentCatalog.load(*files)
    except (OSError, ValueError) as exc:  # tomllib.TOMLDecodeError is a ValueError
        raise ConfigurationError(f"the alias files cannot be read: {exc}") from exc


@dataclass
class MergeResult:
    path: Path
    name: str
    canonical: str
    known_target: bool
    reread: list[str] = field(default_factory=list)  # document ids read again with the new alias
    not_reread: list[str] = field(default_factory=list)  # loaded without their text


class Ingestion:
    """Reading, extraction, loading, versions, aliases and the report, for every entry point."""

    def __init__(self, settings: Settings, open_store: Callable[[], GraphStore] | None = None) -> None:
        self.settings = settings
        self._open_store = open_store
        self.alias_files = alias_files(settings.resolved_data_dir())
        self.catalog = load_catalog(self.alias_files)
        self.fingerprint = extractor_fingerprint(self.alias_files)

    def open_store(self) -> GraphStore:
        if self._open_store is not None:
            return self._open_store()
        from policykg.graph.stores.factory import open_store

        return open_store(self.settings)

    def ingest(self, files: list[Path], *, force: bool = False, jobs: int = 1, store: bool = True,
               on_result: Callable[[Outcome], None] | None = None) -> IngestReport:
        """Ingest ``files`` in order (``store=False``: extract and build the graph in memory only)."""
        report = run_ingest(files, open_store=self.open_store if store else None, catalog=self.catalog,
                            extractor=self.fingerprint, force=force, jobs=jobs, on_result=on_result)
        report.alias_files = [str(f) for f in self.alias_files]
        return report

    def extract(self, files: list[Path]) -> tuple[list[ExtractedDocument], list[str]]:
        """Every file read and extracted, in order, none loaded; with a message for each that failed."""
        ctx = _Context(self.catalog)
        docs, failures = [], []
        for f in files:
            prep = prepare(f, ctx)
            if prep.doc is not None:
                docs.append(prep.doc)
            else:
                failures.append(prep.error or f"{f}: not read")
        return docs, failures

    def ingest_upload(self, data: bytes, name: str, store: GraphStore) -> tuple[ExtractedDocument, Any]:
        """One uploaded document into ``store``, as ``ingest`` loads a file: source text, file hash, fingerprint.

        Raises ``ReadError``/``ExtractionError`` for a document that cannot be read, ``StoreError`` when the
        store refuses it (nothing of it is written then). Returns the document and the load report.
        """
        return self.load_upload(self.prepare_upload(data, name), store)

    def prepare_upload(self, data: bytes, name: str) -> Prepared:
        """Read and extract an uploaded document (the API does this in a worker process: ``prepare_upload``)."""
        ctx = _Context(self.catalog)
        prep = prepare_bytes(data, name, ctx, name=name)
        if prep.doc is None:
            if prep.internal:
                raise PolicyKGError(prep.error or f"{name}: not read")
            raise ReadError(prep.error or f"{name}: not read")
        return prep

    def load_upload(self, prep: Prepared, store: GraphStore) -> tuple[ExtractedDocument, Any]:
        """An upload read by ``prepare_upload`` into ``store``, with its relinking."""
        assert prep.doc is not None
        source = DocumentSource(text=prep.text, path=None, file_hash=prep.file_hash, format=prep.format,
                                encoding=prep.encoding, extractor=self.fingerprint)
        loaded = store.load_document(prep.doc, source)
        store.relink(changed=[loaded.document_id])  # only the links whose inputs the upload changed
        return prep.doc, loaded

    # -- aliases -------------------------------------------------------------------------------
    def merge_alias(self, name: str, canonical: str, reason: str | None, *, reread: bool = True) -> MergeResult:
        """Record that ``name`` (as written) is the department ``canonical``; read its documents again."""
        name, canonical = compact(name), compact(canonical)
        if not name or not canonical or name == canonical:
            raise AliasError("--merge needs two different names: NAME (as written) and CANONICAL")
        if not reason or not reason.strip():
            raise AliasError("say why with --reason \"…\" (it is kept with the alias, for whoever reads the alias "
                             "file next)")
        current = self.catalog.resolve(name)
        if current.known and current.name != name:
            raise AliasError(f"{name} is already known as {current.name}; edit the alias files to change that")
        target = self.catalog.resolve(canonical)
        if target.known and target.name != canonical:
            canonical = target.name  # merge into what the catalog calls it
        path = user_alias_file(self.settings)
        record_alias(path, name, canonical, target.level, reason.strip())
        result = MergeResult(path, name, canonical, target.known)
        # what was read with the old files no longer holds
        self.alias_files = alias_files(self.settings.resolved_data_dir())
        self.catalog = load_catalog(self.alias_files)
        self.fingerprint = extractor_fingerprint(self.alias_files)
        if reread:
            result.reread, result.not_reread = self.reread_naming(name)
        return result

    def reread_naming(self, name: str) -> tuple[list[str], list[str]]:
        """Read the documents that name ``name`` again, from the text stored with their current version."""
        done, missing = [], []
        with self.open_store() as st:
            docs = st.rows("MATCH (d:Department) WHERE d.name = $name OR $name IN coalesce(d.aliases, []) "
                           f"RETURN {DOCUMENTS_NAMING} AS docs", {"name": name})
            for did in sorted({d for r in docs for d in (r["docs"] or []) if d}):
                current = [v for v in st.document_versions(did) if v["current"]]
                body = st.version_text(current[0]["id"]) if current and current[0]["has_text"] else None
                if body is None:
                    missing.append(did)
                    continue
                v = current[0]
                doc = extract_text(DecodedText(body, v["encoding"] or "utf-8", False), v["file"] or did, self.catalog)
                st.load_document(doc, DocumentSource(text=body, path=v["path"], format=v["format"],
                                                     encoding=v["encoding"], extractor=self.fingerprint))
                done.append(did)
        return done, missing


def prepare_upload(settings: Settings, data: bytes, name: str) -> Prepared:
    """``Ingestion(settings).prepare_upload``, as a function a worker process can be handed."""
    return Ingestion(settings).prepare_upload(data, name)
