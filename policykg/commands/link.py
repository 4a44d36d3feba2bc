"""``policykg link``: recompute the inferred links between provisions of different levels."""
from __future__ import annotations

import os
from typing import Annotated

import typer
from rich.table import Table

from policykg.graph.linking.links import MIN_SCORE, TOP_K
from policykg.graph.stores.writer_lock import WriterBusy

from .console import err
from .options import DataOption, StoreOption, open_store_or_exit, out


def register(app: typer.Typer) -> None:
    @app.command()
    def link(
        top_k: Annotated[int, typer.Option(help="lower tasks kept per higher-level task and lower document")] = TOP_K,
        min_score: Annotated[float, typer.Option(help="weakest link written (default: the calibrated "
                                                      "threshold)")] = MIN_SCORE,
        jobs: Annotated[int, typer.Option(
            "--jobs", "-j", help="processes scoring at once a store relinked in parts of provinces (one with more "
                                 "documents than POLICYKG_RELINK_BUDGET, 5,000 by default; each holds a part); "
                                 "0: one per CPU, at most 4")] = 0,
        store: StoreOption = None,
        data: DataOption = None,
    ) -> None:
        """Link provincial tasks to the city and county tasks that address the same thing.

        Only within the region tree: a higher document's region must contain the lower one's (or it is
        national), unless the lower document names it (贯彻落实《…》), which then comes first. A link is
        CASCADES_FROM {basis: inferred} when the higher document came first or the lower one says it
        implements it, else RELATES_TO; explicit links from tables always win.
        """
        jobs = jobs if jobs > 0 else min(os.cpu_count() or 1, 4)
        with open_store_or_exit(store, data) as st:
            # a writer like an ingest: one relinking while another process loads would read half its documents,
            # and a relink in parts would leave the store marked as being relinked for that ingest's own relink
            try:
                with st.writer_lock("policykg link"):
                    report = st.relink(top_k=top_k, min_score=min_score, jobs=jobs)
            except WriterBusy as exc:
                err.print(f"[red]error:[/red] {exc}", highlight=False)
                raise typer.Exit(2) from exc
        table = Table("link", "count")
        for kind, n in sorted(report.links.items()):
            table.add_row(kind, str(n))
        out.print(table)
        out.print(f"{sum(report.links.values())} inferred links among {report.units} tasks "
                  "(see: policykg query province-to-city)", highlight=False)
