"""Shared fixtures: the hand-built graph store; the bundled sample corpus, its gold annotations and its extraction."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from policykg.corpus import sample_corpus_files

FIXTURES = Path(__file__).parent / "fixtures"
GOLD_DIR = FIXTURES / "gold"


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    return FIXTURES


@pytest.fixture(scope="session")
def corpus_files() -> list[Path]:
    files = sample_corpus_files()
    assert len(files) == 5, "the sample corpus ships five documents"
    return files


@pytest.fixture(scope="session")
def extracted(corpus_files):
    from policykg.ingest.extract import extract_file

    return {f.name: extract_file(f) for f in corpus_files}


@pytest.fixture(scope="session")
def gold() -> dict[str, dict]:
    return {json.loads(p.read_text("utf-8"))["file"]: json.loads(p.read_text("utf-8"))
            for p in sorted(GOLD_DIR.glob("*.gold.json"))}


@pytest.fixture(scope="session")
def loaded_store(tmp_path_factory, extracted):
    """The embedded store in a private data dir, loaded with the sample corpus."""
    from policykg.graph.stores.factory import embedded_store

    store = embedded_store(tmp_path_factory.mktemp("policykg-data"))
    for doc in extracted.values():
        store.load_document(doc)
    yield store
    store.backend.server.stop(force=True)


@pytest.fixture(scope="session")
def fixture_store(tmp_path_factory):
    """The embedded store in its own data dir, holding the hand-built graph of ``tests/fixtures/graph.py`` only.

    Query, API and view tests run on it: what they expect follows from that graph, not from extraction.
    """
    from policykg.graph.stores.factory import embedded_store

    from .fixtures.graph import load_fixture

    store = embedded_store(tmp_path_factory.mktemp("policykg-fixture"))
    load_fixture(store)
    yield store
    store.backend.server.stop(force=True)


@pytest.fixture(scope="session")
def city_gold_tasks(gold) -> list[tuple[str, str, list[str], list[str]]]:
    """(doc_number, number, leads, cooperates) of every lower-level task the gold files list."""
    out = []
    for g in gold.values():
        number = g["document"]["doc_number"]
        cascades = {c["number"]: c for c in g.get("cascades", [])}
        for t in g["tasks"]:
            if t["number"] in cascades:
                c = cascades[t["number"]]
                out.append((number, t["number"], c["city_leads"], c["city_cooperates"]))
            else:
                out.append((number, t["number"], t["leads"], t["cooperates"]))
    return out


@pytest.fixture(scope="session")
def assert_mapping_is_the_table(gold):
    """Check province-to-city rows (catalog or API) against the division-of-labour table of 001."""
    cascades = gold["001_eac2c624b6a1218d.txt"]["cascades"]

    def check(rows: list[dict]) -> None:
        assert len(rows) == len(cascades) == 35
        by_task = {r["provincial_task"]: r for r in rows}
        for c in cascades:
            r = by_task[c["province_task"]]
            for side in ("provincial_leads", "provincial_cooperates", "city_leads", "city_cooperates"):
                gold_side = side.replace("provincial_", "province_")
                assert sorted(r[side]) == sorted(c[gold_side]), (c["province_task"], side)
            assert r["basis"] == "explicit"

    return check


@pytest.fixture
def data(tmp_path, monkeypatch):
    """A private data directory for the embedded store; the server is stopped afterwards."""
    path = tmp_path / "data"
    monkeypatch.setenv("POLICYKG_DATA", str(path))
    monkeypatch.delenv("NEO4J_URI", raising=False)
    yield path
    from policykg.graph.stores.falkordb_server import EmbeddedServer

    EmbeddedServer(path).stop(force=True)
