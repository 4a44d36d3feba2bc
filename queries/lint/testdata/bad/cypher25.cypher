// name: cypher25
// expect: error CYPHER 25 is not available on Neo4j 5
CYPHER 25
MATCH (d:Department)
RETURN d.name AS name
