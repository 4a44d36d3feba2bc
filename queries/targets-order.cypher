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
// scan: Target -- the targets that pass the filters are sorted, all of them: this is the listing's order
MATCH (g:Target)
WHERE $department IS NULL AND $industry IS NULL AND $document IS NULL AND $owned IS NULL
  AND ($year IS NULL OR g.year = $year)
  AND ($scope IS NULL OR g.scope = $scope OR g.scope_level = $scope)
RETURN g.id AS key
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
RETURN g.id AS key
ORDER BY g.year, g.doc_id, g.span_start, g.id
