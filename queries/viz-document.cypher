// name: viz-document
// description: A document's network, for the browser view: the document, its provisions (and the outline above them), the departments on each, the targets they state, the industries they concern and the higher-level tasks they cascade from, as source–relationship–target rows with provenance.
// internal: true
// param: id string required example=菏政办字〔2023〕13号 refers=document -- document id (doc:…), number or exact title
// column: source -- the start node: its properties and its label (a row with rel FOCUS holds the document asked for)
// column: rel -- the relationship type (IN_DOCUMENT, UNDER, LEADS, COOPERATES_ON, HAS_TARGET, CONCERNS, CASCADES_FROM), or FOCUS
// column: props -- the relationship's properties (provenance: doc_id, number, span_start, span_end; surface, basis, score)
// column: target -- the end node: its properties and its label
MATCH (doc:Document)
WHERE doc.id = $id OR doc.doc_number = $id OR doc.title = $id
RETURN doc {.id, .doc_number, .title, .issuer, .region, .level, .date, .stub, .file, label: 'Document'} AS source,
       'FOCUS' AS rel, null AS props, null AS target
UNION ALL
MATCH (doc:Document)
WHERE doc.id = $id OR doc.doc_number = $id OR doc.title = $id
MATCH (t:Task)-[r:IN_DOCUMENT]->(doc)
RETURN t {.id, .number, .title, .text, .level, .doc_id, .span_start, .span_end, .stub, .has_responsibility, .deadline,
          label: 'Task', doc_number: doc.doc_number, document: doc.title} AS source,
       'IN_DOCUMENT' AS rel, r {.doc_id, .number, .span_start, .span_end} AS props,
       doc {.id, .doc_number, .title, .issuer, .region, .level, .date, .stub, .file, label: 'Document'} AS target
UNION ALL
MATCH (doc:Document)
WHERE doc.id = $id OR doc.doc_number = $id OR doc.title = $id
MATCH (t:Task)-[:IN_DOCUMENT]->(doc)
MATCH (t)-[r:UNDER]->(p:Task)
RETURN t {.id, label: 'Task'} AS source, 'UNDER' AS rel, r {.doc_id, .number, .span_start, .span_end} AS props,
       p {.id, .number, .title, .text, .level, .doc_id, .span_start, .span_end, .stub, .has_responsibility, .deadline,
          label: 'Task', doc_number: doc.doc_number, document: doc.title} AS target
UNION ALL
MATCH (doc:Document)
WHERE doc.id = $id OR doc.doc_number = $id OR doc.title = $id
MATCH (t:Task)-[:IN_DOCUMENT]->(doc)
MATCH (o:Department)-[r:LEADS|COOPERATES_ON]->(t)
RETURN o {.id, .name, .level, .region, .collective, .known, .aliases, label: 'Department'} AS source, type(r) AS rel,
       r {.doc_id, .number, .span_start, .span_end, .surface, .position, .printed} AS props, t {.id, label: 'Task'} AS target
UNION ALL
MATCH (doc:Document)
WHERE doc.id = $id OR doc.doc_number = $id OR doc.title = $id
MATCH (t:Task)-[:IN_DOCUMENT]->(doc)
MATCH (t)-[r:HAS_TARGET]->(g:Target)
RETURN t {.id, label: 'Task'} AS source, 'HAS_TARGET' AS rel, r {.doc_id, .number, .span_start, .span_end} AS props,
       g {.id, .text, .metric, .value, .unit, .qualifier, .year, .doc_id, .number, .span_start, .span_end,
          label: 'Target'} AS target
UNION ALL
MATCH (doc:Document)
WHERE doc.id = $id OR doc.doc_number = $id OR doc.title = $id
MATCH (doc)-[r:HAS_TARGET]->(g:Target)
RETURN doc {.id, label: 'Document'} AS source, 'HAS_TARGET' AS rel,
       r {.doc_id, .number, .span_start, .span_end} AS props,
       g {.id, .text, .metric, .value, .unit, .qualifier, .year, .doc_id, .number, .span_start, .span_end,
          label: 'Target'} AS target
UNION ALL
MATCH (doc:Document)
WHERE doc.id = $id OR doc.doc_number = $id OR doc.title = $id
MATCH (t:Task)-[:IN_DOCUMENT]->(doc)
MATCH (t)-[r:CONCERNS]->(i:Industry)
RETURN t {.id, label: 'Task'} AS source, 'CONCERNS' AS rel, r {.doc_id, .number, .span_start, .span_end} AS props,
       i {.id, .name, label: 'Industry'} AS target
UNION ALL
MATCH (doc:Document)
WHERE doc.id = $id OR doc.doc_number = $id OR doc.title = $id
MATCH (t:Task)-[:IN_DOCUMENT]->(doc)
MATCH (t)-[r:CASCADES_FROM]->(up:Task)
OPTIONAL MATCH (up)-[:IN_DOCUMENT]->(updoc:Document)
RETURN t {.id, label: 'Task'} AS source, 'CASCADES_FROM' AS rel,
       r {.doc_id, .number, .span_start, .span_end, .basis, .score, .direction, .terms, .counterparts,
         .shared_industries, .rank, .linker, .evidence} AS props,
       up {.id, .number, .title, .text, .level, .doc_id, .span_start, .span_end, .stub, .has_responsibility, .deadline,
           label: 'Task', doc_number: updoc.doc_number, document: updoc.title,
           leads: [(upl:Department)-[uplr:LEADS]->(up) | {name: upl.name, at: coalesce(uplr.position, uplr.span_start)}]} AS target
