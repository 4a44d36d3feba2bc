"""policykg's settings, read once from the environment and validated at start-up.

Every number a user or a client can run into (time budgets, row caps, memory,
body sizes) and every connection detail is here; the layers below receive
values from a ``Settings`` object and never read the environment themselves.
A bad value is one ``ConfigurationError`` naming the variable.
"""
from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from policykg.errors import ConfigurationError

STORE_KINDS = ("auto", "embedded", "neo4j")
DEFAULT_QUERY_TIMEOUT_MS = 10_000
DEFAULT_ROW_CAP = 10_000
DEFAULT_RESULT_BYTES = 64 << 20
# documents a full relink reads at once: a bigger store is relinked in parts of whole provinces
DEFAULT_RELINK_BUDGET = 5_000


@dataclass(frozen=True)
class Neo4jConnection:
    uri: str = "bolt://localhost:7687"
    user: str = "neo4j"
    password: str = field(default="", repr=False)
    database: str = "neo4j"


@dataclass(frozen=True)
class Settings:
    # the graph store: "auto" (Neo4j when NEO4J_URI is set, else embedded), "embedded" or "neo4j"
    store_kind: str = "auto"
    # the embedded store's data directory; None: $XDG_DATA_HOME/policykg or ~/.local/share/policykg
    data_dir: Path | None = None
    neo4j: Neo4jConnection | None = None  # set when NEO4J_URI is
    # reads: the budget every catalog query gets, and what POST /cypher may ask for at most
    query_timeout_ms: int = DEFAULT_QUERY_TIMEOUT_MS
    max_query_timeout_ms: int = 30_000
    row_cap: int = DEFAULT_ROW_CAP
    max_row_cap: int = DEFAULT_ROW_CAP
    # memory one query may use in the embedded store: a read's time budget does not bound its memory
    query_mem_bytes: int = 1 << 30
    # what a public read (POST /cypher, policykg cypher) may hand back, converted; a bigger result is refused
    result_bytes: int = DEFAULT_RESULT_BYTES
    # documents a full relink reads and scores at once (graph.linking.parts): memory against the read of its places
    relink_budget: int = DEFAULT_RELINK_BUDGET
    # POST /cypher queries the engine runs at once, and the embedded engine's threads (more than the lanes, so
    # catalog reads and /healthz keep a thread however heavy the Cypher sent); 0: max(4, CPUs)
    cypher_lanes: int = 1
    engine_threads: int = 0
    # requests one client address may have running at once on the expensive paths (analytics, views, Cypher)
    client_concurrency: int = 4
    # writes (POST /documents) need this key in X-API-Key; None disables them
    api_key: str | None = field(default=None, repr=False)
    cors_origins: tuple[str, ...] = ()
    # Host names the API answers to (DNS rebinding); empty: any. `policykg serve` puts the bound address and the
    # local names first; POLICYKG_ALLOWED_HOSTS adds names (a proxy's, a DNS name)
    allowed_hosts: tuple[str, ...] = ()
    # request bodies: uploads, and everything else (a Cypher query with its parameters)
    max_upload_bytes: int = 5 * 1024 * 1024
    max_body_bytes: int = 256 * 1024
    # the API reads the unfiltered listings' orders and the graph's counts ahead of the first request once the store
    # has not changed for this long (api/warm.py); 0: not ahead, on the first request (POLICYKG_WARM_AFTER_MS)
    warm_after_ms: int = 0
    # after a store change a page waits this long for its listing's new order, then is answered in the order before
    # the change, marked stale, while the new one is read (at 100,000 documents: up to a minute)
    listing_wait_ms: int = 1000

    def __post_init__(self) -> None:
        if self.store_kind not in STORE_KINDS:
            raise ConfigurationError(f"POLICYKG_STORE must be one of {', '.join(STORE_KINDS)}, "
                                     f"got {self.store_kind!r}")
        if self.query_timeout_ms <= 0:
            raise ConfigurationError("POLICYKG_QUERY_TIMEOUT_MS must be positive")
        if self.max_query_timeout_ms < self.query_timeout_ms:
            raise ConfigurationError("POLICYKG_MAX_QUERY_TIMEOUT_MS must be at least POLICYKG_QUERY_TIMEOUT_MS")
        if self.row_cap <= 0:
            raise ConfigurationError("POLICYKG_ROW_CAP must be positive")
        if self.max_row_cap < self.row_cap:
            raise ConfigurationError("POLICYKG_MAX_ROW_CAP must be at least POLICYKG_ROW_CAP")
        if self.relink_budget <= 0:
            raise ConfigurationError("POLICYKG_RELINK_BUDGET must be positive")
        if self.warm_after_ms < 0:
            raise ConfigurationError("POLICYKG_WARM_AFTER_MS must not be negative")
        if self.listing_wait_ms < 0:
            raise ConfigurationError("POLICYKG_LISTING_WAIT_MS must not be negative")
        if self.cypher_lanes < 1:
            raise ConfigurationError("POLICYKG_CYPHER_LANES must be at least 1")
        if self.engine_threads and self.engine_threads <= self.cypher_lanes:
            raise ConfigurationError("POLICYKG_ENGINE_THREADS must be more than POLICYKG_CYPHER_LANES (a thread "
                                     "stays free for everything else)")

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides) -> Settings:
        """The settings the environment gives, with ``overrides`` (command-line options) on top."""
        env = _Environment(os.environ if environ is None else environ)
        timeout = env.integer("POLICYKG_QUERY_TIMEOUT_MS", DEFAULT_QUERY_TIMEOUT_MS)
        row_cap = env.integer("POLICYKG_ROW_CAP", DEFAULT_ROW_CAP)
        uri = env.text("NEO4J_URI")
        values: dict[str, Any] = dict(
            store_kind=env.text("POLICYKG_STORE") or "auto",
            data_dir=_data_dir(env),
            neo4j=Neo4jConnection(uri=uri, user=env.text("NEO4J_USER") or "neo4j",
                                  password=env.raw("NEO4J_PASSWORD"),
                                  database=env.text("NEO4J_DATABASE") or "neo4j") if uri else None,
            query_timeout_ms=timeout,
            max_query_timeout_ms=env.integer("POLICYKG_MAX_QUERY_TIMEOUT_MS", max(timeout, 30_000)),
            row_cap=row_cap,
            max_row_cap=env.integer("POLICYKG_MAX_ROW_CAP", max(row_cap, DEFAULT_ROW_CAP)),
            query_mem_bytes=env.integer("POLICYKG_QUERY_MEM_BYTES", 1 << 30),
            result_bytes=env.integer("POLICYKG_RESULT_BYTES", DEFAULT_RESULT_BYTES),
            relink_budget=env.integer("POLICYKG_RELINK_BUDGET", DEFAULT_RELINK_BUDGET),
            cypher_lanes=env.integer("POLICYKG_CYPHER_LANES", 1),
            engine_threads=env.integer("POLICYKG_ENGINE_THREADS", 0),
            client_concurrency=env.integer("POLICYKG_CLIENT_CONCURRENCY", 4),
            api_key=env.raw("POLICYKG_API_KEY") or None,
            cors_origins=tuple(p.strip() for p in env.raw("POLICYKG_CORS_ORIGINS").split(",") if p.strip()),
            allowed_hosts=tuple(p.strip() for p in env.raw("POLICYKG_ALLOWED_HOSTS").split(",") if p.strip()),
            max_upload_bytes=env.integer("POLICYKG_MAX_UPLOAD_BYTES", 5 * 1024 * 1024),
            max_body_bytes=env.integer("POLICYKG_MAX_BODY_BYTES", 256 * 1024),
            warm_after_ms=env.integer("POLICYKG_WARM_AFTER_MS", 2000),
            listing_wait_ms=env.integer("POLICYKG_LISTING_WAIT_MS", 1000),
        )
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)

    def with_options(self, **overrides) -> Settings:
        """These settings with the options a command was given (None: not given)."""
        return replace(self, **{k: v for k, v in overrides.items() if v is not None})

    @property
    def writes_enabled(self) -> bool:
        return bool(self.api_key)

    @property
    def uses_neo4j(self) -> bool:
        return self.store_kind == "neo4j" or (self.store_kind == "auto" and self.neo4j is not None)

    def resolved_data_dir(self) -> Path:
        """The embedded store's data directory (``--data``, POLICYKG_DATA, else the XDG data home's policykg)."""
        if self.data_dir is not None:
            return Path(self.data_dir).expanduser().resolve()
        return (Path.home() / ".local" / "share" / "policykg").resolve()


def _data_dir(env: _Environment) -> Path | None:
    explicit = env.text("POLICYKG_DATA")
    if explicit:
        return Path(explicit).expanduser()
    xdg = env.text("XDG_DATA_HOME")
    # The XDG spec says relative values must be ignored.
    return Path(xdg) / "policykg" if xdg and os.path.isabs(xdg) else None


class _Environment:
    def __init__(self, environ: Mapping[str, str]) -> None:
        self.environ = environ

    def raw(self, name: str) -> str:
        return self.environ.get(name, "")

    def text(self, name: str) -> str:
        return self.raw(name).strip()

    def integer(self, name: str, default: int) -> int:
        raw = self.text(name)
        if not raw:
            return default
        try:
            value = int(raw.replace("_", ""))
        except ValueError:
            raise ConfigurationError(f"{name} must be a whole number, got {raw!r}") from None
        if value < 0:
            raise ConfigurationError(f"{name} must not be negative, got {value}")
        return value
