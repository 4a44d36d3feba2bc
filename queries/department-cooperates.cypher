// name: department-cooperates
// description: Everything a department cooperates on (by canonical name or any alias), in document order, one page at a time, with document, number and provision text.
// param: name string required example=市财政局 refers=department -- department id, canonical name, alias, or full name with its region (菏泽市发展改革委), resolved to the id before the query runs; 人行菏泽市中心支行 finds 人行菏泽市分行
// param: region string optional example=菏泽市 -- the department's region, when several regions have a department of that name
// param: offset int optional default=0 example=0 -- skip this many tasks (paging)
// param: limit int optional default=50 example=20 -- at most this many tasks (paging)
// column: department -- canonical name of the department
// column: region -- the region whose government the department belongs to
// column: task_id -- stable id of the task
// column: doc_number -- the document's number (null for a document known only by title)
// column: document -- the document's title
// column: number -- the provision's number in its document (二/(一)/1)
// column: title -- the provision's heading, if it has one
// column: text -- the provision text before its responsibility clause
// column: written_as -- the department's name as the clause prints it
// column: total -- tasks matching (all pages)
// show: doc_number, number, title, written_as
// group: department, region
MATCH (d:Department {id: $name})
// a name is resolved to the department's id before the query (queries/resolve.py): the id index anchors it
WHERE $region IS NULL OR d.region = $region
OPTIONAL MATCH (d)-[counted:COOPERATES_ON]->(:Task)-[:IN_DOCUMENT]->(:Document)
WITH d, count(counted) AS total
MATCH (d)-[r:COOPERATES_ON]->(t:Task)-[:IN_DOCUMENT]->(doc:Document)
WITH d, r, t, doc, total ORDER BY doc.date, doc.id, t.span_start, t.id SKIP $offset LIMIT $limit
RETURN d.name AS department, d.region AS region, t.id AS task_id, doc.doc_number AS doc_number,
       doc.title AS document, t.number AS number, t.title AS title, t.text AS text, r.surface AS written_as, total
