"""Responsibility networks in the browser: catalog query rows → networkx → pyvis → an offline HTML page.

``build_view(kind, fetch, key)`` builds one of the four views (department,
document, cascade, industry) as a networkx graph; ``render_html(view)`` draws
it with vis-network (the copy pyvis ships, inlined or served by policykg).
"""
from __future__ import annotations

from .graphs import (
                     DEFAULT_NODE_LIMIT,
                     VIEW_KINDS,
                     AmbiguousName,
                     Fetch,
                     View,
                     ViewNotFound,
                     build_view,
                     collapse,
                     rows_to_graph,
                     store_fetch,
)
from .render import render_html

__all__ = ["DEFAULT_NODE_LIMIT", "VIEW_KINDS", "AmbiguousName", "Fetch", "View", "ViewNotFound", "build_view",
           "collapse", "render_html", "rows_to_graph", "store_fetch"]
