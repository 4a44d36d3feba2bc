"""kill -9 in the middle of an ingest (of the ingest, of the store server): running again gives the same store.

The ingest runs as a real `policykg ingest` process over a folder of distinct
documents; the store is watched from the test until part of the folder is in,
then the processes are killed. The finished store is compared, node by node
and relationship by relationship, with the store of an uninterrupted run
(only the dates and file paths of the version records may differ).
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from . import recipes
from .ingest_helpers import dump

DOCUMENTS = 40
POLICYKG = [str(Path(sys.executable).parent / "policykg")]


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("folder")
    recipes.varied_folder(root, DOCUMENTS, ["txt", "gb18030", "docx", "html"])
    return root


@pytest.fixture(scope="module")
def reference(tmp_path_factory, folder):
    """The store after one uninterrupted ingest of the folder."""
    from policykg.graph.stores.factory import embedded_store
    from policykg.graph.stores.falkordb_server import EmbeddedServer

    data = tmp_path_factory.mktemp("reference") / "data"
    done = run(folder, data)
    assert done.returncode == 0, done.stdout + done.stderr
    with embedded_store(data) as st:
        expected = dump(st)
    EmbeddedServer(data).stop(force=True)
    return expected


def env_for(data: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NEO4J_URI", "POLICYKG_DATA")}
    env["POLICYKG_DATA"] = str(data)
    env["COLUMNS"] = "200"
    return env


def run(folder: Path, data: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*POLICYKG, "ingest", str(folder), "--jobs", "1", *args], env=env_for(data),
                          capture_output=True, text=True, timeout=600)


def start(folder: Path, data: Path, *args: str) -> subprocess.Popen:
    return subprocess.Popen([*POLICYKG, "ingest", str(folder), *args], env=env_for(data),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def documents_in(data: Path) -> int:
    """Documents in the store, read without starting a server (the ingest starts it)."""
    from policykg.graph.stores.embedded_client import EmbeddedClient
    from policykg.graph.stores.errors import StoreError
    from policykg.graph.stores.falkordb_server import EmbeddedServer

    server = EmbeddedServer(data)
    if server._health() != "ok":
        return 0
    try:
        rows = EmbeddedClient(server.connection()).read(
            "MATCH (d:Document) WHERE NOT coalesce(d.stub, false) RETURN count(d) AS n").rows
    except StoreError:
        return 0
    return rows[0][0] if rows else 0


def wait_for(data: Path, proc: subprocess.Popen, at_least: int, timeout: float = 120) -> int:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        n = documents_in(data)
        if n >= at_least:
            return n
        if proc.poll() is not None:
            pytest.fail(f"the ingest ended before it could be interrupted: {proc.stdout.read()} {proc.stderr.read()}")
        time.sleep(0.02)
    pytest.fail("the ingest loaded nothing in time")


def children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(x) for x in (task / "children").read_text().split()]
        except OSError:
            pass
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[-1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")


def test_kill_9_of_the_ingest_and_of_the_server_then_again_gives_the_same_store(tmp_path, folder, reference):
    from policykg.graph.stores.factory import embedded_store
    from policykg.graph.stores.falkordb_server import EmbeddedServer

    data = tmp_path / "data"
    server = EmbeddedServer(data)
    try:
        proc = start(folder, data, "--jobs", "2")  # with reader processes, which must not outlive it
        loaded = wait_for(data, proc, at_least=8)
        workers = children(proc.pid)
        os.kill(proc.pid, signal.SIGKILL)
        os.kill(server.status()["pid"], signal.SIGKILL)
        proc.wait(timeout=30)
        proc.stdout.close()
        proc.stderr.close()
        assert loaded < DOCUMENTS, "the ingest was interrupted before it finished"
        deadline = time.monotonic() + 30
        while any(alive(w) for w in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not any(alive(w) for w in workers), "reader processes outlived the killed ingest"

        again = run(folder, data, "--report", str(tmp_path / "r.json"))
        assert again.returncode == 0, again.stdout + again.stderr
        statuses = [d["status"] for d in json.loads((tmp_path / "r.json").read_text())["documents"]]
        assert statuses.count("unchanged") >= loaded - 1 and statuses.count("new") >= 1
        assert set(statuses) <= {"new", "unchanged"}
        with embedded_store(data) as st:
            assert dump(st) == reference
        assert "nothing changed" in run(folder, data).stdout
    finally:
        server.stop(force=True)


def test_kill_9_of_the_server_during_an_ingest_the_ingest_carries_on(tmp_path, folder, reference):
    from policykg.graph.stores.factory import embedded_store
    from policykg.graph.stores.falkordb_server import EmbeddedServer

    data = tmp_path / "data"
    server = EmbeddedServer(data)
    try:
        proc = start(folder, data, "--jobs", "1")
        wait_for(data, proc, at_least=5)
        os.kill(server.status()["pid"], signal.SIGKILL)
        out, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, out + err
        assert f"{DOCUMENTS} documents ingested, 0 failed" in out
        with embedded_store(data) as st:
            assert dump(st) == reference
    finally:
        server.stop(force=True)
