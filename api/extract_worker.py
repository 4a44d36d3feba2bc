"""Uploads are read and extracted in a child process, one per upload, so a document's memory leaves with it.

Readers hold what a document costs until the process ends (pdfminer and
lxml keep their arenas), and a reader stuck in a hostile file cannot be
interrupted from another thread. A fresh process per upload, forked from a
server that has the readers imported already, returns the memory when it
exits and can be killed when it runs past the budget.
"""
from __future__ import annotations

import multiprocessing
import pickle
from collections.abc import Callable
from typing import Any, TypeVar

from policykg.errors import PolicyKGError
from policykg.ingest.reading import ReadError

T = TypeVar("T")

_CTX = multiprocessing.get_context("forkserver")
_CTX.set_forkserver_preload(["policykg.ingestion", "policykg.ingest.readers", "pdfplumber", "docx", "lxml.html"])


class WorkerFailed(PolicyKGError):
    """The worker died or answered nothing: a reader bug, or the operating system killed it (memory)."""


def _work(conn, fn: Callable[..., Any], args: tuple) -> None:
    try:
        try:
            conn.send(("ok", fn(*args)))
        except BaseException as exc:  # noqa: BLE001 - handed to the parent, which raises it
            try:
                conn.send(("raise", pickle.loads(pickle.dumps(exc))))
            except Exception:  # noqa: BLE001 - an exception that does not pickle is reported by its text
                conn.send(("error", f"{type(exc).__name__}: {exc}"))
    finally:
        conn.close()


def run_in_worker(fn: Callable[..., T], args: tuple, *, seconds: float, name: str) -> T:
    """``fn(*args)`` in a fresh child process; its exception is raised here; ReadError past ``seconds``."""
    receiver, sender = _CTX.Pipe(duplex=False)
    worker = _CTX.Process(target=_work, args=(sender, fn, args), daemon=True)
    worker.start()
    sender.close()
    try:
        if not receiver.poll(seconds):
            raise ReadError(f"{name}: reading it took longer than {seconds:.0f} s; policykg refuses documents that "
                            "cost this much")
        try:
            kind, value = receiver.recv()
        except EOFError as exc:
            raise WorkerFailed(f"the worker reading {name} exited without an answer "
                               f"(exit code {worker.exitcode})") from exc
    finally:
        receiver.close()
        if worker.is_alive():
            worker.kill()
        worker.join(5)
    if kind == "raise":
        raise value
    if kind == "error":
        raise WorkerFailed(f"reading {name} failed: {value}")
    return value


def warm() -> None:
    """Start the fork server now (it imports the readers: seconds), so the first upload does not wait for it."""
    import os
    import threading

    def start() -> None:
        try:
            run_in_worker(os.getpid, (), seconds=120, name="warm-up")
        except Exception:  # noqa: BLE001 - the first upload will say what is wrong
            pass

    threading.Thread(target=start, name="policykg-worker-warm-up", daemon=True).start()
