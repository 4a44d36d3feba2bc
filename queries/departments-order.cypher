// name: departments-order
// description: The departments the query `departments` lists over all its pages, for the same filters, in its order (name, id): each by its id. The API reads it once per store version and each page by its ids.
// internal: true
// param: level string optional example=city -- province, city or county
// param: region string optional example=菏泽市 -- the region whose government the department belongs to
// param: prefix string optional example=市 -- the canonical name starts with this
// column: key -- the department's id
// scan: Department -- the departments that pass the filters are sorted, all of them: this is the listing's order
MATCH (d:Department)
WHERE ($level IS NULL OR d.level = $level) AND ($region IS NULL OR d.region = $region)
  AND ($prefix IS NULL OR d.name STARTS WITH $prefix)
RETURN d.id AS key
ORDER BY d.name, d.id
