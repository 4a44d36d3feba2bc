// name: targets-order
// description: The targets the query `targets` lists over all its pages, for the same filters, in its order (due year, document, position): each by its id. The API reads it once per store version and each page by its ids.
// internal: true
// param: year int optional example=2025 -- the year the target falls due
// param: department string optional example=市发展改革委 -- a department that leads the task owning the target (id, name or alias: resolved to the id before the query runs)
// param: industry string optional example=生物医药 -- an industry the target's task concerns
// param: document string optional example=菏政发〔2024〕1号 -- document id, number or part of its title
// param: scope string optional example=菏泽市 -- the region the target counts over (name), or its level (province, city, county)
// param: owned bool optional example=true -- true: only targets whose task a department leads; false: only targets with no owner
// column: key -- the target's id
// scan: Target -- with no filter but the year and scope, and for targets with no owner, every target is read and sorted: this is the listing's order
// scan: Document -- a document filter matches part of a title
WITH 1 AS go
// no filter but the year and scope: every target. Each filter shape is a branch of its own, anchored on what it
// names (the department's led tasks, the industry, the document, the led tasks); each branch's guard leaves the
// others empty, and each checks every filter as `targets` does. A guard comes first, on one row, so a branch that
// does not apply ends before its MATCH (in the MATCH's WHERE it was tested target by target: every filtered
// request read every target)
WHERE $department IS NULL AND $industry IS NULL AND $document IS NULL AND $owned IS NULL
MATCH (g:Target)
WHERE ($year IS NULL OR g.year = $year)
  AND ($scope IS NULL OR g.scope = $scope OR g.scope_level = $scope)
RETURN g.id AS key
ORDER BY g.year, g.doc_id, g.span_start, g.id
UNION ALL
// a department: the targets its led tasks own (as the owner a division-of-labour row names, or as the stating task)
MATCH (:Department {id: $department})-[:LEADS]->(led:Task)
WITH collect(DISTINCT led) AS led_tasks
WITH led_tasks, [x IN led_tasks | x.id] AS department_tasks
UNWIND led_tasks AS owner
OPTIONAL MATCH (named:Target {owner_task: owner.id})
WITH department_tasks, owner, collect(named) AS named_targets
WITH department_tasks, named_targets + [(owner)-[:HAS_TARGET]->(st1:Target) | st1] AS candidates
UNWIND candidates AS g
WITH DISTINCT department_tasks, g
WHERE true
  AND ($year IS NULL OR g.year = $year)
  AND ($scope IS NULL OR g.scope = $scope OR g.scope_level = $scope)
OPTIONAL MATCH (t:Task)-[:HAS_TARGET]->(g)
WITH department_tasks, g, t, coalesce(g.owner_task, t.id) AS owner_id
OPTIONAL MATCH (o:Task {id: owner_id})
OPTIONAL MATCH (doc:Document {id: g.doc_id})
WITH department_tasks, g, t, o, doc,
     CASE WHEN o IS NULL THEN 0 ELSE size([(lc1:Department)-[:LEADS]->(o) | 1]) END AS leaders,
     CASE WHEN t IS NULL OR $industry IS NULL THEN [] ELSE [(t)-[:CONCERNS]->(ti1:Industry) | ti1.name] END AS industries
WHERE ($department IS NULL OR o.id IN department_tasks)
  AND ($industry IS NULL OR $industry IN industries)
  AND ($document IS NULL OR doc.id = $document OR doc.doc_number = $document OR doc.title CONTAINS $document)
  AND ($owned IS NULL OR (leaders > 0) = $owned)
RETURN g.id AS key
ORDER BY g.year, g.doc_id, g.span_start, g.id
UNION ALL
// an industry (no department): the targets its tasks state
MATCH (:Industry {name: $industry})<-[:CONCERNS]-(:Task)-[:HAS_TARGET]->(g:Target)
WITH DISTINCT g
WHERE $department IS NULL
  AND ($year IS NULL OR g.year = $year)
  AND ($scope IS NULL OR g.scope = $scope OR g.scope_level = $scope)
