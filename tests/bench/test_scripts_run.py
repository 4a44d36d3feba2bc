"""Every benchmark script runs as the README says, in its smallest form: a script that crashes on an API field renamed
since it was written (bench/api.py read a department's ``leads`` after it became ``leads_count``) is found here, not by
the next person who wants its numbers. The figures are not judged (they belong to a quiet machine); that the script
finishes and prints its table is.

Each runs in its own process with a data directory of its own: the scripts start and stop their own embedded stores
in temporary folders, and never use the store a user configured. The real corpus is stood in for by records made
from the sample corpus (tests do not read ../shared)."""
from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from policykg.corpus import sample_corpus_files
from tests.browser import missing_browser_reason

ROOT = Path(__file__).resolve().parents[2]
BENCH = ROOT / "bench"
SCRIPT_TIMEOUT = 600  # seconds: a hung server, not a slow one


@pytest.fixture(scope="module")
def records(tmp_path_factory) -> Path:
    """A records.jsonl.gz in the real corpus' shape (id, type, text) holding the sample documents."""
    path = tmp_path_factory.mktemp("records") / "records.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as f:
        for i, file in enumerate(sample_corpus_files()):
            f.write(json.dumps({"id": f"REC_{i}", "type": "policy_document",
                                "text": file.read_text(encoding="utf-8")}, ensure_ascii=False) + "\n")
    return path


def _run(tmp_path: Path, *args: str) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("POLICYKG_")}
    env["POLICYKG_DATA"] = str(tmp_path / "data")  # (a script that opens the default store opens this one)
    env["OPENBLAS_NUM_THREADS"] = "1"
    done = subprocess.run([sys.executable, *args], cwd=tmp_path, env=env, capture_output=True, text=True,
                          timeout=SCRIPT_TIMEOUT)
    assert done.returncode == 0, f"{' '.join(args)} exited {done.returncode}:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done.stdout


# (script, its smallest arguments, a heading its table prints)
SCRIPTS = [
    ("extract.py", ["--real", "0", "--generated", "5", "--cold", "1", "--seconds", "0.2", "--copies", "1"],
     "MB/s per core"),
    ("targets.py", ["--rounds", "1"], "provisions/s"),
    ("load.py", ["--relationships", "2000"], "UNWIND"),
    ("corpus.py", ["{tmp}/national", "--documents", "12", "--check", "4"], "coverage of 4 documents"),
    ("ingest_cost.py", ["--documents", "12"], "whole load_document"),
    ("ingest_folder.py", ["--documents", "6"], "docs/s"),
    ("link.py", ["--sizes", "30", "--no-eval"], "full relink"),
    ("queries.py", ["--sizes", "6", "--repeat", "1"], "department-leads"),
    ("api.py", ["--requests", "5", "--rate", "10"], "endpoint group"),
    ("abuse.py", [], "attack"),
    ("scale.py", ["--sizes", "12", "--requests", "5", "--rate", "10", "--repeat", "1"], "ingest ms/doc"),
    ("robustness.py", ["--set", "samples", "--no-files", "--layout", "wrapped at 28"], "wrapped at 28"),
    ("realcorpus.py", ["{records}", "--jobs", "1"], "documents with >= 3 clause markers"),
    ("link_realcorpus.py", ["--records", "{records}"], "link"),
]


@pytest.mark.parametrize("script, arguments, heading", SCRIPTS, ids=[s for s, _, _ in SCRIPTS])
def test_a_benchmark_runs_and_prints_its_table(script, arguments, heading, tmp_path, records):
    args = [a.format(tmp=tmp_path, records=records) for a in arguments]
    out = _run(tmp_path, str(BENCH / script), *args)
    assert heading in out, out[-3000:]


def test_the_endpoint_benchmark_runs_on_a_store_already_built(tmp_path):
    """bench/endpoints.py is given a copy of a store: here one `policykg ingest` of the sample corpus made."""
    _run(tmp_path, "-m", "policykg", "ingest")
    _run(tmp_path, "-m", "policykg", "store", "stop")
    data = tmp_path / "data"
    assert data.is_dir()
    out = _run(tmp_path, str(BENCH / "endpoints.py"), "--data", str(data), "--requests", "5", "--rate", "10",
               "--alone", "1")
    assert "p99" in out, out[-3000:]


def test_the_view_benchmark_runs_in_a_browser(tmp_path):
    if reason := missing_browser_reason():
        pytest.skip(reason)
    out = _run(tmp_path, str(BENCH / "viz.py"), "--runs", "1")
    assert "largest view" in out, out[-3000:]
