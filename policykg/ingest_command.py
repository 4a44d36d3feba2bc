"""`policykg ingest`, `policykg departments` and `policykg versions`: folders of documents into the graph.

Ingesting is loss-free and repeatable:

* every file is read by the reader for its format (ingest/readers), extracted
  and loaded on its own, whole or not at all; a file that cannot be read is
  reported with its path and the reason, and the others still go in;
* each loaded version is recorded with its content hash, file hash and the
  fingerprint of what it was read with (the alias files and the extraction
  code), so a second run over the same folder finds every document
  unchanged, reads nothing and says so; a document whose content changed
  replaces its previous version, which stays addressable as a
  DocumentVersion (``policykg versions``);
* an interrupted run (Ctrl-C, kill -9 of the ingest or of the store server)
  leaves every document whole or absent, and running the same command again
  finishes the job: what is already in the store is skipped.

Department names the alias file does not know are kept as written and listed
(per document in the report, across the store with ``policykg departments
--unknown``); ``policykg departments --merge NAME CANONICAL --reason …``
records an alias, with the person's reason, in the user alias file of the
data directory, which every later ingest reads after the bundled one.
"""
from __future__ import annotations

import hashlib
from importlib import resources
import json
import os
import sys
import time
import traceback
from collections import Counter, deque
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Annotated, Any, Callable, Iterator, Optional

import typer
from rich.table import Table

from policykg.graph.ids import document_id, document_key
from policykg.ingest.departments import DATA_FILE, DepartmentCatalog
from policykg.ingest.extract import ExtractionError
from policykg.ingest.reading import ReadError
from policykg.ingest.records import ExtractedDocument

from .console import out, err
from .store_commands import DataOption, OutputFormat, StoreKind, StoreOption, open_store_or_exit, print_rows


USER_ALIAS_FILE = "departments.user.toml"
INGEST_PACKAGE = Path(str(resources.files("policykg.ingest")))
MAX_WARNING_LINES = 40

# -- what a run reads with ---------------------------------------------------------------


def data_dir_of(data: Path | None) -> Path:
    from policykg.graph.stores.falkordb_server import default_data_dir

    return Path(data).expanduser().resolve() if data else default_data_dir()


def user_alias_file(data: Path | None) -> Path:
    return data_dir_of(data) / USER_ALIAS_FILE


def alias_files(data: Path | None) -> list[Path]:
    """The bundled alias file, then the user's (``departments --merge``) when there is one."""
    user = user_alias_file(data)
    return [DATA_FILE, user] if user.is_file() else [DATA_FILE]


def load_catalog(data: Path | None) -> DepartmentCatalog:
    return DepartmentCatalog.load(*alias_files(data))


def extractor_fingerprint(files: list[Path]) -> str:
    """What an extraction depends on besides the text: the alias files and policykg's extraction code.

    Stored with every version; when it differs, an unchanged file is read
    again (its content, and so its version, stay the same).
    """
    h = hashlib.sha256()
    for f in files:
        h.update(b"alias\0" + f.read_bytes() + b"\0")
    for source in sorted(INGEST_PACKAGE.rglob("*.py")):
        h.update(source.relative_to(INGEST_PACKAGE).as_posix().encode() + b"\0" + source.read_bytes() + b"\0")
    return h.hexdigest()[:16]


# -- one file: read, extract (in a worker process when --jobs > 1) -------------------------


@dataclass
class _Context:
    catalog: DepartmentCatalog
    extractor: str
    force: bool
    documents: dict[str, dict[str, Any]]
    by_file_hash: dict[str, str]
    by_content_hash: dict[str, str]


@dataclass
class Prepared:
    path: str
    size: int = 0
    file_hash: str | None = None
    status: str = "failed"  # extracted | unchanged | failed
    doc: ExtractedDocument | None = None
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


_WORKER: _Context | None = None


def _unchanged(ctx: _Context, doc_id: str | None) -> bool:
    if ctx.force or doc_id is None:
        return False
    stored = ctx.documents.get(doc_id)
    return stored is not None and stored.get("extractor") == ctx.extractor


