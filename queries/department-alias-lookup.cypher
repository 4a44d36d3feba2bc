// name: department-alias-lookup
// description: The departments the documents print under this name besides their canonical one (in one region when given), for resolving a name without reading every department (queries/resolve.py).
// internal: true
// param: alias string required example=市发展和改革委员会 -- a name as a document prints it
// param: region string optional example=菏泽市 -- only the department of this region
// column: id -- the department's id
// column: name -- its canonical name
// column: region -- the region whose government it belongs to
// column: level -- province, city or county
// column: aliases -- other names the documents write it under
MATCH (d:Department)
// the aliases are indexed element by element (FalkorDB's array index): `IN` finds them without reading every
// department (Neo4j's range index does not serve list membership: there it reads them all)
WHERE $alias IN d.aliases AND ($region IS NULL OR d.region = $region)
RETURN d.id AS id, d.name AS name, d.region AS region, d.level AS level, coalesce(d.aliases, []) AS aliases
ORDER BY id
