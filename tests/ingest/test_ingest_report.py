"""The ingest report says what it did not understand: provisions nobody is responsible for, table columns it did
not read, cited documents that are only stubs; and it explains its columns."""
from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from policykg.cli import app

SAMPLE = Path(__file__).parents[2] / "policykg" / "sample_corpus"


def _ingest(*args: str):
    return CliRunner().invoke(app, ["ingest", "--no-store", *args])


def test_the_report_lists_what_the_graph_does_not_say(tmp_path, gold):
    table_doc = next(name for name, g in gold.items() if g.get("cascades"))
    lines = (SAMPLE / table_doc).read_text("utf-8").splitlines()
    # a division-of-labour table with a column no role fits: its cells are not read, and the report says so
    (tmp_path / "table.txt").write_text("\n".join(line + "\t备注" if line.startswith("序号\t") else line for line in lines),
                                        encoding="utf-8")
    prose_doc = next(name for name, g in gold.items() if not g.get("cascades") and g["tasks"])
    (tmp_path / "prose.txt").write_bytes((SAMPLE / prose_doc).read_bytes())
    report_file = tmp_path / "report.json"
    result = _ingest(str(tmp_path), "--report", str(report_file))
    assert result.exit_code == 0, result.output
    report = json.loads(report_file.read_text("utf-8"))
    by_number = {d["doc_number"]: d for d in report["documents"]}

    table = by_number[gold[table_doc]["document"]["doc_number"]]
    assert table["ignored_columns"] == ["备注"]
    assert f"{table['doc_number']}: table columns not read: 备注" in result.stdout

    prose = by_number[gold[prose_doc]["document"]["doc_number"]]
    with_units = {t["number"] for t in gold[prose_doc]["tasks"] if t["leads"] or t["cooperates"]}
    assert prose["unassigned"] and not set(prose["unassigned"]) & with_units
    assert f"{prose['doc_number']}: no responsible unit for provisions {prose['unassigned'][0]}" in result.stdout

    stubs = report["graph"]["stub_documents"]
    assert stubs > 0 and report["graph"]["nodes"]["Document"] == 2 + stubs
    assert f"documents in the graph: 2 ingested, {stubs} stubs" in result.stdout
    # rows by title, not by the file's name; a legend says what each count is
    assert gold[prose_doc]["document"]["title"] in result.stdout and "prose.txt" not in result.stdout
    assert "no unit: innermost provisions no unit is responsible for" in result.stdout


def test_help_explains_the_columns():
    result = CliRunner().invoke(app, ["ingest", "--help"])
    assert result.exit_code == 0
    for word in ("no unit", "unrec", "unknown", "stubs"):
        assert word in result.stdout
