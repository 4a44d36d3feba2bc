"""Every catalog query is planned on an index where it anchors on an indexed property: GRAPH.EXPLAIN on the embedded
store, with the query's examples and with its optional filters left out, shows no label scan the query's header
does not declare (``// scan: Label -- why``: an unfiltered listing sorted to cut its page, a whole-graph export).

A scan where an index could anchor the query is what made page 1 grow with the store (issue 15): a department
matched by ``name = $x OR $x IN aliases``, a filter on a property without an index.
"""
from __future__ import annotations

import re

import pytest

from policykg.graph.stores.backend import UNIQUE_IDS, schema_indexes
from policykg.queries.catalog import load_catalog

CATALOG = load_catalog()
SCAN = re.compile(r"(Node By Label Scan|All Node Scan) \| \((\w+)(?::(\w+))?\)")


def scans(store, text: str, params: dict) -> set[str]:
    """The labels the engine's plan scans whole ('*' for every node)."""
    plan = store.backend.client.explain(text, params)
    return {m[3] or "*" for line in plan if (m := SCAN.search(line))}


def parameter_sets(q) -> list[dict]:
    """The query's examples, and the same with only what it requires: each optional filter given and absent."""
    examples = q.bind(q.example_params())
    required = q.bind({p.name: p.example for p in q.params if p.required})
    return [examples, required]


@pytest.mark.parametrize("name", sorted(CATALOG))
def test_no_label_scan_the_query_does_not_declare(fixture_store, name):
    q = CATALOG[name]
    declared = {label for label, _ in q.scans}
    for params in parameter_sets(q):
        undeclared = scans(fixture_store, q.text, params) - declared
        assert not undeclared, (
            f"{name} scans {sorted(undeclared)} with {params}: anchor it on an indexed property "
            f"({', '.join(f'{label}.{prop}' for label, prop in schema_indexes())}, or id of {', '.join(UNIQUE_IDS)}) "
            f"or say why in its header: // scan: Label -- why")


def test_an_anchored_department_is_found_through_the_index_not_a_scan(fixture_store):
    # the shape every department query has since names are resolved first: the plan must use the id index
    plan = fixture_store.backend.client.explain(CATALOG["department-leads"].text,
                                                CATALOG["department-leads"].bind({"name": "dept:371700:市发展改革委"}))
    assert any("Node By Index Scan" in line and "(d:Department)" in line for line in plan), plan
    assert "Department" not in scans(fixture_store, CATALOG["department-leads"].text,
                                     CATALOG["department-leads"].bind({"name": "x"}))


def test_the_check_sees_a_scan(fixture_store):
    # the matcher of this file reads FalkorDB's plan as it prints it: a name matched by OR is a label scan
    text = "MATCH (d:Department) WHERE d.name = $x OR $x IN coalesce(d.aliases, []) RETURN d"
    assert scans(fixture_store, text, {"x": "市发展改革委"}) == {"Department"}
    assert scans(fixture_store, "MATCH (n) RETURN n.id", {}) == {"*"}
