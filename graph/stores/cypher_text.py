"""Lexical helpers for Cypher text.

The store never parses Cypher; it only needs to find a few tokens (``$param``,
``LOAD CSV``, a top-level ``RETURN``) without being fooled by the same
characters inside string literals, backtick identifiers or comments. Masking
those regions with spaces keeps every offset identical to the original text, so
matches found in the masked text can be applied to the original.
"""

from __future__ import annotations

import re
from functools import lru_cache

_PARAM = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")
_LOAD_CSV = re.compile(r"\bLOAD\s+CSV\b", re.IGNORECASE)
_RETURN = re.compile(r"\bRETURN\b", re.IGNORECASE)
_UNION = re.compile(r"\bUNION\b", re.IGNORECASE)


@lru_cache(maxsize=512)  # catalog texts repeat on every request
def mask_literals(text: str) -> str:
    """Return ``text`` with literal/comment/backtick contents blanked out.

    Delimiters are kept so the result still looks like code; an unterminated
    literal masks to the end (the engine will report the syntax error).
    """
    out = list(text)
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch in ("'", '"', "`"):
            j = i + 1
            while j < n and text[j] != ch:
                # Backslash escapes exist in string literals, not in backtick names.
                j += 2 if (ch != "`" and text[j] == "\\") else 1
            for k in range(i + 1, min(j, n)):
                out[k] = " "
            i = j + 1
        elif text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            for k in range(i, j):
                out[k] = " "
            i = j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            for k in range(i, j):
                out[k] = " "
            i = j
        else:
            i += 1
    return "".join(out)


def _top_level(masked: str) -> str:
    """Blank out everything nested in (), [] or {} so only top-level clauses remain."""
    out = list(masked)
    depth = 0
    for i, ch in enumerate(masked):
        if ch in "([{":
            depth += 1
            out[i] = " "
        elif ch in ")]}":
            depth = max(depth - 1, 0)
            out[i] = " "
        elif depth:
            out[i] = " "
    return "".join(out)


def parameter_names(text: str) -> set[str]:
    return set(_PARAM.findall(mask_literals(text)))


def rename_parameters(text: str, prefix: str) -> str:
    """Prefix every ``$name`` outside literals: ``$id`` -> ``$<prefix>id``."""
    masked = mask_literals(text)
    pieces: list[str] = []
    last = 0
    for m in _PARAM.finditer(masked):
        pieces.append(text[last : m.start(1)])
        pieces.append(prefix + m.group(1))
        last = m.end(1)
    pieces.append(text[last:])
    return "".join(pieces)


def mentions_load_csv(text: str) -> bool:
    return _LOAD_CSV.search(mask_literals(text)) is not None


def returns_rows(text: str) -> bool:
    """True when the statement has a top-level RETURN or UNION (i.e. yields rows).

    RETURN inside ``CALL { ... }`` or a pattern comprehension is nested and
    therefore ignored.
    """
    top = _top_level(mask_literals(text))
    return bool(_RETURN.search(top) or _UNION.search(top))


def strip_statement(text: str) -> str:
    """Trim whitespace and a trailing ``;`` so statements can be concatenated."""
    stripped = text.strip()
    while stripped.endswith(";"):
        stripped = stripped[:-1].rstrip()
    return stripped
