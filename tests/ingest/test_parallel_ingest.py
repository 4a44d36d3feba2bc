"""`policykg ingest --jobs 2` gives the store and the report `--jobs 1` gives.

With reader processes, each document's graph and write are made where it was extracted, before the store is
asked which documents it holds; the load writes that plan only when the stored documents change nothing in it.
The folder here has city documents carrying out a provincial one (the linking fixtures' families: their
references resolve to a document stored earlier in the run, or before it), the samples, and a document whose
graph cannot be built (its failure is reported by the load, naming the file, either way): a build that raises
for it stands in for a bug in the build, set before the readers are forked so that they have it too.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from policykg.cli import app

from .ingest_helpers import WHEN_AND_WHERE, dump

runner = CliRunner()
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
UPPER = ["POL_098F28AD0250D614E533.txt"]  # 桂政办发〔2024〕61号, which four of the city notices cite
UPPER_TITLE = "广西推动房地产市场平稳健康发展工作措施"  # as extracted (its text prints no number)
UNBUILDABLE = "08_nanxian_real_estate_2022.txt"


@pytest.fixture(autouse=True)
def a_graph_that_cannot_be_built(monkeypatch):
    from policykg.graph import build
    from policykg.graph.model import GraphError

    add = build._Builder.add

    def add_or_fail(self, doc):
        if doc.file == UNBUILDABLE:
            raise GraphError(f"a build that fails for {UNBUILDABLE} (the test's)")
        return add(self, doc)

    monkeypatch.setattr(build._Builder, "add", add_or_fail)


@pytest.fixture
def folder(tmp_path, corpus_files) -> Path:
    out = tmp_path / "docs"
    out.mkdir()
    for f in [*corpus_files, *sorted((FIXTURES / "linking").glob("*.txt")), FIXTURES / "dev" / "corpus" / UNBUILDABLE]:
        shutil.copy(f, out / f.name)
    return out


def run(target: Path, data: Path, report: Path, *args: str) -> dict:
    result = runner.invoke(app, ["ingest", str(target), "--data", str(data), "--report", str(report), *args])
    assert result.exit_code in (0, 1), result.output  # 1: the unbuildable document failed, as it should
    return json.loads(report.read_text("utf-8"))


def outcomes(report: dict) -> list[dict]:
    """Each file's row as the report gives it, without what differs between two runs (times, versions)."""
    return [{k: v for k, v in d.items() if k not in ("seconds", "version", "previous_version")}
            for d in report["documents"]]


def same_store(a: Path, b: Path) -> None:
    from policykg.graph.stores.factory import embedded_store

    with embedded_store(a) as x, embedded_store(b) as y:
        nodes_a, rels_a = dump(x, WHEN_AND_WHERE)
        nodes_b, rels_b = dump(y, WHEN_AND_WHERE)
    assert nodes_a == nodes_b
    assert rels_a == rels_b


@pytest.fixture
def stores(tmp_path):
    from policykg.graph.stores.falkordb_server import EmbeddedServer

    made: list[Path] = []

    def new(name: str) -> Path:
        made.append(tmp_path / name)
        return made[-1]

    yield new
    for path in made:
        EmbeddedServer(path).stop(force=True)


def test_two_readers_load_the_store_and_report_one_reader_does(folder, tmp_path, stores):
    one, two = stores("one"), stores("two")
    by_one = run(folder, one, tmp_path / "one.json", "--jobs", "1")
    by_two = run(folder, two, tmp_path / "two.json", "--jobs", "2")
    assert outcomes(by_two) == outcomes(by_one)
    assert by_two["graph"] == by_one["graph"] and by_two["inferred_links"] == by_one["inferred_links"]
    failed = [d for d in by_two["documents"] if d["status"] == "failed"]
    assert [Path(d["path"]).name for d in failed] == [UNBUILDABLE]
    assert "internal error while loading it" in failed[0]["error"]
    # the city notices' references found the provincial document stored before them, not a stub of it
    into = dump_rows(two, "MATCH (x)-[:IMPLEMENTS|CITES]->(d:Document {title: $title}) "
                          "RETURN DISTINCT x.id AS x, coalesce(d.stub, false) AS stub", {"title": UPPER_TITLE})
    assert len(into) >= 2 and not any(r["stub"] for r in into)
    same_store(one, two)


def test_references_to_documents_stored_before_the_run_and_rereading_give_the_same_store(folder, tmp_path, stores):
    one, two = stores("one"), stores("two")
    run(folder, one, tmp_path / "one.json", "--jobs", "1")
    upper = tmp_path / "upper"
    upper.mkdir()
    for name in UPPER:
        shutil.copy(folder / name, upper / name)
    run(upper, two, tmp_path / "upper.json", "--jobs", "2")
    run(folder, two, tmp_path / "two.json", "--jobs", "2")
    same_store(one, two)
    # read again with the same content: the version stays, the document is built again with what is stored
    again_one = run(folder, one, tmp_path / "again-one.json", "--jobs", "1", "--force")
    again_two = run(folder, two, tmp_path / "again-two.json", "--jobs", "2", "--force")
    assert {d["status"] for d in again_two["documents"]} == {"reread", "failed"}
    assert outcomes(again_two) == outcomes(again_one)
    same_store(one, two)


def dump_rows(data: Path, query: str, params: dict) -> list[dict]:
    from policykg.graph.stores.factory import embedded_store

    with embedded_store(data) as st:
        return st.rows(query, params)


def _reader_collector_state() -> tuple[int, int]:
    """In a fresh process: start as an ingest's reader process starts; how many objects the collector has set
    aside, and the young generation's threshold."""
    import gc
    import os

    from policykg.ingest.departments import default_catalog
    from policykg.ingestion import _Context, _init_worker

    _init_worker(_Context(default_catalog()), os.getppid())
    return gc.get_freeze_count(), gc.get_threshold()[0]


def test_a_reader_process_sets_what_it_loaded_aside_from_the_cycle_collector():
    # (its modules and catalog are walked by no collection of a pass, and the collector runs every tens of
    # thousands of objects, not after each document; the documents it reads are the same: the tests above)
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from policykg.ingestion import READER_GC_THRESHOLD

    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn")) as pool:
        frozen, threshold = pool.submit(_reader_collector_state).result()
    assert frozen > 10_000  # the modules extraction imports and the catalog, at least
    assert threshold == READER_GC_THRESHOLD
