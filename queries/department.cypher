// name: department
// description: One department by its id, canonical name or any name it is written under in the documents (人行菏泽市中心支行 finds 人行菏泽市分行): level, region, aliases, what it leads and cooperates on, the documents that name it.
// param: name string required example=人行菏泽市中心支行 refers=department -- department id, canonical name or alias (resolved to the id before the query runs)
// param: region string optional example=菏泽市 -- only the department of this region (市发展改革委 exists once per city)
// column: id -- the department's stable id
// column: name -- its canonical name
// column: level -- province, city or county (null when unknown)
// column: region -- the region whose government it belongs to
// column: collective -- true for a collective unit (市有关部门)
// column: known -- true when the alias file knows the name
// column: aliases -- other names it is written under in the documents
// column: leads_count -- how many tasks it leads
// column: cooperates_count -- how many tasks it cooperates on
// column: documents -- the documents that give it a task, each once, by id: id, number, title
MATCH (d:Department {id: $name})
WHERE $region IS NULL OR d.region = $region
// each document once, by node: a list kept unique by comparing maps was quadratic in what the department does, and
// a map holding a null (a document known by title only) never equals itself, so such documents came back repeated
OPTIONAL MATCH (d)-[:LEADS|COOPERATES_ON]->(:Task)-[:IN_DOCUMENT]->(named:Document)
WITH d, named ORDER BY named.id
WITH d, collect(DISTINCT named) AS named
RETURN d.id AS id, d.name AS name, d.level AS level, d.region AS region, coalesce(d.collective, false) AS collective,
       coalesce(d.known, false) AS known, coalesce(d.aliases, []) AS aliases,
       size([(d)-[:LEADS]->(led:Task) | 1]) AS leads_count, size([(d)-[:COOPERATES_ON]->(helped:Task) | 1]) AS cooperates_count,
       [x IN named | {id: x.id, number: x.doc_number, title: x.title}] AS documents
ORDER BY id