def prepare(path: Path, ctx: _Context) -> Prepared:
    """Read and extract one file; never raises (a failure is the result's ``error``)."""
    from policykg.ingest.readers import read_bytes
    from policykg.ingest.extract import extract_text

    started = time.perf_counter()
    result = Prepared(str(path))
    try:
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            raise ReadError(f"{path}: cannot read ({exc.strerror or exc})") from exc
        result.size = len(data)
        result.file_hash = hashlib.sha256(data).hexdigest()
        doc_id = ctx.by_file_hash.get(result.file_hash)
        if _unchanged(ctx, doc_id):
            result.status, result.document_id = "unchanged", doc_id
            result.content_hash = ctx.documents[doc_id].get("content_hash")
            return result
        read = read_bytes(data, str(path))
        result.format, result.encoding, result.guessed, result.pages = read.format, read.encoding, read.guessed, read.pages
        content_hash = hashlib.sha256(read.text.encode("utf-8")).hexdigest()
        doc_id = ctx.by_content_hash.get(content_hash)
        if _unchanged(ctx, doc_id):
            result.status, result.document_id, result.content_hash = "unchanged", doc_id, content_hash
            return result
        doc = extract_text(read.decoded(), Path(path).name, ctx.catalog, where=str(path))
        if read.warnings:
            doc.warnings[:0] = read.warnings
        result.status, result.doc, result.text, result.content_hash = "extracted", doc, read.text, doc.content_hash
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


def _init_worker(ctx: _Context, parent: int) -> None:
    """A reader process: dies with the ingest (kill -9 of the ingest must not leave readers behind)."""
    global _WORKER
    _WORKER = ctx
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
    return prepare(Path(path), _WORKER)


def _prepared_in_order(files: list[Path], ctx: _Context, jobs: int) -> Iterator[Prepared]:
    """Results in the files' order; with jobs > 1 the reading runs ahead in worker processes (bounded)."""
    if jobs <= 1 or len(files) < 2:
        for f in files:
            yield prepare(f, ctx)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    with ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context(method),
                             initializer=_init_worker, initargs=(ctx, os.getpid())) as pool:
        pending: deque = deque()
        it = iter(files)
        try:
            for f in it:
                pending.append(pool.submit(_prepare_in_worker, str(f)))
                if len(pending) >= jobs * 3:
                    break
            while pending:
                result = pending.popleft().result()
                nxt = next(it, None)
                if nxt is not None:
                    pending.append(pool.submit(_prepare_in_worker, str(nxt)))
                yield result
        finally:
            for fut in pending:
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
            "graph": {"nodes": self.nodes, "relationships": self.relationships},
            "inferred_links": self.links,
        }


class StoreLost(Exception):
    """The store stopped answering and could not be reached again."""


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


