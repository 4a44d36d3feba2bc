// name: province-to-city-mapping-rows
// description: The rows of the query `province-to-city-mapping` for the links given by their keys (from `province-to-city-mapping-order`), in the order given: one page of the mapping, read through the task id index.
// internal: true
// param: keys list required example=[] -- the links, as province-to-city-mapping-order gives them
// column: provincial_document_id -- id of the higher-level document
// column: provincial_document -- its title (or number)
// column: provincial_task_id -- id of the higher-level task
// column: provincial_task -- the higher-level task's heading
// column: provincial_leads -- departments that lead it
// column: provincial_cooperates -- departments that cooperate on it
// column: city -- region of the lower-level document
// column: city_document_id -- id of the lower-level document
// column: city_document -- its number
// column: city_task_id -- id of the lower-level task
// column: city_task -- number of the lower-level task in its document
// column: city_leads -- lower-level departments that carry it out
// column: city_cooperates -- lower-level departments that cooperate
// column: link -- CASCADES_FROM (the lower task carries the higher one out) or RELATES_TO (same subject, no direction)
// column: basis -- explicit (a table or 分工方案 says so) or inferred
// column: score -- confidence of the link
// column: direction -- for inferred links: how the documents' dates or implements statements decided the type
// column: shared_terms -- evidence of an inferred link: key terms both texts use
// column: counterparts -- evidence: department pairs (省科技厅→市科技局) on both sides
// column: regions -- evidence: the two documents' regions and what gave them (山东省 (issuer) ⊃ 菏泽市 (doc_number)), or the document the lower one names
// column: provincial_document_ref -- the higher-level document as every API model refers to one: id, number, title
// column: provincial_task_ref -- the higher-level task: id, number, title, document_id
// column: provincial_lead_refs -- its leads: id and name each, in printed order
// column: provincial_cooperate_refs -- its cooperating departments: id and name each
// column: city_document_ref -- the lower-level document: id, number, title
// column: city_task_ref -- the lower-level task: id, number, title, document_id
// column: city_lead_refs -- its leads: id and name each, in printed order
// column: city_cooperate_refs -- its cooperating departments: id and name each
UNWIND range(0, size($keys) - 1) AS i
WITH i, $keys[i] AS k
MATCH (low:Task {id: k[0]})-[c:CASCADES_FROM|RELATES_TO]->(up:Task {id: k[1]})
// the relationship's key (the fourth) tells apart two links of one type between the same two tasks, when given
WHERE type(c) = k[2] AND (k[3] IS NULL OR c.key = k[3])
MATCH (up)-[:IN_DOCUMENT]->(pdoc:Document)
MATCH (low)-[:IN_DOCUMENT]->(cdoc:Document)
WITH i, low, c, up, pdoc, cdoc
// the page's departments: OPTIONAL MATCH + collect, which FalkorDB runs several times faster than pattern comprehensions
// each list in the order the source prints it (the edge's position; its span before that was recorded), each
// department once however many tables repeat its edge
OPTIONAL MATCH (pl:Department)-[plr:LEADS]->(up)
WITH i, low, c, up, pdoc, cdoc, pl, min(coalesce(plr.position, plr.span_start)) AS at_pl
     ORDER BY at_pl, pl.name
WITH i, low, c, up, pdoc, cdoc, collect(pl) AS provincial_leads
OPTIONAL MATCH (pc:Department)-[pcr:COOPERATES_ON]->(up)
WITH i, low, c, up, pdoc, cdoc, provincial_leads, pc, min(coalesce(pcr.position, pcr.span_start)) AS at_pc
     ORDER BY at_pc, pc.name
WITH i, low, c, up, pdoc, cdoc, provincial_leads, collect(pc) AS provincial_cooperates
OPTIONAL MATCH (cl:Department)-[clr:LEADS]->(low)
WITH i, low, c, up, pdoc, cdoc, provincial_leads, provincial_cooperates, cl, min(coalesce(clr.position, clr.span_start)) AS at_cl
     ORDER BY at_cl, cl.name
WITH i, low, c, up, pdoc, cdoc, provincial_leads, provincial_cooperates, collect(cl) AS city_leads
OPTIONAL MATCH (cc:Department)-[ccr:COOPERATES_ON]->(low)
WITH i, low, c, up, pdoc, cdoc, provincial_leads, provincial_cooperates, city_leads, cc, min(coalesce(ccr.position, ccr.span_start)) AS at_cc
     ORDER BY at_cc, cc.name
WITH i, low, c, up, pdoc, cdoc, provincial_leads, provincial_cooperates, city_leads, collect(cc) AS city_cooperates
RETURN pdoc.id AS provincial_document_id, coalesce(pdoc.title, pdoc.doc_number) AS provincial_document,
       up.id AS provincial_task_id, up.title AS provincial_task,
       [x IN provincial_leads | x.name] AS provincial_leads, [x IN provincial_cooperates | x.name] AS provincial_cooperates,
       cdoc.region AS city, cdoc.id AS city_document_id, cdoc.doc_number AS city_document,
       low.id AS city_task_id, low.number AS city_task,
       [x IN city_leads | x.name] AS city_leads, [x IN city_cooperates | x.name] AS city_cooperates,
       type(c) AS link, c.basis AS basis, c.score AS score, c.direction AS direction,
       coalesce(c.terms, []) AS shared_terms, coalesce(c.counterparts, []) AS counterparts, c.regions AS regions,
       {id: pdoc.id, number: pdoc.doc_number, title: pdoc.title} AS provincial_document_ref,
       {id: up.id, number: up.number, title: up.title, document_id: pdoc.id} AS provincial_task_ref,
       [x IN provincial_leads | {id: x.id, name: x.name}] AS provincial_lead_refs,
       [x IN provincial_cooperates | {id: x.id, name: x.name}] AS provincial_cooperate_refs,
       {id: cdoc.id, number: cdoc.doc_number, title: cdoc.title} AS city_document_ref,
       {id: low.id, number: low.number, title: low.title, document_id: cdoc.id} AS city_task_ref,
       [x IN city_leads | {id: x.id, name: x.name}] AS city_lead_refs,
       [x IN city_cooperates | {id: x.id, name: x.name}] AS city_cooperate_refs
ORDER BY i
