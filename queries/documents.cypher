// name: documents
// description: Ingested documents in date order, one page at a time, with their metadata and how many tasks and targets each holds.
// param: offset int optional default=0 example=0 -- skip this many documents (paging)
// param: limit int optional default=50 example=20 -- at most this many documents (paging)
// column: id -- the document's id
// column: doc_number -- its number
// column: title -- its title
// column: issuer -- who issued it
// column: region -- the issuing government's region
// column: level -- province, city or county
// column: date -- signing date (成文日期)
// column: tasks -- provisions with a responsibility clause
// column: targets -- quantified goals
// column: total -- documents listed (all pages)
// show: doc_number, title, date, tasks, targets
// order: documents-order
// rows: documents-rows
// scan: Document -- a listing in date order sorts the documents to cut the page; the page's counts are read for the page only
MATCH (counted:Document)
WHERE NOT coalesce(counted.stub, false)
WITH count(counted) AS total
MATCH (d:Document)
WHERE NOT coalesce(d.stub, false)
// the page is cut before the counts are read for it
WITH d, total ORDER BY d.date, d.id SKIP $offset LIMIT $limit
RETURN d.id AS id, d.doc_number AS doc_number, d.title AS title, d.issuer AS issuer, d.region AS region,
       d.level AS level, d.date AS date,
       size([(t:Task)-[:IN_DOCUMENT]->(d) WHERE t.has_responsibility | 1]) AS tasks,
       size([(d)<-[:IN_DOCUMENT]-(:Task)-[:HAS_TARGET]->(tg:Target) | tg]) + size([(d)-[:HAS_TARGET]->(dg:Target) | dg]) AS targets,
       total
ORDER BY date, id
