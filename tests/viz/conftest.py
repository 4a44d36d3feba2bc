"""Fixtures for the browser views and the analytics: gold expectations, an API client with the views wired in."""
from __future__ import annotations

import re
import warnings
from collections.abc import Iterator

import pytest

from policykg.graph.analytics import store_fetch

COLLECTIVE = re.compile(r"(有关|^各|所属|相关)")


def gold_city_tasks(gold) -> list[tuple[str, str, list[str], list[str]]]:
    """(doc_number, number, leads, cooperates) of every lower-level task in the gold files; for a
    division-of-labour table row, the city units that carry it out (the provincial side is a separate task)."""
    out = []
    for g in gold.values():
        number = g["document"]["doc_number"]
        cascades = {c["number"]: c for c in g.get("cascades", [])}
        for t in g["tasks"]:
            c = cascades.get(t["number"])
            if c:
                out.append((number, t["number"], c["city_leads"], c["city_cooperates"]))
            else:
                out.append((number, t["number"], t["leads"], t["cooperates"]))
    return out


def gold_provincial_tasks(gold) -> list[tuple[str, list[str], list[str]]]:
    """(heading, leads, cooperates) of the higher-level tasks the gold files' tables name."""
    return [(c["province_task"], c["province_leads"], c["province_cooperates"])
            for g in gold.values() for c in g.get("cascades", [])]


def expected_department_view(gold, name: str) -> tuple[int, set[str]]:
    """What the department view of ``name`` must show, from the gold files: its tasks and the departments on them."""
    tasks = 0
    departments = {name}
    for _, _, leads, coop in gold_city_tasks(gold):
        if name in leads or name in coop:
            tasks += 1
            departments |= set(leads) | set(coop)
    for _, leads, coop in gold_provincial_tasks(gold):
        if name in leads or name in coop:
            tasks += 1
            departments |= set(leads) | set(coop)
    return tasks, departments


@pytest.fixture(scope="session")
def fetch(loaded_store):
    """Catalog rows as the views get them on every surface: names resolved first (a department to its id)."""
    from policykg.queries.resolve import Resolver

    return Resolver.for_data(store_fetch(loaded_store), None).wrap(store_fetch(loaded_store))


@pytest.fixture(scope="session")
def viz_app(loaded_store):
    """The API over the sample corpus, with the views and analytics routers (included here when the app
    factory does not include them yet)."""
    from policykg.api import create_app
    from policykg.api import routes_analytics as analytics
    from policykg.api import routes_viz as viz
    from policykg.settings import Settings

    app = create_app(loaded_store, Settings())
    paths = {getattr(r, "path", None) for r in app.routes}
    for module, probe in ((viz, "/viz"), (analytics, "/analytics")):
        if probe not in paths:
            app.include_router(module.router)
    return app


@pytest.fixture(scope="session")
def viz_client(viz_app) -> Iterator:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient
    with TestClient(viz_app) as c:
        yield c


@pytest.fixture(scope="session")
def gold_expectations(gold):
    """Helpers over the gold files, for the tests of this folder."""

    class Gold:
        city_tasks = staticmethod(lambda: gold_city_tasks(gold))
        provincial_tasks = staticmethod(lambda: gold_provincial_tasks(gold))
        department_view = staticmethod(lambda name: expected_department_view(gold, name))
        cascades = staticmethod(lambda: [c for g in gold.values() for c in g.get("cascades", [])])

    return Gold
