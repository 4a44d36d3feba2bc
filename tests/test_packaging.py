"""What `pip install .` puts in site-packages: the one package policykg, its data, and nothing else."""
from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> zipfile.ZipFile:
    out = tmp_path_factory.mktemp("wheel")
    build = tmp_path_factory.mktemp("build")
    # built from a copy of the tracked files, so a stale build/ in the work tree cannot leak into it
    files = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout.split(b"\0")
    for name in filter(None, files):
        target = build / name.decode()
        target.parent.mkdir(parents=True, exist_ok=True)
        source = ROOT / name.decode()
        if source.is_file():
            target.write_bytes(source.read_bytes())
    # the plain build: a POLICYKG_MYPYC from the caller's environment would compile (setup.py)
    env = {k: v for k, v in os.environ.items() if k != "POLICYKG_MYPYC"}
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
                    "-w", str(out), str(build)], check=True, capture_output=True, env=env)
    (path,) = out.glob("policykg-*.whl")
    return zipfile.ZipFile(path)


def test_the_wheel_holds_policykg_and_its_dist_info_only(wheel):
    top = {name.split("/", 1)[0] for name in wheel.namelist()}
    assert {t for t in top if not t.endswith(".dist-info")} == {"policykg"}


def test_the_design_folders_are_sub_packages_with_their_data(wheel):
    names = set(wheel.namelist())
    for module in ("policykg/ingest/extract.py", "policykg/graph/repository.py", "policykg/api/app.py",
                   "policykg/queries/catalog.py", "policykg/viz/render.py", "policykg/commands/ingest.py",
                   "policykg/ingestion.py", "policykg/ingest/data/departments.toml",
                   "policykg/queries/department-leads.cypher", "policykg/viz/templates/network.html"):
        assert module in names, module
    assert not any(n.startswith(("policykg/tests", "tests/", "bench/")) for n in names)
    assert not any("node_modules" in n for n in names)


def test_python_dash_m_policykg_is_the_command():
    done = subprocess.run([sys.executable, "-m", "policykg", "--help"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and "ingest" in done.stdout and "query" in done.stdout
