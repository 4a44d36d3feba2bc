// name: two_statements
// expect: error file must hold exactly one statement, found 2
MATCH (d:Department) RETURN d.name AS name;
MATCH (t:Task) RETURN t.id AS id
