"""Commands that read the graph store: query, cypher, store status|stop."""
from __future__ import annotations

from typing import Annotated, Any, Optional

import typer
from rich.table import Column, Table

from policykg.graph.stores.errors import StoreError
from policykg.queries.catalog import CatalogError, get_query, load_catalog

from .console import err, out
from .options import (
    DataOption,
    FormatOption,
    OutputFormat,
    StoreOption,
    layout_for,
    open_store_or_exit,
    print_rows,
    resolver_for,
    settings_for,
)


def _params(pairs: list[str]) -> dict[str, str]:
    given: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise typer.BadParameter(f"expected key=value, got {pair!r}", param_hint="--param")
        given[key.strip()] = value
    return given


def _total(st, q, bound: dict, result) -> int:
    """How many rows the whole answer has: for a query that pages, its total column or its count query says."""
    returned = len(result.rows)
    if not q.pages:
        return returned
    if "total" in q.column_names and result.rows:
        return int(result.rows[0][q.column_names.index("total")])
    if q.total_query and returned >= bound["limit"]:  # a full page: there may be more
        counter = get_query(q.total_query)
        known = {p.name for p in counter.params}
        rows = st.rows(counter.text, counter.bind({k: v for k, v in bound.items() if k in known}))
        return sum(int(r["total"]) for r in rows)  # one row per branch of a UNION
    return bound["offset"] + returned


def register(app: typer.Typer) -> None:
    store_app = typer.Typer(help="The embedded graph store: status and stop.", no_args_is_help=True)
    app.add_typer(store_app, name="store")

    @app.command()
    def query(
        name: Annotated[Optional[str], typer.Argument(help="a catalog query; omit to list them")] = None,
        param: Annotated[list[str], typer.Option("--param", "-p", help="key=value, repeatable")] = [],
        fmt: FormatOption = OutputFormat.table,
        columns: Annotated[Optional[str], typer.Option(
            "--columns", "-c", help="comma-separated columns to print, or 'all' (default: the query's usual ones)")] = None,
        vertical: Annotated[bool, typer.Option("--vertical", help="one record per block instead of a table")] = False,
        limit: Annotated[Optional[int], typer.Option("--limit", "-n", min=1, help=(
            "print at most this many rows (a query that pages asks the store for that many: its page size)"))] = None,
        offset: Annotated[Optional[int], typer.Option("--offset", min=0, help=(
            "skip this many rows first (a query that pages skips them in the store)"))] = None,
        everything: Annotated[bool, typer.Option("--all", help="also list the queries policykg uses internally "
                                                              "(views, analytics, the linker)")] = False,
        store: StoreOption = None,
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
            given: dict[str, Any] = dict(_params(param))
            if q.pages:  # the page is cut in the store: --limit and --offset are its size and start; without
                # --limit the whole answer up to the row cap, as for any other query
                size = limit or settings_for(store, data).row_cap
                given = {"limit": size, **({"offset": offset} if offset else {}), **given}
            q.bind(given)
            layout = layout_for(q, columns, fmt)
        except CatalogError as exc:
            err.print(f"[red]error:[/red] {exc}", highlight=False)
            raise typer.Exit(2) from exc
        with open_store_or_exit(store, data) as st:
            try:
                bound = q.bind(resolver_for(st, store, data).params(q, given))
            except CatalogError as exc:  # an unknown name (with suggestions) or an ambiguous one (with candidates)
                err.print(f"[red]error:[/red] {exc}", highlight=False)
                raise typer.Exit(2) from exc
            try:
                result = st.read(q.text, bound)
                total = _total(st, q, bound, result)
            except StoreError as exc:
                err.print(f"[red]error:[/red] {exc}", highlight=False)
                raise typer.Exit(1) from exc
        rows = result.rows if q.pages else result.rows[offset or 0:][:limit] if limit or offset else result.rows
        print_rows(result.columns, rows, fmt, result.truncated, layout, vertical, total=total)

    @app.command()
    def cypher(
        text: Annotated[str, typer.Argument(help="a read-only Cypher query")],
        param: Annotated[list[str], typer.Option("--param", "-p", help="key=value, repeatable (strings)")] = [],
        fmt: FormatOption = OutputFormat.table,
        vertical: Annotated[bool, typer.Option("--vertical", help="one record per block instead of a table")] = False,
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
        print_rows(result.columns, result.rows, fmt, result.truncated, vertical=vertical)

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
