"""The hand-built test graph keeps the shape of what ``build_graph`` makes, so query tests on it stay meaningful."""
from __future__ import annotations

from collections import defaultdict

from policykg.graph.build import build_graph
from policykg.graph.model import NODE_LABELS, RELATIONSHIPS

from .fixtures.graph import fixture_documents

# made by `policykg link` from what the store holds, never by building a document
LINKER_ONLY = {"RELATES_TO"}


def _shapes(graphs):
    nodes, edges = defaultdict(set), defaultdict(set)
    for g in graphs:
        for n in g.nodes.values():
            nodes[n.label] |= set(n.props)
        for e in g.edges.values():
            edges[e.type] |= set(e.props)
    return nodes, edges


def test_the_fixture_has_every_label_and_relationship_a_build_makes():
    nodes, edges = _shapes(d.graph for d in fixture_documents())
    assert set(nodes) == set(NODE_LABELS)
    assert set(edges) == set(RELATIONSHIPS) - LINKER_ONLY


def test_the_fixture_uses_the_properties_build_graph_writes(extracted):
    built_nodes, built_edges = _shapes([build_graph(extracted.values())])
    nodes, edges = _shapes(d.graph for d in fixture_documents())
    for label, props in nodes.items():
        # both ways: a property the builder adds must reach the fixture too, or no query test can see it
        assert props == built_nodes[label], (label, props ^ built_nodes[label])
    for rel, props in edges.items():
        assert props <= built_edges[rel], (rel, props - built_edges[rel])
