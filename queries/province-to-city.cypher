// name: province-to-city
// description: The province-to-city task mapping: each higher-level task with its leads and the lower-level tasks and units that carry it out.
// param: document string optional example=山东省县域经济高质量发展三年行动方案 -- the higher-level document: id, number or part of its title (all when omitted)
// param: min_score float optional example=0.5 -- keep only links scored at least this (explicit links score 1.0)
// column: provincial_document -- title of the higher-level document
// column: provincial_task -- the higher-level task
// column: provincial_leads -- departments that lead it
// column: provincial_cooperates -- departments that cooperate on it
// column: city_document -- number of the lower-level document
// column: city_task_id -- id of the lower-level task
// column: city_task -- number of the lower-level task in its document
// column: city_leads -- lower-level departments that carry it out
// column: city_cooperates -- lower-level departments that cooperate
// column: basis -- explicit (a table or 分工方案 says so) or inferred
// column: score -- confidence of the link
MATCH (low:Task)-[c:CASCADES_FROM]->(up:Task)-[:IN_DOCUMENT]->(pdoc:Document)
WHERE ($document IS NULL OR pdoc.id = $document OR pdoc.doc_number = $document OR pdoc.title CONTAINS $document)
  AND ($min_score IS NULL OR c.score >= $min_score)
MATCH (low)-[:IN_DOCUMENT]->(cdoc:Document)
RETURN pdoc.title AS provincial_document, up.title AS provincial_task,
       [(pl:Department)-[:LEADS]->(up) | pl.name] AS provincial_leads,
       [(pc:Department)-[:COOPERATES_ON]->(up) | pc.name] AS provincial_cooperates,
       cdoc.doc_number AS city_document, low.id AS city_task_id, low.number AS city_task,
       [(cl:Department)-[:LEADS]->(low) | cl.name] AS city_leads,
       [(cc:Department)-[:COOPERATES_ON]->(low) | cc.name] AS city_cooperates,
       c.basis AS basis, c.score AS score
ORDER BY provincial_document, low.span_start
