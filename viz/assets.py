"""The browser assets every view needs, served by policykg itself: no page loads anything from another host.

vis-network is the copy that the pyvis wheel ships (``pyvis/templates/lib/vis-9.1.2``):
pyvis's own page template always loads bootstrap from a CDN (and, in its "local"
mode, vis-network too), so policykg renders with its own template and either
inlines these files (a standalone HTML file from ``policykg viz``) or serves them
under ``/viz/static/`` (the API).
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path

from policykg.errors import PolicyKGError

VIS_VERSION = "9.1.2"

# the name served under /viz/static/ -> (package, path inside it), media type
ASSETS: dict[str, tuple[str, str, str]] = {
    "vis-network.min.js": ("pyvis", f"templates/lib/vis-{VIS_VERSION}/vis-network.min.js", "text/javascript"),
    "vis-network.css": ("pyvis", f"templates/lib/vis-{VIS_VERSION}/vis-network.css", "text/css"),
    "policykg-viz.js": ("policykg.viz", "static/policykg-viz.js", "text/javascript"),
    "policykg-viz.css": ("policykg.viz", "static/policykg-viz.css", "text/css"),
    "policykg-landing.js": ("policykg.viz", "static/policykg-landing.js", "text/javascript"),
}


class AssetMissing(PolicyKGError, FileNotFoundError):
    pass


def asset_path(name: str) -> Path:
    try:
        package, inner, _ = ASSETS[name]
    except KeyError as exc:
        raise AssetMissing(f"no asset {name!r}") from exc
    path = Path(str(resources.files(package).joinpath(inner)))
    if not path.is_file():
        raise AssetMissing(f"{name}: {path} is missing (is pyvis installed?)")
    return path


def media_type(name: str) -> str:
    return ASSETS[name][2]


@lru_cache(maxsize=None)
def asset_text(name: str) -> str:
    return asset_path(name).read_text(encoding="utf-8")
