// name: department-lookup
// description: The departments with this canonical name or id (in one region when given), for resolving a name without reading every department (queries/resolve.py).
// internal: true
// param: name string required example=市发展改革委 -- a canonical name or a department id
// param: region string optional example=菏泽市 -- only the department of this region
// column: id -- the department's id
// column: name -- its canonical name
// column: region -- the region whose government it belongs to
// column: level -- province, city or county
// column: aliases -- other names the documents write it under
MATCH (d:Department {name: $name})
WHERE $region IS NULL OR d.region = $region
RETURN d.id AS id, d.name AS name, d.region AS region, d.level AS level, coalesce(d.aliases, []) AS aliases
ORDER BY id
// the id apart: `name = $name OR id = $name` would read every department instead of the two indexes
UNION ALL
MATCH (d:Department {id: $name})
WHERE $region IS NULL OR d.region = $region
RETURN d.id AS id, d.name AS name, d.region AS region, d.level AS level, coalesce(d.aliases, []) AS aliases
ORDER BY id
