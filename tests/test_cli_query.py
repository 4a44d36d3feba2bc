"""`policykg query`: department names resolved as the API resolves them, and output that fits a terminal."""
from __future__ import annotations

import json
import re

import pytest
from typer.testing import CliRunner

from policykg.cli import app


@pytest.fixture
def cli(loaded_store, monkeypatch):
    # the CLI reuses the session's embedded server through its data directory
    monkeypatch.setenv("POLICYKG_DATA", str(loaded_store.backend.server.data_dir))
    monkeypatch.delenv("NEO4J_URI", raising=False)
    runner = CliRunner()
    return lambda *args: runner.invoke(app, list(args))


def _rows(result) -> list[dict]:
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)["rows"]


def test_limit_and_offset_page_in_the_store(cli):
    everything = _rows(cli("query", "department-leads", "-p", "name=市发展改革委", "-f", "json"))
    assert len(everything) > 4
    first = _rows(cli("query", "department-leads", "-p", "name=市发展改革委", "--limit", "2", "-f", "json"))
    second = _rows(cli("query", "department-leads", "-p", "name=市发展改革委", "--limit", "2", "--offset", "2",
                       "-f", "json"))
    assert first + second == everything[:4]
    assert {r["total"] for r in first + second} == {len(everything)}  # the total is over all pages
    # a page of the targets: its total comes from the count query the header names
    shown = cli("query", "targets", "--limit", "3")
    assert shown.exit_code == 0 and re.search(r"3 of \d+ rows", shown.stdout.replace("\n", " ")), shown.stdout[-300:]


def test_department_leads_by_any_name(cli, city_gold_tasks):
    expected = sum(1 for _, _, leads, _ in city_gold_tasks if "市发展改革委" in leads)
    canonical = _rows(cli("query", "department-leads", "-p", "name=市发展改革委", "-f", "json"))
    assert len(canonical) == expected
    for other in ("市发改委", "菏泽市发展改革委", "菏泽市发展和改革委员会", "市 发展改革委"):
        assert _rows(cli("query", "department-leads", "-p", f"name={other}", "-f", "json")) == canonical, other
    by_region = _rows(cli("query", "department-leads", "-p", "name=发改委", "-p", "region=菏泽市", "-f", "json"))
    assert by_region == canonical


def test_an_agency_without_its_level_is_ambiguous(cli):
    result = cli("query", "department-leads", "-p", "name=发改委")
    assert result.exit_code != 0
    assert "市发展改革委" in result.stderr and "省发展改革委" in result.stderr


def test_a_typo_gets_did_you_mean(cli):
    result = cli("query", "department-leads", "-p", "name=市发展该革委")
    assert result.exit_code != 0 and result.stdout == ""
    assert "did you mean 市发展改革委" in result.stderr


def test_an_unknown_filter_value_is_an_error_not_an_empty_table(cli):
    result = cli("query", "targets", "-p", "document=不存在的文件")
    assert result.exit_code != 0 and "no document named '不存在的文件'" in result.stderr


def test_the_user_alias_file_is_read(cli, loaded_store):
    user = loaded_store.backend.server.data_dir / "departments.user.toml"
    user.write_text('[[organisation]]\nname = "市发展改革委"\naliases = ["菏泽发改"]\n', encoding="utf-8")
    try:
        assert _rows(cli("query", "department-leads", "-p", "name=菏泽发改", "-f", "json"))
    finally:
        user.unlink()


def _terminal(loaded_store, *args: str, columns: int = 100) -> str:
    """What `policykg …` prints on a terminal ``columns`` wide (rich takes the width from COLUMNS)."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "COLUMNS": str(columns), "POLICYKG_DATA": str(loaded_store.backend.server.data_dir)}
    env.pop("NEO4J_URI", None)
    done = subprocess.run([sys.executable, "-m", "policykg", *args], env=env, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.mark.parametrize("args, number_columns", [
    (("department-leads", "-p", "name=市发展改革委"), ["doc_number"]),
    (("province-to-city",), ["city_document"]),
])
def test_tables_at_100_columns_keep_document_numbers_whole(cli, loaded_store, args, number_columns):
    rows = _rows(cli("query", *args, "-f", "json"))
    numbers = {r[c] for r in rows for c in number_columns if r[c]}
    assert numbers
    shown = _terminal(loaded_store, "query", *args)
    lines = shown.splitlines()
    from rich.cells import cell_len

    assert max(cell_len(line) for line in lines) <= 100  # CJK characters are two cells wide
    for number in numbers:
        assert number in shown, f"{number} is cut or missing"
    # every row is there, and each number appears whole on its row (never split over two lines)
    assert sum(line.count(n) for line in lines for n in numbers) == len(rows)


def test_columns_vertical_and_limit(cli):
    table = cli("query", "department-leads", "-p", "name=市发展改革委", "--columns", "task_id,number", "--limit", "3")
    assert table.exit_code == 0, table.output
    assert "task_id" in table.stdout and "written_as" not in table.stdout
    assert "3 of " in table.stdout and table.stdout.count("task:") == 3
    block = cli("query", "department-leads", "-p", "name=市发展改革委", "--vertical", "-n", "2", "-c", "all")
    assert block.exit_code == 0 and block.stdout.count("written_as") == 2 and block.stdout.count("task_id") == 2
    bad = cli("query", "department-leads", "-p", "name=市发展改革委", "--columns", "nope")
    assert bad.exit_code == 2 and "no column nope" in bad.stderr
    as_json = _rows(cli("query", "department-leads", "-p", "name=市发展改革委", "-c", "task_id", "-f", "json"))
    assert set(as_json[0]) == {"task_id"}


def test_departments_keep_the_order_the_clause_prints(cli, gold):
    """The first-listed unit is the main one: every list of departments is in the order of the source."""
    checked = 0
    for g in gold.values():
        number = g["document"]["doc_number"]
        for t in g["tasks"]:
            if len(t["leads"]) + len(t["cooperates"]) < 3 or t["number"] in {c["number"] for c in g.get("cascades", [])}:
                continue
            rows = _rows(cli("query", "task", "-p", f"id=task:{number}:{t['number']}", "-f", "json"))
            names = ([x["name"] for x in rows[0]["leads"]], [x["name"] for x in rows[0]["cooperates"]])
            assert names == (t["leads"], t["cooperates"]), t["number"]
            checked += 1
    assert checked >= 10


def test_the_listing_shows_what_users_ask(cli):
    from policykg.queries.catalog import load_catalog

    catalog = load_catalog()
    internal = {q.name for q in catalog.values() if q.internal}
    assert {"viz-department", "link-units", "cascade-edges", "responsibility-edges", "department-names"} <= internal
    assert "task-detail" not in catalog  # one task query, with every detail
    listing = cli("query")
    assert listing.exit_code == 0
    shown = set(re.findall(r"^│ ([a-z][a-z-]+)", listing.stdout, flags=re.M))
    assert shown == set(catalog) - internal
    assert set(re.findall(r"^│ ([a-z][a-z-]+)", cli("query", "--all").stdout, flags=re.M)) == set(catalog)
