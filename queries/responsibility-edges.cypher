// name: responsibility-edges
// description: Every department–task responsibility edge, for graph analytics in networkx (centrality, paths) that the two stores do not share.
// internal: true
// param: document string optional example=菏政办字〔2023〕13号 -- restrict to one document (id or number)
// column: department_id -- the department's id
// column: department -- its canonical name
// column: collective -- whether it is a collective unit (市有关部门)
// column: role -- LEADS or COOPERATES_ON
// column: task_id -- the task's id
// column: level -- the task's level
// column: doc_id -- the document the task belongs to
// scan: Document -- every responsibility edge, for the analytics (kept per store version by the API)
MATCH (d:Department)-[r:LEADS|COOPERATES_ON]->(t:Task)-[:IN_DOCUMENT]->(doc:Document)
WHERE $document IS NULL OR doc.id = $document OR doc.doc_number = $document
RETURN d.id AS department_id, d.name AS department, coalesce(d.collective, false) AS collective, type(r) AS role,
       t.id AS task_id, t.level AS level, doc.id AS doc_id
ORDER BY department_id, task_id
