// name: misspelled_property
// expect: warning titel is not present in the database
MATCH (doc:Document)
WHERE doc.titel CONTAINS $word
RETURN doc.doc_id AS doc_id
