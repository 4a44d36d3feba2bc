"""The read-only guard in front of every public Cypher surface.

Both engines also refuse writes themselves (FalkorDB's GRAPH.RO_QUERY, a
Neo4j read transaction); this lexical check comes first so that a write never
reaches an engine through a read path, and so that what engines let through
as "reads" (LOAD CSV, procedure calls) is refused the same way on both.
"""
from __future__ import annotations

import re

from .cypher_text import mask_literals
from .errors import ReadOnlyViolation

_WRITE_CLAUSES = re.compile(
    r"(?<![.\w$])(CREATE|MERGE|SET|DELETE|REMOVE|DETACH|DROP|FOREACH|LOAD\s+CSV|ALTER|GRANT|DENY|REVOKE|"
    r"START\s+DATABASE|STOP\s+DATABASE|TERMINATE|IN\s+TRANSACTIONS|USING\s+PERIODIC\s+COMMIT)\b",
    re.IGNORECASE,
)
# CALL of a procedure (CALL name.space(...)); CALL { … } subqueries are plain reads
_PROCEDURE_CALL = re.compile(r"(?<![.\w])CALL\s+(?!\{|\()([A-Za-z_][\w.]*)", re.IGNORECASE)
READ_ONLY_PROCEDURES = {"db.labels", "db.relationshiptypes", "db.propertykeys"}


def refuse_writes(query: str) -> None:
    masked = mask_literals(query)
    m = _WRITE_CLAUSES.search(masked)
    if m:
        clause = " ".join(m.group(1).upper().split())
        raise ReadOnlyViolation(f"read-only: {clause} is not allowed here (this surface only reads the graph)",
                                query=query)
    for call in _PROCEDURE_CALL.finditer(masked):
        if call.group(1).lower() not in READ_ONLY_PROCEDURES:
            raise ReadOnlyViolation(f"read-only: procedure call {call.group(1)} is not allowed here "
                                    f"(allowed: {', '.join(sorted(READ_ONLY_PROCEDURES))})", query=query)
