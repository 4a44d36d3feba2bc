"""`policykg link` over the embedded store: the mapping query shows explicit and inferred links together,
and the result does not depend on the order documents were ingested in."""
from __future__ import annotations

import json
import random

import pytest
from typer.testing import CliRunner

from policykg.cli import app
from policykg.graph.stores.factory import embedded_store
from policykg.graph.stores.writer_lock import writer_lock
from policykg.queries.catalog import get_query


def mapping(store, **params):
    q = get_query("province-to-city")  # every link in one page
    return store.rows(q.text, q.bind({"limit": 10_000, **params}))


@pytest.fixture(scope="module")
def orders(tmp_path_factory, extracted):
    docs = list(extracted.values())
    results = []
    for seed in (1, 2, 3):
        order = docs[:]
        random.Random(seed).shuffle(order)
        store = embedded_store(tmp_path_factory.mktemp(f"order{seed}"))
        try:
            for doc in order:
                store.load_document(doc)
            report = store.relink()
            results.append((report, mapping(store, link="any", min_score=0.0), store.counts(), mapping(store)))
        finally:
            store.backend.server.stop(force=True)
    return results


def test_the_default_answer_is_facts_and_likely_cascades(orders):
    """No filter: the 35 rows the table states, and inferred CASCADES_FROM above the calibrated threshold;
    RELATES_TO only when asked."""
    from policykg.graph.linking.links import MIN_SCORE

    _, everything, _, default = orders[0]
    assert sum(1 for r in default if r["basis"] == "explicit") == 35
    inferred = [r for r in default if r["basis"] == "inferred"]
    assert inferred and {r["link"] for r in inferred} == {"CASCADES_FROM"}
    assert all(r["score"] >= MIN_SCORE and r["regions"] for r in inferred)
    assert {r["link"] for r in everything} == {"CASCADES_FROM", "RELATES_TO"}
    assert len(default) == sum(1 for r in everything if r["link"] == "CASCADES_FROM" and r["score"] >= MIN_SCORE)


def test_the_default_threshold_is_the_linkers():
    from policykg.graph.linking.links import MIN_SCORE

    for name in ("province-to-city", "province-to-city-mapping", "viz-cascade"):
        assert get_query(name).bind({})["min_score"] == MIN_SCORE


def test_explicit_and_inferred_links_side_by_side(orders):
    report, rows, _, _ = orders[0]
    explicit = [r for r in rows if r["basis"] == "explicit"]
    inferred = [r for r in rows if r["basis"] == "inferred"]
    assert len(explicit) == 35 and all(r["link"] == "CASCADES_FROM" and r["score"] == 1.0 for r in explicit)
    assert inferred and all(0 < r["score"] < 1 and r["direction"] for r in inferred)
    assert sum(report.links.values()) == len(inferred)
    # 002 (2025) measure 一 on 人工智能 relates to the 2024 Heze opinion's 人工智能 item
    ai = [r for r in inferred if r["provincial_task"] == "提速人工智能发展"]
    assert ("task:菏政办字〔2024〕7号:二/(三)/2", "RELATES_TO") in {(r["city_task_id"], r["link"]) for r in ai}


def test_min_score_filters_inferred_links(orders):
    _, rows, _, _ = orders[0]
    strong = [r for r in rows if r["score"] >= 0.15]
    assert 35 < len(strong) < len(rows)


def _canonical(rows):
    # lists gathered by pattern comprehensions come in storage order, which the ingest order changes
    return sorted(repr({k: sorted(v) if isinstance(v, list) else v for k, v in r.items()}) for r in rows)


def test_the_same_graph_whatever_the_ingest_order(orders):
    (_, rows1, counts1, _), *rest = orders
    for _, rows, counts, _ in rest:
        assert counts == counts1
        assert _canonical(rows) == _canonical(rows1)


def test_cli_link(tmp_path, monkeypatch, corpus_files):
    monkeypatch.setenv("POLICYKG_DATA", str(tmp_path / "data"))
    monkeypatch.delenv("NEO4J_URI", raising=False)
    runner = CliRunner()
    try:
        assert runner.invoke(app, ["ingest", *map(str, corpus_files)]).exit_code == 0
        result = runner.invoke(app, ["link"])
        assert result.exit_code == 0, result.output
        assert "RELATES_TO" in result.stdout and "inferred links among" in result.stdout
        q = runner.invoke(app, ["query", "province-to-city", "-p", "min_score=0.99", "-f", "json"])
        rows = json.loads(q.stdout)["rows"]
        assert rows and {r["basis"] for r in rows} == {"explicit"}
        q = runner.invoke(app, ["query", "province-to-city", "-f", "json"])
        rows = json.loads(q.stdout)["rows"]
        assert sum(1 for r in rows if r["basis"] == "explicit") == 35 and {r["link"] for r in rows} == {"CASCADES_FROM"}
        q = runner.invoke(app, ["query", "province-to-city", "-p", "basis=inferred", "-p", "link=RELATES_TO", "-f", "json"])
        rows = json.loads(q.stdout)["rows"]
        assert rows and {(r["basis"], r["link"]) for r in rows} == {("inferred", "RELATES_TO")}
        every = runner.invoke(app, ["query", "province-to-city", "-p", "min_score=0", "-p", "limit=1000", "-f", "json"])
        # a store over the budget is relinked in parts, scored by worker processes: the same links
        monkeypatch.setenv("POLICYKG_RELINK_BUDGET", "2")
        again = runner.invoke(app, ["link", "--jobs", "2"])
        assert again.exit_code == 0, again.output
        assert again.stdout == result.stdout
        assert runner.invoke(app, ["query", "province-to-city", "-p", "min_score=0", "-p", "limit=1000",
                                   "-f", "json"]).stdout == every.stdout
        # a writer: not while another one (an ingest, an upload) holds the store
        with writer_lock(tmp_path / "data", what="an ingest elsewhere"):
            busy = runner.invoke(app, ["link"])
        assert busy.exit_code == 2 and "an ingest elsewhere (pid" in busy.stderr and "is writing to the store" in busy.stderr
    finally:
        runner.invoke(app, ["store", "stop"])
