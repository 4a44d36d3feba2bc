// name: province-to-city-mapping
// description: The province-to-city task mapping filtered by provincial document, provincial task, city and department, one page at a time: each higher-level task with its leads and the lower-level task and units that carry it out; explicit links (tables) and inferred ones (policykg link) together, with basis, score and evidence.
// param: document string optional example=山东省县域经济高质量发展三年行动方案 -- the higher-level document: id, number or part of its title
// param: task string optional example=实施经济强县领跑计划 -- the higher-level task: id or part of its heading
// param: city string optional example=菏泽市 -- the region of the lower-level document
// param: department string optional example=省发展改革委 -- a department leading or cooperating on either side (id, canonical name or alias: resolved to the id before the query runs)
// param: basis string optional example=inferred -- explicit (a table states the link) or inferred (policykg link); both when omitted
// param: link string optional default=CASCADES_FROM example=RELATES_TO -- CASCADES_FROM (the default), RELATES_TO (same subject, no direction: only when asked) or any
// param: min_score float optional default=0.08 example=0.5 -- keep only links scored at least this; the default is the linker's calibrated threshold (explicit links score 1.0)
// param: offset int optional default=0 example=0 -- skip this many links (paging)
// param: limit int optional default=50 example=20 -- at most this many links (paging)
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
// show: provincial_document_id, provincial_document, provincial_task_id, provincial_task, provincial_leads, provincial_cooperates, city, city_document_id, city_document, city_task_id, city_task, city_leads, city_cooperates, link, basis, score, direction, shared_terms, counterparts, regions
// total: province-to-city-mapping-count
// order: province-to-city-mapping-order
// rows: province-to-city-mapping-rows
// scan: Document -- the links are found from the higher-level documents and sorted by score to cut the page; only the page's links are read in full
OPTIONAL MATCH (f:Department {id: coalesce($department, '')})-[:LEADS|COOPERATES_ON]->(ft:Task)
// the department filter as a list of task ids, computed once through the department's id (resolved before the
// query runs: the id index anchors it, also when none is asked for, through coalesce); per-link pattern tests cost FalkorDB milliseconds
WITH collect(ft.id) AS department_tasks
MATCH (low:Task)-[c:CASCADES_FROM|RELATES_TO]->(up:Task)-[:IN_DOCUMENT]->(pdoc:Document)
WHERE ($document IS NULL OR pdoc.id = $document OR pdoc.doc_number = $document OR pdoc.title CONTAINS $document)
  AND ($basis IS NULL OR c.basis = $basis)
  AND ($link = 'any' OR type(c) = $link)
  AND coalesce(c.score, 1.0) >= $min_score
MATCH (low)-[:IN_DOCUMENT]->(cdoc:Document)
// the filters on the tasks behind a WITH: in the MATCH they made FalkorDB start from every Task, not every Document
WITH department_tasks, low, c, up, pdoc, cdoc
WHERE ($city IS NULL OR cdoc.region = $city)
  AND ($task IS NULL OR up.id = $task OR up.title CONTAINS $task)
  AND ($department IS NULL OR low.id IN department_tasks OR up.id IN department_tasks)
// explicit links (score 1.0) first, then the strongest inferred ones; the page is cut before anything else is read
WITH low, c, up, pdoc, cdoc ORDER BY c.score DESC, coalesce(pdoc.title, pdoc.doc_number), cdoc.id, low.span_start, low.id, type(c) SKIP $offset LIMIT $limit
// the page's departments: OPTIONAL MATCH + collect, which FalkorDB runs several times faster than pattern comprehensions
// each list in the order the source prints it (the edge's position; its span before that was recorded), each
// department once however many tables repeat its edge
OPTIONAL MATCH (pl:Department)-[plr:LEADS]->(up)
WITH low, c, up, pdoc, cdoc, pl, min(coalesce(plr.position, plr.span_start)) AS at_pl
     ORDER BY at_pl, pl.name
WITH low, c, up, pdoc, cdoc, collect(pl) AS provincial_leads
OPTIONAL MATCH (pc:Department)-[pcr:COOPERATES_ON]->(up)
WITH low, c, up, pdoc, cdoc, provincial_leads, pc, min(coalesce(pcr.position, pcr.span_start)) AS at_pc
     ORDER BY at_pc, pc.name
WITH low, c, up, pdoc, cdoc, provincial_leads, collect(pc) AS provincial_cooperates
OPTIONAL MATCH (cl:Department)-[clr:LEADS]->(low)
WITH low, c, up, pdoc, cdoc, provincial_leads, provincial_cooperates, cl, min(coalesce(clr.position, clr.span_start)) AS at_cl
     ORDER BY at_cl, cl.name
WITH low, c, up, pdoc, cdoc, provincial_leads, provincial_cooperates, collect(cl) AS city_leads
OPTIONAL MATCH (cc:Department)-[ccr:COOPERATES_ON]->(low)
WITH low, c, up, pdoc, cdoc, provincial_leads, provincial_cooperates, city_leads, cc, min(coalesce(ccr.position, ccr.span_start)) AS at_cc
     ORDER BY at_cc, cc.name
WITH low, c, up, pdoc, cdoc, provincial_leads, provincial_cooperates, city_leads, collect(cc) AS city_cooperates
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
ORDER BY c.score DESC, coalesce(pdoc.title, pdoc.doc_number), cdoc.id, low.span_start, low.id, type(c)
