// name: targets
// description: Quantified targets in due-year and document order, one page at a time, filtered by due year, owning department, industry, document, scope or ownership; with the task that states them, its deadline and who owns them.
// param: year int optional example=2025 -- the year the target falls due
// param: department string optional example=市发展改革委 -- a department that leads the task owning the target (id, name or alias: resolved to the id before the query runs)
// param: industry string optional example=生物医药 -- an industry the target's task concerns
// param: document string optional example=菏政发〔2024〕1号 -- document id, number or part of its title
// param: scope string optional example=菏泽市 -- the region the target counts over (name), or its level (province, city, county)
// param: owned bool optional example=true -- true: only targets whose task a department leads; false: only targets with no owner
// param: offset int optional default=0 example=0 -- skip this many targets (paging)
// param: limit int optional default=50 example=20 -- at most this many targets (paging)
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
// total: targets-count
// order: targets-order
// rows: targets-rows
// scan: Target -- with no year the targets are sorted by due year and document to cut the page; only the page's targets are read in full
// show: year, year_basis, metric, value, unit, qualifier, text, scope, scope_level, task_id, number, deadline, doc_id, doc_number, owner_task_id, owners, owned
MATCH (g:Target)
WHERE $department IS NULL AND $industry IS NULL AND $document IS NULL AND $owned IS NULL
  AND ($year IS NULL OR g.year = $year)
  AND ($scope IS NULL OR g.scope = $scope OR g.scope_level = $scope)
// no filter on the task, owner or document: the page is cut on the target's own keys, then only its targets are read
// (the other branch answers when such a filter is given; each branch's guard leaves the other empty)
WITH g ORDER BY g.year, g.doc_id, g.span_start, g.id SKIP $offset LIMIT $limit
OPTIONAL MATCH (t:Task)-[:HAS_TARGET]->(g)
// through a WITH: FalkorDB 4.16 cannot evaluate a null OPTIONAL MATCH variable inside a node's property map
WITH g, t, coalesce(g.owner_task, t.id) AS owner_id
OPTIONAL MATCH (owner:Task {id: owner_id})
OPTIONAL MATCH (doc:Document {id: g.doc_id})
OPTIONAL MATCH (ld:Department)-[:LEADS]->(owner)
// each department once however many tables repeat its edge
WITH g, t, owner, doc, collect(DISTINCT ld) AS leaders
WITH g, t, owner, doc, leaders, size(leaders) > 0 AS owned
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
ORDER BY g.year, g.doc_id, g.span_start, g.id
UNION ALL
OPTIONAL MATCH (:Department {id: coalesce($department, '')})-[:LEADS]->(led:Task)
// the department filter as the ids of the tasks it leads, read once through the department's id (resolved
// before the query runs: the id index anchors it, also when none is asked for, through coalesce)
WITH collect(led.id) AS department_tasks
MATCH (g:Target)
WHERE NOT ($department IS NULL AND $industry IS NULL AND $document IS NULL AND $owned IS NULL)
  AND ($year IS NULL OR g.year = $year)
  AND ($scope IS NULL OR g.scope = $scope OR g.scope_level = $scope)
OPTIONAL MATCH (t:Task)-[:HAS_TARGET]->(g)
// through a WITH: FalkorDB 4.16 cannot evaluate a null OPTIONAL MATCH variable inside a node's property map
WITH department_tasks, g, t, coalesce(g.owner_task, t.id) AS owner_id
OPTIONAL MATCH (o:Task {id: owner_id})
OPTIONAL MATCH (doc:Document {id: g.doc_id})
WITH department_tasks, g, t, o, doc,
     CASE WHEN o IS NULL THEN 0 ELSE size([(lc:Department)-[:LEADS]->(o) | 1]) END AS leaders,
     CASE WHEN t IS NULL OR $industry IS NULL THEN [] ELSE [(t)-[:CONCERNS]->(ti:Industry) | ti.name] END AS industries
WHERE ($department IS NULL OR o.id IN department_tasks)
  AND ($industry IS NULL OR $industry IN industries)
  AND ($document IS NULL OR doc.id = $document OR doc.doc_number = $document OR doc.title CONTAINS $document)
  AND ($owned IS NULL OR (leaders > 0) = $owned)
// the page is cut on the target's own keys before anything else is read for it
WITH g, t, o, doc, leaders > 0 AS owned ORDER BY g.year, g.doc_id, g.span_start, g.id SKIP $offset LIMIT $limit
OPTIONAL MATCH (ld:Department)-[:LEADS]->(o)
// each department once however many tables repeat its edge
WITH g, t, o, doc, owned, collect(DISTINCT ld) AS leaders
RETURN g.year AS year, g.year_basis AS year_basis, g.metric AS metric, g.value AS value, g.unit AS unit,
       g.qualifier AS qualifier, g.text AS text, g.scope AS scope, g.scope_level AS scope_level, t.id AS task_id,
       g.number AS number, t.deadline AS deadline, doc.id AS doc_id, doc.doc_number AS doc_number, o.id AS owner_task_id,
       [x IN leaders | x.name] AS owners, owned,
       CASE WHEN doc IS NULL THEN NULL ELSE {id: doc.id, number: doc.doc_number, title: doc.title} END AS document_ref,
       CASE WHEN t IS NULL THEN NULL ELSE {id: t.id, number: t.number, title: t.title, document_id: doc.id} END AS task_ref,
       CASE WHEN o IS NULL THEN NULL ELSE {id: o.id, number: o.number, title: o.title,
                                               document_id: [(o)-[:IN_DOCUMENT]->(od2:Document) | od2.id][0]} END
         AS owner_task_ref,
       [x IN leaders | {id: x.id, name: x.name}] AS owner_refs
ORDER BY g.year, g.doc_id, g.span_start, g.id
