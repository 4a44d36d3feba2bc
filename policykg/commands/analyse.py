"""`policykg analyse`: workload, centrality, provincial–city bridges, unled tasks, unowned targets, a workload plot."""
from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, Optional

import typer
from rich.table import Table

from .console import err, out
from .options import DataOption, StoreOption, open_store_or_exit, resolving_fetch


class AnalyseFormat(str, Enum):
    table = "table"
    json = "json"


SECTIONS = ("workload", "centrality", "bridges", "unled_tasks", "unowned_targets")


def _table(title: str, rows: list[dict[str, Any]], columns: list[tuple[str, str]], limit: int | None) -> None:
    table = Table(*[label for _, label in columns], title=title, title_justify="left")
    shown = rows[:limit] if limit else rows
    for r in shown:
        table.add_row(*["、".join(map(str, r.get(k) or [])) if isinstance(r.get(k), list)
                        else ("" if r.get(k) is None else f"{r[k]:.4f}" if isinstance(r[k], float) else str(r[k]))
                        for k, _ in columns])
    out.print(table)
    more = f" (showing {len(shown)}; --top 0 for all)" if len(shown) < len(rows) else ""
    out.print(f"{len(rows)} rows{more}\n", highlight=False)


def register(app: typer.Typer) -> None:
    @app.command()
    def analyse(
        fmt: Annotated[AnalyseFormat, typer.Option("--format", "-f", help="table (for people) or json")] =
        AnalyseFormat.table,
        top: Annotated[int, typer.Option(min=0, help="rows per ranking (0: all)")] = 15,
        include_collective: Annotated[bool, typer.Option(
            help="count collective units (市有关部门, 各县区政府、管委会) as departments")] = False,
        plot: Annotated[Optional[Path], typer.Option(
            help="also write the workload plot here: .svg or .png")] = None,
        store: StoreOption = None,
        data: DataOption = None,
    ) -> None:
        """Departments by workload, centrality in the who-works-with-whom network, departments bridging
        provincial and city tasks, tasks with no lead, targets with no owner; optionally a workload plot."""
        from policykg.graph.analytics import analysis_report

        if plot is not None and plot.suffix.lower() not in (".svg", ".png"):
            err.print(f"[red]error:[/red] --plot must end in .svg or .png, not {plot.name!r}", highlight=False)
            raise typer.Exit(2)
        with open_store_or_exit(store, data) as st:
            report = analysis_report(resolving_fetch(st, store, data), top=top, include_collective=include_collective)
        if plot is not None:
            from policykg.viz.plots import missing_font_note, workload_plot

            plot.parent.mkdir(parents=True, exist_ok=True)
            plot.write_bytes(workload_plot(report["workload"], plot.suffix.lower()[1:], top=top or 20))
            note = missing_font_note()
            if note:
                err.print(f"[yellow]note:[/yellow] {note}", highlight=False)
        if fmt is AnalyseFormat.json:
            payload = dict(report)
            if top:
                payload["workload"] = payload["workload"][:top]
                payload["bridges"] = payload["bridges"][:top]
            sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=1) + "\n")
        else:
            _table("Workload by department", report["workload"],
                   [("department", "department"), ("level", "level"), ("led", "tasks led"),
                    ("cooperated", "cooperated on"), ("targets_owned", "targets owned")], top)
            _table("Centrality in the who-works-with-whom network", report["centrality"],
                   [("department", "department"), ("betweenness", "betweenness"), ("partners", "partners"),
                    ("shared_tasks", "shared tasks")], top)
            _table("Departments bridging provincial and city tasks", report["bridges"],
                   [("department", "department"), ("level", "level"), ("province_tasks", "provincial tasks"),
                    ("city_tasks", "city tasks"), ("cascade_links", "cascade links"), ("brokerage", "brokerage")],
                   top)
            _table("Tasks with no lead", report["unled_tasks"],
                   [("doc_number", "document"), ("number", "provision"), ("title", "title"),
                    ("cooperates", "cooperates")], None)
            _table("Targets with no owner", report["unowned_targets"],
                   [("doc_number", "document"), ("number", "provision"), ("text", "target"), ("year", "year")], None)
        if plot is not None:
            err.print(f"wrote the workload plot to {plot}", highlight=False)
