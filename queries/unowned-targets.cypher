// name: unowned-targets
// description: Targets with no owner: quantified goals stated in the preamble (no provision) or in a provision that no department leads.
// param: document string optional example=菏政办字〔2023〕13号 -- only this document (id or number)
// column: target_id -- the target's id
// column: text -- the sentence part that states it
// column: metric -- what is measured
// column: value -- the number
// column: unit -- its unit
// column: year -- due year
// column: doc_number -- the document's number
// column: number -- the provision it sits in (null in the preamble)
// column: task_id -- the task stating it (null in the preamble)
// column: cooperates -- departments cooperating on that task
// column: span_start -- provenance: first character of the target in its source text
// column: span_end -- provenance: end of the target
// show: doc_number, number, text, year
MATCH (g:Target)
OPTIONAL MATCH (t:Task)-[:HAS_TARGET]->(g)
OPTIONAL MATCH (doc:Document {id: g.doc_id})
WITH g, t, doc
WHERE ($document IS NULL OR doc.id = $document OR doc.doc_number = $document)
  AND (t IS NULL OR NOT (:Department)-[:LEADS]->(t))
RETURN g.id AS target_id, g.text AS text, g.metric AS metric, g.value AS value, g.unit AS unit, g.year AS year,
       doc.doc_number AS doc_number, g.number AS number, t.id AS task_id,
       CASE WHEN t IS NULL THEN [] ELSE [(c:Department)-[:COOPERATES_ON]->(t) | c.name] END AS cooperates,
       g.span_start AS span_start, g.span_end AS span_end
ORDER BY doc_number, span_start
