"""`policykg viz …` writes standalone pages; `policykg analyse` prints the report and writes the plot."""
from __future__ import annotations

import json
import re

import pytest
from typer.testing import CliRunner

from policykg.cli import app
from policykg.viz import build_view
from policykg.viz.plots import system_cjk_fonts


@pytest.fixture
def cli(loaded_store, monkeypatch):
    # the CLI reuses the session's embedded server through its data directory
    monkeypatch.setenv("POLICYKG_DATA", str(loaded_store.backend.server.data_dir))
    monkeypatch.delenv("NEO4J_URI", raising=False)
    runner = CliRunner()
    return lambda *args: runner.invoke(app, list(args))


def test_viz_department_writes_a_standalone_page(cli, tmp_path, fetch):
    out = tmp_path / "out.html"
    r = cli("viz", "department", "市发展改革委", "-o", str(out))
    assert r.exit_code == 0, r.output
    html = out.read_text("utf-8")
    drawn = build_view("department", fetch, "市发展改革委").graph.number_of_nodes()
    assert f'data-nodes="{drawn}"' in html
    assert "<script src=" not in html and not re.search(r'(src|href)="(https?:)?//', html)
    assert f"wrote {out}" in r.stdout.replace("\n", "")


@pytest.mark.parametrize("args", [("document", "菏政办字〔2023〕13号"), ("cascade",), ("cascade", "--min-score", "0.9"),
                                  ("industry", "现代物流"), ("task", "task:菏政办字〔2024〕7号:四/(五)")])
def test_viz_other_views(cli, tmp_path, args):
    out = tmp_path / "view.html"
    r = cli("viz", *args, "-o", str(out))
    assert r.exit_code == 0, r.output
    assert 'data-view="%s"' % args[0] in out.read_text("utf-8")


def test_viz_limit_and_errors(cli, tmp_path):
    out = tmp_path / "small.html"
    r = cli("viz", "document", "菏政办字〔2023〕13号", "--limit", "30", "-o", str(out))
    assert r.exit_code == 0 and "most connected" in r.stderr
    assert 'data-nodes="30"' in out.read_text("utf-8")
    missing = cli("viz", "department", "市不存在局", "-o", str(tmp_path / "x.html"))
    assert missing.exit_code == 1 and "no department" in missing.stderr
    assert not (tmp_path / "x.html").exists()


def test_analyse(cli, tmp_path):
    r = cli("analyse", "--top", "3")
    assert r.exit_code == 0, r.output
    for heading in ("Workload by department", "Centrality", "bridging provincial and city", "Tasks with no lead",
                    "Targets with no owner"):
        assert heading in r.stdout
    plot = tmp_path / "workload.svg"
    js = cli("analyse", "-f", "json", "--top", "5", "--plot", str(plot))
    assert js.exit_code == 0, js.output
    report = json.loads(js.stdout)
    assert report["workload"][0]["department"] == "市发展改革委" and len(report["workload"]) == 5
    assert plot.read_bytes().lstrip().startswith(b"<?xml")
    png = tmp_path / "workload.png"
    assert cli("analyse", "--plot", str(png)).exit_code == 0 and png.read_bytes().startswith(b"\x89PNG")
    assert cli("analyse", "--plot", str(tmp_path / "w.pdf")).exit_code == 2
    if system_cjk_fonts():  # a CJK font is installed: no advice to install one
        assert "fonts-noto-cjk" not in js.stderr
