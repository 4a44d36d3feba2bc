"""The policykg property graph: typed nodes and edges with provenance.

Node labels and relationship types are closed sets (below); every node and
edge carries the document it was read from, the provision number and the
character span in that document's source text, so any answer can be traced
back to a sentence.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from policykg.errors import PolicyKGError

NODE_LABELS = ("Province", "City", "County", "Department", "Document", "Task", "Target", "Industry")
REGION_LABELS = ("Province", "City", "County")

# relationship type -> (allowed source labels, allowed target labels, meaning)
RELATIONSHIPS: dict[str, tuple[tuple[str, ...], tuple[str, ...], str]] = {
    "LEADS": (("Department",), ("Task",), "the department leads the task"),
    "COOPERATES_ON": (("Department",), ("Task",), "the department cooperates on the task"),
    "IMPLEMENTS": (("Document", "Task"), ("Document",), "carries out the document"),
    "CASCADES_FROM": (("Task",), ("Task",), "a lower-level task that comes from a higher-level one"),
    "RELATES_TO": (("Task",), ("Task",), "tasks of different levels on the same subject"),
    "CITES": (("Document", "Task"), ("Document",), "mentions a document without implementing it"),
    "IN_DOCUMENT": (("Task",), ("Document",), "the provision belongs to the document"),
    "UNDER": (("Task",), ("Task",), "the provision is a sub-item of another"),
    "HAS_TARGET": (("Task", "Document"), ("Target",), "the quantified goal stated in the provision"),
    "CONCERNS": (("Task",), ("Industry",), "the provision is about the industry"),
    "SUBINDUSTRY_OF": (("Industry",), ("Industry",), "an industry inside a broader one"),
    "BELONGS_TO": (("Department",), REGION_LABELS, "the department is part of that region's government"),
    "IN_REGION": (("County", "City"), ("City", "Province"), "administrative hierarchy"),
    "ISSUED_BY": (("Document",), ("Department",), "the body that issued the document"),
    "COVERS": (("Department",), REGION_LABELS, "a collective unit (各县区政府) standing for these regions' governments"),
}


class GraphError(PolicyKGError, ValueError):
    pass


@dataclass
class Node:
    id: str
    label: str
    props: dict[str, Any] = field(default_factory=dict)


@dataclass
class Edge:
    source: str
    type: str
    target: str
    props: dict[str, Any] = field(default_factory=dict)

    @property
    def key(self) -> tuple[str, str, str, str]:
        # the same department may lead one task through two clauses of it: the span tells them apart
        return (self.source, self.type, self.target, str(self.props.get("span_start", "")))


# a task only known from the division-of-labour rows that quote it (a stub Task) is quoted by many
# documents; who leads it and where it belongs are one edge each, not one per quoting row
SHARED_CLAIMS = ("LEADS", "COOPERATES_ON", "IN_DOCUMENT")


def is_shared_claim(rel: str, source: Node, target: Node) -> bool:
    """One edge per (source, type, target) whoever asserts it: into or out of a stub Task. Its provenance is
    the claim of the lowest ``doc_id``, so the store does not depend on the order documents came in."""
    if rel not in SHARED_CLAIMS:
        return False
    stub_task = target if rel != "IN_DOCUMENT" else source
    return stub_task.label == "Task" and bool(stub_task.props.get("stub"))


@dataclass
class PolicyGraph:
    nodes: dict[str, Node] = field(default_factory=dict)
    edges: dict[tuple[str, str, str, str], Edge] = field(default_factory=dict)

    def add_node(self, node_id: str, label: str, **props: Any) -> Node:
        if label not in NODE_LABELS:
            raise GraphError(f"unknown node label {label!r}")
        node = self.nodes.get(node_id)
        if node is None:
            node = self.nodes[node_id] = Node(node_id, label, {"id": node_id})
        elif node.label != label:
            raise GraphError(f"node {node_id} is a {node.label}, not a {label}")
        if label == "Task" and props.get("stub") and node.props.get("doc_id") is not None and \
                str(props.get("doc_id")) > str(node.props["doc_id"]):
            return node  # a quoted task: the lowest quoting document's row describes it (see is_shared_claim)
        for k, v in props.items():
            if v is not None or k not in node.props:
                node.props[k] = v
        return node

    def add_edge(self, source: str, rel: str, target: str, **props: Any) -> Edge:
        if rel not in RELATIONSHIPS:
            raise GraphError(f"unknown relationship type {rel!r}")
        src_labels, dst_labels, _ = RELATIONSHIPS[rel]
        for end, allowed in ((source, src_labels), (target, dst_labels)):
            node = self.nodes.get(end)
            if node is None:
                raise GraphError(f"{rel}: no node {end}")
            if node.label not in allowed:
                raise GraphError(f"{rel} cannot touch a {node.label} ({end})")
        edge = Edge(source, rel, target, props)
        if is_shared_claim(rel, self.nodes[source], self.nodes[target]):
            key = (source, rel, target, "")
            held = self.edges.get(key)
            if held is not None and str(held.props.get("doc_id", "")) <= str(props.get("doc_id", "")):
                return held
            self.edges[key] = edge
            return edge
        self.edges[edge.key] = edge
        return edge

    def counts(self) -> dict[str, dict[str, int]]:
        nodes: dict[str, int] = {}
        for n in self.nodes.values():
            nodes[n.label] = nodes.get(n.label, 0) + 1
        edges: dict[str, int] = {}
        for e in self.edges.values():
            edges[e.type] = edges.get(e.type, 0) + 1
        return {"nodes": dict(sorted(nodes.items())), "edges": dict(sorted(edges.items()))}

    def to_networkx(self) -> nx.MultiDiGraph:
        g = nx.MultiDiGraph()
        for n in self.nodes.values():
            g.add_node(n.id, label=n.label, **{k: v for k, v in n.props.items() if k != "id"})
        for e in self.edges.values():
            g.add_edge(e.source, e.target, key=e.type + ":" + str(e.props.get("span_start", "")), type=e.type, **e.props)
        return g

    def neighbours(self, node_id: str, rel: str, direction: str = "out") -> list[Node]:
        if direction == "out":
            return [self.nodes[e.target] for e in self.edges.values() if e.source == node_id and e.type == rel]
        return [self.nodes[e.source] for e in self.edges.values() if e.target == node_id and e.type == rel]
