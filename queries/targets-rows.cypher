// name: targets-rows
// description: The rows of the query `targets` for the targets given by their ids (from `targets-order`), in the order given: one page of the targets, read through the id index.
// internal: true
// param: keys list required example=[] -- target ids, as targets-order gives them
// column: year -- due year (null when the text gives none)
// column: year_basis -- where the year comes from: stated (the sentence or its heading), package (a one-year package), none
// column: metric -- what is measured
// column: value -- the number
// column: unit -- its unit (万/亿 kept in the unit)
// column: qualifier -- 以上, 左右, 达到, 不少于 …
// column: text -- the sentence part that states it
// column: scope -- the region the target counts over
// column: scope_level -- province, city or county
// column: task_id -- the task that states it (null for a document-wide target in the preamble)
// column: number -- the provision it sits in
// column: deadline -- the stating task's deadline as printed (a 完成时限 column or clause), null if none
// column: doc_id -- id of the document that states it
// column: doc_number -- the document's number
// column: owner_task_id -- the task that owns it: the stating task, or for a provincial goal quoted in a division-of-labour row the province's task
// column: owners -- departments leading the owning task
// column: owned -- whether any department leads the owning task
// column: document_ref -- the document as every API model refers to one: id, number, title
// column: task_ref -- the stating task: id, number, title, document_id (null for a document-wide target)
// column: owner_task_ref -- the owning task: id, number, title, document_id
// column: owner_refs -- the owning task's leads: id and name each
UNWIND range(0, size($keys) - 1) AS i
WITH i, $keys[i] AS k
MATCH (g:Target {id: k})
OPTIONAL MATCH (t:Task)-[:HAS_TARGET]->(g)
// through a WITH: FalkorDB 4.16 cannot evaluate a null OPTIONAL MATCH variable inside a node's property map
WITH i, g, t, coalesce(g.owner_task, t.id) AS owner_id
OPTIONAL MATCH (owner:Task {id: owner_id})
OPTIONAL MATCH (doc:Document {id: g.doc_id})
OPTIONAL MATCH (ld:Department)-[:LEADS]->(owner)
// each department once however many tables repeat its edge
WITH i, g, t, owner, doc, collect(DISTINCT ld) AS leaders
WITH i, g, t, owner, doc, leaders, size(leaders) > 0 AS owned
RETURN g.year AS year, g.year_basis AS year_basis, g.metric AS metric, g.value AS value, g.unit AS unit,
       g.qualifier AS qualifier, g.text AS text, g.scope AS scope, g.scope_level AS scope_level, t.id AS task_id,
       g.number AS number, t.deadline AS deadline, doc.id AS doc_id, doc.doc_number AS doc_number, owner.id AS owner_task_id,
       [x IN leaders | x.name] AS owners, owned,
       CASE WHEN doc IS NULL THEN NULL ELSE {id: doc.id, number: doc.doc_number, title: doc.title} END AS document_ref,
       CASE WHEN t IS NULL THEN NULL ELSE {id: t.id, number: t.number, title: t.title, document_id: doc.id} END AS task_ref,
       CASE WHEN owner IS NULL THEN NULL ELSE {id: owner.id, number: owner.number, title: owner.title,
                                               document_id: [(owner)-[:IN_DOCUMENT]->(od:Document) | od.id][0]} END
         AS owner_task_ref,
       [x IN leaders | {id: x.id, name: x.name}] AS owner_refs
ORDER BY i
