"""Lifecycle of the embedded FalkorDB server."""

from __future__ import annotations

import os
import signal
import socket
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from policykg.graph.stores import EmbeddedClient, EmbeddedServer, ServerNotRunning, ServerStartError
from policykg.graph.stores.falkordb_server import _pid_alive

ROOT = Path(__file__).resolve().parents[2]


def _wait_dead(pid: int, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while _pid_alive(pid):
        assert time.monotonic() < deadline, f"pid {pid} still alive"
        time.sleep(0.02)


def _servers_on(socket_path: Path) -> list[int]:
    """PIDs of live redis-server processes bound to this socket path."""
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmd = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        if "redis-server" in cmd and str(socket_path) in cmd and _pid_alive(int(entry.name)):
            pids.append(int(entry.name))
    return pids


def test_start_reuse_stop(data_dir: Path) -> None:
    srv = EmbeddedServer(data_dir)
    try:
        srv.ensure_running()
        st = srv.status()
        assert st["running"] is True
        assert st["pid"] and st["falkordb_version"] and st["memory_bytes"] > 0
        assert st["socket"] == str(data_dir / "falkordb.sock")
        assert st["log_file"] == str(data_dir / "falkordb.log")
        assert st["uptime_s"] >= 0

        # A second handle (e.g. another process) reuses the same server.
        other = EmbeddedServer(data_dir)
        other.ensure_running()
        assert other.status()["pid"] == st["pid"]
        assert srv.ensure_running() is srv.connection()  # idempotent, cached connection
    finally:
        assert srv.stop() is True
    st = srv.status()
    assert st["running"] is False and st["pid"] is None
    assert not (data_dir / "falkordb.sock").exists()
    assert not (data_dir / "falkordb.pid").exists()
    assert srv.stop() is False
    with pytest.raises(ServerNotRunning):
        EmbeddedServer(data_dir).connection()


def test_permissions_owner_only(server: EmbeddedServer) -> None:
    assert stat.S_IMODE(server.home.stat().st_mode) == 0o700
    sock = server.socket_path.stat()
    assert stat.S_ISSOCK(sock.st_mode)
    assert stat.S_IMODE(sock.st_mode) == 0o700
    assert stat.S_IMODE(server.log_file.stat().st_mode) & 0o077 == 0
    assert stat.S_IMODE((server.home / "appendonlydir").stat().st_mode) & 0o077 == 0


def test_a_shared_data_dir_keeps_its_mode_and_the_server_gets_a_private_folder() -> None:
    import shutil
    import tempfile

    root = Path(tempfile.mkdtemp(prefix="pkg-"))  # short: the socket path has a length limit
    shared = root / "shared"
    shared.mkdir()
    shared.chmod(0o1777)
    srv = EmbeddedServer(shared)
    srv.ensure_running()
    try:
        assert stat.S_IMODE(shared.stat().st_mode) == 0o1777
        assert srv.home == shared / "falkordb" and stat.S_IMODE(srv.home.stat().st_mode) == 0o700
        assert srv.socket_path.parent == srv.home
        assert EmbeddedServer(shared).is_running()  # every process finds it there
    finally:
        srv.stop(timeout=10, force=True)
        shutil.rmtree(root, ignore_errors=True)


def test_no_tcp_port(server: EmbeddedServer) -> None:
    conn = server.connection().connection
    assert conn.config_get("port")["port"] == "0"
    assert conn.config_get("tls-port")["tls-port"] == "0"
    pid = server.status()["pid"]
    inodes = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        target = os.readlink(fd)
        if target.startswith("socket:["):
            inodes.add(target[8:-1])
    listening = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            cols = line.split()
            if cols[3] == "0A":  # TCP_LISTEN
                listening.add(cols[9])
    assert inodes, "server has no sockets at all?"
    assert not inodes & listening


def test_concurrent_starts_spawn_one_server_that_outlives_them(data_dir: Path) -> None:
    code = (
        "import sys;"
        "from pathlib import Path; from policykg.graph.stores import EmbeddedServer;"
        "s = EmbeddedServer(Path(sys.argv[1])); s.ensure_running(); print(s.status()['pid'])"
    )
    procs = [
        subprocess.Popen([sys.executable, "-c", code, str(data_dir)], stdout=subprocess.PIPE, text=True)
        for _ in range(4)
    ]
    srv = EmbeddedServer(data_dir)
    try:
        outs = [p.communicate(timeout=60)[0].strip() for p in procs]
        assert all(p.returncode == 0 for p in procs)
        pids = {int(o) for o in outs}
        assert len(pids) == 1
        # All starter processes have exited; the server is still there, alone.
        assert srv.is_running()
        assert srv.status()["pid"] in pids
        assert _servers_on(srv.socket_path) == list(pids)
    finally:
        srv.stop(force=True)


def test_recovers_after_kill9_and_keeps_acknowledged_writes(server: EmbeddedServer) -> None:
    client = EmbeddedClient(server.connection(), graph="t")
    client.write("CREATE (:Doc {id: 'before-crash'})")
    old_pid = server.status()["pid"]

    os.kill(old_pid, signal.SIGKILL)
    _wait_dead(old_pid)
    # kill -9 leaves the socket and pid files behind.
    assert server.socket_path.exists() and server.pid_file.exists()
    assert server.status()["running"] is False

    EmbeddedServer(server.data_dir).ensure_running()
    new_pid = server.status()["pid"]
    assert new_pid != old_pid
    assert client.read("MATCH (d:Doc) RETURN d.id").rows == [["before-crash"]]


def test_stale_pidfile_of_unrelated_process_is_ignored(data_dir: Path) -> None:
    data_dir.mkdir(mode=0o700, parents=True)
    # A recycled pid: alive, but not our server. It must not be signalled or trusted.
    (data_dir / "falkordb.pid").write_text(str(os.getpid()))
    stale = socket.socket(socket.AF_UNIX)
    stale.bind(str(data_dir / "falkordb.sock"))
    stale.close()  # the socket file stays, nobody listens
    srv = EmbeddedServer(data_dir)
    try:
        assert srv.status()["pid"] is None
        srv.ensure_running()
        assert srv.status()["pid"] != os.getpid()
    finally:
        srv.stop(force=True)


def test_graph_survives_stop_and_start(server: EmbeddedServer) -> None:
    client = EmbeddedClient(server.connection(), graph="t")
    client.write("UNWIND range(1, 100) AS i CREATE (:N {i: i})-[:NEXT]->(:M {i: i})")
    server.stop()
    server.ensure_running()
    client = EmbeddedClient(server.connection(), graph="t")
    assert client.read("MATCH (:N)-[r:NEXT]->(:M) RETURN count(r)").rows == [[100]]


def test_start_failure_reports_module_error(data_dir: Path) -> None:
    data_dir.mkdir(mode=0o700, parents=True)
    fake = data_dir / "fake.so"
    fake.write_bytes(b"\x7fELF garbage")
    fake.chmod(0o700)
    with pytest.raises(ServerStartError) as info:
        EmbeddedServer(data_dir, module_path=fake, start_timeout=10).ensure_running()
    msg = str(info.value)
    assert "exited during start-up" in msg
    assert "fake.so" in msg and "load" in msg  # the log tail names the culprit
    assert not _servers_on(data_dir / "falkordb.sock")


def test_start_failure_reports_unusable_data_dir(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    with pytest.raises(ServerStartError, match="not usable"):
        EmbeddedServer(blocker / "data").ensure_running()


def test_start_failure_reports_redis_error(data_dir: Path) -> None:
    data_dir.mkdir(mode=0o700, parents=True)
    (data_dir / "appendonlydir").write_text("")  # redis cannot create its AOF dir
    with pytest.raises(ServerStartError, match="append-only dir"):
        EmbeddedServer(data_dir, start_timeout=10).ensure_running()


def test_a_server_loading_its_append_only_file_is_waited_for_past_the_start_budget(
        data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A big store replays its AOF for longer than a start takes: killing it at the start budget would make every
    start replay it again and fail the same way."""
    server = EmbeddedServer(data_dir, start_timeout=0.3, load_timeout=30)
    real_health = EmbeddedServer._health
    loading_until = time.monotonic() + 1.5  # five start budgets of "loading", as a big AOF answers
    monkeypatch.setattr(EmbeddedServer, "_health",
                        lambda self: "loading" if time.monotonic() < loading_until else real_health(self))
    try:
        server.ensure_running()
        assert time.monotonic() >= loading_until
        assert real_health(server) == "ok"
    finally:
        server.stop()


def test_a_server_still_loading_past_its_load_budget_is_stopped_with_a_clear_error(
        data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    server = EmbeddedServer(data_dir, start_timeout=0.2, load_timeout=0.5)
    monkeypatch.setattr(EmbeddedServer, "_health", lambda self: "loading")
    with pytest.raises(ServerStartError, match="still loading its append-only file"):
        server.ensure_running()
    assert not _servers_on(data_dir / "falkordb.sock")


def test_a_server_that_takes_the_connection_but_does_not_answer_is_busy_not_down(data_dir: Path) -> None:
    """Replaying one long write from its append-only file, Redis answers nothing, not even "loading": a start
    that took that for a dead server killed it at the start budget, and every start after replayed it again."""
    server = EmbeddedServer(data_dir)
    server._prepare_data_dir()
    mute = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        mute.bind(str(server.socket_path))
        mute.listen(1)  # the connection is queued, never read
        assert server._health() == "busy"
        assert server._budget("busy") == server.load_timeout
    finally:
        mute.close()
