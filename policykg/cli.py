"""The ``policykg`` command."""
from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.table import Table

from graph.build import build_graph
from ingest.extract import ExtractionError, extract_file
from ingest.reading import ReadError
from ingest.records import ExtractedDocument

from .corpus import sample_corpus_files
from .store_commands import DataOption, StoreKind, StoreOption, open_store_or_exit, register

app = typer.Typer(help="policykg: a knowledge graph of Chinese government policy provisions.",
                  no_args_is_help=True, add_completion=False)
out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)


class ExtractFormat(str, Enum):
    json = "json"
    table = "table"


def _expand(paths: list[Path]) -> list[Path]:
    files: list[Path] = []
    for p in paths:
        if p.is_dir():
            files.extend(sorted(x for x in p.rglob("*.txt") if x.is_file()))
        else:
            files.append(p)
    return files


def extract_paths(paths: list[Path]) -> tuple[list[ExtractedDocument], list[str]]:
    return _extract_all(_expand(paths))


def _extract_all(files: list[Path]) -> tuple[list[ExtractedDocument], list[str]]:
    docs, failures = [], []
    for f in files:
        try:
            docs.append(extract_file(f))
        except (ReadError, ExtractionError) as exc:
            failures.append(str(exc))
            err.print(f"[red]error:[/red] {exc}", highlight=False)
    return docs, failures


@app.command()
def extract(
    files: Annotated[list[Path], typer.Argument(help="text files (UTF-8 or GB18030) or folders of them")],
    format: Annotated[ExtractFormat, typer.Option("--format", "-f", help="json (the gold schema plus provenance) or table")] = ExtractFormat.json,
) -> None:
    """Read documents and print what they say: provisions, responsibilities, targets, cascades."""
    docs, failures = _extract_all(_expand(files))
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
        tt = Table("provision", "metric", "value", "unit", "qualifier", "year")
        for t in d.targets:
            tt.add_row(t.task or "(preamble)", t.metric, f"{t.value:g}", t.unit, t.qualifier, str(t.year or ""))
        out.print(tt)
    for w in d.warnings:
        out.print(f"[yellow]warning:[/yellow] {w}", highlight=False)


@app.command()
def ingest(
    paths: Annotated[Optional[list[Path]], typer.Argument(help="files or folders; the bundled sample corpus when omitted")] = None,
    store: StoreOption = StoreKind.auto,
    data: DataOption = None,
    no_store: Annotated[bool, typer.Option("--no-store", help="only extract and build the graph in memory")] = False,
) -> None:
    """Ingest documents (the bundled sample corpus by default) into the graph store and print a summary."""
    files = _expand(paths) if paths else sample_corpus_files()
    docs, failures = _extract_all(files)
    where = "in memory"
    if no_store:
        counts = build_graph(docs).counts()
        nodes, edges = counts["nodes"], counts["edges"]
    else:
        with open_store_or_exit(store, data) as st:
            for doc in docs:
                st.load_document(doc)
            stored = st.counts()
            where = st.describe()
        nodes, edges = stored.nodes, stored.relationships
    _print_summary(docs, failures, nodes, edges, where)
    if failures:
        raise typer.Exit(code=1)


def _print_summary(docs: list[ExtractedDocument], failures: list[str], nodes: dict[str, int], edges: dict[str, int],
                   where: str) -> None:
    out.print(f"[bold]policykg[/bold]: {len(docs)} documents ingested, {len(failures)} failed; graph {where}",
              highlight=False)
    summary = Table("document", "number", "level", "date", "tasks", "targets", "warnings")
    for d in docs:
        summary.add_row(d.file, d.document.doc_number or "-", d.document.level or "?", d.document.date or "?",
                        str(len(d.tasks)), str(len(d.targets)), str(len(d.warnings)))
    out.print(summary)
    counts = Table("node label", "count", "relationship type", "count")
    node_rows, edge_rows = list(nodes.items()), list(edges.items())
    for i in range(max(len(node_rows), len(edge_rows))):
        n = node_rows[i] if i < len(node_rows) else ("", "")
        e = edge_rows[i] if i < len(edge_rows) else ("", "")
        counts.add_row(n[0], str(n[1]), e[0], str(e[1]))
    out.print(counts)
    unknown = sorted({u for d in docs for u in d.unknown_departments})
    if unknown:
        out.print(f"[yellow]{len(unknown)} departments not in the alias file[/yellow] (kept as written): "
                  + "、".join(unknown), highlight=False)
    for d in docs:
        for w in d.warnings:
            out.print(f"[yellow]warning[/yellow] {d.file}: {w}", highlight=False)
    out.print("\nWhere to look next:\n"
              "  policykg query                                   the query catalog\n"
              "  policykg query department-leads -p name=市发展改革委   everything a department leads\n"
              "  policykg query province-to-city                  provincial tasks and the city units carrying them out\n"
              "  policykg cypher \"MATCH (t:Task) RETURN count(t)\"  your own read-only Cypher\n"
              "  policykg extract --format table FILE             one document, provision by provision",
              highlight=False)


register(app)


def main() -> None:  # pragma: no cover
    app()
