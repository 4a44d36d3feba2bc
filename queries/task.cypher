// name: task
// description: A task with everything about it and where each fact was read: its document, each lead and cooperator with the name as printed and its character span, targets, industries, parent, sub-items and the tasks it cascades from and to.
// param: id string required example=task:菏政办字〔2023〕13号:一/1 refers=task -- the task's stable id
// column: id -- the task's id
// column: number -- the provision's number in its document (null for a higher-level task known only from a table row)
// column: title -- the provision's heading
// column: text -- the provision text before its responsibility clause
// column: level -- province, city or county
// column: has_responsibility -- true when a responsibility clause names who carries it out
// column: stub -- true for a higher-level task known only from a division-of-labour table row
// column: document_id -- id of the document it belongs to
// column: doc_number -- the document's number
// column: document -- the document's title
// column: date -- the document's signing date
// column: read_from -- id of the document whose text this task was read from (differs from document_id for a higher-level task read from a table)
// column: span_start -- provenance: first character of the provision in that text
// column: span_end -- provenance: end of the provision in that text
// column: leads -- lead departments: name, id, written_as (as printed), span_start, span_end
// column: cooperates -- cooperating departments, the same fields
// column: targets -- quantified goals: text, metric, value, unit, qualifier, year
// column: industries -- industries it concerns
// column: parent -- id of the provision it is a sub-item of
// column: children -- ids of its sub-items
// column: cascades_from -- higher-level tasks it carries out: id, title, basis, score
// column: cascaded_by -- lower-level tasks carrying it out: id, number, document id, basis, score
// show: id, doc_number, number, title, leads, cooperates, targets
MATCH (t:Task {id: $id})-[:IN_DOCUMENT]->(doc:Document)
// departments in the order the clause prints them (the edge's position; its span before that was recorded)
OPTIONAL MATCH (ld:Department)-[lr:LEADS]->(t)
WITH t, doc, ld, lr ORDER BY coalesce(lr.position, lr.span_start), ld.name
WITH t, doc, [x IN collect(CASE WHEN ld IS NULL THEN null ELSE {name: ld.name, id: ld.id, written_as: lr.surface,
              span_start: lr.span_start, span_end: lr.span_end} END) WHERE x IS NOT NULL] AS leads
OPTIONAL MATCH (cd:Department)-[cr:COOPERATES_ON]->(t)
WITH t, doc, leads, cd, cr ORDER BY coalesce(cr.position, cr.span_start), cd.name
WITH t, doc, leads, [x IN collect(CASE WHEN cd IS NULL THEN null ELSE {name: cd.name, id: cd.id, written_as: cr.surface,
              span_start: cr.span_start, span_end: cr.span_end} END) WHERE x IS NOT NULL] AS cooperates
RETURN t.id AS id, t.number AS number, t.title AS title, t.text AS text, t.level AS level,
       coalesce(t.has_responsibility, false) AS has_responsibility, coalesce(t.stub, false) AS stub,
       doc.id AS document_id, doc.doc_number AS doc_number, doc.title AS document, doc.date AS date,
       coalesce(t.doc_id, doc.id) AS read_from, t.span_start AS span_start, t.span_end AS span_end,
       leads, cooperates,
       [(t)-[:HAS_TARGET]->(g:Target) | {text: g.text, metric: g.metric, value: g.value, unit: g.unit,
                                          qualifier: g.qualifier, year: g.year}] AS targets,
       [(t)-[:CONCERNS]->(i:Industry) | i.name] AS industries,
       head([(t)-[:UNDER]->(p:Task) | p.id]) AS parent,
       [(ch:Task)-[:UNDER]->(t) | ch.id] AS children,
       [(t)-[uc:CASCADES_FROM]->(u:Task) | {id: u.id, title: u.title, basis: uc.basis, score: uc.score}] AS cascades_from,
       [(l:Task)-[lc:CASCADES_FROM]->(t) | {id: l.id, number: l.number, document_id: l.doc_id, basis: lc.basis,
                                            score: lc.score}] AS cascaded_by
