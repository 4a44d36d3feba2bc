"""What every command shares: the store options, the settings they refine, opening the store, printing rows.

The settings are read from the environment once per process (``current_settings``)
and checked before any command runs; a command's ``--store``/``--data`` only
refine them. A bad value ends the command with one line naming the variable.
"""
from __future__ import annotations

import csv
import io
import json
import sys
from enum import Enum
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer

from policykg.errors import ConfigurationError
from policykg.graph.repository import GraphStore
from policykg.graph.stores.errors import StoreError
from policykg.settings import Settings

from .console import err, out

if TYPE_CHECKING:
    from .tables import Layout


class StoreKind(str, Enum):
    auto = "auto"
    embedded = "embedded"
    neo4j = "neo4j"


class OutputFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


StoreOption = Annotated[Optional[StoreKind], typer.Option(
    "--store", help="auto: Neo4j when NEO4J_URI is set, else embedded  [default: POLICYKG_STORE, else auto]",
    show_default=False)]
DataOption = Annotated[Optional[Path], typer.Option(
    "--data", help="data directory of the embedded store  [default: POLICYKG_DATA, else ~/.local/share/policykg]",
    show_default=False)]
FormatOption = Annotated[OutputFormat, typer.Option("--format", "-f")]


@lru_cache(maxsize=1)
def current_settings() -> Settings:
    """The environment's settings, read once; a bad value ends the command with one line naming it."""
    try:
        return Settings.from_env()
    except ConfigurationError as exc:
        err.print(f"[red]error:[/red] {exc}", highlight=False)
        raise typer.Exit(2) from exc


def settings_for(store: StoreKind | None = None, data: Path | None = None) -> Settings:
    """The settings with a command's ``--store`` and ``--data`` on top."""
    return current_settings().with_options(store_kind=store.value if store is not None else None, data_dir=data)


def open_store_or_exit(store: StoreKind | None = None, data: Path | None = None) -> GraphStore:
    from policykg.graph.stores.factory import open_store

    try:
        return open_store(settings_for(store, data))
    except (StoreError, ConfigurationError) as exc:
        err.print(f"[red]error:[/red] {exc}", highlight=False)
        raise typer.Exit(2) from exc


def resolver_for(st: GraphStore, store: StoreKind | None = None, data: Path | None = None):
    """The name resolver over this store, reading the bundled alias file and the user's in the data directory."""
    from policykg.graph.analytics import store_fetch
    from policykg.queries.resolve import Resolver

    return Resolver.for_data(store_fetch(st), settings_for(store, data).resolved_data_dir())


def resolving_fetch(st: GraphStore, store: StoreKind | None = None, data: Path | None = None):
    """``fetch`` for views and analytics: catalog queries over this store, names resolved as ``query`` does."""
    from policykg.graph.analytics import store_fetch

    return resolver_for(st, store, data).wrap(store_fetch(st))


def print_rows(columns: list[str], rows: list[list[Any]], fmt: OutputFormat, truncated: bool = False,
               layout: "Layout | None" = None, vertical: bool = False, total: int | None = None) -> None:
    from .tables import Layout, render

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
    from policykg.queries.catalog import CatalogError

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
