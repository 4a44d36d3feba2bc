"""GET /healthz (is the graph store reachable?) and GET /stats (what it holds: what the catalog query graph-counts
counts, read from the engine's count of each label and type)."""
from __future__ import annotations

from fastapi import APIRouter, Request
from pydantic import BaseModel, ConfigDict, Field

from .deps import AppSettings, Runner
from .problems import problem_responses

router = APIRouter(tags=["service"])


class Health(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{
        "status": "ok", "store": "embedded",
        "writes_enabled": False}]})

    status: str = Field(description="ok when the graph store answered")
    store: str = Field(description="which kind of store the API reads: embedded or neo4j (never where it is)")
    writes_enabled: bool = Field(description="POST /documents accepts uploads (an API key is configured)")
    listings_read_ahead: bool | None = Field(None, description="the unfiltered listings' orders and the graph's "
                                                                "counts of the store's current version are read, so "
                                                                "their first page answers at once (null: the API does "
                                                                "not read them ahead, POLICYKG_WARM_AFTER_MS=0)")


class Stats(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{
        "nodes": {"Department": 87, "Document": 10, "Task": 285}, "relationships": {"LEADS": 444, "COOPERATES_ON": 195},
        "total_nodes": 382, "total_relationships": 639}]})

    nodes: dict[str, int] = Field(description="nodes by label")
    relationships: dict[str, int] = Field(description="relationships by type")
    total_nodes: int
    total_relationships: int


@router.get("/healthz", response_model=Health, responses=problem_responses(503, 504),
            summary="Is the graph store reachable?")
def healthz(request: Request, runner: Runner, settings: AppSettings):
    """Is the service up and can it reach the graph store? 503 when the store is down."""
    store = runner.ping(timeout_ms=min(settings.query_timeout_ms, 5000))
    warmer = getattr(request.app.state, "warmer", None)
    return Health(status="ok", store=store.kind, writes_enabled=settings.writes_enabled,
                  listings_read_ahead=warmer.ready() if warmer is not None else None)


@router.get("/stats", response_model=Stats, responses=problem_responses(503, 504),
            summary="Counts of nodes by label and relationships by type")
def stats(runner: Runner):
    """How many nodes of each label and relationships of each type the graph holds: the numbers of the catalog
    query `graph-counts`, read from the engine's count of each label and type, once per store version."""
    counts = runner.graph_counts()
    nodes, relationships = dict(sorted(counts.nodes.items())), dict(sorted(counts.relationships.items()))
    return Stats(nodes=nodes, relationships=relationships, total_nodes=counts.total_nodes,
                 total_relationships=counts.total_relationships)
