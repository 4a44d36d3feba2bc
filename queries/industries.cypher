// name: industries
// description: Industries named in the documents, in name order, one page at a time: the broader industry each belongs to, its sub-industries and how many tasks concern it.
// param: name string optional example=生产性服务业 -- only this industry
// param: offset int optional default=0 example=0 -- skip this many industries (paging)
// param: limit int optional default=50 example=20 -- at most this many industries (paging)
// column: name -- the industry
// column: parent -- the broader industry it belongs to, if any
// column: subindustries -- industries inside it
// column: tasks -- tasks about it
// column: total -- industries matching (all pages)
// scan: Industry -- a listing in name order sorts the industries to cut the page; the page's counts are read for the page only
MATCH (i:Industry)
WHERE $name IS NULL OR i.name = $name
WITH i ORDER BY i.name
WITH collect(i) AS matched
UNWIND range(0, size(matched) - 1)[$offset..$offset + $limit] AS k
WITH matched[k] AS i, k, size(matched) AS total
// OPTIONAL MATCH + aggregation: FalkorDB runs it several times faster than a pattern comprehension per row
OPTIONAL MATCH (i)-[:SUBINDUSTRY_OF]->(up:Industry)
WITH i, k, total, head(collect(up.name)) AS parent
OPTIONAL MATCH (sub:Industry)-[:SUBINDUSTRY_OF]->(i)
WITH i, k, total, parent, collect(sub.name) AS subindustries
OPTIONAL MATCH (about:Task)-[:CONCERNS]->(i)
WITH i, k, total, parent, subindustries, count(about) AS tasks
RETURN i.name AS name, parent, subindustries, tasks, total
ORDER BY k
