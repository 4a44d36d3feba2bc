"""A department name as a user writes it → the department in the graph.

Three tries, cheapest first: the name as given (canonical name, id, or a
surface form the documents used, kept in ``aliases``); then the canonical
form the alias file gives (市发改委 → 市发展改革委, OCR repairs, renamings),
which also finds departments under a name no ingested document printed.
"""
from __future__ import annotations

from typing import Any

from policykg.ingest.departments import default_catalog

from .problems import ApiProblem
from .runner import QueryRunner, check_text


def find_department(runner: QueryRunner, name: str, region: str | None = None,
                    what: str = "department") -> tuple[dict[str, Any], str]:
    """The one department ``name`` stands for, and how it was found: exact, alias or alias-file."""
    candidates = _candidates(runner, name, region)
    rows, how = candidates
    if not rows:
        raise _not_found(runner, name, region, what)
    if len(rows) > 1:
        ids = [r["id"] for r in rows]
        raise ApiProblem(409, f"{what} {name!r} matches {len(rows)} departments: {', '.join(ids)}; "
                              "say which with ?region= or use the id", kind="ambiguous-name", candidates=ids)
    return rows[0], how


def canonical_name(runner: QueryRunner, name: str, what: str) -> str:
    """For a filter: the canonical name to match (several regions may share it, e.g. 市发展改革委)."""
    rows, _ = _candidates(runner, name, None)
    if not rows:
        raise _not_found(runner, name, None, what)
    names = sorted({r["name"] for r in rows})
    if len(names) > 1:
        raise ApiProblem(409, f"{what} {name!r} is a name of {len(names)} different departments: "
                              f"{', '.join(names)}; give one of them", kind="ambiguous-name", candidates=names)
    return names[0]


def _candidates(runner: QueryRunner, name: str, region: str | None) -> tuple[list[dict[str, Any]], str]:
    check_text("name", name)
    rows = runner.rows("department", {"name": name, "region": region})
    if rows:
        exact = all(r["name"] == name or r["id"] == name for r in rows)
        return rows, "exact" if exact else "alias"
    canonical = default_catalog().resolve(name).name
    if canonical and canonical != name:
        rows = runner.rows("department", {"name": canonical, "region": region})
        if rows:
            return rows, "alias-file"
    return [], "none"


def _not_found(runner: QueryRunner, name: str, region: str | None, what: str) -> ApiProblem:
    canonical = default_catalog().resolve(name).name
    tried = f" (nor {canonical!r}, its canonical form in the alias file)" if canonical and canonical != name else ""
    where = f" in {region}" if region else ""
    suggestions: list[str] = []
    if len(name) >= 2:
        page = runner.page("departments", {"prefix": name[:2], "region": region}, 0, 5)
        suggestions = [r["name"] for r in page.items]
    hint = f"; did you mean {'、'.join(suggestions)}?" if suggestions else "; GET /departments lists them"
    return ApiProblem(404, f"no {what} named {name!r}{where}{tried}{hint}", suggestions=suggestions)
