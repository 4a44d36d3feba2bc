"""`policykg ingest`, `policykg departments` and `policykg versions`: thin commands over the ingestion service.

The work (reading, extraction, loading, versions, aliases) is ``policykg.ingestion``;
this module turns options into a call and the report into a table.
"""
from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.cells import cell_len
from rich.table import Column, Table
from rich.text import Text

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
        # a document by its title (the file name only when it has none): sample files are named by hashes;
        # its number never wraps (a number cut in two cannot be searched for)
        rows = []
        for o in shown:
            status = f"[{STATUS_STYLE.get(o.status, '')}]{o.status}[/]"
            if o.status == "duplicate":
                status += f" of {_short(o.same_as or '', base)}"
            counts = (o.provisions, o.tasks, len(o.unassigned), len(o.unrecognised_clauses),
                      len(o.unknown_departments), o.targets, len(o.warnings))
            rows.append((o.doc_number or ("-" if o.ingested else ""), o.title or _short(o.path, base),
                         _format_label(o), status, *(_n(c if o.ingested else None) for c in counts)))
        headers = ["doc number", "title", "read as", "status", *(h for h, _ in COLUMNS)]
        # every column but the title as wide as its widest cell (numbers and counts are never cut); the title
        # gets what is left and ends in … when longer (the JSON report has it whole)
        def plain(i: int, cell: str) -> str:
            return Text.from_markup(cell).plain if i == 3 else cell  # only the status carries markup (its colour)

        widths = [max(cell_len(plain(i, str(r[i]))) for r in [headers, *rows]) for i in range(len(headers))]
        left = out.width - (sum(widths) - widths[1]) - 3 * len(headers) - 1
        if left < 8:  # a narrow terminal: one block per document rather than a table that cuts numbers
            for r in rows:
                out.print(f"{r[0]}  {r[1]}", highlight=False)
                out.print("  " + " · ".join([r[2], r[3], *(f"{h} {c}" for h, c in zip(headers[4:], r[4:]) if c)]))
            out.print("  " + "; ".join(f"{h}: {what}" for h, what in COLUMNS), highlight=False, style="dim")
            _print_gaps(shown, base)
            rows = []
        widths[1] = max(8, min(widths[1], left))
        table = Table(*(Column(h, no_wrap=True, width=w, justify="right" if i >= 4 else "left")
                        for i, (h, w) in enumerate(zip(headers, widths))))
        for r in rows:
            table.add_row(Text(r[0]), Text(r[1], overflow="ellipsis", no_wrap=True), Text(r[2]), r[3],
                          *(Text(c) for c in r[4:]))
        if rows:
            out.print(table)
            out.print("  " + "; ".join(f"{h}: {what}" for h, what in COLUMNS), highlight=False, style="dim")
            cut = [(r[0], r[1]) for r in rows if cell_len(r[1]) > widths[1]]
            for number, title in cut:  # the terminal is too narrow for these titles: each in full
                out.print(f"{number}  {title}", highlight=False)
            _print_gaps(shown, base)
    if unchanged and unchanged == len(report.outcomes):
        out.print(f"nothing changed: all {unchanged} documents are in the store as they are "
                  f"(same content hashes, read with the same alias files and policykg)", highlight=False)
    elif unchanged:
        out.print(f"{unchanged} documents unchanged (same content hashes as in the store): skipped", highlight=False)
    if report.nodes.get("Document"):
        in_graph = report.nodes["Document"]
        out.print(f"documents in the graph: {in_graph - report.stub_documents} ingested, {report.stub_documents} "
                  f"stubs (documents the ingested ones cite or implement, known by number or title only; a stub "
                  f"becomes a document when you ingest it)", highlight=False)
    if report.relationships or report.nodes:
        graph = Table("node label", "count", "relationship type", "count")
        node_rows, edge_rows = list(report.nodes.items()), list(report.relationships.items())
        for i in range(max(len(node_rows), len(edge_rows))):
            n = node_rows[i] if i < len(node_rows) else ("", "")
            e = edge_rows[i] if i < len(edge_rows) else ("", "")
            graph.add_row(n[0], str(n[1]), e[0], str(e[1]))
        out.print(graph)
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


