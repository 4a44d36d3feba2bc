"""The API agrees with itself and with the catalog: models are the queries' columns, lists link their next page,
every filter value is resolved, the catalog is served as it is, the key is a security scheme."""
from __future__ import annotations

import importlib
from urllib.parse import parse_qs, urlsplit

import pytest

from policykg.queries.catalog import get_query, load_catalog

# (router module, model, catalog query, columns the route lifts out of the items, fields it adds or regroups)
ROUTES = [
    ("routes_departments", "Department", "departments", set(), set()),
    ("routes_departments", "DepartmentDetail", "department", set(), {"asked_for", "resolution"}),
    ("routes_departments", "DepartmentTask", "department-tasks", {"department", "department_id"},
     {"task_ref", "document_ref"}),
    ("routes_tasks", "TaskDetail", "task",
     {"document_id", "doc_number", "document", "date", "read_from", "span_start", "span_end"}, {"document", "provenance"}),
    ("routes_documents", "DocumentSummary", "documents", set(), set()),
    ("routes_documents", "DocumentDetail", "document", set(), set()),
    ("routes_mapping", "CascadeRow", "province-to-city-mapping", set(), set()),
    ("routes_targets", "Target", "targets", set(), set()),
    ("routes_industries", "Industry", "industries", set(), set()),
    ("routes_industries", "IndustryTask", "industry-tasks", set(), {"task_ref", "document_ref"}),
    ("routes_search", "SearchHit", "search", {"text"}, {"snippet", "department_ref", "document_ref", "task_ref"}),
]


@pytest.mark.parametrize("module, model, query, lifted, added", ROUTES, ids=[r[1] for r in ROUTES])
def test_each_route_model_is_its_query_columns(module, model, query, lifted, added):
    fields = set(getattr(importlib.import_module(f"policykg.api.{module}"), model).model_fields)
    columns = set(get_query(query).column_names) - {"total"}
    assert fields == (columns - lifted) | added


def test_unknown_filter_values_are_404_problems(client, assert_problem):
    body = assert_problem(client.get("/targets", params={"document": "不存在的文件"}), 404, "不存在的文件")
    assert "suggestions" in body
    assert_problem(client.get("/mapping/province-to-city", params={"city": "不存在市"}), 404)
    assert_problem(client.get("/industries/不存在的产业/tasks"), 404, "no industry named")


def test_ambiguous_level_is_answered_with_both_departments(client):
    r = client.get("/departments/发改委")
    assert r.status_code in (404, 409)
    assert {"市发展改革委", "省发展改革委"} <= set(r.json()["suggestions"])


def test_lists_link_their_next_page(client):
    first = client.get("/departments", params={"limit": 5, "level": "city"}).json()
    assert first["total"] > 5 and first["next"]
    link = urlsplit(first["next"])
    assert link.path == "/departments" and parse_qs(link.query) == {"limit": ["5"], "offset": ["5"], "level": ["city"]}
    second = client.get(first["next"]).json()
    assert {d["id"] for d in second["items"]}.isdisjoint(d["id"] for d in first["items"])
    last = client.get("/departments", params={"limit": 5, "level": "city", "offset": first["total"] - 1}).json()
    assert last["next"] is None


def test_the_catalog_is_served_as_it_is(client):
    listed = {q["name"]: q for q in client.get("/queries").json()}
    catalog = load_catalog()
    assert set(listed) == {q.name for q in catalog.values() if not q.internal}
    q = catalog["department-leads"]
    assert [c["name"] for c in listed[q.name]["columns"]] == q.column_names
    rows = client.get("/queries/department-leads", params={"name": "市发改委", "limit": 1000}).json()
    same = client.get("/queries/department-leads", params={"name": "市发展改革委", "limit": 1000}).json()
    assert rows["total"] == same["total"] > 0 and rows["items"] == same["items"]
    served = [c for c in q.column_names if c != "total"]  # the total over all pages is the page's, not a row's
    assert rows["columns"] == served and set(rows["items"][0]) == set(served)
    assert client.get("/queries/viz-department", params={"name": "市发展改革委"}).status_code == 404


def test_openapi_key_scheme_and_descriptions(client):
    schema = client.get("/openapi.json").json()
    assert schema["components"]["securitySchemes"]["ApiKey"] == {
        "type": "apiKey", "in": "header", "name": "X-API-Key",
        "description": schema["components"]["securitySchemes"]["ApiKey"]["description"]}
    assert schema["paths"]["/documents"]["post"]["security"] == [{"ApiKey": []}]
    for path, operations in schema["paths"].items():
        for method, op in operations.items():
            assert op.get("description"), f"{method.upper()} {path}"
    params = {p["name"] for p in schema["paths"]["/queries/department-leads"]["get"]["parameters"]}
    assert {"name", "region"} <= params


