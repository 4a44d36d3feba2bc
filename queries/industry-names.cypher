// name: industry-names
// description: Every industry's name, for resolving what a user writes (queries/resolve.py).
// internal: true
// column: name -- the industry
MATCH (i:Industry)
RETURN i.name AS name
ORDER BY name
