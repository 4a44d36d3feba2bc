"""`policykg ingest`, `policykg departments` and `policykg versions`: thin commands over the ingestion service.

The work (reading, extraction, loading, versions, aliases) is ``policykg.ingestion``;
this module turns options into a call and the report into a table.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.table import Table

from policykg.errors import PolicyKGError
from policykg.graph.stores.writer_lock import WriterBusy
from policykg.ingestion import Ingestion, IngestReport, Outcome, department_rows, user_alias_file, write_json_report

from .console import err, out
from .options import DataOption, OutputFormat, StoreKind, StoreOption, open_store_or_exit, print_rows, settings_for

MAX_WARNING_LINES = 40

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
        store: StoreOption = None,
        data: DataOption = None,
        no_store: Annotated[bool, typer.Option("--no-store", help="only extract and build the graph in memory")]
        = False,
    ) -> None:
        """Ingest documents (the bundled sample corpus by default) into the graph store and report on each."""
        from policykg.ingest.readers.folders import select

        from policykg.corpus import sample_corpus_dir, sample_corpus_files

        if paths:
            selection = select(list(paths), tuple(include), tuple(exclude), recursive)
            base = Path(paths[0]).resolve() if len(paths) == 1 and Path(paths[0]).is_dir() else Path.cwd()
        else:
            selection = select(sample_corpus_files(), tuple(include), tuple(exclude), recursive)
            base = sample_corpus_dir().resolve()
        files = selection.files
        service = _service(store, data)
        if jobs <= 0:
            jobs = min(os.cpu_count() or 1, 4) if len(files) >= 20 else 1
        with _progress(len(files)) as progress:
            task = progress.add_task("", total=len(files))

            def on_result(o: Outcome) -> None:
                if o.status == "failed":
                    progress.console.print(f"[red]error:[/red] {o.error}", highlight=False)
                progress.update(task, advance=1, description=Path(o.path).name[:40])

            try:
                report = service.ingest(files, force=force, jobs=jobs, store=not no_store, on_result=on_result)
            except WriterBusy as exc:
                err.print(f"[red]error:[/red] {exc}", highlight=False)
                raise typer.Exit(2) from exc
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
        store: StoreOption = None,
        data: DataOption = None,
    ) -> None:
        """The departments in the graph: who they are, how often clauses name them; record aliases."""
        if merge is not None and merge[0] is not None:
            _merge(_service(store, data), merge[0], merge[1], reason, reload)
            return
        with open_store_or_exit(store, data) as st:
            rows = department_rows(st, unknown_only=unknown)
        columns = ["name", "level", "region", "known", "collective", "clauses", "written", "documents"]
        print_rows(columns, [[r[c] for c in columns] for r in rows], fmt)
        if unknown and fmt is OutputFormat.table and rows:
            out.print("record one: policykg departments --merge NAME CANONICAL --reason \"…\"  "
                      f"(written to {user_alias_file(settings_for(store, data))})", highlight=False)

    @app.command()
    def versions(
        document: Annotated[str, typer.Argument(help="a document's number, title or id (doc:…), or a version id")],
        text: Annotated[bool, typer.Option("--text", help="print the source text of the version given by id")]
        = False,
        fmt: Annotated[OutputFormat, typer.Option("--format", "-f")] = OutputFormat.table,
        store: StoreOption = None,
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




def _service(store: StoreKind | None, data: Path | None) -> Ingestion:
    try:
        return Ingestion(settings_for(store, data), open_store=lambda: open_store_or_exit(store, data))
    except PolicyKGError as exc:
        err.print(f"[red]error:[/red] {exc}", highlight=False)
        raise typer.Exit(2) from exc


def _merge(service: Ingestion, name: str, canonical: str, reason: str | None, reread: bool) -> None:
    try:
        result = service.merge_alias(name, canonical, reason, reread=reread)
    except PolicyKGError as exc:
        err.print(f"[red]error:[/red] {exc}", highlight=False)
        raise typer.Exit(2) from exc
    if not result.known_target:
        out.print(f"[yellow]note:[/yellow] {result.canonical} is not in the alias files either; it is recorded as a "
                  f"department of its own", highlight=False)
    out.print(f"recorded in {result.path}: {result.name} → {result.canonical} ({reason.strip() if reason else ''})",
              highlight=False)
    if not reread:
        out.print("run policykg ingest again on your folders to apply it", highlight=False)
        return
    if result.reread:
        out.print("read again with the new alias: " + ", ".join(d.removeprefix("doc:") for d in result.reread),
                  highlight=False)
    if result.not_reread:
        out.print("[yellow]not read again[/yellow] (loaded without their text; run policykg ingest on their files): "
                  + ", ".join(result.not_reread), highlight=False)
