"""`policykg ingest` over folders as analysts have them; `departments`; `versions`."""
from __future__ import annotations

import json
import shutil
import tomllib
from pathlib import Path

from typer.testing import CliRunner

from policykg.cli import app

from . import recipes
from .ingest_helpers import dump, edges

runner = CliRunner()


def store_of(data: Path):
    from policykg.graph.stores.factory import embedded_store

    return embedded_store(data)


def ingest(*args: str):
    return runner.invoke(app, ["ingest", *args])


def copy_samples(corpus_files, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for f in corpus_files:
        shutil.copy(f, folder / f.name)
    return folder


def test_a_folder_of_every_format_goes_in_and_bad_files_are_reported(tmp_path, data, converted, corpus_files,
                                                                     extracted):
    from policykg.graph.build import build_graph

    folder = tmp_path / "inbox"
    names = [f.name for f in corpus_files]
    placed = {
        "word/000.docx": converted["docx"][names[0]],
        "pdf/2023/001.pdf": converted["pdf"][names[1]],
        "web/002.html": converted["html"][names[2]],
        "003-gbk.txt": converted["gb18030"][names[3]],
        "004.txt": corpus_files[4],
    }
    for rel, src in placed.items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(src, folder / rel)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    recipes.scanned_pdf(folder / "pdf" / "scan.pdf")
    (folder / "photo.png").write_bytes(b"\x89PNG\r\n")
    (folder / "word" / "~$000.docx").write_bytes(b"lock")  # Word's lock file
    (folder / "web" / "002_files").mkdir()
    (folder / "web" / "002_files" / "frame.html").write_text("<html><body>广告</body></html>", encoding="utf-8")
    report_file = tmp_path / "report.json"

    result = ingest(str(folder), "--report", str(report_file))
    assert result.exit_code == 1, result.output
    assert "5 documents ingested, 3 failed" in result.stdout
    assert "Where to look next" in result.stdout
    for bad, says in (("empty.txt", "the file is empty"), ("old.doc", "save it as .docx"),
                      ("scan.pdf", "OCR is needed")):
        assert f"{folder / (('pdf/' if bad == 'scan.pdf' else '') + bad)}: " in result.stderr
        assert says in result.stderr

    report = json.loads(report_file.read_text("utf-8"))
    assert report["totals"]["new"] == 5 and report["totals"]["failed"] == 3
    assert report["ignored"] == {".png": 1}
    assert report["skipped_resources"] == [str(folder / "web" / "002_files")]
    by_path = {Path(d["path"]).relative_to(folder).as_posix(): d for d in report["documents"]}
    assert by_path["003-gbk.txt"]["encoding"] == "gb18030" and by_path["pdf/2023/001.pdf"]["format"] == "pdf"
    assert by_path["004.txt"]["provisions"] == len(extracted[names[4]].provisions)
    assert by_path["word/000.docx"]["tasks"] == len(extracted[names[0]].tasks)
    # the five documents give the graph the five text files give, with the same inferred links
    from policykg.graph.linking.links import add_links, link_corpus

    graph = build_graph(extracted.values())
    add_links(graph, link_corpus(list(extracted.values())))
    memory = graph.counts()
    assert report["graph"]["relationships"] == memory["edges"]
    assert {k: v for k, v in report["graph"]["nodes"].items()} == memory["nodes"]


def test_a_second_run_changes_nothing_and_says_so(tmp_path, data, corpus_files):
    folder = copy_samples(corpus_files, tmp_path / "docs")
    first = ingest(str(folder))
    assert first.exit_code == 0, first.output
    assert "5 documents ingested, 0 failed" in first.stdout
    with store_of(data) as st:
        before = dump(st, ignore=set())
    again = ingest(str(folder), "--report", str(tmp_path / "r.json"))
    assert again.exit_code == 0, again.output
    assert "0 documents ingested, 0 failed, 5 unchanged" in again.stdout
    assert "nothing changed" in again.stdout
    assert {d["status"] for d in json.loads((tmp_path / "r.json").read_text())["documents"]} == {"unchanged"}
    with store_of(data) as st:
        assert dump(st, ignore=set()) == before  # not a property touched
    # moved or renamed files with the same content are the same documents
    moved = tmp_path / "moved"
    folder.rename(moved)
    (moved / corpus_files[0].name).rename(moved / "renamed.txt")
    third = ingest(str(moved))
    assert "5 unchanged" in third.stdout


def test_a_change_of_the_code_building_the_graph_reads_unchanged_files_again(tmp_path, data, corpus_files,
                                                                           monkeypatch):
    """A store holds the graph that code made of a document: new graph-building code makes its graph again."""
    import policykg.ingestion

    folder = copy_samples(corpus_files[:1], tmp_path / "docs")
    assert ingest(str(folder)).exit_code == 0
    build = tmp_path / "build.py"
    build.write_text(policykg.ingestion.GRAPH_BUILD_CODE[0].read_text("utf-8") + "\n# changed\n", "utf-8")
    monkeypatch.setattr(policykg.ingestion, "GRAPH_BUILD_CODE", (build, *policykg.ingestion.GRAPH_BUILD_CODE[1:]))
    again = ingest(str(folder), "--report", str(tmp_path / "r.json"))
    assert again.exit_code == 0, again.output
    assert [d["status"] for d in json.loads((tmp_path / "r.json").read_text())["documents"]] == ["reread"]


def test_a_change_of_the_extraction_data_reads_unchanged_files_again(tmp_path, data, corpus_files, monkeypatch):
    """Clause and target words are data that grows with evidence: new words may read a document differently, so
    a store made before them has the document read again."""
    import policykg.ingestion

    package = tmp_path / "ingest"
    shutil.copytree(policykg.ingestion.INGEST_PACKAGE, package, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(policykg.ingestion, "INGEST_PACKAGE", package)
    folder = copy_samples(corpus_files[:1], tmp_path / "docs")
    assert ingest(str(folder)).exit_code == 0
    words = package / "data" / "clauses.toml"
    words.write_text(words.read_text("utf-8") + "\n# a word added\n", "utf-8")
    again = ingest(str(folder), "--report", str(tmp_path / "r.json"))
    assert again.exit_code == 0, again.output
    assert [d["status"] for d in json.loads((tmp_path / "r.json").read_text())["documents"]] == ["reread"]


def test_a_changed_document_replaces_its_version_which_stays_addressable(tmp_path, data, corpus_files):
    folder = copy_samples(corpus_files, tmp_path / "docs")
    assert ingest(str(folder)).exit_code == 0
    target = folder / corpus_files[0].name
    original = target.read_text(encoding="utf-8")
    start, end = original.index("6. 商务服务。"), original.index("（二）促进五大生活性服务业")
    target.write_text(original[:start] + original[end:], encoding="utf-8")
    with store_of(data) as st:
        others = st.rows("MATCH (:Department)-[r:LEADS]->(t:Task) WHERE t.doc_id <> $d RETURN count(r) AS n",
                         {"d": "doc:菏政办字〔2024〕7号"})[0]["n"]
        tasks_before = st.rows("MATCH (t:Task) WHERE t.doc_id = $d RETURN count(t) AS n",
                               {"d": "doc:菏政办字〔2024〕7号"})[0]["n"]

    result = ingest(str(folder), "--report", str(tmp_path / "r.json"))
    assert result.exit_code == 0, result.output
    assert "1 documents ingested, 0 failed, 4 unchanged" in result.stdout
    changed = [d for d in json.loads((tmp_path / "r.json").read_text())["documents"] if d["status"] != "unchanged"]
    assert [(d["status"], d["document_id"]) for d in changed] == [("replaced", "doc:菏政办字〔2024〕7号")]
    assert changed[0]["previous_version"] and changed[0]["previous_version"] != changed[0]["version"]

    with store_of(data) as st:
        assert st.rows("MATCH (t:Task) WHERE t.doc_id = $d RETURN count(t) AS n",
                       {"d": "doc:菏政办字〔2024〕7号"})[0]["n"] == tasks_before - 1
        assert st.rows("MATCH (:Department)-[r:LEADS]->(t:Task) WHERE t.doc_id <> $d RETURN count(r) AS n",
                       {"d": "doc:菏政办字〔2024〕7号"})[0]["n"] == others
        versions = st.document_versions("菏政办字〔2024〕7号")
    assert [v["current"] for v in versions] == [False, True]
    old, new = versions
    assert old["superseded_at"] and old["content_hash"] != new["content_hash"]
    assert old["id"].startswith("version:菏政办字〔2024〕7号@" + old["content_hash"][:16] + "@")
    assert old["id"].endswith(old["ingested_at"])

    listing = runner.invoke(app, ["versions", "菏政办字〔2024〕7号", "-f", "json"])
    assert listing.exit_code == 0, listing.output
    assert [r["id"] for r in json.loads(listing.stdout)["rows"]] == [old["id"], new["id"]]
    text = runner.invoke(app, ["versions", old["id"], "--text"])
    assert text.exit_code == 0 and text.stdout.rstrip("\n") == original.rstrip("\n")
    # the current graph is what the changed text gives; an old version can be read and extracted again
    from policykg.ingest.extract import extract_bytes

    with store_of(data) as st:
        old_doc = extract_bytes(st.version_text(old["id"]).encode("utf-8"), "old.txt")
    assert old_doc.content_hash == old["content_hash"]
    assert any(t.title == "商务服务" for t in old_doc.tasks)


def test_a_gb18030_copy_of_every_sample_gives_the_same_graph(tmp_path, data, corpus_files, converted):
    from policykg.graph.stores.falkordb_server import EmbeddedServer

    from .ingest_helpers import WHEN_AND_WHERE

    utf8 = copy_samples(corpus_files, tmp_path / "utf8")
    assert ingest(str(utf8)).exit_code == 0
    other = tmp_path / "data-gb"
    try:
        result = ingest(str(Path(next(iter(converted["gb18030"].values()))).parent), "--data", str(other),
                        "--report", str(tmp_path / "r.json"))
        assert result.exit_code == 0, result.output
        assert {d["encoding"] for d in json.loads((tmp_path / "r.json").read_text())["documents"]} == {"gb18030"}
        ignore = WHEN_AND_WHERE | {"encoding"}
        with store_of(data) as a, store_of(other) as b:
            assert dump(a, ignore) == dump(b, ignore)
    finally:
        EmbeddedServer(other).stop(force=True)


def test_include_exclude_and_recursion(tmp_path, corpus_files, converted):
    folder = tmp_path / "tree"
    (folder / "drafts").mkdir(parents=True)
    (folder / "final" / "deep").mkdir(parents=True)
    shutil.copy(corpus_files[0], folder / "top.txt")
    shutil.copy(corpus_files[1], folder / "drafts" / "draft.txt")
    shutil.copy(converted["pdf"][corpus_files[2].name], folder / "final" / "deep" / "signed.pdf")
    shutil.copy(converted["docx"][corpus_files[3].name], folder / "final" / "word.docx")

    def processed(*args: str) -> list[str]:
        report = tmp_path / "r.json"
        result = ingest(str(folder), "--no-store", "--report", str(report), *args)
        assert result.exit_code == 0, result.output
        return sorted(Path(d["path"]).relative_to(folder).as_posix()
                      for d in json.loads(report.read_text())["documents"])

    assert processed() == ["drafts/draft.txt", "final/deep/signed.pdf", "final/word.docx", "top.txt"]
    assert processed("--include", "*.pdf") == ["final/deep/signed.pdf"]
    assert processed("--exclude", "drafts/*", "--exclude", "*.docx") == ["final/deep/signed.pdf", "top.txt"]
    assert processed("--exclude", "drafts") == ["final/deep/signed.pdf", "final/word.docx", "top.txt"]
    assert processed("--no-recursive") == ["top.txt"]


def test_two_versions_of_one_document_in_one_folder(tmp_path, data, corpus_files):
    folder = copy_samples(corpus_files[:1], tmp_path / "docs")
    text = corpus_files[0].read_text(encoding="utf-8")
    (folder / "copy-gb.txt").write_bytes(text.encode("gb18030"))  # the same document again
    (folder / "zz-edited.txt").write_text(text.replace("6. 商务服务。", "6. 商务与会展服务。"), encoding="utf-8")
    result = ingest(str(folder), "--report", str(tmp_path / "r.json"))
    assert result.exit_code == 1
    statuses = {Path(d["path"]).name: d["status"] for d in json.loads((tmp_path / "r.json").read_text())["documents"]}
    assert statuses == {corpus_files[0].name: "new", "copy-gb.txt": "duplicate", "zz-edited.txt": "failed"}
    assert "another version of doc:菏政办字〔2024〕7号" in result.stderr
    again = ingest(str(folder))
    assert "0 documents ingested, 1 failed, 1 unchanged, 1 duplicate" in again.stdout


UNKNOWN_DOC = """菏泽市人民政府办公室
菏政办字〔2099〕3号
菏泽市人民政府办公室关于印发城市更新工作方案的通知
各县区人民政府：
一、重点任务
1.推进老旧小区改造。（牵头单位：市城市更新促进会；参与单位：市财政局）
2.完善城市功能。（牵头单位：市城市更新促进会、市住房城乡建设局）
3.加强组织保障。（牵头单位：市政府办公室）
菏泽市人民政府办公室
2099年1月1日
"""


def test_unknown_departments_are_listed_and_merged_with_a_reason(tmp_path, data):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "renewal.txt").write_text(UNKNOWN_DOC, encoding="utf-8")
    result = ingest(str(folder), "--report", str(tmp_path / "r.json"))
    assert result.exit_code == 0, result.output
    assert "1 departments not in the alias file" in result.stdout and "市城市更新促进会" in result.stdout
    doc = json.loads((tmp_path / "r.json").read_text())["documents"][0]
    assert doc["unknown_departments"] == ["市城市更新促进会"]
    assert [c["number"] for c in doc["unrecognised_clauses"]] == ["一/1", "一/2"]

    unknown = runner.invoke(app, ["departments", "--unknown", "-f", "json"])
    rows = json.loads(unknown.stdout)["rows"]
    assert [(r["name"], r["clauses"], r["documents"]) for r in rows] == [("市城市更新促进会", 2, ["菏政办字〔2099〕3号"])]

    no_reason = runner.invoke(app, ["departments", "--merge", "市城市更新促进会", "市住房城乡建设局"])
    assert no_reason.exit_code == 2 and "--reason" in no_reason.stderr
    merged = runner.invoke(app, ["departments", "--merge", "市城市更新促进会", "市住建局", "--reason",
                                 "2024年机构改革并入市住房城乡建设局（菏办发〔2024〕1号）"])
    assert merged.exit_code == 0, merged.output
    assert "read again with the new alias: 菏政办字〔2099〕3号" in merged.stdout
    user_file = data / "departments.user.toml"
    entry = tomllib.loads(user_file.read_text("utf-8"))["organisation"][0]
    assert entry["name"] == "市住房城乡建设局" and entry["aliases"] == ["市城市更新促进会"]
    assert entry["reason"].startswith("2024年机构改革") and entry["level"] == "city"

    assert json.loads(runner.invoke(app, ["departments", "--unknown", "-f", "json"]).stdout)["rows"] == []
    leads = runner.invoke(app, ["query", "department-leads", "-p", "name=市住房城乡建设局", "-f", "json"])
    assert {r["number"] for r in json.loads(leads.stdout)["rows"]} >= {"一/1", "一/2"}
    # the merge already read the document with the new alias file: the next ingest has nothing to do
    assert "1 unchanged" in ingest(str(folder)).stdout
    # and an extraction of the file now reads the alias
    from policykg.ingest.departments import DATA_FILE, DepartmentCatalog
    from policykg.ingest.readers import extract_path

    doc = extract_path(folder / "renewal.txt", DepartmentCatalog.load(DATA_FILE, user_file))
    assert ("一/1", "lead", "市住房城乡建设局") in edges(doc) and not doc.unknown_departments


def test_the_sample_corpus_by_default(data):
    result = ingest()
    assert result.exit_code == 0, result.output
    assert "5 documents ingested, 0 failed" in result.stdout and "LEADS" in result.stdout
    assert "5 unchanged" in ingest().stdout
