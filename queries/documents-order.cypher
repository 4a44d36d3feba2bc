// name: documents-order
// description: The documents the query `documents` lists over all its pages, in its order (date, id): each by its id. The API reads it once per store version and each page by its ids.
// internal: true
// column: key -- the document's id
// scan: Document -- the ingested documents are sorted, all of them: this is the listing's order
MATCH (d:Document)
WHERE NOT coalesce(d.stub, false)
RETURN d.id AS key
ORDER BY d.date, d.id
