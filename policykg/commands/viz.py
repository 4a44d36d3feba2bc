"""`policykg viz department|document|cascade|industry`: a responsibility network as a standalone HTML file."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Optional

import typer

from .console import err, out
from .options import DataOption, StoreKind, StoreOption, open_store_or_exit, resolving_fetch

OutputOption = Annotated[Optional[Path], typer.Option(
    "--output", "-o", help="the HTML file to write (default: <view>-<name>.html in the current folder)")]
LimitOption = Annotated[int, typer.Option(
    "--limit", min=1, help="at most this many nodes; a larger network collapses to its most connected part")]


def _default_name(kind: str, key: str | None) -> Path:
    safe = re.sub(r"[\\/:*?\"<>|\s〔〕()（）]+", "_", key or "all").strip("_") or "all"
    return Path(f"{kind}-{safe}.html")


def _write(kind: str, key: str | None, output: Path | None, store: StoreKind | None, data: Path | None, limit: int,
           **options) -> None:
    from policykg.queries.catalog import CatalogError
    from policykg.viz import AmbiguousName, ViewNotFound, build_view, render_html

    with open_store_or_exit(store, data) as st:
        try:
            # names resolved as `policykg query` resolves them: unknown → did you mean, ambiguous → the candidates
            view = build_view(kind, resolving_fetch(st, store, data), key, limit=limit, **options)
        except (ViewNotFound, AmbiguousName, CatalogError) as exc:
            err.print(f"[red]error:[/red] {exc}", highlight=False)
            raise typer.Exit(1) from exc
    target = output or _default_name(kind, key)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(render_html(view, inline=True), encoding="utf-8")
    counts = ", ".join(f"{n} {label}" for label, n in view.counts().items()) or "nothing to draw"
    out.print(f"wrote {target}: {view.title} · {view.graph.number_of_nodes()} nodes ({counts}), "
              f"{view.graph.number_of_edges()} edges", highlight=False)
    if view.notice:
        err.print(f"[yellow]note:[/yellow] {view.notice}", highlight=False)


def register(app: typer.Typer) -> None:
    from policykg.viz.graphs import DEFAULT_NODE_LIMIT

    viz_app = typer.Typer(help="Responsibility networks as standalone HTML pages (open them in a browser, offline).",
                          no_args_is_help=True)
    app.add_typer(viz_app, name="viz")

    @viz_app.command("department")
    def department(
        name: Annotated[str, typer.Argument(help="department name, alias or id, e.g. 市发展改革委")],
        region: Annotated[Optional[str], typer.Option(help="the department's region when several share the name")] = None,
        output: OutputOption = None, limit: LimitOption = DEFAULT_NODE_LIMIT,
        store: StoreOption = None, data: DataOption = None,
    ) -> None:
        """A department, the tasks it leads (solid) and cooperates on (dashed), and the other departments on them."""
        _write("department", name, output, store, data, limit, region=region)

    @viz_app.command("document")
    def document(
        id: Annotated[str, typer.Argument(help="document number, id or exact title, e.g. 菏政办字〔2023〕13号")],
        output: OutputOption = None, limit: LimitOption = DEFAULT_NODE_LIMIT,
        store: StoreOption = None, data: DataOption = None,
    ) -> None:
        """A document's provisions, their departments, targets, industries and the tasks they carry out."""
        _write("document", id, output, store, data, limit)

    @viz_app.command("cascade")
    def cascade(
        document: Annotated[Optional[str], typer.Option(help="only this higher-level document (id, number or part "
                                                             "of its title)")] = None,
        min_score: Annotated[Optional[float], typer.Option(help="only links scored at least this (default: the "
                                                                "linker's calibrated threshold)")] = None,
        basis: Annotated[Optional[str], typer.Option(help="explicit or inferred links only")] = None,
        link: Annotated[Optional[str], typer.Option(help="CASCADES_FROM (the default), RELATES_TO or any")] = None,
        output: OutputOption = None, limit: LimitOption = DEFAULT_NODE_LIMIT,
        store: StoreOption = None, data: DataOption = None,
    ) -> None:
        """Provincial tasks → the city tasks carrying them out → the city departments on those, top-down."""
        _write("cascade", document, output, store, data, limit, min_score=min_score, basis=basis, link=link)

    @viz_app.command("industry")
    def industry(
        name: Annotated[str, typer.Argument(help="industry name, e.g. 生产性服务业")],
        output: OutputOption = None, limit: LimitOption = DEFAULT_NODE_LIMIT,
        store: StoreOption = None, data: DataOption = None,
    ) -> None:
        """An industry across levels: its broader and narrower industries, tasks about them, their departments."""
        _write("industry", name, output, store, data, limit)

    @viz_app.command("task")
    def task(
        id: Annotated[str, typer.Argument(help="a task's id (or any node's), e.g. task:菏政办字〔2024〕7号:四/(五)")],
        output: OutputOption = None, limit: LimitOption = DEFAULT_NODE_LIMIT,
        store: StoreOption = StoreKind.auto, data: DataOption = None,
    ) -> None:
        """A task and everything one relationship away: its document, departments, targets and links."""
        _write("task", id, output, store, data, limit)
