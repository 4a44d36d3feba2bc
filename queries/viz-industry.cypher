// name: viz-industry
// description: An industry's network across levels, for the browser view: the industry, its broader and narrower industries, the tasks of every level about it or a sub-industry, the departments on those tasks and the cascades between them, as source–relationship–target rows with provenance.
// internal: true
// param: name string required example=生产性服务业 refers=industry -- the industry's name
// column: source -- the start node: its properties and its label (a row with rel FOCUS holds the industry asked for)
// column: rel -- the relationship type (SUBINDUSTRY_OF, CONCERNS, LEADS, COOPERATES_ON, CASCADES_FROM), or FOCUS
// column: props -- the relationship's properties (provenance: doc_id, number, span_start, span_end; surface, basis, score)
// column: target -- the end node: its properties and its label
// scan: Industry -- the industry by its name or its id (an OR no single index answers)
MATCH (i:Industry)
WHERE i.name = $name OR i.id = $name
RETURN i {.id, .name, label: 'Industry'} AS source, 'FOCUS' AS rel, null AS props, null AS target
UNION ALL
MATCH (i:Industry)
WHERE i.name = $name OR i.id = $name
MATCH (s:Industry)-[r:SUBINDUSTRY_OF]->(i)
RETURN s {.id, .name, label: 'Industry'} AS source, 'SUBINDUSTRY_OF' AS rel, r {.doc_id} AS props,
       i {.id, .name, label: 'Industry'} AS target
UNION ALL
MATCH (i:Industry)
WHERE i.name = $name OR i.id = $name
MATCH (i)-[r:SUBINDUSTRY_OF]->(p:Industry)
RETURN i {.id, .name, label: 'Industry'} AS source, 'SUBINDUSTRY_OF' AS rel, r {.doc_id} AS props,
       p {.id, .name, label: 'Industry'} AS target
UNION ALL
MATCH (i:Industry)
WHERE i.name = $name OR i.id = $name
MATCH (t:Task)-[r:CONCERNS]->(x:Industry)
WHERE x = i OR (x)-[:SUBINDUSTRY_OF]->(i)
OPTIONAL MATCH (t)-[:IN_DOCUMENT]->(doc:Document)
RETURN t {.id, .number, .title, .text, .level, .doc_id, .span_start, .span_end, .stub, .has_responsibility, .deadline,
          label: 'Task', doc_number: doc.doc_number, document: doc.title,
          targets: [(t)-[:HAS_TARGET]->(ig:Target) | ig.text]} AS source,
       'CONCERNS' AS rel, r {.doc_id, .number, .span_start, .span_end} AS props, x {.id, .name, label: 'Industry'} AS target
UNION ALL
MATCH (i:Industry)
WHERE i.name = $name OR i.id = $name
MATCH (t:Task)-[:CONCERNS]->(x:Industry)
WHERE x = i OR (x)-[:SUBINDUSTRY_OF]->(i)
WITH DISTINCT t
MATCH (o:Department)-[r:LEADS|COOPERATES_ON]->(t)
RETURN o {.id, .name, .level, .region, .collective, .known, .aliases, label: 'Department'} AS source, type(r) AS rel,
       r {.doc_id, .number, .span_start, .span_end, .surface, .position, .printed} AS props, t {.id, label: 'Task'} AS target
UNION ALL
MATCH (i:Industry)
WHERE i.name = $name OR i.id = $name
MATCH (t:Task)-[:CONCERNS]->(x:Industry)
WHERE x = i OR (x)-[:SUBINDUSTRY_OF]->(i)
WITH DISTINCT t
MATCH (t)-[r:CASCADES_FROM]->(up:Task)
OPTIONAL MATCH (up)-[:IN_DOCUMENT]->(updoc:Document)
RETURN t {.id, label: 'Task'} AS source, 'CASCADES_FROM' AS rel,
       r {.doc_id, .number, .span_start, .span_end, .basis, .score, .direction, .terms, .counterparts,
         .shared_industries, .rank, .linker, .evidence} AS props,
       up {.id, .number, .title, .text, .level, .doc_id, .span_start, .span_end, .stub, .has_responsibility, .deadline,
           label: 'Task', doc_number: updoc.doc_number, document: updoc.title} AS target
