// name: search
// description: One search over departments (names and the names the documents print), documents (titles and numbers) and provisions (headings and text): departments first, then documents, then provisions in document order. Plain substring matching, so Chinese needs no word segmentation.
// param: q string required example=光伏 -- the words to find
// param: alt string optional example=发展改革委 -- another form of the same words, also looked for (policykg passes the alias files' canonical form: 发改委 → 发展改革委)
// column: kind -- department, document or task
// column: id -- the department's, document's or task's id
// column: label -- its name, title, or the provision's heading
// column: doc_id -- the document it belongs to (documents and tasks)
// column: doc_number -- that document's number
// column: number -- the provision's number (tasks)
// column: region -- the department's or document's region
// column: text -- the provision text (tasks)
// show: kind, label, doc_number, number, region
// scan: Department -- substring search: no index finds a part of a name
// scan: Document -- substring search in titles and numbers
// scan: Task -- substring search in headings and text
MATCH (d:Department)
WHERE d.name CONTAINS $q OR any(a IN coalesce(d.aliases, []) WHERE a CONTAINS $q)
   OR ($alt IS NOT NULL AND d.name CONTAINS $alt)
RETURN 'department' AS kind, d.id AS id, d.name AS label, null AS doc_id, null AS doc_number, null AS number,
       d.region AS region, null AS text
UNION ALL
MATCH (doc:Document)
WHERE NOT coalesce(doc.stub, false) AND (doc.title CONTAINS $q OR doc.doc_number CONTAINS $q)
RETURN 'document' AS kind, doc.id AS id, coalesce(doc.title, doc.doc_number) AS label, doc.id AS doc_id,
       doc.doc_number AS doc_number, null AS number, doc.region AS region, null AS text
UNION ALL
MATCH (t:Task)-[:IN_DOCUMENT]->(doc:Document)
WHERE t.title CONTAINS $q OR t.text CONTAINS $q OR ($alt IS NOT NULL AND t.text CONTAINS $alt)
RETURN 'task' AS kind, t.id AS id, t.title AS label, doc.id AS doc_id, doc.doc_number AS doc_number,
       t.number AS number, doc.region AS region, t.text AS text
