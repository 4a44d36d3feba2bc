// name: document
// description: One document by its id, number or exact title: metadata, the outline of its provisions in reading order, what it implements and what implements it.
// param: id string required example=菏政办字〔2023〕56号 refers=document -- document id (doc:…), number or exact title
// column: id -- the document's id
// column: doc_number -- its number (null for a document known only by title)
// column: title -- its title
// column: issuer -- who issued it
// column: region -- the issuing government's region
// column: level -- province, city or county
// column: date -- signing date (成文日期)
// column: stub -- true for a document only known because another one cites it
// column: file -- the file it was read from
// column: outline -- its provisions in reading order: id, number, title, has_responsibility, parent, span_start, span_end
// column: targets -- quantified goals it states (in provisions or its preamble)
// column: implements -- documents it says it carries out: id, number, title, stub, cited_as
// column: implemented_by -- documents that say they carry it out: id, number, title, date
MATCH (d:Document)
WHERE d.id = $id OR d.doc_number = $id OR d.title = $id
OPTIONAL MATCH (t:Task)-[:IN_DOCUMENT]->(d)
OPTIONAL MATCH (t)-[:UNDER]->(p:Task)
WITH d, t, p ORDER BY t.span_start, t.id
WITH d, collect({id: t.id, number: t.number, title: t.title, has_responsibility: coalesce(t.has_responsibility, false),
                 parent: p.id, span_start: t.span_start, span_end: t.span_end}) AS provisions
RETURN d.id AS id, d.doc_number AS doc_number, d.title AS title, d.issuer AS issuer, d.region AS region,
       d.level AS level, d.date AS date, coalesce(d.stub, false) AS stub, d.file AS file,
       [x IN provisions WHERE x.id IS NOT NULL] AS outline,
       size([(d)<-[:IN_DOCUMENT]-(:Task)-[:HAS_TARGET]->(tg:Target) | tg]) + size([(d)-[:HAS_TARGET]->(dg:Target) | dg]) AS targets,
       [(d)-[im:IMPLEMENTS]->(x:Document) | {id: x.id, number: x.doc_number, title: x.title,
                                             stub: coalesce(x.stub, false), cited_as: im.cited_as}] AS implements,
       [(y:Document)-[:IMPLEMENTS]->(d) | {id: y.id, number: y.doc_number, title: y.title, date: y.date}] AS implemented_by
ORDER BY id
