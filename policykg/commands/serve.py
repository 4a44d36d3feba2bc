"""`policykg serve`: the HTTP API (api/) under uvicorn."""
from __future__ import annotations

import copy
from typing import Annotated

import typer

from .console import err
from .options import DataOption, StoreOption, settings_for


def _log_config(level: str) -> dict:
    """uvicorn's logging, plus the API's request log (policykg.api) through the same handler."""
    from uvicorn.config import LOGGING_CONFIG

    config = copy.deepcopy(LOGGING_CONFIG)
    config["loggers"]["policykg"] = {"handlers": ["default"], "level": level.upper(), "propagate": False}
    return config


def register(app: typer.Typer) -> None:
    @app.command()
    def serve(
        host: Annotated[str, typer.Option(help="address to listen on (0.0.0.0 for every interface)")] = "127.0.0.1",
        port: Annotated[int, typer.Option(help="TCP port")] = 8000,
        store: StoreOption = None,
        data: DataOption = None,
        cors_origin: Annotated[list[str], typer.Option(
            "--cors-origin", help="a browser origin allowed to call the API (repeatable; also "
                                  "POLICYKG_CORS_ORIGINS=a,b)")] = [],
        log_level: Annotated[str, typer.Option(help="debug, info, warning or error")] = "info",
    ) -> None:
        """Run the HTTP API. Writes (POST /documents) need POLICYKG_API_KEY in the environment."""
        import uvicorn

        from policykg.api import create_app
        from policykg.api.guards import hosts_for

        settings = settings_for(store, data).with_options(cors_origins=tuple(cors_origin) or None)
        settings = settings.with_options(allowed_hosts=hosts_for(host, settings.allowed_hosts))
        writes = "enabled (X-API-Key)" if settings.writes_enabled else "disabled (no POLICYKG_API_KEY)"
        err.print(f"policykg API on http://{host}:{port}  (OpenAPI: /openapi.json; writes {writes})", highlight=False)
        # our request log has the timing, so uvicorn's own access log is off
        uvicorn.run(create_app(settings=settings), host=host, port=port, log_config=_log_config(log_level),
                    log_level=log_level, access_log=False, proxy_headers=False)
