"""Linking what a store holds: units read back from the graph, and the statements that write links.

``policykg link`` (to be wired by the CLI) needs no source files:

1. ``UNITS_QUERY`` (read-only Cypher, FalkorDB and Neo4j) returns one row per Task with what the
   linker compares; ``units_from_rows`` turns the rows into ``LinkUnit``s. ``units_from_graph`` does
   the same for an in-memory ``PolicyGraph`` (``graph.build.build_graph``), through the same rows.
2. ``link_units(units, explicit_from_rows(rows))`` computes the links (``links.py``).
3. ``link_statements(links)`` replaces every inferred link in the store: all of them are removed and
   the new ones merged, in the style of ``graph.stores.loading`` (run them in one write).

Inferred links carry no ``doc_id``: no document asserted them, so reloading a document does not
remove them by ``r.doc_id`` (its Task nodes are DETACH DELETEd though, taking their links along;
run ``policykg link`` after every ingest, as the issue says). They are keyed ``key: "inferred"``.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from policykg.graph.stores.backend import Statement
from policykg.queries.catalog import get_query

from .links import Link
from .units import LinkUnit, region_above

UNITS_QUERY = get_query("link-units").text


def _key(doc_id: str | None) -> str:
    return doc_id[len("doc:"):] if doc_id and doc_id.startswith("doc:") else (doc_id or "")


def units_from_rows(rows: Iterable[Mapping[str, Any]]) -> list[LinkUnit]:
    """``LinkUnit``s from ``UNITS_QUERY`` rows: a provision's Task, or a task a table quotes (a stub)."""
    rows = list(rows)
    by_id = {row["id"]: row for row in rows}
    out: dict[str, LinkUnit] = {}
    for row in rows:
        tid = row["id"]
        if "#" in tid.rsplit(":", 1)[-1]:
            continue  # a provision's second responsibility clause: the provision is the unit
        stub = bool(row.get("stub"))
        text = (row.get("text") or "").strip()
        metrics = list(row.get("metrics") or [])
        if stub:  # a quoted task: its text and targets are those of the table rows that state it
            stating = [by_id[i] for i in sorted(row.get("stated_by") or []) if i in by_id]
            texts = [r.get("text") for r in stating if r.get("text")]
            text = str(texts[0]).strip() if texts else ""
            metrics = [m for r in stating for m in r.get("metrics") or []]
        if not text and not (stub and row.get("title")):
            continue  # a heading without text says nothing to match; a quoted task has at least its title
        out[tid] = LinkUnit(
            id=tid, doc_key=_key(row.get("doc_id")), level=row.get("level"), date=None if stub else row.get("date"),
            number=row.get("number"), title=row.get("title") or "", text=text,
            departments=tuple(sorted(set(row.get("departments") or []))),
            industries=tuple(sorted(set(row.get("industries") or []))),
            metrics=tuple(sorted(set(metrics))),
            implements=tuple(sorted({_key(i) for i in row.get("implements") or []})),
            source_doc=_key(row.get("source_doc") or row.get("doc_id")), stub=stub,
            not_after=row.get("source_date") if stub else None, **_region(row, stub))
    return [out[k] for k in sorted(out)]


def _region(row: Mapping[str, Any], stub: bool) -> dict[str, Any]:
    """A task's region: its document's; a quoted task of a document not ingested: the region at its level
    above the quoting table's (units.quoted_units does the same on extracted documents)."""
    if row.get("region_code") or not stub:
        return {"region": row.get("region_code"), "region_basis": row.get("region_basis")}
    code = region_above(row.get("source_region_code"), row.get("level"))
    return {"region": code, "region_basis": "quoted" if row.get("source_region_code") else None}


def explicit_from_rows(rows: Iterable[Mapping[str, Any]]) -> set[tuple[str, str]]:
    """(upper id, lower id) of every explicit CASCADES_FROM, from ``UNITS_QUERY`` rows."""
    return {(row["id"], low) for row in rows for low in row.get("stated_by") or []}


def rows_of_graph(graph) -> list[dict[str, Any]]:
    """What ``UNITS_QUERY`` returns, computed on an in-memory ``PolicyGraph``."""
    nodes = graph.nodes
    incoming: dict[str, list] = {}
    outgoing: dict[str, list] = {}
    for e in graph.edges.values():
        incoming.setdefault(e.target, []).append(e)
        outgoing.setdefault(e.source, []).append(e)

    def out_nodes(nid, rel, label=None):
        return [nodes[e.target] for e in outgoing.get(nid, []) if e.type == rel
                and (label is None or nodes[e.target].label == label)]

    rows = []
    for t in nodes.values():
        if t.label != "Task":
            continue
        docs = out_nodes(t.id, "IN_DOCUMENT", "Document")
        if not docs:
            continue
        d = docs[0]
        src = nodes.get(t.props.get("doc_id") or "")
        stated = [e for e in incoming.get(t.id, []) if e.type == "CASCADES_FROM" and e.props.get("basis") == "explicit"]
        rows.append({
            "id": t.id, "title": t.props.get("title"), "text": t.props.get("text"), "number": t.props.get("number"),
            "level": t.props.get("level") or d.props.get("level"), "stub": bool(t.props.get("stub")),
            "has_responsibility": t.props.get("has_responsibility"), "doc_id": d.id, "date": d.props.get("date"),
            "region_code": d.props.get("region_code"), "region_basis": d.props.get("region_basis"),
            "source_doc": t.props.get("doc_id"), "source_date": src.props.get("date") if src else None,
            "source_region_code": src.props.get("region_code") if src else None,
            "departments": [nodes[e.source].props.get("name") for e in incoming.get(t.id, [])
                            if e.type in ("LEADS", "COOPERATES_ON")],
            "industries": [n.props.get("name") for n in out_nodes(t.id, "CONCERNS")],
            "metrics": [n.props.get("metric") for n in out_nodes(t.id, "HAS_TARGET")],
            "implements": [n.id for n in out_nodes(d.id, "IMPLEMENTS")],
            "stated_by": [e.source for e in stated],
        })
    return sorted(rows, key=lambda r: r["id"])


def units_from_graph(graph) -> list[LinkUnit]:
    return units_from_rows(rows_of_graph(graph))


def link_statements(links: Iterable[Link]) -> list[Statement]:
    """Replace every inferred link in a store by ``links`` (explicit links are never touched)."""
    statements: list[Statement] = [
        ("MATCH (:Task)-[r:CASCADES_FROM|RELATES_TO]->(:Task) WHERE r.basis = 'inferred' DELETE r", {}),
    ]
    by_type: dict[str, list[dict]] = {}
    for link in links:
        by_type.setdefault(link.type, []).append(
            {"src": link.source, "dst": link.target, "props": {k: v for k, v in link.props.items() if v is not None}})
    for rel in sorted(by_type):
        assert rel in ("CASCADES_FROM", "RELATES_TO")
        rows = by_type[rel]
        for i in range(0, len(rows), 5000):
            statements.append((
                "UNWIND $rows AS row MATCH (a:Task {id: row.src}) MATCH (b:Task {id: row.dst}) "
                # an explicit link between the two wins: no inferred one beside it
                "OPTIONAL MATCH (a)-[x:CASCADES_FROM]->(b) WHERE x.basis = 'explicit' "
                "WITH a, b, row, count(x) AS stated WHERE stated = 0 "
                f"MERGE (a)-[r:{rel} {{key: 'inferred'}}]->(b) SET r += row.props",
                {"rows": rows[i:i + 5000]}))
    return statements
