// name: province-to-city
// description: The province-to-city task mapping: each higher-level task with its leads and the lower-level tasks and units that carry it out, explicit links (tables) and inferred ones (policykg link) together, each with its basis, score and evidence.
// param: document string optional example=山东省县域经济高质量发展三年行动方案 -- the higher-level document: id, number or part of its title (all when omitted)
// param: basis string optional example=inferred -- explicit (a table states the link) or inferred (policykg link); both when omitted
// param: link string optional default=CASCADES_FROM example=RELATES_TO -- CASCADES_FROM (the default), RELATES_TO (same subject, no direction: only when asked) or any
// param: min_score float optional default=0.06 example=0.5 -- keep only links scored at least this; the default is the linker's calibrated threshold (explicit links score 1.0)
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
MATCH (low:Task)-[c:CASCADES_FROM|RELATES_TO]->(up:Task)-[:IN_DOCUMENT]->(pdoc:Document)
WHERE ($document IS NULL OR pdoc.id = $document OR pdoc.doc_number = $document OR pdoc.title CONTAINS $document)
  AND ($basis IS NULL OR c.basis = $basis)
  AND ($link = 'any' OR type(c) = $link)
  AND coalesce(c.score, 1.0) >= $min_score
MATCH (low)-[:IN_DOCUMENT]->(cdoc:Document)
RETURN pdoc.title AS provincial_document, up.title AS provincial_task,
       [(pl:Department)-[:LEADS]->(up) | pl.name] AS provincial_leads,
       [(pc:Department)-[:COOPERATES_ON]->(up) | pc.name] AS provincial_cooperates,
       cdoc.doc_number AS city_document, low.id AS city_task_id, low.number AS city_task,
       [(cl:Department)-[:LEADS]->(low) | cl.name] AS city_leads,
       [(cc:Department)-[:COOPERATES_ON]->(low) | cc.name] AS city_cooperates,
       type(c) AS link, c.basis AS basis, c.score AS score, c.direction AS direction,
       coalesce(c.terms, []) AS shared_terms, coalesce(c.counterparts, []) AS counterparts, c.regions AS regions
ORDER BY provincial_document, up.id, score DESC, low.span_start
