"""After a change of the store a listing's order is read again: at 100,000 documents that takes up to a minute. A page
waits for it at most POLICYKG_LISTING_WAIT_MS, then is answered in the order before the change, marked stale, while
the new order is read once in the background (api/result_cache.py ``get_or_previous``)."""
from __future__ import annotations

import threading
from pathlib import Path

import pytest

from policykg.api.result_cache import VersionedCache
from policykg.queries.catalog import get_query
from policykg.settings import Settings
from tests.api.conftest import API_KEY
from tests.api.test_api_upload_and_cypher import JINING
from tests.api.test_api_warm import wait_for

SAMPLES = Path(__file__).resolve().parents[2] / "policykg" / "sample_corpus"


class SlowRead:
    """A computation that blocks until released, counting its runs."""

    def __init__(self, value):
        self.value = value
        self.release = threading.Event()
        self.runs = 0

    def __call__(self):
        self.runs += 1
        assert self.release.wait(10), "never released"
        return self.value


@pytest.fixture
def versioned():
    version = ["v1"]
    cache = VersionedCache(lambda: version[0])
    assert cache.get_or_previous("listing", lambda: "order v1", wait_s=0) == ("order v1", False)
    return version, cache


def test_a_slow_new_value_is_answered_by_the_previous_one_meanwhile(versioned):
    version, cache = versioned
    version[0] = "v2"
    slow = SlowRead("order v2")
    assert cache.get_or_previous("listing", slow, wait_s=0.05) == ("order v1", True)
    assert cache.get_or_previous("listing", slow, wait_s=0.05) == ("order v1", True)
    slow.release.set()
    wait_for(lambda: cache.get_or_previous("listing", slow, wait_s=1) == ("order v2", False))
    assert slow.runs == 1  # read once, in the background, whoever asked meanwhile


def test_a_new_value_within_the_wait_is_answered_fresh(versioned):
    version, cache = versioned
    version[0] = "v2"
    assert cache.get_or_previous("listing", lambda: "order v2", wait_s=5) == ("order v2", False)


def test_one_refresh_at_a_time_while_the_store_keeps_changing(versioned):
    # a folder's ingest changes the version every few hundred milliseconds: each page asked meanwhile must not
    # start another minute-long read
    version, cache = versioned
    slow = SlowRead("order v2")
    version[0] = "v2"
    assert cache.get_or_previous("listing", slow, wait_s=0) == ("order v1", True)
    later = SlowRead("order v3")
    version[0] = "v3"
    assert cache.get_or_previous("listing", later, wait_s=0) == ("order v1", True)
    assert later.runs == 0
    slow.release.set()
    later.release.set()
    wait_for(lambda: cache.get_or_previous("listing", later, wait_s=1) == ("order v3", False))
    assert (slow.runs, later.runs) == (1, 1)


def test_a_slow_refresh_does_not_put_an_earlier_version_back(versioned):
    version, cache = versioned
    version[0] = "v2"
    slow = SlowRead("order v2")
    assert cache.get_or_previous("listing", slow, wait_s=0) == ("order v1", True)
    version[0] = "v3"
    assert cache.get("listing", lambda: "order v3") == "order v3"  # the warmer's read, done first
    slow.release.set()
    wait_for(lambda: slow.runs == 1 and not cache._flights)
    assert cache.get_or_previous("listing", lambda: "read again", wait_s=1) == ("order v3", False)


def test_an_error_within_the_wait_is_raised_not_hidden(versioned):
    version, cache = versioned
    version[0] = "v2"

    def refused():
        raise LookupError("no such department")

    with pytest.raises(LookupError):
        cache.get_or_previous("listing", refused, wait_s=5)


def test_with_nothing_kept_the_first_request_waits_for_its_value():
    slow = SlowRead("order v1")
    threading.Timer(0.2, slow.release.set).start()
    assert VersionedCache(lambda: "v1").get_or_previous("listing", slow, wait_s=0) == ("order v1", False)


def test_a_page_during_a_slow_reread_comes_in_the_previous_order_marked_stale(upload_store, make_client):
    client = make_client(upload_store, Settings(api_key=API_KEY, listing_wait_ms=50))
    upload = {"X-API-Key": API_KEY}
    r = client.post("/documents", files={"file": ("jining.txt", JINING.read_bytes(), "text/plain")}, headers=upload)
    assert r.status_code == 201, r.text
    before = client.get("/targets?limit=3").json()
    assert before["total"] > 0 and before["stale"] is False

    order = get_query("targets-order").text
    released = threading.Event()
    real = upload_store.read

    def slow_order(query, *a, **k):
        if query == order:
            assert released.wait(30)
        return real(query, *a, **k)

    upload_store.read = slow_order
    try:
        sample = sorted(SAMPLES.glob("*.txt"))[0]
        r = client.post("/documents", files={"file": (sample.name, sample.read_bytes(), "text/plain")}, headers=upload)
        assert r.status_code == 201, r.text
        during = client.get("/targets?limit=3").json()
        assert during["stale"] is True
        assert during["total"] == before["total"] and during["items"] == before["items"]
    finally:
        released.set()
        del upload_store.read
    wait_for(lambda: client.get("/targets?limit=3").json()["stale"] is False)
    after = client.get("/targets?limit=3").json()
    assert after["total"] > before["total"]


def test_the_listings_read_ahead_are_read_one_at_a_time(upload_store, make_client):
    # each is a sort of a whole label: at 100,000 documents six at once held every engine thread for a minute
    from tests.api.test_api_warm import ORDERS

    client = make_client(upload_store, Settings(api_key=API_KEY, listing_wait_ms=0))
    upload = {"X-API-Key": API_KEY}
    r = client.post("/documents", files={"file": ("jining.txt", JINING.read_bytes(), "text/plain")}, headers=upload)
    assert r.status_code == 201, r.text
    paths = ("/targets?limit=1", "/departments?limit=1", "/mapping/province-to-city?limit=1")
    for path in paths:
        assert client.get(path).status_code == 200

    running, most, lock = [0], [0], threading.Lock()
    real = upload_store.read

    def counted(query, *a, **k):
        if query not in ORDERS:
            return real(query, *a, **k)
        with lock:
            running[0] += 1
            most[0] = max(most[0], running[0])
        try:
            threading.Event().wait(0.3)  # long enough for the others to start theirs, were they allowed
            return real(query, *a, **k)
        finally:
            with lock:
                running[0] -= 1

    upload_store.read = counted
    try:
        sample = sorted(SAMPLES.glob("*.txt"))[0]
        r = client.post("/documents", files={"file": (sample.name, sample.read_bytes(), "text/plain")}, headers=upload)
        assert r.status_code == 201, r.text
        answers: dict[str, int] = {}
        askers = [threading.Thread(target=lambda p=p: answers.update({p: client.get(p).status_code})) for p in paths]
        for t in askers:
            t.start()
        for t in askers:
            t.join(30)
        assert answers == {p: 200 for p in paths}
        wait_for(lambda: all(client.get(p).json()["stale"] is False for p in paths))
    finally:
        del upload_store.read
    assert most[0] == 1
