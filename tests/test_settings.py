"""Settings: read once from the environment, validated, one line naming a bad variable."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from policykg.errors import ConfigurationError, PolicyKGError
from policykg.settings import Settings


def test_settings_come_from_the_environment():
    s = Settings.from_env({"POLICYKG_API_KEY": "secret", "POLICYKG_CORS_ORIGINS": "http://a.test, http://b.test",
                           "POLICYKG_QUERY_TIMEOUT_MS": "2000", "POLICYKG_ROW_CAP": "500",
                           "POLICYKG_MAX_UPLOAD_BYTES": "1000", "POLICYKG_QUERY_MEM_BYTES": "1048576",
                           "POLICYKG_RELINK_BUDGET": "300", "POLICYKG_LISTING_WAIT_MS": "250"})
    assert s.writes_enabled and s.api_key == "secret"
    assert s.cors_origins == ("http://a.test", "http://b.test")
    assert (s.query_timeout_ms, s.row_cap, s.max_upload_bytes, s.query_mem_bytes) == (2000, 500, 1000, 1 << 20)
    assert s.max_query_timeout_ms >= 2000 and s.max_row_cap >= 500
    assert s.relink_budget == 300 and s.listing_wait_ms == 250
    assert not Settings.from_env({"POLICYKG_API_KEY": ""}).writes_enabled


@pytest.mark.parametrize("name, value", [("POLICYKG_ROW_CAP", "lots"), ("POLICYKG_QUERY_TIMEOUT_MS", "-5"),
                                         ("POLICYKG_STORE", "sqlite"), ("POLICYKG_MAX_ROW_CAP", "1"),
                                         ("POLICYKG_RELINK_BUDGET", "0"), ("POLICYKG_LISTING_WAIT_MS", "-1")])
def test_a_bad_value_is_an_error_naming_the_variable(name, value):
    with pytest.raises(ConfigurationError, match=name) as caught:
        Settings.from_env({name: value})
    assert isinstance(caught.value, PolicyKGError)


def test_neo4j_is_used_when_a_uri_is_set_and_not_otherwise():
    assert not Settings.from_env({}).uses_neo4j
    s = Settings.from_env({"NEO4J_URI": "bolt://db:7687", "NEO4J_USER": "u", "NEO4J_PASSWORD": "s3cr3t-pw"})
    assert s.uses_neo4j and s.neo4j is not None and (s.neo4j.uri, s.neo4j.user) == ("bolt://db:7687", "u")
    assert "s3cr3t-pw" not in repr(s)  # a password never reaches a log line
    assert not s.with_options(store_kind="embedded").uses_neo4j


def test_the_data_directory_follows_policykg_data_then_xdg_then_home(tmp_path, monkeypatch):
    assert Settings.from_env({"POLICYKG_DATA": str(tmp_path / "explicit"),
                              "XDG_DATA_HOME": str(tmp_path / "xdg")}).resolved_data_dir() == tmp_path / "explicit"
    assert Settings.from_env({"XDG_DATA_HOME": str(tmp_path / "xdg")}).resolved_data_dir() == tmp_path / "xdg" / "policykg"
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    relative_xdg = Settings.from_env({"XDG_DATA_HOME": "relative/ignored"})
    assert relative_xdg.resolved_data_dir() == tmp_path / "home" / ".local" / "share" / "policykg"
    assert relative_xdg.with_options(data_dir=Path("/x")).resolved_data_dir() == Path("/x")


def test_the_command_line_says_which_variable_is_wrong_in_one_line(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "POLICYKG_ROW_CAP": "abc",
           "POLICYKG_DATA": str(tmp_path / "data")}
    done = subprocess.run([sys.executable, "-m", "policykg", "query", "department-leads", "-p", "name=市发展改革委"],
                          capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode != 0
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "POLICYKG_ROW_CAP" in lines[0] and "Traceback" not in done.stderr
    assert not (tmp_path / "data").exists()  # refused before a store was started


def test_every_error_policykg_raises_on_purpose_has_one_root():
    from policykg.graph.model import GraphError
    from policykg.graph.stores.errors import QueryTimeout, ServerStartError, StoreError
    from policykg.ingest.extract import ExtractionError
    from policykg.ingest.reading import ReadError
    from policykg.ingestion import StoreLost
    from policykg.queries.catalog import CatalogError
    from policykg.viz.graphs import AmbiguousName, ViewNotFound

    for kind in (ConfigurationError, ReadError, ExtractionError, StoreError, QueryTimeout, ServerStartError,
                 CatalogError, GraphError, ViewNotFound, AmbiguousName, StoreLost):
        assert issubclass(kind, PolicyKGError), kind
