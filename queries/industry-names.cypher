// name: industry-names
// description: Every industry's name, for resolving what a user writes (queries/resolve.py).
// internal: true
// column: name -- the industry
// scan: Industry -- every industry, for the name resolver (the API keeps it per store version)
MATCH (i:Industry)
RETURN i.name AS name
ORDER BY name
