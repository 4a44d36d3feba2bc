// name: department-names
// description: Every department with its region and the names the documents print for it, for resolving what a user writes (queries/resolve.py).
// internal: true
// column: id -- the department's id
// column: name -- its canonical name
// column: region -- the region whose government it belongs to
// column: level -- province, city or county
// column: aliases -- other names the documents write it under
// scan: Department -- every department, for the name resolver (the API keeps it per store version)
MATCH (d:Department)
RETURN d.id AS id, d.name AS name, d.region AS region, d.level AS level, coalesce(d.aliases, []) AS aliases
ORDER BY id
