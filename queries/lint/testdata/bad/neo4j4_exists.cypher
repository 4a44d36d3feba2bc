// name: neo4j4_exists
// expect: error The property existence syntax `... exists(variable.property)` is no longer supported
MATCH (t:Task)
WHERE exists(t.title)
RETURN t.id AS task_id
