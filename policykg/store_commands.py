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
from rich.table import Column, Table

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


def print_rows(columns: list[str], rows: list[list[Any]], fmt: OutputFormat, truncated: bool = False,
               layout: "Layout | None" = None, vertical: bool = False, total: int | None = None) -> None:
    from .tables import Layout, cell_text, render

    layout = layout or Layout(list(columns), [])
    if fmt is not OutputFormat.table:  # machine formats: the columns asked for, all by default
        index = {c: i for i, c in enumerate(columns)}
        columns, rows = layout.columns, [[r[index[c]] for c in layout.columns] for r in rows]
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
        render(out, columns, rows, layout, vertical)
        shown = f"{len(rows)} of {total} rows" if total is not None and total > len(rows) else f"{len(rows)} rows"
        out.print(shown + (" (truncated at the row cap)" if truncated else ""), highlight=False)


def layout_for(q, chosen: str | None, fmt: OutputFormat):
    """The columns to print: --columns (``all`` for every one), else the query's ``show`` on a table."""
    from .tables import Layout

    names = q.column_names
    if chosen and chosen.strip() != "all":
        wanted = [c.strip() for c in chosen.split(",") if c.strip()]
        unknown = [c for c in wanted if c not in names]
        if unknown:
            raise CatalogError(f"query {q.name!r} has no column {', '.join(unknown)} (it has: {', '.join(names)})")
        return Layout(wanted, [c for c in q.group if c in wanted])
    if chosen or fmt is not OutputFormat.table or not q.show:
        return Layout(names, [])
    return Layout([*q.group, *[c for c in q.show if c not in q.group]], list(q.group))


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
        columns: Annotated[Optional[str], typer.Option(
            "--columns", "-c", help="comma-separated columns to print, or 'all' (default: the query's usual ones)")] = None,
        vertical: Annotated[bool, typer.Option("--vertical", help="one record per block instead of a table")] = False,
        limit: Annotated[Optional[int], typer.Option("--limit", "-n", min=1, help="print at most this many rows")] = None,
        everything: Annotated[bool, typer.Option("--all", help="also list the queries policykg uses internally "
                                                              "(views, analytics, the linker)")] = False,
        store: StoreOption = StoreKind.auto,
        data: DataOption = None,
    ) -> None:
        """Run a query from the catalog (queries/*.cypher).

        A table shows the query's usual columns (`policykg query NAME --columns all` for every one), keeps ids and
        document numbers whole, and turns into one record per block when it cannot fit the terminal."""
        if name is None:
            table = Table("parameters", "description")
            table.columns.insert(0, Column("query", no_wrap=True))  # a name to type: never cut
            for q in load_catalog().values():
                if q.internal and not everything:
                    continue
                table.add_row(q.name, ", ".join(f"{p.name}{'' if p.required else '?'}: {p.type}" for p in q.params),
                              q.description)
            out.print(table)
            if not everything:
                out.print("internal queries (views, analytics, the linker) are left out: --all lists them",
                          highlight=False)
            return
        try:
            q = get_query(name)
            given = _params(param)
            q.bind(given)
            layout = layout_for(q, columns, fmt)
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
        rows = result.rows[:limit] if limit else result.rows
        print_rows(result.columns, rows, fmt, result.truncated, layout, vertical, total=len(result.rows))

    @app.command()
    def cypher(
        text: Annotated[str, typer.Argument(help="a read-only Cypher query")],
        param: Annotated[list[str], typer.Option("--param", "-p", help="key=value, repeatable (strings)")] = [],
        fmt: FormatOption = OutputFormat.table,
        vertical: Annotated[bool, typer.Option("--vertical", help="one record per block instead of a table")] = False,
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
        print_rows(result.columns, result.rows, fmt, result.truncated, vertical=vertical)

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
