// name: document-names
// description: Every document, ingested or cited (stub), with its number, title and region, for resolving what a user writes (queries/resolve.py).
// internal: true
// column: id -- the document's id
// column: doc_number -- its number
// column: title -- its title
// column: region -- the issuing government's region
// column: stub -- true for a document only known because another one cites it
// scan: Document -- every document, for the name resolver (the API keeps it per store version)
MATCH (d:Document)
RETURN d.id AS id, d.doc_number AS doc_number, d.title AS title, d.region AS region, coalesce(d.stub, false) AS stub
ORDER BY id
