// name: task
// description: A task's full picture: text, document, leads, cooperators, targets, industries, the task it cascades from and the tasks cascading from it, and its provenance.
// param: id string required example=task:菏政办字〔2023〕13号:一/1 refers=task -- the task's stable id
// column: id -- the task's id
// column: number -- the provision's number in its document
// column: title -- the provision's heading
// column: text -- the provision text
// column: level -- province, city or county
// column: document_id -- id of the document it belongs to
// column: doc_number -- the document's number
// column: document -- the document's title
// column: leads -- departments that lead it
// column: cooperates -- departments that cooperate on it
// column: targets -- its quantified goals as text
// column: industries -- industries it concerns
// column: cascades_from -- ids of the higher-level tasks it comes from
// column: cascaded_by -- ids of the lower-level tasks that come from it
// column: parent -- id of the provision it is a sub-item of
// column: span_start -- provenance: first character of the provision in the source text
// column: span_end -- provenance: end of the provision in the source text
MATCH (t:Task {id: $id})-[:IN_DOCUMENT]->(doc:Document)
// departments in the order the clause prints them (the edge's position; its span before that was recorded)
OPTIONAL MATCH (ld:Department)-[lr:LEADS]->(t)
WITH t, doc, ld, lr ORDER BY coalesce(lr.position, lr.span_start), ld.name
WITH t, doc, collect(ld.name) AS leads
OPTIONAL MATCH (cd:Department)-[cr:COOPERATES_ON]->(t)
WITH t, doc, leads, cd, cr ORDER BY coalesce(cr.position, cr.span_start), cd.name
WITH t, doc, leads, collect(cd.name) AS cooperates
RETURN t.id AS id, t.number AS number, t.title AS title, t.text AS text, t.level AS level,
       doc.id AS document_id, doc.doc_number AS doc_number, doc.title AS document,
       leads, cooperates,
       [(t)-[:HAS_TARGET]->(g:Target) | g.text] AS targets,
       [(t)-[:CONCERNS]->(i:Industry) | i.name] AS industries,
       [(t)-[:CASCADES_FROM]->(u:Task) | u.id] AS cascades_from,
       [(l:Task)-[:CASCADES_FROM]->(t) | l.id] AS cascaded_by,
       head([(t)-[:UNDER]->(p:Task) | p.id]) AS parent,
       t.span_start AS span_start, t.span_end AS span_end
