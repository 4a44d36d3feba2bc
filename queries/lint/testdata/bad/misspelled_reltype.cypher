// name: misspelled_reltype
// expect: warning Relationship type LAEDS is not present in the database
MATCH (d:Department)-[:LAEDS]->(t:Task)
RETURN d.name AS department, t.id AS task_id
