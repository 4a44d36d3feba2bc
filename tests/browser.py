"""Driving a real browser at the views, for the browser test and the benchmark.

Debian's chromium (``apt-get install -y chromium``: /usr/bin/chromium) driven by
the Python ``playwright`` package through ``executable_path``: Playwright's own
browser download (``playwright install``) is never used. The server is
``policykg serve`` on a free loopback port, and every request the page makes to
another host is aborted and reported.
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO
from urllib.parse import urlsplit

CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
# what Debian's chromium needs to run headless as root on a CI machine, with nothing phoning home
CHROMIUM_ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-default-apps", "--disable-extensions",
                 "--no-default-browser-check", "--disable-domain-reliability", "--metrics-recording-only"]


def chromium_path() -> str | None:
    """The chromium to drive: $POLICYKG_CHROMIUM, else Debian's; None when there is none."""
    wanted = os.environ.get("POLICYKG_CHROMIUM")
    for candidate in ([wanted] if wanted else []) + list(CHROMIUM_CANDIDATES) + [shutil.which("chromium") or ""]:
        if candidate and os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return candidate
    return None


def missing_browser_reason() -> str | None:
    """Why a real-browser run cannot happen here, or None when it can."""
    if chromium_path() is None:
        return ("chromium is not installed (apt-get install -y chromium gives /usr/bin/chromium; or set "
                "POLICYKG_CHROMIUM): the real-browser test needs it")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright Python package is not installed (pip install -e '.[test]')"
    return None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serve(data_dir: Path, port: int | None = None, timeout: float = 60.0, log: Path | None = None) -> Iterator[str]:
    """`policykg serve` on 127.0.0.1 over the embedded store in ``data_dir``; yields its base URL."""
    port = port or free_port()
    env = {**os.environ, "POLICYKG_DATA": str(data_dir)}
    env.pop("NEO4J_URI", None)
    env.pop("POLICYKG_API_KEY", None)
    cmd = [sys.executable, "-c", "from policykg.cli import app; app()", "serve", "--host", "127.0.0.1",
           "--port", str(port), "--store", "embedded", "--log-level", "warning"]
    out: IO[bytes] | int = open(log, "wb") if log else subprocess.DEVNULL  # noqa: SIM115 - closed below
    proc = subprocess.Popen(cmd, env=env, stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"policykg serve exited with {proc.returncode}" + (f"; see {log}" if log else ""))
            try:
                with urllib.request.urlopen(f"{base}/viz/static/policykg-viz.css", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"policykg serve did not answer on {base} within {timeout:.0f} s")
            time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)
        if not isinstance(out, int):
            out.close()


@dataclass
class PageLog:
    """What a page did besides rendering: console errors, uncaught exceptions, requests to other hosts."""

    allowed_netloc: str
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)

    def watch(self, page) -> None:
        page.on("console", lambda m: self.console_errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.page_errors.append(str(e)))
        page.on("request", lambda r: self.requests.append(r.url))


@contextmanager
def browser_context(profile_dir: Path, base_url: str, viewport: tuple[int, int] = (1400, 900)):
    """A fresh headless chromium profile in which only ``base_url``'s host can be reached; yields (context, log)."""
    from playwright.sync_api import sync_playwright

    netloc = urlsplit(base_url).netloc
    log = PageLog(netloc)

    def gate(route) -> None:
        url = route.request.url
        parts = urlsplit(url)
        if parts.scheme in ("data", "blob") or (parts.scheme in ("http", "https") and parts.netloc == netloc):
            route.continue_()
        else:
            log.foreign_requests.append(url)
            route.abort()

    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(profile_dir), executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS,
            viewport={"width": viewport[0], "height": viewport[1]}, device_scale_factor=1, locale="zh-CN",
            service_workers="block")
        try:
            context.route("**/*", gate)
            yield context, log
        finally:
            context.close()


def wait_for_network(page, timeout_ms: int = 30_000) -> dict:
    """Wait until the view's layout has settled and physics stopped; what the page reports about itself."""
    # polled from here: wait_for_function evaluates a string in the page, which the pages' CSP (no eval) refuses
    deadline = time.monotonic() + timeout_ms / 1000
    while not page.evaluate("() => !!(window.policykgViz && window.policykgViz.ready === true)"):
        if time.monotonic() > deadline:
            raise TimeoutError(f"the view did not settle within {timeout_ms} ms")
        page.wait_for_timeout(100)
    return page.evaluate("""() => {
        const v = window.policykgViz, n = v.network;
        return {nodes: v.nodes, edges: v.edges, layoutMs: v.layoutMs, setupMs: v.setupMs || 0, stoppedBy: v.stoppedBy,
                placed: n ? Object.keys(n.getPositions()).length : 0,
                drawnEdges: n ? Object.keys(n.body.edges).length : 0,
                physics: n ? n.physics.physicsEnabled : false,
                canvas: !!document.querySelector('#pk-network canvas')};
    }""")
