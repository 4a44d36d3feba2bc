"""The query catalog: one ``.cypher`` file per query, one text for both stores.

Each file opens with a header of ``//`` lines:

    // name: department-leads
    // description: Everything a department leads …
    // param: name string required example=市发展改革委 -- what it means
    // param: limit int optional default=50 example=20 -- what it means
    // column: department -- what the column holds

and then one Cypher statement. The header is the query's documentation for
the CLI (``policykg query --help``), the API's OpenAPI schema and the tests
(every example is executed).
"""
from __future__ import annotations

from policykg.errors import PolicyKGError
from importlib import resources
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

CATALOG_DIR = Path(str(resources.files("policykg.queries")))
_PARAM = re.compile(
    r"^(?P<name>[a-z_][a-z0-9_]*)\s+(?P<type>string|int|float|bool)\s+(?P<need>required|optional)"
    r"(?:\s+default=(?P<default>\S+))?(?:\s+example=(?P<example>\S+))?\s*(?:--\s*(?P<doc>.*))?$"
)
_CAST = {"string": str, "int": int, "float": float, "bool": lambda v: str(v).lower() in ("1", "true", "yes")}


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
            if value is None or value == "":
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
                                    (m["doc"] or "").strip()))
            elif key == "column":
                name, _, doc = value.partition("--")
                columns.append((name.strip(), doc.strip()))
            elif key in ("name", "description"):
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
    return CatalogQuery(header["name"], header.get("description", ""), text, tuple(params), tuple(columns), path)


@lru_cache(maxsize=1)
def load_catalog(directory: Path = CATALOG_DIR) -> dict[str, CatalogQuery]:
    queries = [parse_query_file(p) for p in sorted(directory.glob("*.cypher"))]
    return {q.name: q for q in queries}


def get_query(name: str) -> CatalogQuery:
    catalog = load_catalog()
    if name not in catalog:
        raise CatalogError(f"no query named {name!r}; the catalog has: {', '.join(sorted(catalog))}")
    return catalog[name]
