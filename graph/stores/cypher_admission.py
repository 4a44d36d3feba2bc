"""Admission control for Cypher from outside (``POST /cypher``, ``policykg cypher``), before any engine sees it.

The engines' own limits do not hold for everything a stranger can send:
FalkorDB's parser takes time exponential in expression nesting (``RETURN
----…1``, ``((((…))))``: about doubling per level, and before the time budget
starts), procedures ignore the budget (``algo.betweenness`` ran for minutes),
``range()`` and ``reduce()`` allocate outside the per-query memory cap. So a
query is tokenized here and refused, with a reason, when it is too long, nests
too deep, has too many clauses, calls a procedure (however quoted), builds
ranges bigger than a cap, or uses ``reduce`` (whose accumulator can double at
each step). Catalog queries are ours and do not pass through here.

A tokenizer, not a full parser: every check needs only tokens and bracket
structure, and a tokenizer cannot itself be made slow (one pass, linear).
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .errors import QueryRefused, ReadOnlyViolation


@dataclass(frozen=True)
class Limits:
    max_chars: int = 20_000
    # brackets of any kind plus chains of prefix operators (- + NOT); the parse cost doubles per level
    # (FalkorDB 4.16: 14 levels ~0.1 s, 20 levels 5 s), the catalog needs at most 5
    max_depth: int = 10
    max_clauses: int = 64
    # the product of every range()'s length: nested comprehensions multiply, so the product is what can grow
    max_range_items: int = 10_000_000
    # a range() that is not streamed by UNWIND becomes one list value the engine and the client hold whole
    max_list_range: int = 1_000_000


@dataclass(frozen=True)
class Token:
    kind: str  # name | quoted (a `backtick` name) | string | number | param | punct
    text: str  # for quoted names and strings: the content without the delimiters
    pos: int

    @property
    def word(self) -> str:
        """The upper-cased name a keyword or function would have (plain or backtick-quoted)."""
        return self.text.upper() if self.kind in ("name", "quoted") else ""


_NUMBER = re.compile(r"(?:0x[0-9a-fA-F]+|0o[0-7]+|\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)")
_NAME = re.compile(r"[^\W\d]\w*")
_PARAM = re.compile(r"\$(?:[^\W\d]\w*|\d+|`[^`]*`)")
_PUNCT = ("<>", "<=", ">=", "=~", "+=", "..", "->", "<-", "||", "::")


def tokenize(text: str) -> list[Token]:
    """Cypher tokens; comments dropped. An unterminated string or comment is refused (the engine would too)."""
    tokens: list[Token] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch.isspace():
            i += 1
        elif text.startswith("//", i):
            j = text.find("\n", i)
            i = n if j < 0 else j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            if j < 0:
                raise QueryRefused("unterminated /* comment", query=text)
            i = j + 2
        elif ch in "'\"":
            j, buf = i + 1, []
            while j < n and text[j] != ch:
                if text[j] == "\\" and j + 1 < n:
                    buf.append(text[j:j + 2])
                    j += 2
                else:
                    buf.append(text[j])
                    j += 1
            if j >= n:
                raise QueryRefused("unterminated string literal", query=text)
            tokens.append(Token("string", "".join(buf), i))
            i = j + 1
        elif ch == "`":
            j = i + 1
            buf = []
            while True:
                k = text.find("`", j)
                if k < 0:
                    raise QueryRefused("unterminated `quoted name`", query=text)
                buf.append(text[j:k])
                if text.startswith("``", k):  # a doubled backtick is a backtick inside the name
                    buf.append("`")
                    j = k + 2
                    continue
                break
            tokens.append(Token("quoted", "".join(buf), i))
            i = k + 1
        elif ch == "$":
            m = _PARAM.match(text, i)
            if not m:
                raise QueryRefused(f"a lone $ at offset {i}", query=text)
            name = m.group(0)[1:].strip("`")
            tokens.append(Token("param", name, i))
            i = m.end()
        elif ch.isdigit() or (ch == "." and i + 1 < n and text[i + 1].isdigit()):
            m = _NUMBER.match(text, i)
            tokens.append(Token("number", m.group(0), i))  # type: ignore[union-attr]
            i = m.end()  # type: ignore[union-attr]
        elif (m := _NAME.match(text, i)) is not None:
            tokens.append(Token("name", m.group(0), i))
            i = m.end()
        else:
            two = text[i:i + 2]
            if two in _PUNCT:
                tokens.append(Token("punct", two, i))
                i += 2
            else:
                tokens.append(Token("punct", ch, i))
                i += 1
    return tokens


_OPEN = {"(": ")", "[": "]", "{": "}"}
_CLOSE = {v: k for k, v in _OPEN.items()}
_CLAUSES = {"MATCH", "OPTIONAL", "WITH", "UNWIND", "RETURN", "CALL", "UNION", "WHERE", "ORDER", "SKIP", "LIMIT"}
# after these a - or + is a sign, not a subtraction
_OPERAND_END = {"name", "quoted", "string", "number", "param"}


def _is_prefix(prev: Token | None) -> bool:
    if prev is None:
        return True
    if prev.kind == "punct":
        return prev.text not in (")", "]", "}")
    if prev.kind == "name":
        # a keyword (RETURN, AND, WHEN…) before the sign; a variable or function name cannot precede a prefix sign
        return prev.word in _KEYWORDS_BEFORE_OPERAND
    return False


_KEYWORDS_BEFORE_OPERAND = {
    "RETURN", "WITH", "WHERE", "AND", "OR", "XOR", "NOT", "WHEN", "THEN", "ELSE", "CASE", "IN", "UNWIND", "SKIP",
    "LIMIT", "BY", "DISTINCT", "CONTAINS", "STARTS", "ENDS", "IS", "AS", "SET",
}


def nesting_depth(tokens: list[Token]) -> int:
    """Deepest expression nesting: open brackets plus pending prefix operators (-, +, NOT) at every level."""
    stack: list[int] = [0]  # prefix operators pending at each bracket level
    deepest = 0
    prev: Token | None = None
    for tok in tokens:
        if tok.kind == "punct" and tok.text in _OPEN:
            stack.append(0)
        elif tok.kind == "punct" and tok.text in _CLOSE:
            if len(stack) > 1:
                stack.pop()
            stack[-1] = 0  # the bracketed operand ends the prefix chain before it
        elif (tok.kind == "punct" and tok.text in "-+" and _is_prefix(prev)) or tok.word == "NOT":
            stack[-1] += 1
        elif tok.kind in _OPERAND_END:
            stack[-1] = 0 if tok.word not in _KEYWORDS_BEFORE_OPERAND else stack[-1]
        deepest = max(deepest, len(stack) - 1 + sum(stack))
        prev = tok
    return deepest


def _procedure_call(tokens: list[Token]) -> str | None:
    """The name of the first procedure CALLed (``CALL x.y()``, ``CALL `x.y`()``); CALL { … } is a subquery."""
    for k, tok in enumerate(tokens):
        if tok.kind == "name" and tok.word == "CALL":
            nxt = tokens[k + 1] if k + 1 < len(tokens) else None
            if nxt is None or nxt.kind not in ("name", "quoted"):  # CALL { … }, CALL (x) { … }, a variable
                continue
            name = [nxt.text]
            j = k + 2
            while j + 1 < len(tokens) and tokens[j].text == "." and tokens[j].kind == "punct":
                name.append(tokens[j + 1].text)
                j += 2
            return ".".join(name)
    return None


def _int_value(tokens: list[Token], k: int, params: Mapping[str, Any]) -> tuple[int | None, int]:
    """An integer literal or parameter at ``tokens[k]`` (with a sign), and the index after it."""
    sign = 1
    while k < len(tokens) and tokens[k].kind == "punct" and tokens[k].text in "-+":
        sign = -sign if tokens[k].text == "-" else sign
        k += 1
    if k >= len(tokens):
        return None, k
    tok = tokens[k]
    if tok.kind == "number" and re.fullmatch(r"0x[0-9a-fA-F]+|0o[0-7]+|\d+", tok.text):
        return sign * int(tok.text, 0) if not tok.text.isdigit() else sign * int(tok.text), k + 1
    if tok.kind == "param":
        value = params.get(tok.text)
        if isinstance(value, int) and not isinstance(value, bool):
            return sign * value, k + 1
    return None, k + 1


def _skip_size(tokens: list[Token], k: int) -> int | None:
    """After ``size(…)`` optionally ``± integer``, starting at ``tokens[k]``; None when it is not that."""
    if not (tokens[k].word == "SIZE" and k + 1 < len(tokens) and tokens[k + 1].text == "("):
        return None
    depth, j = 0, k + 1
    while j < len(tokens):
        if tokens[j].kind == "punct" and tokens[j].text in _OPEN:
            depth += 1
        elif tokens[j].kind == "punct" and tokens[j].text in _CLOSE:
            depth -= 1
            if depth == 0:
                break
        j += 1
    j += 1
    if j + 1 < len(tokens) and tokens[j].text in "-+" and tokens[j + 1].kind == "number":
        j += 2
    return j


def _range_sizes(tokens: list[Token], params: Mapping[str, Any], query: str) -> list[tuple[int, bool]]:
    """The length of every ``range(a, b[, step])``, and whether UNWIND streams it.

    Bounds must be integer literals or parameters, or ``size(list) ± n`` (the idiom for walking a list by
    index: no longer than a list the query already holds, so it counts as one here).
    """
    sizes = []
    for k, tok in enumerate(tokens):
        if tok.word != "RANGE" or k + 1 >= len(tokens) or tokens[k + 1].text != "(":
            continue
        if k and tokens[k - 1].text == ".":  # a property or map key called range
            continue
        values: list[int | None] = []
        j = k + 2
        while True:
            after_size = _skip_size(tokens, j) if j < len(tokens) else None
            if after_size is not None:
                value, j = None, after_size
            else:
                value, j = _int_value(tokens, j, params)
                if value is None:
                    j = len(tokens)
            if j >= len(tokens) or tokens[j].text not in (",", ")"):
                raise QueryRefused("range() on this surface takes integer literals, integer parameters or "
                                   "size(list) ± n as its bounds and step (so its size is known before it runs)",
                                   query=query)
            values.append(value)
            if tokens[j].text == ")":
                break
            j += 1
        if len(values) not in (2, 3):
            raise QueryRefused("range() takes two or three arguments", query=query)
        lo, hi = values[0], values[1]
        step = values[2] if len(values) == 3 else 1
        if step is None:
            raise QueryRefused("range() on this surface takes an integer step", query=query)
        if step == 0:
            raise QueryRefused("range() with a step of 0", query=query)
        streamed = k > 0 and tokens[k - 1].word == "UNWIND"
        if lo is None or hi is None:
            sizes.append((1, streamed))
            continue
        sizes.append((max(0, (hi - lo) // step + 1), streamed))
    return sizes


def admit(query: str, params: Mapping[str, Any] | None = None, limits: Limits | None = None) -> None:
    """Refuse ``query`` (QueryRefused, or ReadOnlyViolation for a procedure) unless it is safe to hand an engine."""
    limits = limits or Limits()
    params = params or {}
    if len(query) > limits.max_chars:
        raise QueryRefused(f"the query is {len(query)} characters long; at most {limits.max_chars} are accepted",
                           query=query)
    tokens = tokenize(query)
    procedure = _procedure_call(tokens)
    if procedure is not None:
        raise ReadOnlyViolation(f"read-only: procedure call {procedure} is not allowed here "
                                "(this surface runs no procedures)", query=query)
    depth = nesting_depth(tokens)
    if depth > limits.max_depth:
        raise QueryRefused(f"the query nests {depth} levels deep (brackets and prefix operators such as - or NOT); "
                           f"at most {limits.max_depth} are accepted", query=query)
    clauses = sum(1 for t in tokens if t.kind == "name" and t.word in _CLAUSES)
    if clauses > limits.max_clauses:
        raise QueryRefused(f"the query has {clauses} clauses; at most {limits.max_clauses} are accepted", query=query)
    for k, tok in enumerate(tokens):
        if tok.word == "REDUCE" and k + 1 < len(tokens) and tokens[k + 1].text == "(" \
                and not (k and tokens[k - 1].text == "."):
            raise QueryRefused("reduce() is not accepted on this surface (its accumulator can grow without "
                               "bound); use UNWIND with sum(), collect() or a list comprehension", query=query)
    total = 1
    for size, streamed in _range_sizes(tokens, params, query):
        if not streamed and size > limits.max_list_range:
            raise QueryRefused(f"range() would build a list of {size:,} items; at most {limits.max_list_range:,} "
                               "are accepted in a list (UNWIND range(…) streams up to "
                               f"{limits.max_range_items:,})", query=query)
        total *= max(size, 1)
        if total > limits.max_range_items:
            raise QueryRefused(f"range() would produce more than {limits.max_range_items:,} items "
                               "(ranges nested or combined multiply)", query=query)


def push_down_limit(query: str, row_cap: int) -> str:
    """``query`` asking the engine for at most ``row_cap + 1`` rows (one more, so a cut can be told).

    A client that reads every row before cutting at the cap parses whatever the engine sends (``UNWIND
    range(1, 10000000) AS x RETURN x`` is 10M rows); a LIMIT in the engine streams no more than needed.
    The final top-level RETURN gets a LIMIT, or a smaller one if it has a literal LIMIT above the cap; a
    UNION or a LIMIT given as an expression is left alone (the client still cuts at the cap).
    """
    tokens = tokenize(query)
    depth, last_return, limit_at, union = 0, None, None, False
    for k, tok in enumerate(tokens):
        if tok.kind == "punct" and tok.text in _OPEN:
            depth += 1
        elif tok.kind == "punct" and tok.text in _CLOSE:
            depth = max(depth - 1, 0)
        elif depth == 0 and tok.kind == "name":
            if tok.word == "UNION":
                union = True
            elif tok.word == "RETURN":
                last_return, limit_at = k, None
            elif tok.word == "LIMIT" and last_return is not None:
                limit_at = k
    if last_return is None or union:
        return query
    wanted = row_cap + 1
    if limit_at is None:
        body = query.rstrip()
        while body.endswith(";"):
            body = body[:-1].rstrip()
        return f"{body}\nLIMIT {wanted}"  # a newline: the query may end in a // comment
    value = tokens[limit_at + 1] if limit_at + 1 < len(tokens) else None
    if value is not None and value.kind == "number" and value.text.isdigit() and int(value.text) > wanted \
            and (limit_at + 2 == len(tokens) or tokens[limit_at + 2].text == ";"):
        return query[:value.pos] + str(wanted) + query[value.pos + len(value.text):]
    return query
