"""The store commands as a user runs them: ingest, load, query, store status and stop."""
from __future__ import annotations

import csv
import io
import json

from typer.testing import CliRunner

from policykg.cli import app


def test_main_job_then_department_leads(tmp_path, monkeypatch, gold):
    monkeypatch.setenv("POLICYKG_DATA", str(tmp_path / "data"))
    monkeypatch.delenv("NEO4J_URI", raising=False)
    runner = CliRunner()
    try:
        ingest = runner.invoke(app, ["ingest"])
        assert ingest.exit_code == 0, ingest.output
        assert "5 documents ingested, 0 failed" in ingest.stdout
        assert "LEADS" in ingest.stdout and "policykg query department-leads" in ingest.stdout

        result = runner.invoke(app, ["query", "department-leads", "--param", "name=市发展改革委", "-f", "json"])
        assert result.exit_code == 0, result.output
        rows = json.loads(result.stdout)["rows"]
        led = {(r["doc_number"], r["number"]) for r in rows}
        assert ("菏政办字〔2024〕7号", "二/(一)/1") in led and len(led) > 30

        as_csv = runner.invoke(app, ["query", "province-to-city", "-f", "csv"])
        table = [r for r in csv.DictReader(io.StringIO(as_csv.stdout)) if r["basis"] == "explicit"]
        assert len(table) == 35
        first = next(r for r in table if r["provincial_task"] == "实施经济强县领跑计划")
        assert first["city_leads"] == "市发展改革委" and first["provincial_leads"] == "省发展改革委"

        listing = runner.invoke(app, ["query"])
        assert "department-leads" in listing.stdout and "province-to-city" in listing.stdout

        bad = runner.invoke(app, ["query", "department-leads"])
        assert bad.exit_code == 2 and "needs parameter 'name'" in bad.stderr

        status = runner.invoke(app, ["store", "status"])
        assert "running          True" in status.stdout
    finally:
        stop = runner.invoke(app, ["store", "stop"])
        assert stop.exit_code == 0
