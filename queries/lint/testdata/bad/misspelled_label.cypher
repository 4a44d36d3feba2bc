// name: misspelled_label
// expect: warning Label Taks is not present in the database
MATCH (d:Department)-[:LEADS]->(t:Taks)
RETURN d.name AS department, t.id AS task_id
