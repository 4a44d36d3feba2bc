// name: targets
// description: Quantified targets, filtered by due year, owning department, industry or document; with the task that states them and who owns them.
// param: year int optional example=2025 -- the year the target falls due
// param: department string optional example=市发展改革委 -- a department that leads the target's task (name or alias)
// param: industry string optional example=生物医药 -- an industry the target's task concerns
// param: document string optional example=菏政发〔2024〕1号 -- document id, number or part of its title
// column: year -- due year (null when the text gives none)
// column: metric -- what is measured
// column: value -- the number
// column: unit -- its unit (万/亿 kept in the unit)
// column: qualifier -- 以上, 左右, 达到, 不少于 …
// column: text -- the sentence part that states it
// column: task_id -- the task (null for a document-wide target in the preamble)
// column: number -- the provision it sits in
// column: doc_number -- the document's number
// column: owners -- departments leading the task
MATCH (g:Target)
WHERE $year IS NULL OR g.year = $year
OPTIONAL MATCH (t:Task)-[:HAS_TARGET]->(g)
OPTIONAL MATCH (doc:Document {id: g.doc_id})
WITH g, t, doc,
     CASE WHEN t IS NULL THEN [] ELSE [(ld:Department)-[:LEADS]->(t) | ld] END AS leaders,
     CASE WHEN t IS NULL THEN [] ELSE [(t)-[:CONCERNS]->(ti:Industry) | ti.name] END AS industries
WHERE ($department IS NULL OR any(x IN leaders WHERE x.name = $department OR $department IN coalesce(x.aliases, [])))
  AND ($industry IS NULL OR $industry IN industries)
  AND ($document IS NULL OR doc.id = $document OR doc.doc_number = $document OR doc.title CONTAINS $document)
RETURN g.year AS year, g.metric AS metric, g.value AS value, g.unit AS unit, g.qualifier AS qualifier, g.text AS text,
       t.id AS task_id, g.number AS number, doc.doc_number AS doc_number, [x IN leaders | x.name] AS owners
ORDER BY year, doc_number, g.span_start
