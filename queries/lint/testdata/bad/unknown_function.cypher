// name: unknown_function
// expect: error Function toLowr is not present in the database
MATCH (d:Department)
RETURN toLowr(d.name) AS name
