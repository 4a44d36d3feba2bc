// name: task-lookup
// description: Tasks whose id is the value or whose heading contains it (at most 5), for checking a task filter (queries/resolve.py).
// internal: true
// param: q string required example=实施经济强县领跑计划 -- a task id or part of a heading
// column: id -- the task's id
// column: title -- its heading
// scan: Task -- part of a heading is a substring: no index finds it
MATCH (t:Task)
WHERE t.id = $q OR t.title CONTAINS $q
RETURN t.id AS id, t.title AS title
ORDER BY id
LIMIT 5
