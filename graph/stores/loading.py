"""Write statements that put one document's subgraph into a store.

The statements are plain Cypher that both stores run (FalkorDB composes them
into one all-or-nothing query, Neo4j runs them in one transaction):

1. retract what the document asserted before: its provisions and targets,
   every relationship it asserted (``r.doc_id``), and its claims on the tasks
   other documents' tables quote (handed on to the next document that makes
   the same claim, see ``_retract_quoted``);
2. put the nodes, UNWIND-batched per label (``put_nodes``): a missing node is
   created with its properties, an existing one written only where it would
   change (FalkorDB re-indexes a node on every SET, see ``put_nodes``); shared
   nodes (departments, regions, industries) get their aliases unioned, a stub
   never overwrites a real document;
3. MERGE the relationships, batched per (type, source label, target label),
   keyed by a ``key`` property so re-loading creates no duplicates; the edges
   of a quoted task are keyed by their ends only (one LEADS per department and
   task however many tables quote it), the lowest ``doc_id`` holding them;
4. fold any stub that stood for this document (looked up by number and by
   ``title_key``) into it, and drop departments no clause names any more.

Every statement is anchored on an indexed property (ids, ``doc_id``,
``doc_number``, ``title_key``, ``orphan_check``) or on the nodes the document
touches: the cost of a load does not grow with the store. No node keeps a list
of the documents that name it (such lists grow with the corpus); which
documents name a department is read from its relationships' ``doc_id``.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Any

from policykg.graph.ids import title_probes
from policykg.graph.model import RELATIONSHIPS, PolicyGraph, is_shared_claim

from .backend import Statement

# relationships that are facts about the world rather than claims of one
# document: merged, never removed with a document
STRUCTURAL = {"IN_REGION", "BELONGS_TO", "COVERS", "SUBINDUSTRY_OF"}
LIST_PROPS = ("aliases",)
BATCH = 5000
# nodes several documents share, whose aliases accumulate
SHARED_WITH_LISTS = {"Department", "Industry"}
UNION_LISTS = ("SET n.aliases = reduce(acc = coalesce(n.aliases, []), a IN row.aliases | "
               "CASE WHEN a IN acc THEN acc ELSE acc + a END)")
# the key of an edge whoever asserts it (a quoted task's LEADS, COOPERATES_ON, IN_DOCUMENT)
SHARED_KEY = "shared"


def _clean(props: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in props.items() if v is not None and k not in LIST_PROPS and k != "id"}


def _batches(rows: list[dict], size: int = BATCH):
    for i in range(0, len(rows), size):
        yield rows[i:i + size]


def document_statements(graph: PolicyGraph, doc_id: str, number: str | None, titles: list[str]) -> list[Statement]:
    """Everything needed to (re)load the document ``doc_id`` whose subgraph is ``graph``."""
    statements: list[Statement] = _retract(doc_id)
    by_label: dict[str, list[dict]] = defaultdict(list)
    stubs: list[dict] = []
    quoted: list[dict] = []
    for node in graph.nodes.values():
        row = {"id": node.id, "props": _clean(node.props),
               **{k: [str(x) for x in node.props.get(k, [])] for k in LIST_PROPS}}
        if node.label == "Document" and node.props.get("stub"):
            stubs.append(row)
        elif node.label == "Task" and node.props.get("stub"):
            quoted.append(row)
        else:
            by_label[node.label].append(row)
    for label, rows in sorted(by_label.items()):
        statements.extend(put_nodes(label, rows, lists=label in SHARED_WITH_LISTS))
    # a stub never overwrites the document (or stub) already there
    statements.extend(put_nodes("Document", stubs, update=None))
    # a task other documents quote too: the lowest quoting document's row describes it. Compared through
    # coalesce: FalkorDB hands a bare `row.props.doc_id < n.doc_id` to the doc_id index as a range, which reads
    # every document's id above the row's (at 50,000 documents, 110 ms of each load's write; 0.3 ms so)
    statements.extend(put_nodes("Task", quoted, update="row.props.doc_id < coalesce(n.doc_id, '')"))

    by_shape: dict[tuple[str, str, str, bool], list[dict]] = defaultdict(list)
    for edge in graph.edges.values():
        src, dst = graph.nodes[edge.source], graph.nodes[edge.target]
        shared = is_shared_claim(edge.type, src, dst)
        if shared:
            key = SHARED_KEY
        elif edge.type in STRUCTURAL:
            key = ""
        else:
            key = f"{edge.props.get('doc_id', '')}|{edge.props.get('span_start', '')}"
        by_shape[(edge.type, src.label, dst.label, shared)].append(
            {"src": edge.source, "dst": edge.target, "key": key, "props": {**_clean(edge.props), "key": key}})
    for (rel, src_label, dst_label, shared), rows in sorted(by_shape.items()):
        assert rel in RELATIONSHIPS  # labels and types come from the model's closed sets, never from input
        # a shared edge: the lowest doc_id's claim is its provenance, replacing (not merging) the one it held
        then = ("ON CREATE SET r = row.props WITH r, row WHERE row.props.doc_id < r.doc_id SET r = row.props"
                if shared else "SET r += row.props")
        for batch in _batches(rows):
            statements.append((
                f"UNWIND $rows AS row MATCH (a:{src_label} {{id: row.src}}) MATCH (b:{dst_label} {{id: row.dst}}) "
                f"MERGE (a)-[r:{rel} {{key: row.key}}]->(b) {then}",
                {"rows": batch}))

    statements.extend(_fold_stubs(doc_id, number, titles))
    statements.extend(_drop_orphan_departments(doc_id))
    return statements


# an existing node is written only when the row would change it: the count of what would change is projected
# first, then filtered (FalkorDB 4.16 plans ``WHERE any(k IN keys(…) WHERE n[k] …)`` before n is matched, where
# n is null and every row passes)
CHANGES = "size([k IN keys(row.props) WHERE n[k] IS NULL OR n[k] <> row.props[k]])"
NEW_ALIASES = "size([a IN row.aliases WHERE NOT a IN coalesce(n.aliases, [])])"
CHANGED = "changes > 0"


def _property(key: str) -> str:
    if not key or "`" in key:
        raise ValueError(f"not a property name: {key!r}")
    return f"`{key}`"


def put_nodes(label: str, rows: list[dict], *, lists: bool = False, update: str | None = CHANGED) -> list[Statement]:
    """Statements that give each row's node (``id``, ``props``, ``aliases``) its properties, creating it if needed.

    FalkorDB indexes a node again on every SET, even of the values it holds, and the index entry it replaces is
    garbage until a collector that forks the whole server process runs (per label, once that label's index has
    collected some garbage). A MERGE then SET indexed every new node twice and re-set every region and
    department a document names, so every load left garbage in every label's index: the server forked every
    few seconds, and each fork (and each collection) costs more as the store grows. So a missing node is
    created with its properties in the pattern (indexed once), and an existing one is written only where
    ``update`` holds for it (a predicate of ``n``, ``row`` and ``changes``: by default, when a property it would
    get differs, or with ``lists``, when the row has an alias it lacks); ``update=None``: never.
    """
    if not rows:
        return []
    keys = sorted({k for row in rows for k in row["props"]})
    inline = "".join(f", {_property(k)}: row.props.{_property(k)}" for k in keys)
    if lists:
        inline += ", aliases: reduce(acc = [], a IN row.aliases | CASE WHEN a IN acc THEN acc ELSE acc + a END)"
    out: list[Statement] = []
    changes = f"{CHANGES} + {NEW_ALIASES}" if lists else CHANGES
    for batch in _batches(rows):
        if update is not None:
            out.append((f"UNWIND $rows AS row MATCH (n:{label} {{id: row.id}}) WITH n, row, {changes} AS changes "
                        f"WHERE {update} SET n += row.props {UNION_LISTS if lists else ''}", {"rows": batch}))
        out.append((f"UNWIND $rows AS row OPTIONAL MATCH (e:{label} {{id: row.id}}) WITH row WHERE e IS NULL "
                    f"CREATE (n:{label} {{id: row.id{inline}}})", {"rows": batch}))
    return out


def _retract(doc_id: str) -> list[Statement]:
    """Take back everything ``doc_id`` asserted (before loading its new version, or removing it)."""
    doc = {"doc": doc_id}
    return [
        # departments the previous version named: checked at the end, when they may have no clause left
        ("MATCH (t:Task)<-[:LEADS|COOPERATES_ON]-(d:Department) WHERE t.doc_id = $doc SET d.orphan_check = $doc",
         doc),
        (f"{_QUOTED_BY} MATCH (u)<-[:LEADS|COOPERATES_ON]-(d:Department) SET d.orphan_check = $doc", doc),
        ("MATCH (:Document {id: $doc})-[:ISSUED_BY]->(d:Department) SET d.orphan_check = $doc", doc),
        *_retract_quoted(doc_id),
        # by label, so the doc_id indexes are used (a label-less MATCH scans every node)
        ("MATCH (n:Task) WHERE n.doc_id = $doc DETACH DELETE n", doc),
        ("MATCH (n:Target) WHERE n.doc_id = $doc DETACH DELETE n", doc),
        # what else the document asserted starts or ends at its Document node (ISSUED_BY, IMPLEMENTS,
        # HAS_TARGET): every other relationship it asserted touches one of its Tasks or Targets, gone above,
        # or a task it quoted (handed on above). Anchored on the Document, not a scan of every relationship.
        ("MATCH (d:Document {id: $doc})-[r]-() WHERE r.doc_id = $doc AND NOT type(r) IN $structural DELETE r",
         {**doc, "structural": sorted(STRUCTURAL)}),
    ]


# the tasks the document's tables quote (stub Tasks, shared with every other document quoting them)
_QUOTED_BY = ("MATCH (t:Task)-[c:CASCADES_FROM]->(u:Task) WHERE t.doc_id = $doc AND c.doc_id = $doc "
              "AND u.stub = true WITH DISTINCT u")
# the other rows that quote ``u``, lowest document first: who takes over what the document held (as maps:
# FalkorDB 4.16 reads no property of a relationship taken out of a collected list)
_HEIRS = ("OPTIONAL MATCH (u)<-[o:CASCADES_FROM]-(:Task) WHERE o.doc_id <> $doc AND o.basis = 'explicit' {also} "
          "WITH {keep}, o ORDER BY o.doc_id, o.span_start "
          "WITH {keep}, collect({{doc_id: o.doc_id, number: o.number, span_start: o.span_start, "
          "span_end: o.span_end, units: {units}, printed: {printed}}}) AS heirs ")


def _retract_quoted(doc_id: str) -> list[Statement]:
    """The document's claims on the tasks it quotes go to the next document claiming the same, else away.

    A quoted task's LEADS, COOPERATES_ON and IN_DOCUMENT are one edge each, held by the lowest ``doc_id``
    that asserts it (``is_shared_claim``). When the holder is reloaded or removed, each edge it held is
    given the provenance of the lowest other row quoting the task that says the same (the departments of
    a row are kept on its CASCADES_FROM), or deleted when none does; the task itself goes when no other
    row quotes it. Only the tasks this document quotes and their quoting rows are read.
    """
    doc = {"doc": doc_id}
    out: list[Statement] = []
    for rel, field in (("LEADS", "province_leads"), ("COOPERATES_ON", "province_cooperates")):
        out.append((
            f"{_QUOTED_BY} MATCH (d:Department)-[r:{rel}]->(u) WHERE r.doc_id = $doc "
            + _HEIRS.format(also=f"AND d.id IN o.{field}", keep="u, d, r", units=f"o.{field}",
                            printed=f"o.{field}_as")
            + "WITH d, r, heirs[0] AS h, coalesce(heirs[0].units, []) AS units "
            "SET r.doc_id = coalesce(h.doc_id, r.doc_id), r.number = coalesce(h.number, r.number), "
            "r.span_start = coalesce(h.span_start, r.span_start), r.span_end = coalesce(h.span_end, r.span_end), "
            "r.position = coalesce([i IN range(0, size(units) - 1) WHERE units[i] = d.id][0], r.position), "
            "r.printed = coalesce([i IN range(0, size(units) - 1) WHERE units[i] = d.id | h.printed[i]][0], r.printed), "
            "r.surface = coalesce([i IN range(0, size(units) - 1) WHERE units[i] = d.id | h.printed[i]][0], r.surface)",
            doc))
    out.append((
        f"{_QUOTED_BY} MATCH (u)-[r:IN_DOCUMENT]->(:Document) WHERE r.doc_id = $doc "
        + _HEIRS.format(also="", keep="u, r", units="null", printed="null")
        + "SET r.doc_id = coalesce(heirs[0].doc_id, r.doc_id)", doc))
    # what no other row claims is still the document's: it goes (a statement of its own: FalkorDB 4.16 drops
    # the SETs of a statement that goes on to filter the same rows with WITH … WHERE)
    out.append((f"{_QUOTED_BY} MATCH (u)<-[r:LEADS|COOPERATES_ON]-(:Department) WHERE r.doc_id = $doc DELETE r", doc))
    out.append((f"{_QUOTED_BY} MATCH (u)-[r:IN_DOCUMENT]->(:Document) WHERE r.doc_id = $doc DELETE r", doc))
    out.append((
        f"{_QUOTED_BY} WITH u WHERE u.doc_id = $doc "
        + _HEIRS.format(also="", keep="u", units="null", printed="null")
        + "WITH u, heirs[0] AS h SET u.doc_id = coalesce(h.doc_id, u.doc_id), "
        "u.span_start = coalesce(h.span_start, u.span_start), u.span_end = coalesce(h.span_end, u.span_end)", doc))
    # a quoted task nobody else quotes keeps u.doc_id = $doc and goes with the document's tasks
    return out


def _drop_orphan_departments(doc_id: str) -> list[Statement]:
    """Drop the departments no clause names any more: only those the previous version named can have become
    so (every department this version names has its relationship), so only they are checked, not all."""
    return [
        ("MATCH (d:Department) WHERE d.orphan_check = $doc "
         "AND NOT (d)-[:LEADS|COOPERATES_ON]->() AND NOT ()-[:ISSUED_BY]->(d) DETACH DELETE d", {"doc": doc_id}),
        # a statement of its own: FalkorDB 4.16 keeps a property set to null before a WITH in the same statement
        ("MATCH (d:Department) WHERE d.orphan_check = $doc REMOVE d.orphan_check", {"doc": doc_id}),
    ]


def _fold_stubs(doc_id: str, number: str | None, titles: list[str]) -> list[Statement]:
    """A stub Document that stood for this one (same number or title) hands over its relationships and goes.

    Looked up by the indexed ``doc_number`` and ``title_key`` (never a scan of the Documents); the title
    itself is then compared exactly, as the build compares it.
    """
    out: list[Statement] = []
    anchors: list[tuple[str, dict[str, Any]]] = []
    if number:
        anchors.append(("MATCH (s:Document {doc_number: $number}) WHERE s.stub = true AND s.id <> $real ",
                        {"real": doc_id, "number": number}))
    if titles:
        anchors.append(("UNWIND $keys AS k MATCH (s:Document {title_key: k}) "
                        "WHERE s.stub = true AND s.id <> $real AND s.title IN $titles ",
                        {"real": doc_id, "keys": title_probes(titles), "titles": titles}))
    for match, params in anchors:
        for rel in ("IMPLEMENTS", "CITES", "IN_DOCUMENT"):
            out.append((match + f"MATCH (x)-[r:{rel}]->(s) MATCH (d:Document {{id: $real}}) "
                        f"MERGE (x)-[r2:{rel} {{key: r.key}}]->(d) SET r2 += properties(r) DELETE r", dict(params)))
        out.append((match + "DETACH DELETE s", dict(params)))
    return out


def document_removal(doc_id: str) -> list[Statement]:
    """Statements that take a document and everything it asserted out of the store."""
    return [
        *_retract(doc_id),
        ("MATCH (d:Document {id: $doc}) WHERE NOT ()-[:IMPLEMENTS|CITES]->(d) DETACH DELETE d", {"doc": doc_id}),
        ("MATCH (d:Document {id: $doc}) SET d.stub = true", {"doc": doc_id}),
        *_drop_orphan_departments(doc_id),
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
        *put_nodes("DocumentVersion", [{"id": vid, "props": {**_clean(props), "current": True}, "aliases": []}]),
        *_document_marks(doc_id, document_props),
    ]


def same_version_statements(doc_id: str, vid: str, props: dict[str, Any], document_props: dict[str, Any]
                            ) -> list[Statement]:
    """The same content read again (another alias file, another policykg): the version stays, its marks change."""
    return [
        ("MATCH (v:DocumentVersion {id: $id}) SET v += $props", {"id": vid, "props": _clean(props)}),
        *_document_marks(doc_id, document_props),
    ]


def _document_marks(doc_id: str, document_props: dict[str, Any]) -> list[Statement]:
    """The version marks on the Document node, set only where they differ (``put_nodes`` says why): a load
    that puts them in the document's own node row (``GraphStore.load_document``) leaves nothing to set here."""
    props = _clean(document_props)
    if not props:
        return []
    return [("MATCH (n:Document {id: $doc}) WITH n, $props AS p "
             "WITH n, p, size([k IN keys(p) WHERE n[k] IS NULL OR n[k] <> p[k]]) AS changes WHERE changes > 0 "
             "SET n += p", {"doc": doc_id, "props": props})]
