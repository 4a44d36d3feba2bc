// name: implementing-documents
// description: Documents that say they carry out a given document (贯彻落实…), and whether that document itself is ingested or only known by reference.
// param: document string required example=山东省县域经济高质量发展三年行动方案 -- document id, number or part of its title
// column: implemented -- title or number of the implemented document
// column: implemented_is_stub -- true when only known from references
// column: doc_number -- number of the implementing document
// column: title -- its title
// column: issuer -- who issued it
// column: date -- its signing date
// show: implemented, doc_number, title, date
// scan: Document -- part of a title is a substring: no index finds it
MATCH (d:Document)-[:IMPLEMENTS]->(x:Document)
WHERE x.id = $document OR x.doc_number = $document OR x.title CONTAINS $document
RETURN coalesce(x.title, x.doc_number) AS implemented, x.stub AS implemented_is_stub, d.doc_number AS doc_number,
       d.title AS title, d.issuer AS issuer, d.date AS date
ORDER BY date
