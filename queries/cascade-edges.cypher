// name: cascade-edges
// description: Every cascade link between a lower-level and a higher-level task with both levels, for graph analytics in networkx (departments bridging provincial and city tasks).
// internal: true
// param: min_score float optional example=0.5 -- keep only links scored at least this (explicit links score 1.0)
// column: lower_id -- the lower-level task
// column: lower_level -- its level
// column: upper_id -- the higher-level task it carries out
// column: upper_level -- that task's level
// column: basis -- explicit or inferred
// column: score -- confidence of the link
// scan: Task -- every cascade link, for the analytics: the whole graph by design (kept per store version by the API)
MATCH (low:Task)-[c:CASCADES_FROM]->(up:Task)
WHERE $min_score IS NULL OR c.score >= $min_score
RETURN low.id AS lower_id, low.level AS lower_level, up.id AS upper_id, up.level AS upper_level, c.basis AS basis,
       c.score AS score
ORDER BY lower_id, upper_id
