// name: tasks_led_by_department
// description: Tasks a department leads, with the document each sits in.
// params: department (string), limit (int)
// columns: task_id, number, title, doc_number, doc_date, cooperators
MATCH (d:Department {name: $department})-[:LEADS]->(t:Task)-[:IN_DOCUMENT]->(doc:Document)
OPTIONAL MATCH (c:Department)-[:COOPERATES_ON]->(t)
RETURN t.id AS task_id, t.number AS number, t.title AS title,
       doc.doc_number AS doc_number, doc.date AS doc_date,
       collect(DISTINCT c.name) AS cooperators
ORDER BY doc_date DESC, number
LIMIT $limit
