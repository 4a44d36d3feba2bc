// name: viz-cascade
// description: The province-to-city cascade, for the browser view: each higher-level task, the lower-level tasks that carry it out and the departments on those, as source–relationship–target rows with provenance.
// internal: true
// param: document string optional example=山东省县域经济高质量发展三年行动方案 -- the higher-level document: id, number or part of its title (all when omitted)
// param: basis string optional example=inferred -- explicit (a table states the link) or inferred (policykg link); both when omitted
// param: link string optional default=CASCADES_FROM example=RELATES_TO -- CASCADES_FROM (the default), RELATES_TO (same subject, no direction: only when asked) or any
// param: min_score float optional default=0.08 example=0.5 -- keep only links scored at least this; the default is the linker's calibrated threshold (explicit links score 1.0)
// column: source -- the start node: its properties and its label
// column: rel -- the relationship type: CASCADES_FROM or RELATES_TO (lower task → higher task; explicit or inferred), LEADS or COOPERATES_ON (department → lower task)
// column: props -- the relationship's properties (provenance: doc_id, number, span_start, span_end; basis, score, surface)
// column: target -- the end node: its properties and its label
// scan: Document -- the whole cascade network, or a higher-level document by part of its title (a substring)
MATCH (low:Task)-[c:CASCADES_FROM|RELATES_TO]->(up:Task)-[:IN_DOCUMENT]->(pdoc:Document)
WHERE ($document IS NULL OR pdoc.id = $document OR pdoc.doc_number = $document OR pdoc.title CONTAINS $document)
  AND ($basis IS NULL OR c.basis = $basis)
  AND ($link = 'any' OR type(c) = $link)
  AND coalesce(c.score, 1.0) >= $min_score
OPTIONAL MATCH (low)-[:IN_DOCUMENT]->(cdoc:Document)
RETURN low {.id, .number, .title, .text, .level, .doc_id, .span_start, .span_end, .stub, .has_responsibility, .deadline,
            label: 'Task', doc_number: cdoc.doc_number, document: cdoc.title,
            targets: [(low)-[:HAS_TARGET]->(lg:Target) | lg.text]} AS source,
       type(c) AS rel, c {.doc_id, .number, .span_start, .span_end, .basis, .score, .direction, .terms, .counterparts,
         .shared_industries, .rank, .linker, .evidence, .regions, .region_rule} AS props,
       up {.id, .number, .title, .text, .level, .doc_id, .span_start, .span_end, .stub, .has_responsibility, .deadline,
           label: 'Task', doc_number: pdoc.doc_number, document: pdoc.title,
           leads: [(pl:Department)-[plr:LEADS]->(up) | {name: pl.name, at: coalesce(plr.position, plr.span_start)}],
           cooperates: [(pc:Department)-[pcr:COOPERATES_ON]->(up) | {name: pc.name, at: coalesce(pcr.position, pcr.span_start)}]} AS target
UNION ALL
MATCH (low:Task)-[c:CASCADES_FROM|RELATES_TO]->(up:Task)-[:IN_DOCUMENT]->(pdoc:Document)
WHERE ($document IS NULL OR pdoc.id = $document OR pdoc.doc_number = $document OR pdoc.title CONTAINS $document)
  AND ($basis IS NULL OR c.basis = $basis)
  AND ($link = 'any' OR type(c) = $link)
  AND coalesce(c.score, 1.0) >= $min_score
WITH DISTINCT low
MATCH (o:Department)-[r:LEADS|COOPERATES_ON]->(low)
RETURN o {.id, .name, .level, .region, .collective, .known, .aliases, label: 'Department'} AS source, type(r) AS rel,
       r {.doc_id, .number, .span_start, .span_end, .surface, .position, .printed} AS props, low {.id, label: 'Task'} AS target
