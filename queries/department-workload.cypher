// name: department-workload
// description: Departments by workload: how many tasks each leads and cooperates on and how many targets it owns (the targets of the tasks it leads), busiest first.
// param: level string optional example=city -- only departments of this level (province, city or county)
// param: include_collective bool optional default=false example=true -- also list collective units (市有关部门, 各县区政府、管委会)
// column: department_id -- the department's id
// column: department -- its canonical name
// column: level -- province, city or county
// column: region -- the region whose government it belongs to
// column: collective -- true for a collective unit
// column: aliases -- other names it is written under in the documents
// column: led -- tasks it leads
// column: cooperated -- tasks it cooperates on
// column: targets_owned -- targets stated in the tasks it leads
// show: department, level, region, led, cooperated, targets_owned
// scan: Department -- every department's tasks are counted to rank them (the API keeps it per store version)
MATCH (d:Department)
WHERE ($level IS NULL OR d.level = $level) AND ($include_collective OR NOT coalesce(d.collective, false))
WITH d,
     reduce(acc = [], x IN [(d)-[:LEADS]->(lt:Task) | lt.id] | CASE WHEN x IN acc THEN acc ELSE acc + x END) AS led,
     reduce(acc2 = [], y IN [(d)-[:COOPERATES_ON]->(ct:Task) | ct.id] | CASE WHEN y IN acc2 THEN acc2 ELSE acc2 + y END) AS cooperated,
     reduce(acc3 = [], z IN [(d)-[:LEADS]->(:Task)-[:HAS_TARGET]->(g:Target) | g.id] |
            CASE WHEN z IN acc3 THEN acc3 ELSE acc3 + z END) AS targets
WHERE size(led) + size(cooperated) > 0
RETURN d.id AS department_id, d.name AS department, d.level AS level, d.region AS region,
       coalesce(d.collective, false) AS collective, coalesce(d.aliases, []) AS aliases, size(led) AS led, size(cooperated) AS cooperated,
       size(targets) AS targets_owned
ORDER BY led DESC, cooperated DESC, targets_owned DESC, department_id
