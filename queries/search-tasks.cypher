// name: search-tasks
// description: Tasks whose heading or text contains a keyword (plain substring match: no word segmentation errors in Chinese).
// param: q string required example=冷链物流 -- the keyword
// param: limit int optional default=100 example=20 -- at most this many tasks
// column: task_id -- the task's id
// column: doc_number -- the document's number
// column: number -- the provision's number
// column: title -- the provision's heading
// column: text -- the provision text
// column: leads -- departments that lead it
// show: doc_number, number, title, leads
// scan: Task -- substring search in headings and text: no index finds it
MATCH (t:Task)-[:IN_DOCUMENT]->(doc:Document)
WHERE t.text CONTAINS $q OR t.title CONTAINS $q
WITH t, doc ORDER BY doc.date, doc.id, t.span_start LIMIT $limit
// leads in the order the clause prints them
OPTIONAL MATCH (d:Department)-[r:LEADS]->(t)
WITH t, doc, d, r ORDER BY doc.date, doc.id, t.span_start, coalesce(r.position, r.span_start), d.name
WITH t, doc, collect(d.name) AS leads
RETURN t.id AS task_id, doc.doc_number AS doc_number, t.number AS number, t.title AS title, t.text AS text, leads
ORDER BY doc.date, doc.id, t.span_start
