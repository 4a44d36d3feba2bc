// name: department-cooperates
// description: Everything a department cooperates on (by canonical name or any alias), with document, number and provision text.
// param: name string required example=市财政局 refers=department -- department id, canonical name, alias, or full name with its region (菏泽市发展改革委); 人行菏泽市中心支行 finds 人行菏泽市分行
// param: region string optional example=菏泽市 -- the department's region, when several regions have a department of that name
// column: department -- canonical name of the department
// column: region -- the region whose government the department belongs to
// column: task_id -- stable id of the task
// column: doc_number -- the document's number (null for a document known only by title)
// column: document -- the document's title
// column: number -- the provision's number in its document (二/(一)/1)
// column: title -- the provision's heading, if it has one
// column: text -- the provision text before its responsibility clause
// column: written_as -- the department's name as the clause prints it
// show: doc_number, number, title, written_as
// group: department, region
MATCH (d:Department)
WHERE (d.id = $name OR d.name = $name OR $name IN coalesce(d.aliases, [])) AND ($region IS NULL OR d.region = $region)
MATCH (d)-[r:COOPERATES_ON]->(t:Task)-[:IN_DOCUMENT]->(doc:Document)
RETURN d.name AS department, d.region AS region, t.id AS task_id, doc.doc_number AS doc_number,
       doc.title AS document, t.number AS number, t.title AS title, t.text AS text, r.surface AS written_as
ORDER BY doc.date, doc.id, t.span_start