def run_ingest(files: list[Path], *, open_store: Callable[[], Any] | None, catalog: DepartmentCatalog,
               extractor: str, force: bool = False, jobs: int = 1,
               on_result: Callable[[Outcome], None] | None = None) -> IngestReport:
    """Ingest ``files`` in order into the store ``open_store()`` gives (None: extract only, in memory)."""
    from policykg.graph.stores.base import DocumentSource, StoredState, now_utc
    from policykg.graph.stores.errors import QueryError, ServerNotRunning, ServerStartError, StoreError, StoreUnavailable

    report = IngestReport(started=now_utc(), extractor=extractor)
    t0 = time.perf_counter()
    store = open_store() if open_store else None
    state = store.stored_state() if store is not None else StoredState()
    if store is not None:
        report.store = store.describe()
    ctx = _Context(catalog, extractor, force, state.documents, state.by_file_hash, state.by_content_hash)
    seen: dict[str, tuple[str, str | None]] = {}  # doc id -> (file, content hash) in this run

    def finish(outcome: Outcome) -> None:
        report.outcomes.append(outcome)
        if on_result is not None:
            on_result(outcome)

    def load(doc: ExtractedDocument, source: DocumentSource):
        nonlocal store
        for attempt in (1, 2, 3):
            try:
                return store.load_document(doc, source)
            except (StoreUnavailable, ServerNotRunning) as exc:
                # the server went away (killed, restarted): the write was all or nothing, so it is safe
                # to start or reach the server again and load the same document again
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

    try:
        for prep in _prepared_in_order(files, ctx, jobs):
            o = Outcome(prep.path, "failed", prep.format, prep.encoding, prep.guessed, prep.pages, prep.size,
                        seconds=prep.seconds, content_hash=prep.content_hash)
            if prep.status == "failed":
                o.error = prep.error
                finish(o)
                continue
            if prep.status == "unchanged":
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
            doc = prep.doc
            did = document_id(document_key(doc))
            o.document_id, o.doc_number, o.title = did, doc.document.doc_number, doc.document.title
            o.provisions, o.tasks, o.targets = len(doc.provisions), len(doc.tasks), len(doc.targets)
            o.unrecognised_clauses = unrecognised_clauses(doc)
            o.unknown_departments = list(doc.unknown_departments)
            o.warnings = list(doc.warnings)
            earlier = seen.get(did)
            if earlier is not None:
                if earlier[1] == doc.content_hash:
                    o.status, o.same_as = "duplicate", earlier[0]
                else:
                    o.error = (f"{prep.path}: another version of {did}, which {earlier[0]} already is in this run; "
                               f"not loaded (ingest it on its own to make it the current version)")
                o.unknown_departments, o.unrecognised_clauses = [], []
                finish(o)
                continue
            seen[did] = (prep.path, doc.content_hash)
            if store is None:
                o.status = "extracted"
                report.docs.append(doc)
                finish(o)
                continue
            stored = state.documents.get(did)
            source = DocumentSource(text=prep.text, path=prep.path, file_hash=prep.file_hash, format=prep.format,
                                    encoding=prep.encoding, extractor=extractor)
            t_load = time.perf_counter()
            try:
                loaded = load(doc, source)
            except StoreLost:
                raise
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
            o.version, o.previous_version = loaded.version, loaded.previous_version
            if stored is None and not loaded.replaced:
                o.status = "new"
            elif loaded.new_version:
                o.status = "replaced"
            else:
                o.status = "reread"
            state.documents[did] = {"content_hash": doc.content_hash, "extractor": extractor}
            finish(o)
    except StoreLost as exc:
        report.interrupted = (f"the graph store stopped answering ({exc}); {sum(o.ingested for o in report.outcomes)} "
                              f"documents were loaded. Run the same command again to finish: documents already "
                              f"in the store are skipped")
    except KeyboardInterrupt:
        report.interrupted = ("interrupted; every document is in the store whole or not at all. Run the same "
                              "command again to finish: documents already in the store are skipped")
    if store is not None and report.interrupted is None:
        if any(o.ingested for o in report.outcomes):
            # inferred cross-level links depend on every stored document: recompute them (policykg link)
            report.links = store.relink().links
        counts = store.counts()
        report.nodes, report.relationships = counts.nodes, counts.relationships
        store.close()
    elif store is None:
        from policykg.graph.build import build_graph

        counts = build_graph(report.docs).counts()
        report.nodes, report.relationships = counts["nodes"], counts["edges"]
    report.finished = now_utc()
    report.seconds = time.perf_counter() - t0
    return report


# -- the report for people ---------------------------------------------------------------------

STATUS_STYLE = {"new": "green", "replaced": "cyan", "reread": "cyan", "unchanged": "dim", "duplicate": "yellow",
                "extracted": "green", "failed": "red"}


def _format_label(o: Outcome) -> str:
    if not o.format:
        return "-"
    if o.format == "txt" or o.format == "html":
        return f"{o.format} {o.encoding}" + (" (guessed)" if o.encoding_guessed else "")
    if o.format == "pdf" and o.pages:
        return f"pdf, {o.pages} p."
    return o.format


