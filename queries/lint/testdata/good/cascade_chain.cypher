// name: cascade_chain
// description: The chain of provincial tasks a city task cascades from, up to 3 hops.
// params: task_id (string)
// columns: depth, task_id, text_start, issuer
MATCH p = (t:Task {id: $task_id})-[:CASCADES_FROM*1..3]->(up:Task)
MATCH (up)-[:IN_DOCUMENT]->(doc:Document)
WHERE up.text_start IS NOT NULL
  AND EXISTS { (doc)-[:ISSUED_BY]->(:Department) }
RETURN length(p) AS depth, up.id AS task_id, up.text_start AS text_start,
       doc.issuer AS issuer
ORDER BY depth;
