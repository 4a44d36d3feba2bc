// name: departments-rows
// description: The rows of the query `departments` for the departments given by their ids (from `departments-order`), in the order given: one page of the departments, read through the id index.
// internal: true
// param: keys list required example=[] -- department ids, as departments-order gives them
// column: id -- the department's stable id (dept:<region code>:<name>)
// column: name -- its canonical name
// column: level -- province, city or county (null when unknown)
// column: region -- the region whose government it belongs to
// column: collective -- true for a collective unit (市有关部门, 各县区政府、管委会)
// column: known -- true when the alias file knows the name
// column: aliases -- other names it is written under in the documents (OCR variants, old names)
// column: leads_count -- how many tasks it leads
// column: cooperates_count -- how many tasks it cooperates on
UNWIND range(0, size($keys) - 1) AS i
WITH i, $keys[i] AS k
MATCH (d:Department {id: k})
// OPTIONAL MATCH + count: FalkorDB runs it several times faster than a pattern comprehension per row
OPTIONAL MATCH (d)-[:LEADS]->(led:Task)
WITH i, d, count(led) AS leads_count
OPTIONAL MATCH (d)-[:COOPERATES_ON]->(helped:Task)
WITH i, d, leads_count, count(helped) AS cooperates_count
RETURN d.id AS id, d.name AS name, d.level AS level, d.region AS region, coalesce(d.collective, false) AS collective,
       coalesce(d.known, false) AS known, coalesce(d.aliases, []) AS aliases, leads_count, cooperates_count
ORDER BY i
