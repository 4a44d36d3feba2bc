// name: industry-tasks
// description: Tasks about an industry (or any of its sub-industries) across levels and documents.
// param: name string required example=工业互联网 refers=industry -- the industry's name
// column: industry -- the industry the task concerns (the one asked for or a sub-industry)
// column: level -- province, city or county
// column: doc_id -- id of the document
// column: doc_number -- the document's number
// column: document -- the document's title
// column: task_id -- the task's id
// column: number -- the provision's number
// column: title -- the provision's heading
// column: leads -- departments that lead it, in the order the clause prints them: id, name
// show: industry, doc_number, number, title, leads
// scan: Industry -- the industry and its sub-industries are matched together (name = $name OR a SUBINDUSTRY_OF edge to it)
MATCH (t:Task)-[:CONCERNS]->(i:Industry)
WHERE i.name = $name OR (i)-[:SUBINDUSTRY_OF]->(:Industry {name: $name})
MATCH (t)-[:IN_DOCUMENT]->(doc:Document)
// leads in the order the clause prints them
OPTIONAL MATCH (d:Department)-[r:LEADS]->(t)
WITH i, t, doc, d, r ORDER BY coalesce(r.position, r.span_start), d.name
WITH i, t, doc, [x IN collect({id: d.id, name: d.name}) WHERE x.id IS NOT NULL] AS leads
RETURN i.name AS industry, t.level AS level, doc.id AS doc_id, doc.doc_number AS doc_number, doc.title AS document, t.id AS task_id,
       t.number AS number, t.title AS title, leads
ORDER BY level, doc_number, t.span_start
