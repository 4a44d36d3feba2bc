"""The policykg HTTP API (FastAPI): `create_app()`; `policykg serve` runs it with uvicorn."""
from .app import create_app

__all__ = ["create_app"]
