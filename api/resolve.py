"""A department name as a user writes it → the department in the graph, for the routers.

The resolving is done by ``policykg.queries.resolve`` (the one resolver the CLI, the views and the analytics
use too); this module maps its answers to problems: unknown → 404 with suggestions, ambiguous → 409 with the
candidates.
"""
from __future__ import annotations

from typing import Any

from policykg.queries.resolve import AmbiguousName, Found, UnknownName

from .problems import ApiProblem
from .runner import LISTS, QueryRunner, check_text


def resolve_department(runner: QueryRunner, name: str, region: str | None = None,
                       what: str = "department") -> Found:
    """The one department ``name`` stands for (id, name, region, level, aliases), and how it was found: what a
    route needs that only passes the department on (its tasks, its view, a filter)."""
    check_text("name", name)
    if region is not None:
        check_text("region", region)
    try:
        return runner.resolver().department(name, region)
    except UnknownName as exc:
        raise ApiProblem(404, str(exc).replace("department", what, 1) + LISTS["department"],
                         suggestions=exc.suggestions) from exc
    except AmbiguousName as exc:
        raise ApiProblem(409, str(exc).replace("department", what, 1), kind="ambiguous-name",
                         candidates=exc.candidates, suggestions=exc.suggestions) from exc


def find_department(runner: QueryRunner, name: str, region: str | None = None) -> tuple[dict[str, Any], str]:
    """The one department ``name`` stands for, as its ``department`` row (what it does, the documents naming
    it), and how it was found."""
    found = resolve_department(runner, name, region)
    rows = runner.rows("department", {"name": found.row["id"]})
    return rows[0], found.how


def canonical_name(runner: QueryRunner, name: str, what: str) -> str:
    """For a filter: the department's id (404 / 409 as ``find_department``); the runner hands the query its id
    or its canonical name, whichever the query matches."""
    return resolve_department(runner, name, None, what).row["id"]
