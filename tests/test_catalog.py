"""Every catalog query, executed on the embedded store loaded with the sample corpus, answers what the gold files say."""
from __future__ import annotations

import itertools
import re
from collections import Counter

import pytest

from policykg.queries.catalog import CatalogError, load_catalog

CATALOG = load_catalog()
COLLECTIVE = re.compile(r"(有关|^各|所属|相关)")


def run(store, query_name, /, **params):
    q = CATALOG[query_name]
    result = store.read(q.text, q.bind(params))
    assert result.columns == [c for c, _ in q.columns], f"{query_name}: columns differ from its header"
    return [dict(zip(result.columns, r)) for r in result.rows]


def test_every_query_is_documented():
    assert len(CATALOG) >= 10
    for q in CATALOG.values():
        assert q.description and q.columns, q.name
        for p in q.params:
            assert p.description, (q.name, p.name)
            if p.required:
                assert p.example is not None, (q.name, p.name)


def test_pattern_comprehensions_do_not_share_variable_names():
    # FalkorDB answers the second of two comprehensions that reuse a name with an empty list
    for q in CATALOG.values():
        names = re.findall(r"\[\((\w+)(?::\w+)?\)", q.text)
        named = [n for n in names if n not in {"t", "d", "low", "up"}] + \
                [n for n in re.findall(r"\[\(\w+\)-\[[^\]]*\]->\((\w+):", q.text)]
        dupes = [n for n, k in Counter(named).items() if k > 1]
        assert not dupes, f"{q.name}: pattern comprehension variables reused: {dupes}"


def test_every_query_runs_with_its_examples(loaded_store):
    for q in CATALOG.values():
        rows = run(loaded_store, q.name, **q.example_params())
        assert isinstance(rows, list)


def test_binding_refuses_missing_unknown_and_mistyped_parameters():
    with pytest.raises(CatalogError, match="needs parameter 'name'"):
        CATALOG["department-leads"].bind({})
    with pytest.raises(CatalogError, match="no parameter"):
        CATALOG["department-leads"].bind({"name": "x", "nmae": "y"})
    with pytest.raises(CatalogError, match="must be int"):
        CATALOG["targets"].bind({"year": "twenty"})


def test_department_leads_what_the_gold_files_say(loaded_store, city_gold_tasks):
    expected = {(doc, number) for doc, number, leads, _ in city_gold_tasks if "市发展改革委" in leads}
    rows = run(loaded_store, "department-leads", name="市发展改革委")
    assert {(r["doc_number"], r["number"]) for r in rows if r["doc_number"]} == expected
    assert all(r["department"] == "市发展改革委" and r["text"] is not None for r in rows)


def test_department_cooperates_what_the_gold_files_say(loaded_store, city_gold_tasks):
    expected = {(doc, number) for doc, number, _, coop in city_gold_tasks if "市财政局" in coop}
    rows = run(loaded_store, "department-cooperates", name="市财政局")
    assert {(r["doc_number"], r["number"]) for r in rows} == expected


def test_a_renamed_department_is_found_by_its_old_name(loaded_store):
    by_old = run(loaded_store, "department-cooperates", name="人行菏泽市中心支行")
    by_new = run(loaded_store, "department-cooperates", name="人行菏泽市分行")
    assert by_old == by_new and by_old
    assert {r["department"] for r in by_old} == {"人行菏泽市分行"}


def test_task_full_picture(loaded_store, gold):
    g = gold["003_a6d61ab50cb7c05a.txt"]["tasks"][0]
    [row] = run(loaded_store, "task", id="task:菏政办字〔2023〕13号:一/1")
    assert row["title"] == g["title"] == "完善实验室体系"
    assert row["leads"] == g["leads"] and row["cooperates"] == g["cooperates"]
    assert row["targets"] and row["span_end"] > row["span_start"]
    assert row["parent"] == "task:菏政办字〔2023〕13号:一"


def test_province_to_city_mapping_of_the_division_of_labour_table(loaded_store, assert_mapping_is_the_table):
    assert_mapping_is_the_table(run(loaded_store, "province-to-city", document="山东省县域经济高质量发展三年行动方案"))
    assert run(loaded_store, "province-to-city", document="没有这个文件") == []


