// name: graph-counts
// description: How many nodes of each label and relationships of each type the graph holds.
// column: kind -- node or relationship
// column: type -- the label or relationship type
// column: count -- how many
// scan: * -- every node and relationship is counted by its label or type; the API keeps the answer per store version
MATCH (n)
// the store's version stamp (graph.repository.STATE_LABEL) is bookkeeping, not a node of the graph
WHERE NOT n:StoreState
RETURN 'node' AS kind, head(labels(n)) AS type, count(n) AS count
UNION ALL
MATCH ()-[r]->()
RETURN 'relationship' AS kind, type(r) AS type, count(r) AS count
