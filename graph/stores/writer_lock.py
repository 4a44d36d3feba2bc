"""One writer per data directory: an advisory lock file that ingest, uploads and alias merges hold while writing.

Two ingests on one store interleave their reads of what is stored with their
writes: each sees the other's documents as changed and loads them again
(phantom versions, documents reported as reread). Reads need no lock; a
writer that finds the lock taken says who holds it instead of interleaving.
"""
from __future__ import annotations

import errno
import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import StoreError

LOCK_NAME = "writer.lock"


class WriterBusy(StoreError):
    """Another process is writing to the same data directory."""


@contextmanager
def writer_lock(data_dir: Path, *, wait_s: float = 0.0, what: str = "policykg") -> Iterator[None]:
    """Hold the data directory's writer lock, waiting up to ``wait_s`` for another writer to finish."""
    data_dir = Path(data_dir)
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / LOCK_NAME
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        deadline = time.monotonic() + wait_s
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as exc:
                if exc.errno not in (errno.EAGAIN, errno.EACCES):
                    raise
                if time.monotonic() >= deadline:
                    holder = os.pread(fd, 200, 0).decode("utf-8", "replace").strip() or "another process"
                    raise WriterBusy(f"{holder} is writing to the store in {data_dir}; wait until it has finished "
                                     "(one writer per data directory)") from None
                time.sleep(0.2)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{what} (pid {os.getpid()})".encode(), 0)
        yield
    finally:
        os.close(fd)  # closing releases the lock
