"""The root of every error policykg raises on purpose.

Callers catch ``PolicyKGError`` (or one of its kinds) instead of tuples of
ValueError, LookupError and friends; anything else that escapes is a bug.
The kinds live beside the code that raises them (``ReadError`` in
``policykg.ingest.reading``, ``StoreError`` in ``policykg.graph.stores.errors``,
``CatalogError`` in ``policykg.queries.catalog``…); this module only holds the
root and the errors of start-up.
"""
from __future__ import annotations


class PolicyKGError(Exception):
    """Something policykg was asked to do cannot be done; the message says what and where."""


class ConfigurationError(PolicyKGError, ValueError):
    """A setting (an environment variable or an option) has a value policykg cannot use."""
