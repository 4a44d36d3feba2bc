"""Two pure-ASGI guards every answer passes: a Host allow-list and the security headers.

A page of another site can make a browser send requests to a service on
localhost by pointing its own name at 127.0.0.1 (DNS rebinding); the browser
then sends that name as Host, so a service that answers only its own names is
out of reach. The headers keep answers from being framed, sniffed into
another type, or leaking the URL to other sites; HTML pages may load only
what the service itself serves.
"""
from __future__ import annotations

import json
import socket
from collections.abc import Iterable
from http import HTTPStatus

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .problems import PROBLEM_MEDIA_TYPE, TYPE_PREFIX

LOCAL_NAMES = ("localhost", "127.0.0.1", "::1")
_ANY = ("0.0.0.0", "::", "")

# the views load their scripts from /viz/static and draw with inline style attributes (legend swatches)
HTML_POLICY = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
               "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")
DATA_POLICY = "default-src 'none'; frame-ancestors 'none'"
COMMON = [(b"x-content-type-options", b"nosniff"), (b"x-frame-options", b"DENY"),
          (b"referrer-policy", b"no-referrer")]


def hosts_for(bound: str, extra: Iterable[str] = ()) -> tuple[str, ...]:
    """The names a service bound to ``bound`` answers to: that address, the local names, ``extra``; bound to every
    interface, also this machine's name and addresses."""
    names = {bound.strip("[]").lower(), *LOCAL_NAMES, *(h.strip().lower() for h in extra if h.strip())}
    if bound in _ANY:
        names.discard(bound)
        for name in {socket.gethostname(), socket.getfqdn()}:
            names.add(name.lower())
            try:
                names.update(str(info[4][0]).lower() for info in socket.getaddrinfo(name, None))
            except OSError:
                pass
    return tuple(sorted(names))


def _host_of(value: str) -> str:
    value = value.strip().lower()
    if value.startswith("["):  # [::1]:8000
        return value[1:value.find("]")] if "]" in value else value
    return value.rsplit(":", 1)[0] if value.count(":") == 1 else value


class HostAllowList:
    """Answer only requests whose Host is one of ``allowed``; others get a 421 problem."""

    def __init__(self, app: ASGIApp, allowed: Iterable[str]) -> None:
        self.app = app
        self.allowed = {_host_of(h) for h in allowed}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        host = _host_of(dict(scope.get("headers") or []).get(b"host", b"").decode("latin-1"))
        if host in self.allowed:
            await self.app(scope, receive, send)
            return
        body = json.dumps({
            "type": TYPE_PREFIX + "unknown-host", "title": HTTPStatus(421).phrase, "status": 421,
            "detail": "this service does not answer to that host name (POLICYKG_ALLOWED_HOSTS lists more)",
            "instance": scope.get("path", ""),
        }).encode()
        await send({"type": "http.response.start", "status": 421,
                    "headers": [(b"content-type", PROBLEM_MEDIA_TYPE.encode()),
                                (b"content-length", str(len(body)).encode()), *COMMON,
                                (b"content-security-policy", DATA_POLICY.encode())]})
        await send({"type": "http.response.body", "body": body})


class SecurityHeaders:
    """nosniff, no framing, no referrer on every answer; a content policy by what the answer is."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers") or [])
                kind = next((v for k, v in headers if k.lower() == b"content-type"), b"")
                policy = HTML_POLICY if kind.startswith(b"text/html") else DATA_POLICY
                present = {k.lower() for k, _ in headers}
                headers += [(k, v) for k, v in COMMON if k not in present]
                if b"content-security-policy" not in present:
                    headers.append((b"content-security-policy", policy.encode()))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


class ClientLimit:
    """At most ``per_client`` requests at once from one client address to the expensive paths; more get a 429.

    Requests run on a shared thread pool and a shared store: one client firing dozens of whole-graph pages
    at once would hold both for everyone else.
    """

    def __init__(self, app: ASGIApp, prefixes: tuple[str, ...], per_client: int) -> None:
        self.app = app
        self.prefixes = prefixes
        self.per_client = per_client
        self.active: dict[str, int] = {}  # only touched on the event loop: no lock

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if scope["type"] != "http" or not path.startswith(self.prefixes):
            await self.app(scope, receive, send)
            return
        client = (scope.get("client") or ("?", 0))[0]
        if self.active.get(client, 0) >= self.per_client:
            body = json.dumps({
                "type": TYPE_PREFIX + "too-many-requests", "title": HTTPStatus(429).phrase, "status": 429,
                "detail": f"at most {self.per_client} requests at once to this part of the API from one client; "
                          "wait for the others to finish", "instance": path,
            }).encode()
            await send({"type": "http.response.start", "status": 429,
                        "headers": [(b"content-type", PROBLEM_MEDIA_TYPE.encode()),
                                    (b"content-length", str(len(body)).encode()), (b"retry-after", b"1")]})
            await send({"type": "http.response.body", "body": body})
            return
        self.active[client] = self.active.get(client, 0) + 1
        try:
            await self.app(scope, receive, send)
        finally:
            left = self.active[client] - 1
            if left:
                self.active[client] = left
            else:
                del self.active[client]
