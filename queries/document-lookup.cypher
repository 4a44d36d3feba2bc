// name: document-lookup
// description: The documents with this id, number or exact title, for resolving a document without reading every one (queries/resolve.py).
// internal: true
// param: value string required example=菏政办字〔2023〕56号 -- a document id (doc:…), number or exact title
// column: id -- the document's id
// column: doc_number -- its number (null for a document known only by title)
// column: title -- its title
// column: region -- the issuing government's region
// column: stub -- true for a document only known because another one cites it
MATCH (d:Document {id: $value})
RETURN d.id AS id, d.doc_number AS doc_number, d.title AS title, d.region AS region, coalesce(d.stub, false) AS stub
// one branch per index: `id = $value OR doc_number = $value OR …` would read every document
UNION
MATCH (d:Document {doc_number: $value})
RETURN d.id AS id, d.doc_number AS doc_number, d.title AS title, d.region AS region, coalesce(d.stub, false) AS stub
UNION
MATCH (d:Document {title: $value})
RETURN d.id AS id, d.doc_number AS doc_number, d.title AS title, d.region AS region, coalesce(d.stub, false) AS stub
