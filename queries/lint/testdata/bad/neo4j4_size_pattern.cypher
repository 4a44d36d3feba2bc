// name: neo4j4_size_pattern
// expect: error A pattern expression should only be used in order to test the existence of a pattern
MATCH (d:Department)
RETURN d.name AS department, size((d)-[:LEADS]->()) AS leads
