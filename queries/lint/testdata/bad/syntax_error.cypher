// name: syntax_error
// expect: error Invalid input 'RETURN'
MATCH (t:Task {id: $id}
RETURN t.title AS title
