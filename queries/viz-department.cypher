// name: viz-department
// description: A department's responsibility network, for the browser view: the department, then every lead and cooperate edge on the tasks it leads or cooperates on (so the other departments on those tasks come too), as source–relationship–target rows with the provenance of each edge.
// internal: true
// param: name string required example=市发展改革委 refers=department -- department id, canonical name or alias (resolved to the id before the query runs)
// param: region string optional example=菏泽市 -- only the department of this region (市发展改革委 exists once per city)
// column: source -- the start node: its properties and its label (a row with rel FOCUS holds the department asked for)
// column: rel -- the relationship type (LEADS, COOPERATES_ON), or FOCUS
// column: props -- the relationship's properties: doc_id, number, span_start, span_end, surface (the name as printed)
// column: target -- the end node: its properties, its label and its document's number and title
MATCH (d:Department {id: $name})
WHERE $region IS NULL OR d.region = $region
RETURN d {.id, .name, .level, .region, .collective, .known, .aliases, label: 'Department'} AS source, 'FOCUS' AS rel,
       null AS props, null AS target
UNION ALL
MATCH (d:Department {id: $name})
WHERE $region IS NULL OR d.region = $region
MATCH (d)-[:LEADS|COOPERATES_ON]->(t:Task)
WITH DISTINCT t
MATCH (o:Department)-[r:LEADS|COOPERATES_ON]->(t)
OPTIONAL MATCH (t)-[:IN_DOCUMENT]->(doc:Document)
RETURN o {.id, .name, .level, .region, .collective, .known, .aliases, label: 'Department'} AS source, type(r) AS rel,
       r {.doc_id, .number, .span_start, .span_end, .surface, .position, .printed} AS props,
       t {.id, .number, .title, .text, .level, .doc_id, .span_start, .span_end, .stub, .has_responsibility, .deadline,
          label: 'Task', doc_number: doc.doc_number, document: doc.title,
          targets: [(t)-[:HAS_TARGET]->(tg:Target) | tg.text]} AS target
