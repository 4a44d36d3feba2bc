"""Commands that read the graph store: query, cypher, store status|stop."""
from __future__ import annotations

from typing import Annotated, Optional

import typer
from rich.table import Table

from policykg.graph.stores.errors import StoreError
from policykg.queries.catalog import CatalogError, get_query, load_catalog

from .console import err, out
from .options import DataOption, FormatOption, OutputFormat, StoreOption, open_store_or_exit, print_rows, settings_for


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
    def query(
        name: Annotated[Optional[str], typer.Argument(help="a catalog query; omit to list them")] = None,
        param: Annotated[list[str], typer.Option("--param", "-p", help="key=value, repeatable")] = [],
        fmt: FormatOption = OutputFormat.table,
        store: StoreOption = None,
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
            bound = q.bind(_params(param))
        except CatalogError as exc:
            err.print(f"[red]error:[/red] {exc}", highlight=False)
            raise typer.Exit(2) from exc
        with open_store_or_exit(store, data) as st:
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
        store: StoreOption = None,
        data: DataOption = None,
    ) -> None:
        """Run a read-only Cypher query (writes are refused; a time budget and a row cap apply)."""
        with open_store_or_exit(store, data) as st:
            try:
                result = st.read_public(text, _params(param), timeout_ms=timeout_ms, row_cap=row_cap)
            except StoreError as exc:
                err.print(f"[red]error:[/red] {exc}", highlight=False)
                raise typer.Exit(1) from exc
        print_rows(result.columns, result.rows, fmt, result.truncated)

    @store_app.command("status")
    def store_status(data: DataOption = None) -> None:
        """Is the embedded store running, where, and what does it hold?"""
        from policykg.graph.stores.falkordb_server import EmbeddedServer

        status = EmbeddedServer(settings_for(data=data).resolved_data_dir()).status()
        for key, value in status.items():
            out.print(f"{key:16} {value}", highlight=False)

    @store_app.command("stop")
    def store_stop(data: DataOption = None) -> None:
        """Stop the embedded store (its data stays on disk)."""
        from policykg.graph.stores.falkordb_server import EmbeddedServer

        stopped = EmbeddedServer(settings_for(data=data).resolved_data_dir()).stop()
        out.print("stopped" if stopped else "not running")
