"""API fixtures: clients over the session's loaded store (read-only) and over a separate graph for uploads."""
from __future__ import annotations

import warnings
from collections.abc import Iterator

import pytest

from policykg.api import create_app
from policykg.settings import Settings

with warnings.catch_warnings():
    # newer Starlette warns that its TestClient will move from httpx to httpx2; it works the same with httpx
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

API_KEY = "test-key-0123456789"
PROBLEM = "application/problem+json"


def _assert_problem(r, status: int, *words: str) -> dict:
    """The response is an RFC 9457 problem with this status whose detail says each of ``words``."""
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith(PROBLEM)
    body = r.json()
    assert body["status"] == status and body["title"] and body["type"].startswith(("urn:policykg:problem:", "about:"))
    for word in words:
        assert word in body["detail"], body["detail"]
    return body


@pytest.fixture(scope="session")
def assert_problem():
    return _assert_problem


@pytest.fixture(scope="session")
def app(loaded_store):
    """The API over the sample corpus, writes disabled (no key): nothing here can change the shared store."""
    return create_app(loaded_store, Settings())


@pytest.fixture(scope="session")
def client(app) -> Iterator[TestClient]:
    with TestClient(app) as c:
        yield c


@pytest.fixture(scope="session")
def fixture_client(fixture_store) -> Iterator[TestClient]:
    """The API over the hand-built graph of ``tests/fixtures/graph.py`` (writes disabled): the read tests' client."""
    with TestClient(create_app(fixture_store, Settings())) as c:
        yield c


@pytest.fixture
def make_client():
    """A client over any store with any settings (closed after the test)."""
    opened: list[TestClient] = []

    def make(store, settings: Settings | None = None, **kw) -> TestClient:
        c = TestClient(create_app(store, settings or Settings()), **kw)
        c.__enter__()
        opened.append(c)
        return c

    yield make
    for c in opened:
        c.__exit__(None, None, None)


@pytest.fixture
def upload_store(loaded_store):
    """A second, empty graph on the same embedded server: uploads never touch the sample corpus graph."""
    from policykg.graph.stores.factory import embedded_store

    store = embedded_store(loaded_store.backend.server.data_dir, graph="api-upload-test")
    store.clear()
    yield store
    store.clear()


@pytest.fixture
def write_client(upload_store, make_client) -> TestClient:
    return make_client(upload_store, Settings(api_key=API_KEY))


