// name: unowned-targets
// description: Targets with no owner: quantified goals stated in the preamble (no provision) or owned by a task that no department leads; by due year, document or scope.
// param: document string optional example=菏政办字〔2023〕13号 -- only this document (id or number)
// param: year int optional example=2023 -- only targets due this year
// param: scope string optional example=菏泽市 -- the region the target counts over (name), or its level (province, city, county)
// column: target_id -- the target's id
// column: text -- the sentence part that states it
// column: metric -- what is measured
// column: value -- the number
// column: unit -- its unit
// column: year -- due year
// column: year_basis -- where the year comes from: stated, package or none
// column: scope -- the region the target counts over
// column: doc_number -- the document's number
// column: number -- the provision it sits in (null in the preamble)
// column: task_id -- the task owning it (null in the preamble)
// column: cooperates -- departments cooperating on that task
// column: span_start -- provenance: first character of the target in its source text
// column: span_end -- provenance: end of the target
// show: doc_number, number, text, year
// scan: Target -- every target is checked for an owner, for the analytics report (kept per store version by the API)
MATCH (g:Target)
WHERE ($year IS NULL OR g.year = $year)
  AND ($scope IS NULL OR g.scope = $scope OR g.scope_level = $scope)
OPTIONAL MATCH (s:Task)-[:HAS_TARGET]->(g)
// through a WITH: FalkorDB 4.16 cannot evaluate a null OPTIONAL MATCH variable inside a node's property map
WITH g, s, coalesce(g.owner_task, s.id) AS owner_id
OPTIONAL MATCH (t:Task {id: owner_id})
OPTIONAL MATCH (doc:Document {id: g.doc_id})
WITH g, t, doc
WHERE ($document IS NULL OR doc.id = $document OR doc.doc_number = $document)
  AND (t IS NULL OR NOT (:Department)-[:LEADS]->(t))
RETURN g.id AS target_id, g.text AS text, g.metric AS metric, g.value AS value, g.unit AS unit, g.year AS year,
       g.year_basis AS year_basis, g.scope AS scope, doc.doc_number AS doc_number, g.number AS number, t.id AS task_id,
       CASE WHEN t IS NULL THEN [] ELSE [(c:Department)-[:COOPERATES_ON]->(t) | c.name] END AS cooperates,
       g.span_start AS span_start, g.span_end AS span_end
ORDER BY doc_number, span_start
