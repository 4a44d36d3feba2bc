"""Write statements that put one document's subgraph into a store.

The statements are plain Cypher that both stores run (FalkorDB composes them
into one all-or-nothing query, Neo4j runs them in one transaction):

1. remove what the document owned before: its provisions and targets, and
   every relationship it asserted (``r.doc_id``);
2. MERGE the nodes, UNWIND-batched per label: shared nodes (departments,
   regions, industries, stub documents) are merged, list properties
   (aliases, source_docs) are unioned, a stub never overwrites a real document;
3. MERGE the relationships, batched per (type, source label, target label),
   keyed by a ``key`` property so re-loading creates no duplicates;
4. fold any stub that stood for this document (matched by number or title)
   into it, and drop departments no clause names any more.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Any

from policykg.graph.model import RELATIONSHIPS, PolicyGraph

from .backend import Statement

# relationships that are facts about the world rather than claims of one
# document: merged, never removed with a document
STRUCTURAL = {"IN_REGION", "BELONGS_TO", "COVERS", "SUBINDUSTRY_OF"}
LIST_PROPS = ("aliases", "source_docs")
BATCH = 5000
# nodes several documents share, whose list properties accumulate
SHARED_WITH_LISTS = {"Department", "Industry"}
UNION_LISTS = (
    "SET n.aliases = reduce(acc = coalesce(n.aliases, []), a IN row.aliases | "
    "CASE WHEN a IN acc THEN acc ELSE acc + a END), "
    "n.source_docs = reduce(acc = coalesce(n.source_docs, []), a IN row.source_docs | "
    "CASE WHEN a IN acc THEN acc ELSE acc + a END)"
)


def _clean(props: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in props.items() if v is not None and k not in LIST_PROPS and k != "id"}


def _batches(rows: list[dict], size: int = BATCH):
    for i in range(0, len(rows), size):
        yield rows[i:i + size]


def document_statements(graph: PolicyGraph, doc_id: str, number: str | None, titles: list[str]) -> list[Statement]:
    """Everything needed to (re)load the document ``doc_id`` whose subgraph is ``graph``."""
    statements: list[Statement] = [
        # departments the previous version named: checked at the end, when they may have no clause left
        ("MATCH (t:Task)<-[:LEADS|COOPERATES_ON]-(d:Department) WHERE t.doc_id = $doc SET d.orphan_check = $doc",
         {"doc": doc_id}),
        ("MATCH (:Document {id: $doc})-[:ISSUED_BY]->(d:Department) SET d.orphan_check = $doc", {"doc": doc_id}),
        # the previous version's claim on shared nodes: this version's rows add it back where it still holds
        *_drop_source(doc_id),
        # by label, so the doc_id indexes are used (a label-less MATCH scans every node)
        ("MATCH (n:Task) WHERE n.doc_id = $doc DETACH DELETE n", {"doc": doc_id}),
        ("MATCH (n:Target) WHERE n.doc_id = $doc DETACH DELETE n", {"doc": doc_id}),
        # what else the document asserted starts or ends at its Document node (ISSUED_BY, IMPLEMENTS,
        # HAS_TARGET): every other relationship it asserted touches one of its Tasks or Targets, gone above.
        # Anchored on the Document, not a scan of every relationship in the graph (quadratic over a folder).
        ("MATCH (d:Document {id: $doc})-[r]-() WHERE r.doc_id = $doc AND NOT type(r) IN $structural DELETE r",
         {"doc": doc_id, "structural": sorted(STRUCTURAL)}),
    ]
    by_label: dict[str, list[dict]] = defaultdict(list)
    stubs: list[dict] = []
    for node in graph.nodes.values():
        row = {"id": node.id, "props": _clean(node.props),
               **{k: [str(x) for x in node.props.get(k, [])] for k in LIST_PROPS}}
        if node.label == "Document" and node.props.get("stub"):
            stubs.append(row)
        else:
            by_label[node.label].append(row)
    for label, rows in sorted(by_label.items()):
        union = UNION_LISTS if label in SHARED_WITH_LISTS else ""
        for batch in _batches(rows):
            statements.append((f"UNWIND $rows AS row MERGE (n:{label} {{id: row.id}}) SET n += row.props {union}",
                               {"rows": batch}))
    for batch in _batches(stubs):
        statements.append((
            "UNWIND $rows AS row MERGE (n:Document {id: row.id}) ON CREATE SET n += row.props "
            "SET n.source_docs = reduce(acc = coalesce(n.source_docs, []), a IN row.source_docs | "
            "CASE WHEN a IN acc THEN acc ELSE acc + a END)",
            {"rows": batch}))

    by_shape: dict[tuple[str, str, str], list[dict]] = defaultdict(list)
    for edge in graph.edges.values():
        src, dst = graph.nodes[edge.source], graph.nodes[edge.target]
        key = "" if edge.type in STRUCTURAL else f"{edge.props.get('doc_id', '')}|{edge.props.get('span_start', '')}"
        by_shape[(edge.type, src.label, dst.label)].append(
            {"src": edge.source, "dst": edge.target, "key": key, "props": _clean(edge.props)})
    for (rel, src_label, dst_label), rows in sorted(by_shape.items()):
        assert rel in RELATIONSHIPS  # labels and types come from the model's closed sets, never from input
        for batch in _batches(rows):
            statements.append((
                f"UNWIND $rows AS row MATCH (a:{src_label} {{id: row.src}}) MATCH (b:{dst_label} {{id: row.dst}}) "
                f"MERGE (a)-[r:{rel} {{key: row.key}}]->(b) SET r += row.props",
                {"rows": batch}))

    statements.extend(_fold_stubs(doc_id, number, titles))
    # drop the departments no clause names any more: only those the previous version named can have become
    # so (every department this version names has its relationship), so only they are checked, not all
    statements.append((
        "MATCH (d:Department) WHERE d.orphan_check = $doc "
        "AND NOT (d)-[:LEADS|COOPERATES_ON]->() AND NOT ()-[:ISSUED_BY]->(d) DETACH DELETE d",
        {"doc": doc_id}))
    # a statement of its own: FalkorDB 4.16 keeps a property set to null before a WITH in the same statement
    statements.append(("MATCH (d:Department) WHERE d.orphan_check = $doc REMOVE d.orphan_check", {"doc": doc_id}))
    return statements


def _drop_source(doc_id: str) -> list[Statement]:
    return [(f"MATCH (n:{label}) WHERE $doc IN n.source_docs "
             "SET n.source_docs = [x IN n.source_docs WHERE x <> $doc]", {"doc": doc_id})
            for label in sorted(SHARED_WITH_LISTS)]


def _fold_stubs(doc_id: str, number: str | None, titles: list[str]) -> list[Statement]:
    """A stub Document that stood for this one (same number or title) hands over its relationships and goes."""
    match = ("MATCH (s:Document) WHERE s.stub = true AND s.id <> $real "
             "AND ((s.doc_number IS NOT NULL AND s.doc_number = $number) OR s.title IN $titles) ")
    params = {"real": doc_id, "number": number or "", "titles": titles}
    out: list[Statement] = []
    for rel in ("IMPLEMENTS", "CITES", "IN_DOCUMENT"):
        out.append((match + f"MATCH (x)-[r:{rel}]->(s) MATCH (d:Document {{id: $real}}) "
                    f"MERGE (x)-[r2:{rel} {{key: r.key}}]->(d) SET r2 += properties(r) DELETE r", dict(params)))
    out.append((match + "DETACH DELETE s", dict(params)))
    return out


def document_removal(doc_id: str) -> list[Statement]:
    """Statements that take a document and everything it asserted out of the store."""
    return [
        ("MATCH (n) WHERE (n:Task OR n:Target) AND n.doc_id = $doc DETACH DELETE n", {"doc": doc_id}),
        ("MATCH ()-[r]->() WHERE r.doc_id = $doc AND NOT type(r) IN $structural DELETE r",
         {"doc": doc_id, "structural": sorted(STRUCTURAL)}),
        ("MATCH (d:Document {id: $doc}) WHERE NOT ()-[:IMPLEMENTS|CITES]->(d) DETACH DELETE d", {"doc": doc_id}),
        ("MATCH (d:Document {id: $doc}) SET d.stub = true", {"doc": doc_id}),
        *_drop_source(doc_id),
        ("MATCH (d:Department) WHERE NOT (d)-[:LEADS|COOPERATES_ON]->() AND NOT ()-[:ISSUED_BY]->(d) DETACH DELETE d",
         {}),
    ]


# -- document versions -------------------------------------------------------------------
#
# The graph holds the current version of every document. Each version that was
# ever loaded is also kept as a DocumentVersion node (id, the document's id and
# number, content hash, when it was ingested, from which file, and its source
# text compressed), linked to its document by the ``doc_id`` property rather
# than by a relationship, so that the current-version graph (its relationship
# types and counts, and every catalog query) is the same with or without the
# history. Exactly one version of a document is ``current``; a replaced one
# gets ``superseded_at`` and ``superseded_by``.



def version_id(doc_id: str, content_hash: str, ingested_at: str) -> str:
    """``version:<document number or title>@<content hash, 16 hex>@<date ingested>``."""
    key = doc_id[len("doc:"):] if doc_id.startswith("doc:") else doc_id
    return f"version:{key}@{content_hash[:16]}@{ingested_at}"


def new_version_statements(doc_id: str, vid: str, props: dict[str, Any], document_props: dict[str, Any]
                           ) -> list[Statement]:
    """Make ``vid`` the current version of ``doc_id``; the version it replaces stays, superseded."""
    at = props["ingested_at"]
    return [
        ("MATCH (v:DocumentVersion) WHERE v.doc_id = $doc AND v.current = true AND v.id <> $id "
         "SET v.current = false, v.superseded_at = $at, v.superseded_by = $id", {"doc": doc_id, "id": vid, "at": at}),
        ("MERGE (v:DocumentVersion {id: $id}) SET v += $props, v.current = true",
         {"id": vid, "props": _clean(props)}),
        ("MATCH (d:Document {id: $doc}) SET d += $props", {"doc": doc_id, "props": _clean(document_props)}),
    ]


def same_version_statements(doc_id: str, vid: str, props: dict[str, Any], document_props: dict[str, Any]
                            ) -> list[Statement]:
    """The same content read again (another alias file, another policykg): the version stays, its marks change."""
    return [
        ("MATCH (v:DocumentVersion {id: $id}) SET v += $props", {"id": vid, "props": _clean(props)}),
        ("MATCH (d:Document {id: $doc}) SET d += $props", {"doc": doc_id, "props": _clean(document_props)}),
    ]