OPTIONAL MATCH (t:Task)-[:HAS_TARGET]->(g)
WITH g, t, coalesce(g.owner_task, t.id) AS owner_id
OPTIONAL MATCH (o:Task {id: owner_id})
OPTIONAL MATCH (doc:Document {id: g.doc_id})
WITH g, t, o, doc,
     CASE WHEN o IS NULL THEN 0 ELSE size([(lc2:Department)-[:LEADS]->(o) | 1]) END AS leaders,
     CASE WHEN t IS NULL OR $industry IS NULL THEN [] ELSE [(t)-[:CONCERNS]->(ti2:Industry) | ti2.name] END AS industries
WHERE ($department IS NULL)
  AND ($industry IS NULL OR $industry IN industries)
  AND ($document IS NULL OR doc.id = $document OR doc.doc_number = $document OR doc.title CONTAINS $document)
  AND ($owned IS NULL OR (leaders > 0) = $owned)
RETURN g.id AS key
ORDER BY g.year, g.doc_id, g.span_start, g.id
UNION ALL
// a document (no department, no industry): its targets, by the doc_id index
WITH 1 AS go
WHERE $department IS NULL AND $industry IS NULL AND $document IS NOT NULL
MATCH (d:Document)
WHERE (d.id = $document OR d.doc_number = $document OR d.title CONTAINS $document)
// the documents' ids first: matched in one pattern with the documents, FalkorDB joined them with every target
WITH DISTINCT d.id AS named
MATCH (g:Target {doc_id: named})
WITH DISTINCT g
WHERE true
  AND ($year IS NULL OR g.year = $year)
  AND ($scope IS NULL OR g.scope = $scope OR g.scope_level = $scope)
OPTIONAL MATCH (t:Task)-[:HAS_TARGET]->(g)
WITH g, t, coalesce(g.owner_task, t.id) AS owner_id
OPTIONAL MATCH (o:Task {id: owner_id})
OPTIONAL MATCH (doc:Document {id: g.doc_id})
WITH g, t, o, doc,
     CASE WHEN o IS NULL THEN 0 ELSE size([(lc3:Department)-[:LEADS]->(o) | 1]) END AS leaders,
     CASE WHEN t IS NULL OR $industry IS NULL THEN [] ELSE [(t)-[:CONCERNS]->(ti3:Industry) | ti3.name] END AS industries
WHERE ($department IS NULL)
  AND ($industry IS NULL OR $industry IN industries)
  AND ($document IS NULL OR doc.id = $document OR doc.doc_number = $document OR doc.title CONTAINS $document)
  AND ($owned IS NULL OR (leaders > 0) = $owned)
RETURN g.id AS key
ORDER BY g.year, g.doc_id, g.span_start, g.id
UNION ALL
// owned only: the targets whose owner_task some department leads, from the leads: each is owned by its construction,
// so only the year and scope are checked. A target a task states names that task as its owner_task unless a
// division-of-labour row names another (graph.build; store.upgrade() sets it on stores written before it was kept)
WITH 1 AS go
WHERE $department IS NULL AND $industry IS NULL AND $document IS NULL AND $owned = true
MATCH (:Department)-[:LEADS]->(led:Task)
WITH DISTINCT led
MATCH (g:Target {owner_task: led.id})
WITH DISTINCT g
WHERE ($year IS NULL OR g.year = $year)
  AND ($scope IS NULL OR g.scope = $scope OR g.scope_level = $scope)
RETURN g.id AS key
ORDER BY g.year, g.doc_id, g.span_start, g.id
UNION ALL
// unowned only: every target is read for its owner's leads (its owner_task: a target without one states no task,
// store.upgrade() sees to that, so it has no owner and no lead). The leads are counted through OPTIONAL MATCH: a
// pattern test per target (NOT (o)<-[:LEADS]-(:Department)) took FalkorDB three times as long
WITH 1 AS go
WHERE $department IS NULL AND $industry IS NULL AND $document IS NULL AND $owned = false
MATCH (g:Target)
WHERE ($year IS NULL OR g.year = $year)
  AND ($scope IS NULL OR g.scope = $scope OR g.scope_level = $scope)
OPTIONAL MATCH (o:Task {id: g.owner_task})
OPTIONAL MATCH (o)<-[lead:LEADS]-(:Department)
WITH g, count(lead) AS leads
WHERE leads = 0
RETURN g.id AS key
ORDER BY g.year, g.doc_id, g.span_start, g.id