# the count columns of the report, and what each counts (printed under the table and in `ingest --help`)
COLUMNS = (
    ("prov", "numbered provisions"),
    ("tasks", "provisions with a responsibility clause"),
    ("no unit", "innermost provisions no unit is responsible for"),
    ("unrec", "clauses naming a unit the alias files do not know, or none"),
    ("unknown", "department names the alias files do not know (kept as written)"),
    ("targets", "quantified goals"),
    ("warn", "warnings"),
)
MAX_LISTED = 12


def _print_gaps(outcomes: list[Outcome], base: Path | None) -> None:
    """Per document, what it holds that the graph does not say: provisions nobody is responsible for, table
    columns that were not read."""
    for o in outcomes:
        if not o.ingested or not (o.unassigned or o.ignored_columns):
            continue
        name = o.doc_number or o.title or _short(o.path, base)
        if o.unassigned:
            listed = "、".join(o.unassigned[:MAX_LISTED]) + (f" … ({len(o.unassigned)} in all)"
                                                           if len(o.unassigned) > MAX_LISTED else "")
            out.print(f"{name}: no responsible unit for provisions {listed}", highlight=False)
        if o.ignored_columns:
            out.print(f"{name}: table columns not read: {'、'.join(o.ignored_columns)}", highlight=False)


def _n(value: int | None) -> str:
    return "" if value is None else str(value)


def command_name() -> str:
    """How to call policykg from here, as the user did: `policykg` when it is on PATH, else the path they used
    (.venv/bin/policykg from a fresh clone, where the environment is not activated)."""
    running = Path(sys.argv[0])
    on_path = shutil.which("policykg")
    if running.name != "policykg" or (on_path and Path(on_path).resolve() == running.resolve()):
        return "policykg" if on_path else f"{Path(sys.executable).name} -m policykg"
    try:
        return running.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(running)


def _print_summary() -> None:
    cmd = command_name()
    hints = [
        ("query", "the query catalog"),
        ("query department-leads -p name=市发展改革委", "everything a department leads"),
        ("query province-to-city", "provincial tasks and the city units carrying them out"),
        ('cypher "MATCH (t:Task) RETURN count(t)"', "your own read-only Cypher"),
        ("extract --format table FILE", "one document, provision by provision"),
    ]
    width = max(cell_len(f"{cmd} {h}") for h, _ in hints) + 2
    lines = [f"  {cmd} {h}{' ' * (width - cell_len(f'{cmd} {h}'))}{what}" for h, what in hints]
    if cmd != "policykg":
        lines.append(f"  (or `source {Path(cmd).parent.as_posix()}/activate` once, then plain `policykg …`)"
                     if "/" in cmd else "")
    out.print("\nWhere to look next:\n" + "\n".join(line for line in lines if line), highlight=False)


# -- the commands ----------------------------------------------------------------------------------


def _progress(total: int):
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

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
        """Ingest documents (the bundled sample corpus by default) into the graph store and report on each.

        The report has one row per document read: its title and number, how it was read, what happened to it
        (new, replaced, reread, unchanged, duplicate, failed) and counts: prov (numbered provisions), tasks
        (provisions with a responsibility clause), no unit (innermost provisions no unit is responsible for),
        unrec (clauses naming a unit the alias files do not know, or none), unknown (department names the
        alias files do not know, kept as written), targets (quantified goals), warn (warnings). Below it: the provisions without a responsible unit and the table columns not read,
        per document; how many documents in the graph are ingested and how many are stubs of cited ones."""
        from policykg.corpus import sample_corpus_dir, sample_corpus_files
        from policykg.ingest.readers.folders import select

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
