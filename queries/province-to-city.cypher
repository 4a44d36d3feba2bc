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
// scan: Document -- page 1 sorts the higher-level documents by title and reads their links in that order until the page is full; a later page sorts every link to cut it; a document filter matches part of a title
WITH 1 AS go
// page 1: the higher-level documents in page order (10,000 are sorted in milliseconds), each kept when it lists a
// link. Each kept one lists at least one, so the page's links are among the links of the first $limit of them, and
// only those are sorted to cut it (sorting every link took 1.1-2.9 s at 10,000 documents): the engine tests the
// documents in order and stops once it has enough. A later page is the branch below (a LIMIT takes no sum of
// parameters in FalkorDB, and CALL {} imports are deprecated in Neo4j 5)
WHERE $offset = 0
MATCH (pdoc:Document)
WHERE $document IS NULL OR pdoc.id = $document OR pdoc.doc_number = $document OR pdoc.title CONTAINS $document
WITH pdoc ORDER BY pdoc.title, pdoc.id
// collected and unwound in that order: straight after the sort, FalkorDB 4.16 applied the LIMIT below to the sorted
// documents before the test (page 1 lost the documents after one without links)
WITH collect(pdoc) AS ordered
UNWIND ordered AS pdoc
WITH pdoc, size([(:Document)<-[:IN_DOCUMENT]-(:Task)-[listed:CASCADES_FROM|RELATES_TO]->(:Task)-[:IN_DOCUMENT]->(pdoc)
                 WHERE ($basis IS NULL OR listed.basis = $basis) AND ($link = 'any' OR type(listed) = $link)
                   AND coalesce(listed.score, 1.0) >= $min_score | 1]) AS links
WHERE links > 0
WITH pdoc LIMIT $limit
MATCH (low:Task)-[c:CASCADES_FROM|RELATES_TO]->(up:Task)-[:IN_DOCUMENT]->(pdoc)
WHERE ($basis IS NULL OR c.basis = $basis)
  AND ($link = 'any' OR type(c) = $link)
  AND coalesce(c.score, 1.0) >= $min_score
MATCH (low)-[:IN_DOCUMENT]->(cdoc:Document)
// the page is cut before anything else is read for it
WITH low, c, up, pdoc, cdoc ORDER BY pdoc.title, pdoc.id, up.id, c.score DESC, low.span_start, low.id, type(c) LIMIT $limit
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
ORDER BY pdoc.title, pdoc.id, up.id, c.score DESC, low.span_start, low.id, type(c)
UNION ALL
WITH 1 AS go
// a later page: every link, sorted to cut it
WHERE $offset > 0
MATCH (low:Task)-[c:CASCADES_FROM|RELATES_TO]->(up:Task)-[:IN_DOCUMENT]->(pdoc:Document)
WHERE ($document IS NULL OR pdoc.id = $document OR pdoc.doc_number = $document OR pdoc.title CONTAINS $document)
  AND ($basis IS NULL OR c.basis = $basis)
  AND ($link = 'any' OR type(c) = $link)
  AND coalesce(c.score, 1.0) >= $min_score
MATCH (low)-[:IN_DOCUMENT]->(cdoc:Document)
// the page is cut before anything else is read for it
WITH low, c, up, pdoc, cdoc ORDER BY pdoc.title, pdoc.id, up.id, c.score DESC, low.span_start, low.id, type(c) SKIP $offset LIMIT $limit
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
ORDER BY pdoc.title, pdoc.id, up.id, c.score DESC, low.span_start, low.id, type(c)
