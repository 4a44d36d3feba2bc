// name: documents-rows
// description: The rows of the query `documents` for the documents given by their ids (from `documents-order`), in the order given: one page of the documents, read through the id index.
// internal: true
// param: keys list required example=[] -- document ids, as documents-order gives them
// column: id -- the document's id
// column: doc_number -- its number
// column: title -- its title
// column: issuer -- who issued it
// column: region -- the issuing government's region
// column: level -- province, city or county
// column: date -- signing date (成文日期)
// column: tasks -- provisions with a responsibility clause
// column: targets -- quantified goals
UNWIND range(0, size($keys) - 1) AS i
WITH i, $keys[i] AS k
MATCH (d:Document {id: k})
RETURN d.id AS id, d.doc_number AS doc_number, d.title AS title, d.issuer AS issuer, d.region AS region,
       d.level AS level, d.date AS date,
       size([(t:Task)-[:IN_DOCUMENT]->(d) WHERE t.has_responsibility | 1]) AS tasks,
       size([(d)<-[:IN_DOCUMENT]-(:Task)-[:HAS_TARGET]->(tg:Target) | tg]) + size([(d)-[:HAS_TARGET]->(dg:Target) | dg]) AS targets
ORDER BY i
