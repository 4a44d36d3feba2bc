"""`policykg extract`: documents read and shown, nothing loaded."""
from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from policykg.errors import PolicyKGError
from policykg.ingest.readers.folders import select
from policykg.ingest.records import ExtractedDocument
from policykg.ingestion import Ingestion

from .console import err, out
from .options import settings_for


class ExtractFormat(str, Enum):
    json = "json"
    table = "table"


def extract_paths(paths: list[Path]) -> tuple[list[ExtractedDocument], list[str]]:
    """The files named, and the documents (every format ingest reads) inside the folders named, extracted with
    the alias files ingest reads; with a message for each that failed, a missing path included."""
    selection = select(paths)
    missing = [f"{m}: no such file or folder" for m in selection.missing]
    try:
        service = Ingestion(settings_for())
    except PolicyKGError as exc:
        err.print(f"[red]error:[/red] {exc}", highlight=False)
        raise typer.Exit(2) from exc
    docs, failures = service.extract(selection.files)
    for message in missing + failures:
        err.print(f"[red]error:[/red] {message}", highlight=False)
    return docs, missing + failures


def extract(
    files: Annotated[list[Path], typer.Argument(help="documents (.txt in UTF-8 or GB18030, .docx, .pdf, .html) or folders of them")],
    format: Annotated[ExtractFormat, typer.Option("--format", "-f", help="json (the gold schema plus provenance) or table")] = ExtractFormat.json,
) -> None:
    """Read documents and print what they say: provisions, responsibilities, targets, cascades."""
    docs, failures = extract_paths(files)
    if format is ExtractFormat.json:
        payload = {"documents": [d.model_dump(mode="json") for d in docs]}
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=1) + "\n")
    else:
        for d in docs:
            _print_document_table(d)
    if failures:
        raise typer.Exit(code=1)


def _print_document_table(d: ExtractedDocument) -> None:
    info = d.document
    out.rule(f"{d.file}")
    out.print(f"{info.doc_number or '(no number)'}  {info.title or '(no title)'}", highlight=False)
    out.print(f"issuer {info.issuer} · {info.region} ({info.level}) · signed {info.date}", highlight=False)
    if info.implements:
        out.print("implements " + "、".join(info.implements), highlight=False)
    table = Table("number", "title", "leads", "cooperates", "implementers", show_lines=False)
    for task in d.tasks:
        table.add_row(task.number, task.title or task.text_start, "、".join(task.leads), "、".join(task.cooperates),
                      "、".join(task.implementers))
    out.print(table)
    if d.targets:
        tt = Table("provision", "metric", "value", "unit", "qualifier", "year", "scope")
        for target in d.targets:
            year = f"{target.year} ({target.year_basis})" if target.year else ""
            tt.add_row(target.task or "(preamble)", target.metric, f"{target.value:g}", target.unit,
                       target.qualifier, year, target.scope or "")
        out.print(tt)
    for w in d.warnings:
        out.print(f"[yellow]warning:[/yellow] {w}", highlight=False)


def register(app: typer.Typer) -> None:
    app.command()(extract)
