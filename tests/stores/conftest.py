"""Fixtures: every test gets its own data dir and its own server, stopped afterwards."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from policykg.graph.stores import EmbeddedClient, EmbeddedServer


@pytest.fixture
def data_dir() -> Iterator[Path]:
    # Under /tmp with a short name: pytest's tmp_path can exceed the 107-byte
    # unix socket path limit for long test names.
    path = Path(tempfile.mkdtemp(prefix="pkg-"))
    try:
        yield path / "data"
    finally:
        shutil.rmtree(path, ignore_errors=True)


@pytest.fixture
def server(data_dir: Path) -> Iterator[EmbeddedServer]:
    srv = EmbeddedServer(data_dir)
    srv.ensure_running()
    try:
        yield srv
    finally:
        srv.stop(timeout=10, force=True)


@pytest.fixture
def client(server: EmbeddedServer) -> EmbeddedClient:
    return EmbeddedClient(server.connection(), graph="t")
