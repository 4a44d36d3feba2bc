// name: departments
// description: Departments in name order, filtered by level, region and name prefix, one page at a time; with how many tasks each leads and cooperates on and the total that match.
// param: level string optional example=city -- province, city or county
// param: region string optional example=菏泽市 -- the region whose government the department belongs to
// param: prefix string optional example=市 -- the canonical name starts with this
// param: offset int optional default=0 example=0 -- skip this many departments (paging)
// param: limit int optional default=50 example=20 -- at most this many departments (paging)
// column: id -- the department's stable id (dept:<region code>:<name>)
// column: name -- its canonical name
// column: level -- province, city or county (null when unknown)
// column: region -- the region whose government it belongs to
// column: collective -- true for a collective unit (市有关部门, 各县区政府、管委会)
// column: known -- true when the alias file knows the name
// column: aliases -- other names it is written under in the documents (OCR variants, old names)
// column: leads_count -- how many tasks it leads
// column: cooperates_count -- how many tasks it cooperates on
// column: total -- departments matching the filters (all pages)
// show: name, level, region, leads_count, cooperates_count
// order: departments-order
// rows: departments-rows
// scan: Department -- a listing in name order sorts the departments that pass the filters to cut the page; the page's counts are read for the page only
MATCH (d:Department)
WHERE ($level IS NULL OR d.level = $level) AND ($region IS NULL OR d.region = $region)
  AND ($prefix IS NULL OR d.name STARTS WITH $prefix)
WITH d ORDER BY d.name, d.id
WITH collect(d) AS matched
UNWIND range(0, size(matched) - 1)[$offset..$offset + $limit] AS i
WITH matched[i] AS d, i, size(matched) AS total
// OPTIONAL MATCH + count: FalkorDB runs it several times faster than a pattern comprehension per row
OPTIONAL MATCH (d)-[:LEADS]->(led:Task)
WITH d, i, total, count(led) AS leads_count
OPTIONAL MATCH (d)-[:COOPERATES_ON]->(helped:Task)
WITH d, i, total, leads_count, count(helped) AS cooperates_count
RETURN d.id AS id, d.name AS name, d.level AS level, d.region AS region, coalesce(d.collective, false) AS collective,
       coalesce(d.known, false) AS known, coalesce(d.aliases, []) AS aliases, leads_count, cooperates_count, total
ORDER BY i
