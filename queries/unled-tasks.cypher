// name: unled-tasks
// description: Tasks with no lead: provisions whose responsibility clause names no lead department (only cooperators, or nobody the reader could resolve).
// param: document string optional example=菏政办字〔2023〕13号 -- only this document (id or number)
// column: task_id -- the task's id
// column: doc_number -- its document's number
// column: document -- its document's title
// column: number -- the provision's number
// column: title -- the provision's heading
// column: level -- province, city or county
// column: cooperates -- departments named as cooperating
// column: span_start -- provenance: first character of the provision in its source text
// column: span_end -- provenance: end of the provision
// show: doc_number, number, title, cooperates
// scan: Task -- every task is checked for a lead, for the analytics report (kept per store version by the API)
MATCH (t:Task)-[:IN_DOCUMENT]->(doc:Document)
WHERE ($document IS NULL OR doc.id = $document OR doc.doc_number = $document)
  AND NOT (:Department)-[:LEADS]->(t)
  AND (coalesce(t.has_responsibility, false) OR (:Department)-[:COOPERATES_ON]->(t))
// cooperators in the order the clause prints them
OPTIONAL MATCH (c:Department)-[r:COOPERATES_ON]->(t)
WITH t, doc, c, r ORDER BY coalesce(r.position, r.span_start), c.name
WITH t, doc, collect(c.name) AS cooperates
RETURN t.id AS task_id, doc.doc_number AS doc_number, doc.title AS document, t.number AS number, t.title AS title,
       t.level AS level, cooperates,
       t.span_start AS span_start, t.span_end AS span_end
ORDER BY doc_number, span_start
