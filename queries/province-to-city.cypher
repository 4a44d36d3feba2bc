// name: province-to-city
// description: The province-to-city task mapping, one page at a time: each higher-level task with its leads and the lower-level tasks and units that carry it out, explicit links (tables) and inferred ones (policykg link) together, each with its basis, score and evidence.
// param: document string optional example=山东省县域经济高质量发展三年行动方案 -- the higher-level document: id, number or part of its title (all when omitted)
// param: basis string optional example=inferred -- explicit (a table states the link) or inferred (policykg link); both when omitted
// param: link string optional default=CASCADES_FROM example=RELATES_TO -- CASCADES_FROM (the default), RELATES_TO (same subject, no direction: only when asked) or any
// param: min_score float optional default=0.08 example=0.5 -- keep only links scored at least this; the default is the linker's calibrated threshold (explicit links score 1.0)
// param: offset int optional default=0 example=0 -- skip this many links (paging)
// param: limit int optional default=50 example=20 -- at most this many links (paging)
// column: provincial_document -- title of the higher-level document
// column: provincial_task -- the higher-level task
// column: provincial_leads -- departments that lead it
// column: provincial_cooperates -- departments that cooperate on it
// column: city_document -- number of the lower-level document
// column: city_task_id -- id of the lower-level task
// column: city_task -- number of the lower-level task in its document
// column: city_leads -- lower-level departments that carry it out
// column: city_cooperates -- lower-level departments that cooperate
// column: link -- CASCADES_FROM (the lower task carries the higher one out) or RELATES_TO (same subject, no direction)
// column: basis -- explicit (a table or 分工方案 says so) or inferred
// column: score -- confidence of the link (explicit links score 1.0)
// column: direction -- for inferred links: how the documents' dates or implements statements decided the type
// column: shared_terms -- evidence of an inferred link: key terms both texts use
// column: counterparts -- evidence: department pairs (省科技厅→市科技局) on both sides
// column: regions -- evidence: the two documents' regions and what gave them (山东省 (issuer) ⊃ 菏泽市 (doc_number)), or the document the lower one names
// total: province-to-city-mapping-count
// show: city_document, city_task, city_leads, basis
// group: provincial_document, provincial_task, provincial_leads
// scan: Document -- the links are found from the higher-level documents and sorted to cut the page; only the page's links are read in full
MATCH (low:Task)-[c:CASCADES_FROM|RELATES_TO]->(up:Task)-[:IN_DOCUMENT]->(pdoc:Document)
WHERE ($document IS NULL OR pdoc.id = $document OR pdoc.doc_number = $document OR pdoc.title CONTAINS $document)
  AND ($basis IS NULL OR c.basis = $basis)
  AND ($link = 'any' OR type(c) = $link)
  AND coalesce(c.score, 1.0) >= $min_score
MATCH (low)-[:IN_DOCUMENT]->(cdoc:Document)
// the page is cut before anything else is read for it
WITH low, c, up, pdoc, cdoc ORDER BY pdoc.title, up.id, c.score DESC, low.span_start, low.id, type(c) SKIP $offset LIMIT $limit
// each list of departments in the order the source prints it (the edge's position; its span before that was recorded),
// each department once however many tables repeat its edge
OPTIONAL MATCH (pl:Department)-[plr:LEADS]->(up)
WITH low, c, up, pdoc, cdoc, pl, min(coalesce(plr.position, plr.span_start)) AS at_pl
     ORDER BY at_pl, pl.name
WITH low, c, up, pdoc, cdoc, collect(pl.name) AS provincial_leads
OPTIONAL MATCH (pc:Department)-[pcr:COOPERATES_ON]->(up)
WITH low, c, up, pdoc, cdoc, provincial_leads, pc, min(coalesce(pcr.position, pcr.span_start)) AS at_pc
     ORDER BY at_pc, pc.name
WITH low, c, up, pdoc, cdoc, provincial_leads, collect(pc.name) AS provincial_cooperates
OPTIONAL MATCH (cl:Department)-[clr:LEADS]->(low)
WITH low, c, up, pdoc, cdoc, provincial_leads, provincial_cooperates, cl, min(coalesce(clr.position, clr.span_start)) AS at_cl
     ORDER BY at_cl, cl.name
WITH low, c, up, pdoc, cdoc, provincial_leads, provincial_cooperates, collect(cl.name) AS city_leads
OPTIONAL MATCH (cc:Department)-[ccr:COOPERATES_ON]->(low)
WITH low, c, up, pdoc, cdoc, provincial_leads, provincial_cooperates, city_leads, cc, min(coalesce(ccr.position, ccr.span_start)) AS at_cc
     ORDER BY at_cc, cc.name
WITH low, c, up, pdoc, cdoc, provincial_leads, provincial_cooperates, city_leads, collect(cc.name) AS city_cooperates
RETURN pdoc.title AS provincial_document, up.title AS provincial_task,
       provincial_leads, provincial_cooperates,
       cdoc.doc_number AS city_document, low.id AS city_task_id, low.number AS city_task,
       city_leads, city_cooperates,
       type(c) AS link, c.basis AS basis, c.score AS score, c.direction AS direction,
       coalesce(c.terms, []) AS shared_terms, coalesce(c.counterparts, []) AS counterparts, c.regions AS regions
ORDER BY pdoc.title, up.id, c.score DESC, low.span_start, low.id, type(c)
