"""The policykg HTTP API (FastAPI): `create_app()`; `policykg serve` runs it with uvicorn."""
from .app import create_app
from .settings import Settings

__all__ = ["Settings", "create_app"]
