"""`policykg query`: department names resolved as the API resolves them, and output that fits a terminal."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from policykg.cli import app


@pytest.fixture
def cli(loaded_store, monkeypatch):
    # the CLI reuses the session's embedded server through its data directory
    monkeypatch.setenv("POLICYKG_DATA", str(loaded_store.server.data_dir))
    monkeypatch.delenv("NEO4J_URI", raising=False)
    runner = CliRunner()
    return lambda *args: runner.invoke(app, list(args))


def _rows(result) -> list[dict]:
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)["rows"]


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
    user = loaded_store.server.data_dir / "departments.user.toml"
    user.write_text('[[organisation]]\nname = "市发展改革委"\naliases = ["菏泽发改"]\n', encoding="utf-8")
    try:
        assert _rows(cli("query", "department-leads", "-p", "name=菏泽发改", "-f", "json"))
    finally:
        user.unlink()
