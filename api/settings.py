"""The API's settings: environment variables first, then what `policykg serve` passes on the command line.

Every limit the service applies lives here, so the numbers a client can run
into are in one place (and documented in the README).
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from policykg.graph.stores.base import DEFAULT_ROW_CAP, DEFAULT_TIMEOUT_MS


def _int_env(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError as exc:
        raise ValueError(f"{name} must be an integer, got {raw!r}") from exc
    if value < 0:
        raise ValueError(f"{name} must not be negative, got {value}")
    return value


def _list_env(name: str) -> list[str]:
    return [part.strip() for part in os.environ.get(name, "").split(",") if part.strip()]


@dataclass
class Settings:
    # the graph store: "auto" (Neo4j when NEO4J_URI is set, else embedded), "embedded" or "neo4j"
    store_kind: str = "auto"
    data_dir: Path | None = None
    # writes (POST /documents) need this key in X-API-Key; None disables them
    api_key: str | None = None
    cors_origins: list[str] = field(default_factory=list)
    # reads: the budget every catalog query gets, and what POST /cypher may ask for at most
    query_timeout_ms: int = DEFAULT_TIMEOUT_MS
    max_query_timeout_ms: int = max(DEFAULT_TIMEOUT_MS, 30_000)
    row_cap: int = DEFAULT_ROW_CAP
    max_row_cap: int = max(DEFAULT_ROW_CAP, 10_000)
    # request bodies: uploads, and everything else (a Cypher query with its parameters)
    max_upload_bytes: int = 5 * 1024 * 1024
    max_body_bytes: int = 256 * 1024
    # POST /cypher queries the engine runs at once: the other engine threads stay free for the catalog
    # reads behind every other endpoint (and /healthz), however heavy the Cypher sent
    cypher_lanes: int = 1

    @classmethod
    def from_env(cls) -> "Settings":
        data = os.environ.get("POLICYKG_DATA", "").strip()
        timeout = _int_env("POLICYKG_QUERY_TIMEOUT_MS", DEFAULT_TIMEOUT_MS)
        row_cap = _int_env("POLICYKG_ROW_CAP", DEFAULT_ROW_CAP)
        return cls(
            store_kind=os.environ.get("POLICYKG_STORE", "auto").strip() or "auto",
            data_dir=Path(data) if data else None,
            api_key=os.environ.get("POLICYKG_API_KEY") or None,
            cors_origins=_list_env("POLICYKG_CORS_ORIGINS"),
            query_timeout_ms=timeout,
            max_query_timeout_ms=_int_env("POLICYKG_MAX_QUERY_TIMEOUT_MS", max(timeout, 30_000)),
            row_cap=row_cap,
            max_row_cap=_int_env("POLICYKG_MAX_ROW_CAP", max(row_cap, 10_000)),
            max_upload_bytes=_int_env("POLICYKG_MAX_UPLOAD_BYTES", 5 * 1024 * 1024),
            max_body_bytes=_int_env("POLICYKG_MAX_BODY_BYTES", 256 * 1024),
            cypher_lanes=max(1, _int_env("POLICYKG_CYPHER_LANES", 1)),
        )

    def __post_init__(self) -> None:
        if self.query_timeout_ms <= 0 or self.max_query_timeout_ms < self.query_timeout_ms:
            raise ValueError("query timeouts must be positive and the maximum at least the default")
        if self.max_row_cap < self.row_cap:
            raise ValueError("the maximum row cap must be at least the default row cap")

    @property
    def writes_enabled(self) -> bool:
        return bool(self.api_key)
