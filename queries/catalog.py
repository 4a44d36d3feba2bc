"""The query catalog: one ``.cypher`` file per query, one text for both stores.

Each file opens with a header of ``//`` lines:

    // name: department-leads
    // description: Everything a department leads …
    // param: name string required example=市发展改革委 -- what it means
    // param: limit int optional default=50 example=20 -- what it means
    // param: region string optional example=菏泽市 refers=region -- refers= says what the value names
    // param: keys list required example=[] -- a list (from a command line: JSON), for the internal rows queries
    // column: department -- what the column holds
    // show: department, doc_number -- the columns a terminal table shows unless --columns says otherwise
    // group: department -- columns that head a group of rows in a terminal table instead of repeating
    // internal: true -- used by policykg itself (views, analytics, the linker): not listed for users
    // total: targets-count -- the query that counts what this one pages: the sum of its ``total`` rows
    // scan: Target -- a label the engine scans on purpose, and why (tests/test_query_plans.py checks the rest)
    // order: targets-order -- the query listing the keys of every row in page order, for the same filters
    // rows: targets-rows -- the query reading the rows of given keys ($keys), in their order (see ``pages_by_key``)

and then one Cypher statement. The header is the query's documentation for
the CLI (``policykg query --help``), the API's OpenAPI schema and the tests
(every example is executed).
"""
from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from policykg.errors import PolicyKGError

CATALOG_DIR = Path(str(resources.files("policykg.queries")))
_PARAM = re.compile(
    r"^(?P<name>[a-z_][a-z0-9_]*)\s+(?P<type>string|int|float|bool|list)\s+(?P<need>required|optional)"
    r"(?:\s+default=(?P<default>\S+))?(?:\s+example=(?P<example>\S+))?"
    r"(?:\s+refers=(?P<refers>department|document|industry|region|task))?\s*(?:--\s*(?P<doc>.*))?$"
)
_TRUE, _FALSE = ("1", "true", "yes"), ("0", "false", "no")


