"""Ingest runs under hostile conditions: odd file names, a store that fails, a second writer (issue 14)."""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import redis
from typer.testing import CliRunner

from policykg.cli import app
from policykg.graph.repository import GraphStore
from policykg.graph.stores.embedded_client import server_failure
from policykg.graph.stores.errors import QueryError, StoreFailure
from policykg.graph.stores.writer_lock import writer_lock

runner = CliRunner()


def _report(path: Path) -> dict[str, str]:
    return {Path(d["path"]).name: d["status"] for d in json.loads(path.read_text("utf-8"))["documents"]}


def test_a_name_with_undecodable_bytes_is_loaded_once_and_reported(tmp_path, data, corpus_files):
    folder = tmp_path / "d"
    folder.mkdir()
    shutil.copy(corpus_files[0], folder / "ok.txt")
    bad = os.path.join(os.fsencode(folder), b"bad\xffname.txt")
    with open(bad, "wb") as fh:
        fh.write(corpus_files[0].read_bytes())
    result = runner.invoke(app, ["ingest", str(folder), "--report", str(tmp_path / "r.json")])
    assert result.exit_code == 0, result.output
    statuses = _report(tmp_path / "r.json")
    assert statuses == {"bad\ufffdname.txt": "new", "ok.txt": "duplicate"}
    documents = json.loads((tmp_path / "r.json").read_text("utf-8"))["documents"]
    assert any("not UTF-8" in w for w in documents[0]["warnings"])


def test_a_duplicate_is_decided_against_documents_that_loaded(tmp_path, data, corpus_files, monkeypatch):
    folder = tmp_path / "d"
    folder.mkdir()
    shutil.copy(corpus_files[0], folder / "a.txt")
    shutil.copy(corpus_files[0], folder / "b.txt")
    real = GraphStore.load_document

    def refuse_a(self, doc, source=None):
        if source is not None and source.path and source.path.endswith("a.txt"):
            raise QueryError("FalkorDB rejected the query: simulated")
        return real(self, doc, source)

    monkeypatch.setattr(GraphStore, "load_document", refuse_a)
    result = runner.invoke(app, ["ingest", str(folder), "--report", str(tmp_path / "r.json")])
    assert _report(tmp_path / "r.json") == {"a.txt": "failed", "b.txt": "new"}
    assert result.exit_code == 1


def test_a_store_that_cannot_write_stops_the_run_with_one_message(tmp_path, data, corpus_files, monkeypatch):
    folder = tmp_path / "d"
    folder.mkdir()
    for f in corpus_files[:3]:
        shutil.copy(f, folder / f.name)
    failure = server_failure(redis.ResponseError("MISCONF Errors writing to the AOF file: No space left on device"))
    assert isinstance(failure, StoreFailure)

    def full_disk(self, doc, source=None):
        raise failure

    monkeypatch.setattr(GraphStore, "load_document", full_disk)
    result = runner.invoke(app, ["ingest", str(folder)])
    assert result.exit_code == 2
    text = result.output + result.stderr
    assert text.count("cannot write to its disk") == 1 and "No space left on device" in text
    assert "please report this file" not in text
    stop = runner.invoke(app, ["store", "stop"])
    assert stop.exit_code == 0


def test_a_second_writer_is_told_who_writes(tmp_path, data, corpus_files):
    folder = tmp_path / "d"
    folder.mkdir()
    shutil.copy(corpus_files[0], folder / corpus_files[0].name)
    with writer_lock(data, what="policykg ingest"):
        result = runner.invoke(app, ["ingest", str(folder)])
    assert result.exit_code == 2
    assert "policykg ingest (pid" in result.stderr and "one writer per data directory" in result.stderr
    assert runner.invoke(app, ["ingest", str(folder)]).exit_code == 0  # and once it is free, the run goes in


def test_a_huge_sparse_file_in_a_folder_is_refused_by_its_size(tmp_path, data, corpus_files):
    from .hostile_files import sparse_text

    folder = tmp_path / "d"
    folder.mkdir()
    shutil.copy(corpus_files[0], folder / corpus_files[0].name)
    sparse_text(folder / "huge.txt")
    result = runner.invoke(app, ["ingest", str(folder), "--report", str(tmp_path / "r.json")])
    assert result.exit_code == 1
    assert _report(tmp_path / "r.json") == {corpus_files[0].name: "new", "huge.txt": "failed"}
    assert "huge.txt: 1,073,741,824 bytes" in result.stderr


def test_bidirectional_overrides_are_stripped_from_what_is_extracted(corpus_files):
    from policykg.ingest.extract import extract_bytes

    raw = corpus_files[0].read_text("utf-8")
    clean = extract_bytes(raw.encode(), "a.txt")
    lines = raw.split("\n")
    # an override in the title line and in a clause; isolates and the Arabic letter mark too
    hostile = "\n".join(("\u202e" + line + "\u2066\u2069\u061c") if line.strip() else line for line in lines)
    doc = extract_bytes(hostile.encode(), "a.txt")
    assert doc.document.title == clean.document.title
    assert [t.clause for t in doc.tasks] == [t.clause for t in clean.tasks]


def test_provision_numbers_past_999_keep_their_own_number():
    from policykg.ingest.extract import extract_bytes

    head = ("菏泽市人民政府办公室\n菏政办字〔2099〕9号\n菏泽市人民政府办公室关于印发测试工作方案的通知\n"
            "各县区人民政府：\n一、重点任务\n")
    body = "".join(f"{i}. 推进第{i}项工作。（牵头单位：市科技局）\n" for i in range(1, 1006))
    doc = extract_bytes((head + body + "菏泽市人民政府办公室\n2099年1月1日\n").encode(), "t.txt")
    numbers = [t.number for t in doc.tasks]
    assert numbers[-6:] == [f"一/{i}" for i in range(1000, 1006)] and len(set(numbers)) == 1005


def test_a_version_does_not_keep_the_server_side_absolute_path(tmp_path, data, corpus_files):
    from policykg.graph.stores.factory import embedded_store

    folder = tmp_path / "secret-place" / "d"
    folder.mkdir(parents=True)
    shutil.copy(corpus_files[0], folder / "a.txt")
    assert runner.invoke(app, ["ingest", str(folder)]).exit_code == 0
    paths = [r["path"] for r in embedded_store(data).rows("MATCH (v:DocumentVersion) RETURN v.path AS path")]
    assert paths == ["d/a.txt"]
