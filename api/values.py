"""Values between JSON and the graph store, both ways, for POST /cypher.

In: parameters are inlined by the FalkorDB client as a `CYPHER k=v` text
header, so names must be plain identifiers (anything else could rewrite the
query), map keys must not hold backticks, numbers must fit the engine
(int64 silently saturates; inf and NaN do not parse) and text must be
UTF-8 without NUL.
Out: query results may hold dates, durations, points and non-finite floats,
none of which JSON has; they become strings.
"""
from __future__ import annotations

import datetime as dt
import math
import re
from typing import Any

from .problems import ApiProblem
from .runner import check_text

PARAM_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,63}$")
INT64 = (-(2**63), 2**63 - 1)
MAX_DEPTH = 32


def check_params(params: dict[str, Any]) -> dict[str, Any]:
    for name, value in params.items():
        if not PARAM_NAME.match(name):
            raise ApiProblem(422, f"parameter name {name!r} is not a plain identifier (letters, digits, _)")
        _check_value(f"params.{name}", value, 0)
    return params


def _check_value(where: str, value: Any, depth: int) -> None:
    if depth > MAX_DEPTH:
        raise ApiProblem(422, f"{where}: nested more than {MAX_DEPTH} levels deep")
    if value is None or isinstance(value, bool):
        return
    if isinstance(value, int):
        if not INT64[0] <= value <= INT64[1]:
            raise ApiProblem(422, f"{where}: {value} does not fit a 64-bit integer")
    elif isinstance(value, float):
        if not math.isfinite(value):
            raise ApiProblem(422, f"{where}: {value} is not a finite number")
    elif isinstance(value, str):
        check_text(where, value)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            _check_value(f"{where}[{i}]", item, depth + 1)
    elif isinstance(value, dict):
        for key, item in value.items():
            if not key or "`" in key:
                raise ApiProblem(422, f"{where}: map keys must be non-empty and free of backticks, got {key!r}")
            check_text(f"{where} key", key)
            _check_value(f"{where}.{key}", item, depth + 1)
    else:
        raise ApiProblem(422, f"{where}: unsupported value {value!r}")


def to_json(value: Any) -> Any:
    """A store value as JSON: dates as ISO 8601, non-finite floats as "Infinity"/"-Infinity"/"NaN"."""
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        if math.isfinite(value):
            return value
        return "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): to_json(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_json(v) for v in value]
    return str(value)