def test_one_search_finds_departments_documents_and_provisions(client, gold):
    def kinds(q: str) -> dict[str, set[str]]:
        hits = client.get("/search", params={"q": q, "limit": 1000}).json()["items"]
        found: dict[str, set[str]] = {}
        for h in hits:
            found.setdefault(h["kind"], set()).add(h["label"] or h["id"])
        return found

    assert {"市发展改革委", "省发展改革委"} <= kinds("发改委")["department"]  # the alias file's form is searched too
    assert "市发展改革委" in kinds("市发展改革委")["department"]
    assert kinds("光伏").get("task")  # words inside provision text, no segmentation
    number = next(iter(gold.values()))["document"]["doc_number"]
    assert any(h["doc_number"] == number
               for h in client.get("/search", params={"q": number}).json()["items"] if h["kind"] == "document")
    hit = next(h for h in client.get("/search", params={"q": "光伏"}).json()["items"] if h["kind"] == "task")
    assert hit["doc_id"] and "光伏" in hit["snippet"]


@pytest.mark.parametrize("path", ["/targets?year=2025", "/industries/工业互联网/tasks", "/search?q=光伏",
                                  "/departments/市发展改革委/tasks"])
def test_items_of_a_document_carry_its_id(client, path):
    items = client.get(path).json()["items"]
    assert items
    for item in items:
        if item.get("kind", "task") != "department":
            assert item["doc_id"] and item["doc_id"].startswith("doc:"), item


@pytest.mark.parametrize("path", ["/industries/工业互联网/tasks", "/departments/市发展改革委/tasks",
                                  "/mapping/province-to-city", "/targets?year=2025", "/search?q=发展改革"])
def test_references_have_one_shape(client, path):
    """Whatever the route, a task, document or department reference has the same keys and points at the item's ids."""
    body = client.get(path).json()
    assert body["items"]
    shapes = {"task": {"id", "number", "title", "document_id"}, "document": {"id", "number", "title"},
              "department": {"id", "name"},
              "lead": {"id", "name"}, "cooperate": {"id", "name"}, "owner": {"id", "name"}}
    for item in body["items"]:
        for field, value in item.items():
            if not field.endswith(("_ref", "_refs")) or value is None:
                continue
            kind = field.removesuffix("s").removesuffix("_ref").rsplit("_", 1)[-1]
            for ref in value if isinstance(value, list) else [value]:
                assert set(ref) == shapes[kind], (field, ref)
        if "task_ref" in item and item["task_ref"] and "task_id" in item:
            assert (item["task_ref"]["id"], item["task_ref"]["document_id"]) == (item["task_id"], item["doc_id"])
        if "document_ref" in item and item["document_ref"]:
            assert (item["document_ref"]["id"], item["document_ref"]["number"]) == (item["doc_id"], item["doc_number"])
    if "department_ref" in body:
        assert body["department_ref"] == {"id": body["department_id"], "name": body["department"]}


def _walk(value, path=""):
    if isinstance(value, dict):
        for k, v in value.items():
            yield f"{path}.{k}", k, v
            yield from _walk(v, f"{path}.{k}")
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _walk(v, f"{path}[{i}]")


@pytest.mark.parametrize("path", ["/departments?limit=200", "/departments/市发展改革委", "/industries/工业互联网/tasks",
                                  "/tasks/{task}", "/documents/{document}", "/search?q=发展改革&limit=200"])
def test_a_word_means_one_thing_in_every_model(client, path):
    """`leads`/`cooperates` are always department references, `documents`/`implements`/`implemented_by` always
    document references: a field's name never means a count here and a list of names there."""
    if "{" in path:
        task = client.get("/departments/市发展改革委/tasks").json()["items"][0]
        implemented = next(d for d in client.get("/documents", params={"limit": 200}).json()["items"]
                           if client.get(f"/documents/{d['id']}").json()["implements"])
        path = path.format(task=task["task_id"], document=implemented["id"])
    seen = set()
    for where, key, value in _walk(client.get(path).json()):
        if key in ("leads", "cooperates"):
            assert isinstance(value, list) and all({"id", "name"} <= set(v) for v in value), where
            seen.add(key)
        if key in ("documents", "implements", "implemented_by"):
            assert isinstance(value, list) and all({"id", "number", "title"} <= set(v) for v in value), where
            seen.add(key)
    if path.startswith(("/tasks", "/industries")):
        assert "leads" in seen
    if path.startswith("/documents"):
        assert "implements" in seen
    if path == "/departments/市发展改革委":
        assert "documents" in seen
