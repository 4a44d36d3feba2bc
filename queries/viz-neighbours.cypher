// name: viz-neighbours
// description: One node and everything one relationship away from it (departments, tasks, documents, targets, industries), for expanding a node in the browser views and for the task view, as source–relationship–target rows with the relationship's properties.
// param: id string required example=dept:371700:市统计局 -- the node's id (dept:…, task:…, doc:…, or a target's or industry's id)
// column: source -- the start node: all its properties and its label (a row with rel FOCUS holds the node asked for)
// column: rel -- the relationship type, or FOCUS
// column: props -- the relationship's properties (provenance, surface, position; basis, score and evidence of an inferred link)
// column: target -- the end node: all its properties and its label
OPTIONAL MATCH (n1:Task {id: $id})
OPTIONAL MATCH (n2:Department {id: $id})
OPTIONAL MATCH (n3:Document {id: $id})
OPTIONAL MATCH (n4:Target {id: $id})
OPTIONAL MATCH (n5:Industry {id: $id})
WITH coalesce(n1, n2, n3, n4, n5) AS n
WHERE n IS NOT NULL
// one lookup per label: the id indexes find the node, where a match on any label scanned every node
RETURN n {.*, label: head(labels(n))} AS source, 'FOCUS' AS rel, null AS props, null AS target
UNION ALL
OPTIONAL MATCH (n1:Task {id: $id})
OPTIONAL MATCH (n2:Department {id: $id})
OPTIONAL MATCH (n3:Document {id: $id})
OPTIONAL MATCH (n4:Target {id: $id})
OPTIONAL MATCH (n5:Industry {id: $id})
WITH coalesce(n1, n2, n3, n4, n5) AS n
WHERE n IS NOT NULL
MATCH (n)-[r]->(m)
WHERE (m:Task OR m:Department OR m:Document OR m:Target OR m:Industry)
RETURN n {.*, label: head(labels(n))} AS source, type(r) AS rel, properties(r) AS props,
       m {.*, label: head(labels(m))} AS target
UNION ALL
OPTIONAL MATCH (n1:Task {id: $id})
OPTIONAL MATCH (n2:Department {id: $id})
OPTIONAL MATCH (n3:Document {id: $id})
OPTIONAL MATCH (n4:Target {id: $id})
OPTIONAL MATCH (n5:Industry {id: $id})
WITH coalesce(n1, n2, n3, n4, n5) AS n
WHERE n IS NOT NULL
MATCH (m)-[r]->(n)
WHERE (m:Task OR m:Department OR m:Document OR m:Target OR m:Industry)
RETURN m {.*, label: head(labels(m))} AS source, type(r) AS rel, properties(r) AS props,
       n {.*, label: head(labels(n))} AS target