def _short(path: str, base: Path | None) -> str:
    if base is not None:
        try:
            return Path(path).resolve().relative_to(base).as_posix()
        except ValueError:
            pass
    return path


def print_report(report: IngestReport, base: Path | None = None) -> None:
    ingested = sum(o.ingested for o in report.outcomes)
    failed = len(report.failed) + len(report.missing)
    unchanged = report.count("unchanged")
    head = f"[bold]policykg[/bold]: {ingested} documents ingested, {failed} failed"
    extra = [f"{n} {label}" for n, label in ((unchanged, "unchanged"), (report.count("duplicate"), "duplicate"))
             if n]
    if extra:
        head += ", " + ", ".join(extra)
    out.print(head + f"; graph {report.store}", highlight=False)
    shown = [o for o in report.outcomes if o.status not in ("unchanged",)]
    if shown:
        table = Table("file", "read as", "status", "doc number", "provisions", "tasks", "unrecognised", "unknown",
                      "targets", "warnings")
        for column in table.columns[:4]:
            column.overflow = "fold"
        for o in shown:
            status = f"[{STATUS_STYLE.get(o.status, '')}]{o.status}[/]"
            if o.status == "duplicate":
                status += f" of {_short(o.same_as or '', base)}"
            table.add_row(_short(o.path, base), _format_label(o), status, o.doc_number or ("-" if o.ingested else ""),
                          _n(o.provisions), _n(o.tasks), _n(len(o.unrecognised_clauses) if o.ingested else None),
                          _n(len(o.unknown_departments) if o.ingested else None), _n(o.targets),
                          _n(len(o.warnings) if o.ingested else None))
        out.print(table)
    if unchanged and unchanged == len(report.outcomes):
        out.print(f"nothing changed: all {unchanged} documents are in the store as they are "
                  f"(same content hashes, read with the same alias files and policykg)", highlight=False)
    elif unchanged:
        out.print(f"{unchanged} documents unchanged (same content hashes as in the store): skipped", highlight=False)
    if report.relationships or report.nodes:
        counts = Table("node label", "count", "relationship type", "count")
        node_rows, edge_rows = list(report.nodes.items()), list(report.relationships.items())
        for i in range(max(len(node_rows), len(edge_rows))):
            n = node_rows[i] if i < len(node_rows) else ("", "")
            e = edge_rows[i] if i < len(edge_rows) else ("", "")
            counts.add_row(n[0], str(n[1]), e[0], str(e[1]))
        out.print(counts)
    if report.links:
        out.print("cross-level links inferred (policykg link): "
                  + ", ".join(f"{n} {kind}" for kind, n in sorted(report.links.items())), highlight=False)
    unknown = report.unknown_departments()
    if unknown:
        out.print(f"[yellow]{len(unknown)} departments not in the alias file[/yellow] (kept as written): "
                  + "、".join(unknown), highlight=False)
        out.print("  list them all: policykg departments --unknown; record one: "
                  "policykg departments --merge NAME CANONICAL --reason \"…\"", highlight=False)
    lines = [(o.path, w) for o in report.outcomes if o.ingested for w in o.warnings]
    for path, w in lines[:MAX_WARNING_LINES]:
        out.print(f"[yellow]warning[/yellow] {_short(path, base)}: {w}", highlight=False)
    if len(lines) > MAX_WARNING_LINES:
        out.print(f"… and {len(lines) - MAX_WARNING_LINES} more warnings (all of them in the JSON report: "
                  f"--report FILE)", highlight=False)
    if report.ignored:
        kinds = ", ".join(f"{n} {ext}" for ext, n in sorted(report.ignored.items(), key=lambda x: -x[1]))
        out.print(f"not documents, not read: {kinds}", highlight=False)
    if report.excluded:
        out.print(f"excluded by --exclude: {len(report.excluded)}", highlight=False)
    if failed:
        out.print(f"[red]{failed} not ingested[/red]:", highlight=False)
        for path in report.missing:
            out.print(f"  {path}: no such file or folder", highlight=False)
        for o in report.failed:
            out.print(f"  {o.error}", highlight=False)
    if report.interrupted:
        out.print(f"[red]stopped:[/red] {report.interrupted}", highlight=False)
    _print_summary()