def _boolean(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    word = str(value).strip().lower()
    if word in _TRUE or word in _FALSE:
        return word in _TRUE
    raise ValueError(f"not a boolean: {value!r}")  # "null" or "maybe" is a mistake, not false


def _list(value: Any) -> list:
    if isinstance(value, (list, tuple)):
        return list(value)
    if isinstance(value, str):  # from a command line: a JSON list
        parsed = json.loads(value)
        if isinstance(parsed, list):
            return parsed
    raise ValueError(f"not a list: {value!r}")


_CAST: dict[str, Callable[[Any], Any]] = {"string": str, "int": int, "float": float, "bool": _boolean, "list": _list}


class CatalogError(PolicyKGError, ValueError):
    pass


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    required: bool
    default: Any
    example: Any
    description: str
    refers: str | None = None  # what in the store the value names (queries/resolve.py checks and resolves it)

    def cast(self, value: Any) -> Any:
        if value is None:
            return None
        try:
            return _CAST[self.type](value)
        except (TypeError, ValueError) as exc:
            raise CatalogError(f"parameter {self.name!r} must be {self.type}, got {value!r}") from exc


@dataclass(frozen=True)
class CatalogQuery:
    name: str
    description: str
    text: str
    params: tuple[Param, ...] = ()
    columns: tuple[tuple[str, str], ...] = ()
    path: Path | None = None
    show: tuple[str, ...] = ()  # default columns of a terminal table (all when empty)
    group: tuple[str, ...] = ()  # columns heading groups of rows in a terminal table
    internal: bool = False
    total_query: str | None = None  # the catalog query giving this one's total over all pages
    scans: tuple[tuple[str, str], ...] = ()  # (label, why): label scans the query makes on purpose
    order_query: str | None = None  # the catalog query listing every row's key in page order (same filters)
    rows_query: str | None = None  # the catalog query reading the rows of a page's keys ($keys), in their order

    @property
    def pages_by_key(self) -> bool:
        """Can a page be read as: the keys of every row in order (kept per store version), then the page's rows
        by their keys? For listings whose order no index gives: the engine sorts every row to cut a page, and
        FalkorDB cannot read an index in order, so page 1 costs the whole listing each time otherwise."""
        return bool(self.order_query and self.rows_query)

    @property
    def pages(self) -> bool:
        """Does the query cut its page in the store (``$offset``/``$limit``)?"""
        return {"offset", "limit"} <= {p.name for p in self.params}

    @property
    def column_names(self) -> list[str]:
        return [c for c, _ in self.columns]

    def bind(self, given: dict[str, Any]) -> dict[str, Any]:
        """Parameters for a run: cast to their types, defaults filled in, unknown or missing ones refused."""
        known = {p.name: p for p in self.params}
        unknown = sorted(set(given) - set(known))
        if unknown:
            raise CatalogError(f"query {self.name!r} has no parameter {', '.join(unknown)} "
                               f"(it takes: {', '.join(known) or 'none'})")
        bound: dict[str, Any] = {}
        for p in self.params:
            value = given.get(p.name)
            # an empty text field is an omitted one; an empty number or flag is a mistake (the cast says so)
            if value is None or (value == "" and p.type == "string"):
                if p.required:
                    raise CatalogError(f"query {self.name!r} needs parameter {p.name!r} ({p.description})")
                value = p.default
            bound[p.name] = p.cast(value)
        return bound

    def example_params(self) -> dict[str, Any]:
        return {p.name: p.cast(p.example) for p in self.params if p.example is not None}


def parse_query_file(path: Path) -> CatalogQuery:
    header: dict[str, str] = {}
    params: list[Param] = []
    columns: list[tuple[str, str]] = []
    scans: list[tuple[str, str]] = []
    body: list[str] = []
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not body and line.startswith("//"):
            key, _, value = line[2:].strip().partition(":")
            value = value.strip()
            if key == "param":
                m = _PARAM.match(value)
                if not m:
                    raise CatalogError(f"{path}:{lineno}: cannot read the parameter line {value!r}")
                params.append(Param(m["name"], m["type"], m["need"] == "required", m["default"], m["example"],
                                    (m["doc"] or "").strip(), m["refers"]))
            elif key == "column":
                name, _, doc = value.partition("--")
                columns.append((name.strip(), doc.strip()))
            elif key == "scan":
                label, _, why = value.partition("--")
                if not label.strip() or not why.strip():
                    raise CatalogError(f"{path}:{lineno}: a scan line names the label and says why: 'scan: Task -- …'")
                scans.append((label.strip(), why.strip()))
            elif key in ("name", "description", "show", "group", "internal", "total", "order", "rows"):
                header[key] = value
            else:
                raise CatalogError(f"{path}:{lineno}: unknown header field {key!r}")
        elif line.strip() or body:
            body.append(line)
    if "name" not in header or not body:
        raise CatalogError(f"{path}: a catalog query needs a '// name:' header and a statement")
    if header["name"] != path.stem:
        raise CatalogError(f"{path}: the header names {header['name']!r}, the file is {path.stem!r}")
    text = "\n".join(body).strip().rstrip(";")
    for p in params:
        if f"${p.name}" not in text:
            raise CatalogError(f"{path}: parameter {p.name!r} is declared but the query never uses it")
    undeclared = set(re.findall(r"\$([A-Za-z_]\w*)", text)) - {p.name for p in params}
    if undeclared:
        raise CatalogError(f"{path}: the query uses undeclared parameters {sorted(undeclared)}")
    names = {c for c, _ in columns}
    show, group = (tuple(c.strip() for c in header.get(k, "").split(",") if c.strip()) for k in ("show", "group"))
    unknown_columns = sorted((set(show) | set(group)) - names)
    if unknown_columns:
        raise CatalogError(f"{path}: show/group name columns the query does not declare: {unknown_columns}")
    internal = header.get("internal", "false").lower()
    if internal not in ("true", "false"):
        raise CatalogError(f"{path}: internal must be true or false, not {internal!r}")
    return CatalogQuery(header["name"], header.get("description", ""), text, tuple(params), tuple(columns), path,
                        show, group, internal == "true", header.get("total") or None, tuple(scans),
                        header.get("order") or None, header.get("rows") or None)


@lru_cache(maxsize=1)
def load_catalog(directory: Path = CATALOG_DIR) -> dict[str, CatalogQuery]:
    queries = {q.name: q for q in (parse_query_file(p) for p in sorted(directory.glob("*.cypher")))}
    for q in queries.values():
        counter = queries.get(q.total_query) if q.total_query else None
        if q.total_query and (counter is None or counter.column_names != ["total"]):
            raise CatalogError(f"{q.path}: its total comes from {q.total_query!r}, which must be a catalog query "
                               "returning one column, total")
        filters = {p.name for p in q.params} - {"offset", "limit"}
        if counter is not None and (not filters <= {p.name for p in counter.params}
                                    or any(p.required and p.name not in filters for p in counter.params)):
            raise CatalogError(f"{q.path}: {q.total_query!r} must take every filter of the query it counts "
                               "(and need no other)")
        if bool(q.order_query) != bool(q.rows_query):
            raise CatalogError(f"{q.path}: a query read by keys names both its order: and its rows: queries")
        if q.pages_by_key:
            order, reader = queries.get(q.order_query or ""), queries.get(q.rows_query or "")
            if order is None or order.column_names != ["key"] or {p.name for p in order.params} != filters:
                raise CatalogError(f"{q.path}: its order comes from {q.order_query!r}, which must be a catalog query "
                                   "taking the same filters and returning one column, key")
            if reader is None or [p.name for p in reader.params] != ["keys"] \
                    or reader.column_names != [c for c in q.column_names if c != "total"]:
                raise CatalogError(f"{q.path}: its rows come from {q.rows_query!r}, which must take only $keys and "
                                   "return the same columns (but a total)")
        if q.pages and "total" not in q.column_names and not q.total_query:
            raise CatalogError(f"{q.path}: a query that pages in the store says its total: a total column or a "
                               "'total:' header naming its count query")
    return queries


def get_query(name: str) -> CatalogQuery:
    catalog = load_catalog()
    if name not in catalog:
        raise CatalogError(f"no query named {name!r}; the catalog has: {', '.join(sorted(catalog))}")
    return catalog[name]
