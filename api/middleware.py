"""Two pure-ASGI middlewares (no per-request task or body copy): request logging with timing, body size bounds."""
from __future__ import annotations

import json
import logging
import time
from http import HTTPStatus

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .problems import PROBLEM_MEDIA_TYPE, TYPE_PREFIX

log = logging.getLogger("policykg.api")


class RequestLog:
    """One log line per request (method, path, status, milliseconds) and a Server-Timing header."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500  # what the client gets if the app dies before answering

        async def send_timed(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                ms = (time.perf_counter() - started) * 1000
                message.setdefault("headers", [])
                message["headers"] = [*message["headers"], (b"server-timing", f"app;dur={ms:.1f}".encode())]
            await send(message)

        try:
            await self.app(scope, receive, send_timed)
        finally:
            ms = (time.perf_counter() - started) * 1000
            query = scope.get("query_string", b"").decode("latin-1")
            path = scope.get("path", "") + (f"?{query}" if query else "")
            log.info("%s %s %d %.1fms", scope.get("method", "-"), path, status, ms)


class BodyTooLarge(HTTPException):
    def __init__(self, limit: int) -> None:
        super().__init__(413, f"the request body is larger than {limit} bytes")


class BodyLimit:
    """Bound request bodies: uploads to ``upload_limit``, everything else to ``limit``.

    A declared Content-Length over the bound is refused before anything is
    read; a body without one (chunked) or longer than declared is counted as
    it arrives and refused when it passes the bound (the 413 is raised from
    inside the app's read, so the app's own error handling answers it).
    """

    def __init__(self, app: ASGIApp, limit: int, upload_limit: int, upload_path: str = "/documents") -> None:
        self.app = app
        self.limit = limit
        self.upload_limit = upload_limit
        self.upload_path = upload_path

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        is_upload = scope["path"].rstrip("/") == self.upload_path and scope["method"] == "POST"
        # multipart framing (boundaries, part headers) on top of the file itself
        limit = self.upload_limit + 64 * 1024 if is_upload else self.limit
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None:
            try:
                too_large = int(declared) > limit
            except ValueError:
                too_large = False  # the server rejects a malformed Content-Length itself
            if too_large:
                await _refuse(scope, send, limit)
                return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise BodyTooLarge(limit)
            return message

        await self.app(scope, counted, send)


async def _refuse(scope: Scope, send: Send, limit: int) -> None:
    body = json.dumps({
        "type": TYPE_PREFIX + "payload-too-large", "title": HTTPStatus(413).phrase, "status": 413,
        "detail": f"the request body is larger than {limit} bytes", "instance": scope.get("path", ""),
    }, ensure_ascii=False).encode()
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", PROBLEM_MEDIA_TYPE.encode()),
                            (b"content-length", str(len(body)).encode()), (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": body})
