// name: link-units
// description: One row per task with what the cross-level linker compares (text, departments, industries, target metrics, dates, explicit cascades); `policykg link` reads the store through it.
// internal: true
// column: id -- the task's id
// column: title -- its heading
// column: text -- its text
// column: number -- its provision number
// column: level -- province, city or county
// column: stub -- true for a higher-level task known only from a table that quotes it
// column: has_responsibility -- whether it has a responsibility clause
// column: doc_id -- the document it sits in
// column: date -- that document's date
// column: region_code -- that document's region (adcode)
// column: region_basis -- what gave the region: issuer, title, doc_number or body
// column: source_doc -- the document the task was read from
// column: source_date -- that document's date
// column: source_region_code -- that document's region (a quoted task's region follows from it)
// column: departments -- departments leading or cooperating on it
// column: industries -- industries it concerns
// column: metrics -- metrics of its targets
// column: implements -- documents its document implements
// column: stated_by -- lower-level tasks a table states cascade from it
// column: words -- the evidence words a relink kept for it, space-separated (graph.linking.words); null before
// column: words_of -- the key of the text those words were read from
// scan: Document -- every task, for the linker: the whole graph by design
MATCH (t:Task)-[:IN_DOCUMENT]->(d:Document)
// relationship types are tested with type(), not written in the patterns below: FalkorDB 4.16 caches the plan
// made while a type did not exist yet, and that plan keeps answering [] once the type appears
OPTIONAL MATCH (src:Document {id: t.doc_id})
RETURN t.id AS id, t.title AS title, t.text AS text, t.number AS number,
       coalesce(t.level, d.level) AS level, coalesce(t.stub, false) AS stub, t.has_responsibility AS has_responsibility,
       d.id AS doc_id, d.date AS date, d.region_code AS region_code, d.region_basis AS region_basis,
       t.doc_id AS source_doc, src.date AS source_date, src.region_code AS source_region_code,
       [(x1:Department)-[r1]->(t) WHERE type(r1) IN ['LEADS', 'COOPERATES_ON'] | x1.name] AS departments,
       [(t)-[r2]->(x2:Industry) WHERE type(r2) = 'CONCERNS' | x2.name] AS industries,
       [(t)-[r3]->(x3:Target) WHERE type(r3) = 'HAS_TARGET' | x3.metric] AS metrics,
       [(d)-[r4]->(x4:Document) WHERE type(r4) = 'IMPLEMENTS' | x4.id] AS implements,
       [(x5:Task)-[r5]->(t) WHERE type(r5) = 'CASCADES_FROM' AND r5.basis = 'explicit' | x5.id] AS stated_by,
       t.link_words AS words, t.link_words_of AS words_of
ORDER BY id
