"""The ``policykg`` command."""
from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from policykg.ingest.extract import ExtractionError
from policykg.ingest.readers import extract_path
from policykg.ingest.readers.folders import select
from policykg.ingest.reading import ReadError
from policykg.ingest.records import ExtractedDocument

from .console import out, err
from .serve_command import register as register_serve
from .ingest_command import register as register_ingest
from .store_commands import register
from .viz_command import register as register_viz
from .analyse_command import register as register_analyse
from .link_command import register as register_link

app = typer.Typer(help="policykg: a knowledge graph of Chinese government policy provisions.",
                  no_args_is_help=True, add_completion=False)


class ExtractFormat(str, Enum):
    json = "json"
    table = "table"


def extract_paths(paths: list[Path]) -> tuple[list[ExtractedDocument], list[str]]:
    """The files named, and the documents (every format ingest reads) inside the folders named, extracted;
    with a message for each that failed, a missing path included."""
    selection = select(paths)
    missing = [f"{m}: no such file or folder" for m in selection.missing]
    for message in missing:
        err.print(f"[red]error:[/red] {message}", highlight=False)
    docs, failures = _extract_all(selection.files)
    return docs, missing + failures


def _extract_all(files: list[Path]) -> tuple[list[ExtractedDocument], list[str]]:
    docs, failures = [], []
    for f in files:
        try:
            docs.append(extract_path(f))
        except (ReadError, ExtractionError) as exc:
            failures.append(str(exc))
            err.print(f"[red]error:[/red] {exc}", highlight=False)
    return docs, failures


@app.command()
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
    for t in d.tasks:
        table.add_row(t.number, t.title or t.text_start, "、".join(t.leads), "、".join(t.cooperates),
                      "、".join(t.implementers))
    out.print(table)
    if d.targets:
        tt = Table("provision", "metric", "value", "unit", "qualifier", "year", "scope")
        for t in d.targets:
            year = f"{t.year} ({t.year_basis})" if t.year else ""
            tt.add_row(t.task or "(preamble)", t.metric, f"{t.value:g}", t.unit, t.qualifier, year, t.scope or "")
        out.print(tt)
    for w in d.warnings:
        out.print(f"[yellow]warning:[/yellow] {w}", highlight=False)


register(app)
register_ingest(app)
register_serve(app)
register_viz(app)
register_analyse(app)
register_link(app)


def main() -> None:  # pragma: no cover
    app()