def test_who_works_with_whom(loaded_store, gold):
    pairs: Counter = Counter()
    for g in gold.values():
        cascades = {c["number"]: c for c in g.get("cascades", [])}
        for t in g["tasks"]:
            groups = [t["leads"] + t["cooperates"]]
            if t["number"] in cascades:
                c = cascades[t["number"]]
                groups = [c["province_leads"] + c["province_cooperates"], c["city_leads"] + c["city_cooperates"]]
            for units in groups:
                named = sorted({u for u in units if not COLLECTIVE.search(u)})
                pairs.update(itertools.combinations(named, 2))
    rows = run(loaded_store, "department-partners", limit=10)
    top = max(pairs.values())
    assert rows[0]["shared_tasks"] == top
    for r in rows:
        assert pairs[tuple(sorted((r["department_a"], r["department_b"])))] == r["shared_tasks"]


def test_targets_by_year_and_industry(loaded_store, gold):
    due_2025 = sum(1 for g in gold.values() for t in g["targets"] if t["year"] == 2025)
    assert len(run(loaded_store, "targets", year=2025)) == due_2025
    biomed = run(loaded_store, "targets", industry="生物医药")
    assert {(r["value"], r["unit"]) for r in biomed} == {(1000, "亿元"), (1200, "亿元")}
    owned = run(loaded_store, "targets", department="市科技局", year=2023)
    assert owned and all("市科技局" in r["owners"] for r in owned)


def test_targets_by_scope_and_ownership(loaded_store, gold):
    # the province's goals quoted in 菏政办字〔2023〕56号's division-of-labour table count over the
    # province and belong to the provincial task, led by provincial departments, not the city's
    quoted = run(loaded_store, "targets", document="菏政办字〔2023〕56号", scope="province")
    assert len(quoted) == len(gold["001_eac2c624b6a1218d.txt"]["targets"])
    row10 = [r for r in quoted if r["number"] == "10"]
    assert {r["text"] for r in row10} == {"省级现代服务业集聚区达120家", "服务业创新中心达200家"}
    assert all(r["scope"] == "山东省" and "省发展改革委" in r["owners"] and not any(o.startswith("市") for o in r["owners"])
               for r in row10)
    # the row still states it (the document's views keep it); the provincial task owns it
    assert all(r["task_id"].endswith(":10") and r["owner_task_id"] != r["task_id"] for r in row10)
    city = run(loaded_store, "targets", scope="菏泽市")
    assert city and {r["scope_level"] for r in city} == {"city"}
    # owned=false and unowned-targets name the same targets
    unowned = run(loaded_store, "targets", owned=False)
    assert all(not r["owned"] and r["owners"] == [] for r in unowned)
    assert len(unowned) == len(run(loaded_store, "unowned-targets"))
    owned = run(loaded_store, "targets", owned=True)
    assert len(owned) + len(unowned) == len(run(loaded_store, "targets"))
    assert all(r["owners"] for r in owned)
    # a one-year work plan's yearless goals: due that year, from the package
    plan = run(loaded_store, "unowned-targets", year=2023, document="菏政办字〔2023〕13号") + \
        run(loaded_store, "targets", year=2023, document="菏政办字〔2023〕13号", owned=True)
    assert plan and {r["year_basis"] for r in plan} <= {"stated", "package"}


def test_tasks_by_industry_across_documents(loaded_store):
    rows = run(loaded_store, "industry-tasks", name="工业互联网")
    assert {(r["doc_number"], r["number"]) for r in rows} >= {
        ("菏政办字〔2024〕7号", "二/(一)/5"), ("鲁服务业办〔2025〕4号", "四"), ("菏政发〔2024〕1号", "二/(五)/2")}
    assert {r["level"] for r in rows} == {"city", "province"}


def test_documents_implementing_a_document(loaded_store):
    [row] = run(loaded_store, "implementing-documents", document="山东省县域经济高质量发展三年行动方案")
    assert row["doc_number"] == "菏政办字〔2023〕56号" and row["implemented_is_stub"] is True


def test_search_by_keyword(loaded_store):
    rows = run(loaded_store, "search-tasks", q="冷链物流")
    assert ("菏政办字〔2024〕7号", "二/(一)/1") in {(r["doc_number"], r["number"]) for r in rows}
    assert all("冷链物流" in (r["text"] or "") + (r["title"] or "") for r in rows)


def test_responsibility_edges_for_analytics(loaded_store, gold):
    g = gold["003_a6d61ab50cb7c05a.txt"]
    expected = sum(len(t["leads"]) + len(t["cooperates"]) for t in g["tasks"])
    rows = run(loaded_store, "responsibility-edges", document="菏政办字〔2023〕13号")
    assert len(rows) == expected


def test_documents_list(loaded_store, gold):
    rows = run(loaded_store, "documents")
    assert {r["doc_number"]: r["tasks"] for r in rows} == {
        g["document"]["doc_number"]: len(g["tasks"]) for g in gold.values()}
