"""Uploads are read and extracted in a child process, one per upload, so a document's memory leaves with it.

Readers hold what a document costs until the process ends (pdfminer and
lxml keep their arenas), and a reader stuck in a hostile file cannot be
interrupted from another thread. A fresh process per upload, forked from a
server that has the readers imported already, returns the memory when it
exits and can be killed when it runs past the budget.
"""
from __future__ import annotations

import multiprocessing
from collections.abc import Callable

from policykg.ingest.extract import ExtractionError
from policykg.ingest.reading import ReadError
from policykg.ingest.records import ExtractedDocument

_CTX = multiprocessing.get_context("forkserver")
_CTX.set_forkserver_preload(["policykg.ingest.readers", "policykg.ingest.extract", "pdfplumber", "docx", "lxml.html"])


class WorkerFailed(RuntimeError):
    """The worker died or answered nothing: a reader bug or the operating system killed it (memory)."""


def _work(conn, read: Callable[[bytes, str], ExtractedDocument], data: bytes, name: str) -> None:
    try:
        conn.send(("ok", read(data, name)))
    except (ReadError, ExtractionError) as exc:
        conn.send(("refused", str(exc)))
    except BaseException as exc:  # noqa: BLE001 - the parent reports it; nothing else may escape a worker
        conn.send(("error", f"{type(exc).__name__}: {exc}"))
    finally:
        conn.close()


def extract_in_worker(read: Callable[[bytes, str], ExtractedDocument], data: bytes, name: str,
                      seconds: float) -> ExtractedDocument:
    """``read(data, name)`` in a child process; ReadError when it refuses the file or runs past ``seconds``."""
    receiver, sender = _CTX.Pipe(duplex=False)
    worker = _CTX.Process(target=_work, args=(sender, read, data, name), daemon=True)
    worker.start()
    sender.close()
    try:
        if not receiver.poll(seconds):
            raise ReadError(f"{name}: reading it took longer than {seconds:.0f} s; policykg refuses documents that "
                            "cost this much (POLICYKG_READ_SECONDS)")
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
    if kind == "refused":
        raise ReadError(value)
    if kind == "error":
        raise WorkerFailed(f"reading {name} failed: {value}")
    return value
