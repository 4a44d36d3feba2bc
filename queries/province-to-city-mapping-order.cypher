// name: province-to-city-mapping-order
// description: The links the query `province-to-city-mapping` lists over all its pages, for the same filters, in its order: each as the key its rows query reads it by (the lower and higher task, the link's type and its key). The API reads it once per store version and each page by its keys.
// internal: true
// param: document string optional example=山东省县域经济高质量发展三年行动方案 -- the higher-level document: id, number or part of its title
// param: task string optional example=实施经济强县领跑计划 -- the higher-level task: id or part of its heading
// param: city string optional example=菏泽市 -- the region of the lower-level document
// param: department string optional example=省发展改革委 -- a department leading or cooperating on either side (id, canonical name or alias: resolved to the id before the query runs)
// param: basis string optional example=inferred -- explicit (a table states the link) or inferred (policykg link); both when omitted
// param: link string optional default=CASCADES_FROM example=RELATES_TO -- CASCADES_FROM (the default), RELATES_TO (same subject, no direction: only when asked) or any
// param: min_score float optional default=0.08 example=0.5 -- keep only links scored at least this; the default is the linker's calibrated threshold (explicit links score 1.0)
// column: key -- the link: [lower task id, higher task id, its type, the relationship's key]
// scan: Document -- the links are found from the higher-level documents and sorted, all of them: this is the listing's order; a document filter matches part of a title
// scan: Task -- with no filter every link is read, from whichever end the engine picks (on a small graph, the tasks)
WITH 1 AS go
// no department, no city, no document: every link, from the higher-level documents. A document, a department and a
// city are branches of their own below, anchored on what they name. Each branch's guard comes first, on one row,
// so a branch that does not apply ends before its MATCH: a guard in the MATCH's WHERE is tested link by link, and
// the scan of every link cost each filtered request seconds on a 10,000-document store
WHERE $department IS NULL AND $city IS NULL AND $document IS NULL
MATCH (low:Task)-[c:CASCADES_FROM|RELATES_TO]->(up:Task)-[:IN_DOCUMENT]->(pdoc:Document)
WHERE ($basis IS NULL OR c.basis = $basis)
  AND ($link = 'any' OR type(c) = $link)
  AND coalesce(c.score, 1.0) >= $min_score
MATCH (low)-[:IN_DOCUMENT]->(cdoc:Document)
// the filter on the task behind a WITH: in the MATCH it made FalkorDB start from every Task, not every Document
WITH low, c, up, pdoc, cdoc
WHERE $task IS NULL OR up.id = $task OR up.title CONTAINS $task
RETURN [low.id, up.id, type(c), c.key] AS key
ORDER BY c.score DESC, coalesce(pdoc.title, pdoc.doc_number), cdoc.id, low.span_start, low.id, type(c)
UNION ALL
// a document (no department, no city): the documents it names (part of a title: every document is read for it),
// then only their tasks' links
WITH 1 AS go
WHERE $department IS NULL AND $city IS NULL AND $document IS NOT NULL
MATCH (pdoc:Document)
WHERE pdoc.id = $document OR pdoc.doc_number = $document OR pdoc.title CONTAINS $document
MATCH (low:Task)-[c:CASCADES_FROM|RELATES_TO]->(up:Task)-[:IN_DOCUMENT]->(pdoc)
WHERE ($basis IS NULL OR c.basis = $basis)
  AND ($link = 'any' OR type(c) = $link)
  AND coalesce(c.score, 1.0) >= $min_score
MATCH (low)-[:IN_DOCUMENT]->(cdoc:Document)
WITH low, c, up, pdoc, cdoc
WHERE $task IS NULL OR up.id = $task OR up.title CONTAINS $task
RETURN [low.id, up.id, type(c), c.key] AS key
ORDER BY c.score DESC, coalesce(pdoc.title, pdoc.doc_number), cdoc.id, low.span_start, low.id, type(c)
UNION ALL
// a department (resolved to its id before the query runs): the links on either side of the tasks it leads or
// cooperates on, each once, found again by the tasks' ids to be filtered and sorted
MATCH (:Department {id: $department})-[:LEADS|COOPERATES_ON]->(ft:Task)
WITH DISTINCT ft
WITH [(ft)-[c1:CASCADES_FROM|RELATES_TO]->(u1:Task) | [ft.id, u1.id, type(c1), c1.key]]
     + [(l2:Task)-[c2:CASCADES_FROM|RELATES_TO]->(ft) | [l2.id, ft.id, type(c2), c2.key]] AS links
UNWIND links AS k
WITH DISTINCT k
MATCH (low:Task {id: k[0]})-[c:CASCADES_FROM|RELATES_TO]->(up:Task {id: k[1]})
WHERE type(c) = k[2] AND (k[3] IS NULL OR c.key = k[3])
MATCH (up)-[:IN_DOCUMENT]->(pdoc:Document)
MATCH (low)-[:IN_DOCUMENT]->(cdoc:Document)
WITH low, c, up, pdoc, cdoc
WHERE true
  AND ($document IS NULL OR pdoc.id = $document OR pdoc.doc_number = $document OR pdoc.title CONTAINS $document)
  AND ($basis IS NULL OR c.basis = $basis)
  AND ($link = 'any' OR type(c) = $link)
  AND coalesce(c.score, 1.0) >= $min_score
  AND ($city IS NULL OR cdoc.region = $city)
  AND ($task IS NULL OR up.id = $task OR up.title CONTAINS $task)
RETURN [low.id, up.id, type(c), c.key] AS key
ORDER BY c.score DESC, coalesce(pdoc.title, pdoc.doc_number), cdoc.id, low.span_start, low.id, type(c)
UNION ALL
// a city (no department): the links from the tasks of its documents, by the region index
MATCH (cdoc:Document {region: $city})<-[:IN_DOCUMENT]-(low:Task)-[c:CASCADES_FROM|RELATES_TO]->(up:Task)
WHERE $department IS NULL
MATCH (up)-[:IN_DOCUMENT]->(pdoc:Document)
WITH low, c, up, pdoc, cdoc
WHERE true
  AND ($document IS NULL OR pdoc.id = $document OR pdoc.doc_number = $document OR pdoc.title CONTAINS $document)
  AND ($basis IS NULL OR c.basis = $basis)
  AND ($link = 'any' OR type(c) = $link)
  AND coalesce(c.score, 1.0) >= $min_score
  AND ($city IS NULL OR cdoc.region = $city)
  AND ($task IS NULL OR up.id = $task OR up.title CONTAINS $task)
RETURN [low.id, up.id, type(c), c.key] AS key
ORDER BY c.score DESC, coalesce(pdoc.title, pdoc.doc_number), cdoc.id, low.span_start, low.id, type(c)
