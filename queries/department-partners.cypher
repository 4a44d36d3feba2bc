// name: department-partners
// description: Who works with whom: pairs of departments by the number of tasks they share (as lead or cooperator). Collective units (市有关部门) are left out.
// param: name string optional example=市发展改革委 refers=department -- only pairs with this department (canonical name or alias)
// param: limit int optional default=50 example=20 -- at most this many pairs
// column: department_a -- one department
// column: department_b -- the other department
// column: shared_tasks -- number of tasks both work on
// scan: Department -- every pair of departments sharing a task is counted to rank the pairs
MATCH (a:Department)-[:LEADS|COOPERATES_ON]->(t:Task)<-[:LEADS|COOPERATES_ON]-(b:Department)
WHERE a.id < b.id AND NOT coalesce(a.collective, false) AND NOT coalesce(b.collective, false)
  AND ($name IS NULL OR $name IN [a.name, b.name] OR $name IN (coalesce(a.aliases, []) + coalesce(b.aliases, [])))
RETURN a.name AS department_a, b.name AS department_b, count(DISTINCT t) AS shared_tasks
ORDER BY shared_tasks DESC, department_a, department_b
LIMIT $limit
