// name: department-tasks
// description: The tasks of a department as lead, cooperator or either, in document order, one page at a time: document, number, provision text, targets, and the name as the clause prints it.
// param: name string required example=市发展改革委 refers=department -- department id, canonical name or alias (resolved to the id before the query runs)
// param: role string optional default=any example=lead -- lead, cooperate or any
// param: offset int optional default=0 example=0 -- skip this many tasks (paging)
// param: limit int optional default=50 example=20 -- at most this many tasks (paging)
// column: department -- canonical name of the department
// column: department_id -- its id
// column: role -- lead or cooperate
// column: task_id -- stable id of the task
// column: doc_id -- id of the document
// column: doc_number -- the document's number (null for a document known only by title)
// column: document -- the document's title
// column: number -- the provision's number in its document (二/(一)/1)
// column: title -- the provision's heading, if it has one
// column: text -- the provision text before its responsibility clause
// column: targets -- the quantified goals the provision states
// column: written_as -- the department's name as the clause prints it
// column: total -- tasks matching (all pages)
// show: role, doc_number, number, title, written_as
// group: department
MATCH (d:Department {id: $name})
// a name is resolved to the department's id before the query (queries/resolve.py): the id index anchors it
OPTIONAL MATCH (d)-[counted:LEADS|COOPERATES_ON]->(:Task)-[:IN_DOCUMENT]->(:Document)
WHERE $role = 'any' OR CASE type(counted) WHEN 'LEADS' THEN 'lead' ELSE 'cooperate' END = $role
WITH d, count(counted) AS total
MATCH (d)-[r:LEADS|COOPERATES_ON]->(t:Task)-[:IN_DOCUMENT]->(doc:Document)
WITH d, r, t, doc, total, CASE type(r) WHEN 'LEADS' THEN 'lead' ELSE 'cooperate' END AS role
WHERE $role = 'any' OR role = $role
WITH d, r, t, doc, role, total ORDER BY doc.date, doc.id, t.span_start, role, t.id SKIP $offset LIMIT $limit
// OPTIONAL MATCH + collect: FalkorDB runs it several times faster than a pattern comprehension per row
OPTIONAL MATCH (t)-[:HAS_TARGET]->(g:Target)
WITH d, r, t, doc, role, total, collect(g.text) AS targets
RETURN d.name AS department, d.id AS department_id, role, t.id AS task_id, doc.id AS doc_id,
       doc.doc_number AS doc_number, doc.title AS document, t.number AS number, t.title AS title, t.text AS text,
       targets, r.surface AS written_as, total
ORDER BY doc.date, doc.id, t.span_start, role, task_id