def _n(value: int | None) -> str:
    return "" if value is None else str(value)


def _print_summary() -> None:
    out.print("\nWhere to look next:\n"
              "  policykg query                                   the query catalog\n"
              "  policykg query department-leads -p name=市发展改革委   everything a department leads\n"
              "  policykg query province-to-city                  provincial tasks and the city units carrying them out\n"
              "  policykg cypher \"MATCH (t:Task) RETURN count(t)\"  your own read-only Cypher\n"
              "  policykg extract --format table FILE             one document, provision by provision",
              highlight=False)


def write_json_report(report: IngestReport, path: Path) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(report.to_json(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    os.replace(tmp, path)


# -- the commands ----------------------------------------------------------------------------------


def _progress(total: int):
    from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn,
                               TimeRemainingColumn)

    return Progress(TextColumn("[bold]ingest[/bold]"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                    TimeRemainingColumn(), TextColumn("{task.description}"), console=err, transient=True,
                    disable=not err.is_terminal or total < 2)


def register(app: typer.Typer) -> None:
    @app.command()
    def ingest(
        paths: Annotated[Optional[list[Path]], typer.Argument(
            help="files or folders (.txt .docx .pdf .html/.htm .mht); the bundled sample corpus when omitted")] = None,
        include: Annotated[list[str], typer.Option(
            "--include", "-i", help="only files matching this glob (repeatable), e.g. '*.pdf', 'drafts/*'")] = [],
        exclude: Annotated[list[str], typer.Option(
            "--exclude", "-x", help="leave out files or folders matching this glob (repeatable)")] = [],
        recursive: Annotated[bool, typer.Option(help="read sub-folders too")] = True,
        report_file: Annotated[Optional[Path], typer.Option(
            "--report", help="also write the report as JSON to this file")] = None,
        force: Annotated[bool, typer.Option(help="read and load every file, even those the store has unchanged")]
        = False,
        jobs: Annotated[int, typer.Option(
            "--jobs", "-j", help="processes reading files at once (0: one per CPU for big folders)")] = 0,
        store: StoreOption = StoreKind.auto,
        data: DataOption = None,
        no_store: Annotated[bool, typer.Option("--no-store", help="only extract and build the graph in memory")]
        = False,
    ) -> None:
        """Ingest documents (the bundled sample corpus by default) into the graph store and report on each."""
        from policykg.ingest.readers.folders import select

        from .corpus import sample_corpus_dir, sample_corpus_files

        if paths:
            selection = select(list(paths), tuple(include), tuple(exclude), recursive)
            base = Path(paths[0]).resolve() if len(paths) == 1 and Path(paths[0]).is_dir() else Path.cwd()
        else:
            selection = select(sample_corpus_files(), tuple(include), tuple(exclude), recursive)
            base = sample_corpus_dir().resolve()
        files = selection.files
        catalog_files = alias_files(data)
        try:
            catalog = DepartmentCatalog.load(*catalog_files)
        except (OSError, ValueError) as exc:  # tomllib.TOMLDecodeError is a ValueError
            err.print(f"[red]error:[/red] the alias files cannot be read: {exc}", highlight=False)
            raise typer.Exit(2) from exc
        extractor = extractor_fingerprint(catalog_files)
        if jobs <= 0:
            jobs = min(os.cpu_count() or 1, 4) if len(files) >= 20 else 1
        opener = None if no_store else (lambda: open_store_or_exit(store, data))
        with _progress(len(files)) as progress:
            task = progress.add_task("", total=len(files))

            def on_result(o: Outcome) -> None:
                if o.status == "failed":
                    progress.console.print(f"[red]error:[/red] {o.error}", highlight=False)
                progress.update(task, advance=1, description=Path(o.path).name[:40])

            report = run_ingest(files, open_store=opener, catalog=catalog, extractor=extractor, force=force,
                                jobs=jobs, on_result=on_result)
        report.alias_files = [str(f) for f in catalog_files]
        report.missing, report.excluded = selection.missing, selection.excluded
        report.ignored, report.skipped_resources = dict(selection.ignored), selection.skipped_resources
        for path in selection.missing:
            err.print(f"[red]error:[/red] {path}: no such file or folder", highlight=False)
        print_report(report, base)
        if report_file is not None:
            write_json_report(report, report_file)
            out.print(f"report written to {report_file}", highlight=False)
        if report.interrupted:
            raise typer.Exit(130 if report.interrupted.startswith("interrupted") else 2)
        if not report.ok:
            raise typer.Exit(1)

    @app.command()
    def departments(
        unknown: Annotated[bool, typer.Option("--unknown", help="only names the alias files do not know")] = False,
        merge: Annotated[Optional[tuple[str, str]], typer.Option(
            "--merge", metavar="NAME CANONICAL",
            help="record that NAME (as written) is the department CANONICAL, in the user alias file")] = None,
        reason: Annotated[Optional[str], typer.Option(help="why NAME is CANONICAL (kept with the alias)")] = None,
        reload: Annotated[bool, typer.Option(
            help="after --merge, read the documents that name NAME again from their stored text")] = True,
        fmt: Annotated[OutputFormat, typer.Option("--format", "-f")] = OutputFormat.table,
        store: StoreOption = StoreKind.auto,
        data: DataOption = None,
    ) -> None:
        """The departments in the graph: who they are, how often clauses name them; record aliases."""
        if merge is not None and merge[0] is not None:
            _merge(merge[0], merge[1], reason, reload, store, data)
            return
        with open_store_or_exit(store, data) as st:
            rows = department_rows(st, unknown_only=unknown)
        columns = ["name", "level", "region", "known", "collective", "clauses", "written", "documents"]
        print_rows(columns, [[r[c] for c in columns] for r in rows], fmt)
        if unknown and fmt is OutputFormat.table and rows:
            out.print("record one: policykg departments --merge NAME CANONICAL --reason \"…\"  "
                      f"(written to {user_alias_file(data)})", highlight=False)

    @app.command()
    def versions(
        document: Annotated[str, typer.Argument(help="a document's number, title or id (doc:…), or a version id")],
        text: Annotated[bool, typer.Option("--text", help="print the source text of the version given by id")]
        = False,
        fmt: Annotated[OutputFormat, typer.Option("--format", "-f")] = OutputFormat.table,
        store: StoreOption = StoreKind.auto,
        data: DataOption = None,
    ) -> None:
        """Every version of a document that was ingested: content hash, date ingested, file; the text of one."""
        with open_store_or_exit(store, data) as st:
            rows = st.document_versions(document)
            if not rows:
                err.print(f"[red]error:[/red] no versions of {document!r} in the store", highlight=False)
                raise typer.Exit(1)
            if text:
                if len(rows) != 1:
                    err.print(f"[red]error:[/red] {len(rows)} versions: give one version id "
                              f"({', '.join(r['id'] for r in rows)})", highlight=False)
                    raise typer.Exit(2)
                body = st.version_text(rows[0]["id"])
                if body is None:
                    err.print("[red]error:[/red] that version was loaded without its text", highlight=False)
                    raise typer.Exit(1)
                sys.stdout.write(body if body.endswith("\n") else body + "\n")
                return
        columns = ["id", "current", "content_hash", "ingested_at", "superseded_at", "file", "format", "encoding",
                   "provisions", "tasks", "targets"]
        print_rows(columns, [[r[c] for c in columns] for r in rows], fmt)


# -- departments ---------------------------------------------------------------------------------

DEPARTMENTS_QUERY = (
    "MATCH (d:Department) "
    "RETURN d.name AS name, d.level AS level, d.region AS region, coalesce(d.known, true) AS known, "
    "coalesce(d.collective, false) AS collective, "
    "size([(d)-[r1:LEADS|COOPERATES_ON]->(:Task) | 1]) AS clauses, "
    "coalesce(d.aliases, []) AS written, coalesce(d.source_docs, []) AS documents "
    "ORDER BY clauses DESC, name"
)


def department_rows(st, unknown_only: bool = False) -> list[dict[str, Any]]:
    rows = st.rows(DEPARTMENTS_QUERY, row_cap=1_000_000)
    if unknown_only:
        rows = [r for r in rows if not r["known"] and not r["collective"]]
    for r in rows:
        r["documents"] = [d[len("doc:"):] if isinstance(d, str) and d.startswith("doc:") else d
                          for d in r["documents"]]
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
    when = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
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


def _merge(name: str, canonical: str, reason: str | None, reload: bool, store: StoreKind, data: Path | None) -> None:
    from policykg.ingest.normalize import compact

    name, canonical = compact(name), compact(canonical)
    if not name or not canonical or name == canonical:
        err.print("[red]error:[/red] --merge needs two different names: NAME (as written) and CANONICAL",
                  highlight=False)
        raise typer.Exit(2)
    if not reason or not reason.strip():
        err.print("[red]error:[/red] say why with --reason \"…\" (it is kept with the alias, for whoever reads "
                  "the alias file next)", highlight=False)
        raise typer.Exit(2)
    catalog = load_catalog(data)
    current = catalog.resolve(name)
    if current.known and current.name != name:
        err.print(f"[red]error:[/red] {name} is already known as {current.name}; edit the alias files to change "
                  f"that", highlight=False)
        raise typer.Exit(2)
    target = catalog.resolve(canonical)
    if target.known and target.name != canonical:
        canonical = target.name  # merge into what the catalog calls it
    if not target.known:
        out.print(f"[yellow]note:[/yellow] {canonical} is not in the alias files either; it is recorded as a "
                  f"department of its own", highlight=False)
    path = user_alias_file(data)
    record_alias(path, name, canonical, target.level, reason.strip())
    out.print(f"recorded in {path}: {name} → {canonical} ({reason.strip()})", highlight=False)
    if not reload:
        out.print("run policykg ingest again on your folders to apply it", highlight=False)
        return
    _reload_naming(name, store, data)


def _reload_naming(name: str, store: StoreKind, data: Path | None) -> None:
    """Read the documents that name ``name`` again, from the text stored with their current version."""
    from policykg.ingest.extract import extract_text
    from policykg.ingest.reading import DecodedText

    from policykg.graph.stores.base import DocumentSource

    catalog = load_catalog(data)
    files = alias_files(data)
    extractor = extractor_fingerprint(files)
    with open_store_or_exit(store, data) as st:
        docs = st.rows("MATCH (d:Department) WHERE d.name = $name OR $name IN coalesce(d.aliases, []) "
                       "RETURN d.source_docs AS docs", {"name": name})
        doc_ids = sorted({d for r in docs for d in (r["docs"] or [])})
        done, missing = [], []
        for did in doc_ids:
            current = [v for v in st.document_versions(did) if v["current"]]
            body = st.version_text(current[0]["id"]) if current and current[0]["has_text"] else None
            if body is None:
                missing.append(did)
                continue
            v = current[0]
            doc = extract_text(DecodedText(body, v["encoding"] or "utf-8", False), v["file"] or did, catalog)
            st.load_document(doc, DocumentSource(text=body, path=v["path"], format=v["format"],
                                                 encoding=v["encoding"], extractor=extractor))
            done.append(did)
    if done:
        out.print(f"read again with the new alias: {', '.join(d[len('doc:'):] for d in done)}", highlight=False)
    if missing:
        out.print(f"[yellow]not read again[/yellow] (loaded without their text; run policykg ingest on their files): "
                  f"{', '.join(missing)}", highlight=False)
