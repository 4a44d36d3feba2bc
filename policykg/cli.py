"""The ``policykg`` command: every command group registered on one Typer app.

The groups live in ``policykg.commands``; each builds the one object it needs
(the ingestion service, a graph store, the API) from the settings and hands
the work over.
"""
from __future__ import annotations

import typer

from .commands import analyse, extract, ingest, link, query, serve, viz
from .commands.options import current_settings

app = typer.Typer(help="policykg: a knowledge graph of Chinese government policy provisions.",
                  no_args_is_help=True, add_completion=False)


@app.callback()
def _settings_first() -> None:
    # every command starts by reading and checking the settings, so a bad variable is one line, not a traceback
    # (read afresh per invocation: tests and embedders run several in one process)
    current_settings.cache_clear()
    current_settings()


for group in (extract, query, ingest, serve, viz, analyse, link):
    group.register(app)
