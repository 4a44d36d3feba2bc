"""Commands that talk to a graph store: load, query, cypher, store status|stop."""
from __future__ import annotations

import csv
import io
import json
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, Optional

import typer
from rich.table import Table

from policykg.graph.stores.base import GraphStore
from policykg.graph.stores.errors import StoreError
from policykg.queries.catalog import CatalogError, get_query, load_catalog

from .console import out, err



class StoreKind(str, Enum):
    auto = "auto"
    embedded = "embedded"
    neo4j = "neo4j"


class OutputFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


StoreOption = Annotated[StoreKind, typer.Option("--store", help="auto: Neo4j when NEO4J_URI is set, else embedded")]
DataOption = Annotated[Optional[Path], typer.Option("--data", envvar="POLICYKG_DATA",
                                                    help="data directory of the embedded store")]
FormatOption = Annotated[OutputFormat, typer.Option("--format", "-f")]


def open_store_or_exit(store: StoreKind, data: Path | None) -> GraphStore:
    from policykg.graph.stores.factory import open_store

    try:
        return open_store(store.value, data)
    except StoreError as exc:
        err.print(f"[red]error:[/red] {exc}", highlight=False)
        raise typer.Exit(2) from exc


def resolver_for(st: GraphStore, data: Path | None):
    """The name resolver over this store, reading the bundled alias file and the user's in the data directory."""
    from policykg.graph.analytics import store_fetch
    from policykg.graph.stores.falkordb_server import default_data_dir
    from policykg.queries.resolve import Resolver

    return Resolver.for_data(store_fetch(st), Path(data).expanduser() if data else default_data_dir())


def resolving_fetch(st: GraphStore, data: Path | None):
    """``fetch`` for views and analytics: catalog queries over this store, names resolved as ``query`` does."""
    from policykg.graph.analytics import store_fetch

    return resolver_for(st, data).wrap(store_fetch(st))


def print_rows(columns: list[str], rows: list[list[Any]], fmt: OutputFormat, truncated: bool = False) -> None:
    if fmt is OutputFormat.json:
        payload = {"columns": columns, "rows": [dict(zip(columns, r)) for r in rows], "truncated": truncated}
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=1, default=str) + "\n")
    elif fmt is OutputFormat.csv:
        buf = io.StringIO()
        writer = csv.writer(buf)
        writer.writerow(columns)
        for r in rows:
            writer.writerow(["、".join(map(str, v)) if isinstance(v, list) else ("" if v is None else v) for v in r])
        sys.stdout.write(buf.getvalue())
    else:
        table = Table(*columns)
        for r in rows:
            table.add_row(*["、".join(map(str, v)) if isinstance(v, list) else ("" if v is None else str(v)) for v in r])
        out.print(table)
        out.print(f"{len(rows)} rows" + (" (truncated at the row cap)" if truncated else ""), highlight=False)


def _params(pairs: list[str]) -> dict[str, str]:
    given: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise typer.BadParameter(f"expected key=value, got {pair!r}", param_hint="--param")
        given[key.strip()] = value
    return given


def register(app: typer.Typer) -> None:
    store_app = typer.Typer(help="The embedded graph store: status and stop.", no_args_is_help=True)
    app.add_typer(store_app, name="store")

    @app.command()
    def load(
        paths: Annotated[list[Path], typer.Argument(help="text files or folders")],
        store: StoreOption = StoreKind.auto,
        data: DataOption = None,
    ) -> None:
        """Load documents into the graph store, one document at a time, each whole or not at all."""
        from .cli import extract_paths

        docs, failures = extract_paths(paths)
        with open_store_or_exit(store, data) as st:
            for doc in docs:
                report = st.load_document(doc)
                verb = "replaced" if report.replaced else "loaded"
                out.print(f"{verb} {doc.file}: {report.nodes} nodes, {report.relationships} relationships",
                          highlight=False)
            if docs:
                links = st.relink().links  # inferred cross-level links depend on every stored document
                out.print(f"{sum(links.values())} inferred cross-level links", highlight=False)
        if failures:
            raise typer.Exit(1)

    @app.command()
    def query(
        name: Annotated[Optional[str], typer.Argument(help="a catalog query; omit to list them")] = None,
        param: Annotated[list[str], typer.Option("--param", "-p", help="key=value, repeatable")] = [],
        fmt: FormatOption = OutputFormat.table,
        store: StoreOption = StoreKind.auto,
        data: DataOption = None,
    ) -> None:
        """Run a query from the catalog (queries/*.cypher)."""
        if name is None:
            table = Table("query", "parameters", "description")
            for q in load_catalog().values():
                table.add_row(q.name, ", ".join(f"{p.name}{'' if p.required else '?'}: {p.type}" for p in q.params),
                              q.description)
            out.print(table)
            return
        try:
            q = get_query(name)
            given = _params(param)
            q.bind(given)
        except CatalogError as exc:
            err.print(f"[red]error:[/red] {exc}", highlight=False)
            raise typer.Exit(2) from exc
        with open_store_or_exit(store, data) as st:
            try:
                bound = q.bind(resolver_for(st, data).params(q, given))
            except CatalogError as exc:  # an unknown name (with suggestions) or an ambiguous one (with candidates)
                err.print(f"[red]error:[/red] {exc}", highlight=False)
                raise typer.Exit(2) from exc
            try:
                result = st.read(q.text, bound)
            except StoreError as exc:
                err.print(f"[red]error:[/red] {exc}", highlight=False)
                raise typer.Exit(1) from exc
        print_rows(result.columns, result.rows, fmt, result.truncated)

    @app.command()
    def cypher(
        text: Annotated[str, typer.Argument(help="a read-only Cypher query")],
        param: Annotated[list[str], typer.Option("--param", "-p", help="key=value, repeatable (strings)")] = [],
        fmt: FormatOption = OutputFormat.table,
        timeout_ms: Annotated[Optional[int], typer.Option(help="time budget")] = None,
        row_cap: Annotated[Optional[int], typer.Option(help="at most this many rows")] = None,
        store: StoreOption = StoreKind.auto,
        data: DataOption = None,
    ) -> None:
        """Run a read-only Cypher query (writes are refused; a time budget and a row cap apply)."""
        with open_store_or_exit(store, data) as st:
            try:
                result = st.read(text, _params(param), timeout_ms=timeout_ms, row_cap=row_cap)
            except StoreError as exc:
                err.print(f"[red]error:[/red] {exc}", highlight=False)
                raise typer.Exit(1) from exc
        print_rows(result.columns, result.rows, fmt, result.truncated)

    @store_app.command("status")
    def store_status(data: DataOption = None) -> None:
        """Is the embedded store running, where, and what does it hold?"""
        from policykg.graph.stores.falkordb_server import EmbeddedServer, default_data_dir

        status = EmbeddedServer(data or default_data_dir()).status()
        for key, value in status.items():
            out.print(f"{key:16} {value}", highlight=False)

    @store_app.command("stop")
    def store_stop(data: DataOption = None) -> None:
        """Stop the embedded store (its data stays on disk)."""
        from policykg.graph.stores.falkordb_server import EmbeddedServer, default_data_dir

        stopped = EmbeddedServer(data or default_data_dir()).stop()
        out.print("stopped" if stopped else "not running")
