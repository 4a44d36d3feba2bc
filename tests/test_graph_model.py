"""The property graph built from the sample corpus."""
from __future__ import annotations

import networkx as nx
import pytest

from policykg.graph.build import build_graph, document_key, task_id
from policykg.graph.ids import document_id
from policykg.graph.model import GraphError, PolicyGraph


@pytest.fixture(scope="module")
def graph(extracted):
    return build_graph(extracted.values())


def test_ids_are_stable_across_rebuilds(extracted, graph):
    again = build_graph(reversed(list(extracted.values())))
    assert set(again.nodes) == set(graph.nodes)
    assert set(again.edges) == set(graph.edges)


def test_region_hierarchy(graph):
    heze = graph.nodes["region:371700"]
    assert heze.label == "City" and heze.props["name"] == "菏泽市"
    assert [n.props["name"] for n in graph.neighbours("region:371700", "IN_REGION")] == ["山东省"]
    counties = {n.props["name"] for n in graph.neighbours("region:371700", "IN_REGION", direction="in")}
    assert counties == {"牡丹区", "定陶区", "曹县", "单县", "成武县", "巨野县", "郓城县", "鄄城县", "东明县"}


def test_collective_county_governments_cover_the_counties(graph):
    collective = graph.nodes["dept:371700:各县区政府、管委会"]
    assert collective.props["collective"] is True
    assert len(graph.neighbours(collective.id, "COVERS")) == 9


def test_leads_match_the_gold_files(graph, gold):
    """Everything 市发展改革委 leads, by provision, equals what the gold files say."""
    expected = set()
    for g in gold.values():
        if g["document"]["level"] != "city":
            continue
        key = g["document"]["doc_number"]
        for t in g["tasks"]:
            if "市发展改革委" in t["leads"] or "市发展改革委" in t.get("implementers", []):
                expected.add((key, t["number"]))
    led = {(t.props["doc_id"][len("doc:"):], t.props["number"])
           for t in graph.neighbours("dept:371700:市发展改革委", "LEADS")}
    assert led == expected


def test_one_industry_node_across_documents(graph):
    assert [n.id for n in graph.nodes.values() if n.label == "Industry" and n.props["name"] == "工业互联网"] \
        == ["industry:工业互联网"]
    naming = {e.props["doc_id"] for e in graph.edges.values()
              if "industry:工业互联网" in (e.source, e.target) and e.type in ("CONCERNS", "SUBINDUSTRY_OF")}
    assert len(naming) == 3
    # no node keeps a list of the documents naming it (it would grow with the corpus)
    assert not any("source_docs" in n.props for n in graph.nodes.values())


def test_division_of_labour_rows_cascade_from_provincial_tasks(graph, extracted):
    doc = next(d for d in extracted.values() if d.cascades)
    key = document_key(doc)
    cascades = [e for e in graph.edges.values() if e.type == "CASCADES_FROM"]
    assert len(cascades) == len(doc.cascades) == 35
    row1 = task_id(key, "1")
    upper = graph.neighbours(row1, "CASCADES_FROM")[0]
    assert upper.props["title"] == "实施经济强县领跑计划"
    leads = {n.props["name"] for n in graph.neighbours(upper.id, "LEADS", direction="in")}
    assert leads == {"省发展改革委"}
    city = {n.props["name"] for n in graph.neighbours(row1, "LEADS", direction="in")}
    assert city == {"市发展改革委"}
    # the provincial plan is a stub until it is ingested
    plan = graph.neighbours(upper.id, "IN_DOCUMENT")[0]
    assert plan.props["stub"] is True
    assert graph.neighbours("doc:" + key, "IMPLEMENTS") == [plan]


def test_each_part_of_a_merged_table_row_cascades_with_its_own_units():
    # 省级方案内容 merged over two rows, each with its own provincial and city units: each city task cooperates
    # with its own row's units, and the quoted provincial task is led by both rows' leads
    from policykg.graph.linking.units import explicit_pairs, quoted_units
    from policykg.ingest.extract import extract_bytes

    text = ("菏泽市人民政府办公室关于印发分工方案的通知\n各县区人民政府:\n现将分工方案印发给你们。\n"
            "序号\t省级方案内容\t省级牵头单位\t市级落实单位\n"
            "1\t实施经济强县领跑计划。\t省发展改革委牵头,省财政厅配合\t市发展改革委牵头,市财政局配合\n"
            "\t\t省商务厅牵头,省教育厅配合\t市商务局牵头,市教育局配合\n")
    doc = extract_bytes(text.encode(), "doc.txt")
    assert [(c.number, c.clause, c.city_cooperates) for c in doc.cascades] == [("1", 1, ["市财政局"]),
                                                                            ("1", 2, ["市教育局"])]
    g, key = build_graph([doc]), document_key(doc)
    first, second = task_id(key, "1"), task_id(key, "1", 2)

    def units(task: str, rel: str) -> set[str]:
        return {n.props["name"] for n in g.neighbours(task, rel, direction="in")}

    assert (units(first, "LEADS"), units(first, "COOPERATES_ON")) == ({"市发展改革委"}, {"市财政局"})
    assert (units(second, "LEADS"), units(second, "COOPERATES_ON")) == ({"市商务局"}, {"市教育局"})
    upper = g.neighbours(first, "CASCADES_FROM")[0]
    assert g.neighbours(second, "CASCADES_FROM") == [upper]
    assert units(upper.id, "LEADS") == {"省发展改革委", "省商务厅"}
    assert {lower for _, lower in explicit_pairs([doc])} == {first, second}
    assert set(quoted_units(doc)[0].departments) == {"省发展改革委", "省财政厅", "省商务厅", "省教育厅"}


def test_a_unit_printed_with_a_lower_regions_name_is_that_regions_department():
    """"Which county departments carry out this task": 盐湖区公安局 named by a city's document is the bureau of
    盐湖区, the node 盐湖区's own documents give as 区公安局; 临猗县住建局 is another county's, not the same 县住建局 of
    the city; a province's document naming 青岛市住建局 names Qingdao's."""
    from policykg.ingest.extract import extract_bytes

    city = ("运城市人民政府办公室关于促进房地产市场平稳健康发展的通知\n"
            "一、加快项目建设。推动项目按期交付。(责任单位:市住建局、盐湖区公安局)\n"
            "二、优化审批服务。压缩审批时限。(责任单位:临猗县住建局、永济市住建局)\n")
    county = ("运城市盐湖区人民政府办公室关于促进房地产市场平稳健康发展的通知\n"
              "一、加快项目建设。推动项目按期交付。(责任单位:区住建局、区公安局)\n")
    province = ("山东省人民政府办公厅关于促进房地产市场平稳健康发展的通知\n"
                "一、加快项目建设。推动项目按期交付。(责任单位:省住房城乡建设厅、青岛市住建局)\n")
    docs = [extract_bytes(text.encode(), f"{i}.txt") for i, text in enumerate((city, county, province))]
    g = build_graph(docs)

    def leads(doc, number: str) -> set[tuple[str, str]]:
        task = task_id(document_key(doc), number)
        return {(n.props["name"], n.props["region"]) for n in g.neighbours(task, "LEADS", direction="in")}

    assert leads(docs[0], "一") == {("市住房城乡建设局", "运城市"), ("区公安局", "盐湖区")}
    assert leads(docs[0], "二") == {("县住房城乡建设局", "临猗县"), ("市住房城乡建设局", "永济市")}
    assert leads(docs[1], "一") == {("区住房城乡建设局", "盐湖区"), ("区公安局", "盐湖区")}
    bureau = next(n for n in g.neighbours(task_id(document_key(docs[1]), "一"), "LEADS", direction="in")
                  if n.props["name"] == "区公安局")
    assert {t.props["doc_id"] for t in g.neighbours(bureau.id, "LEADS")} == {document_id(document_key(d))
                                                                             for d in docs[:2]}
    assert "盐湖区公安局" in bureau.props["aliases"]
    assert leads(docs[2], "一") == {("省住房城乡建设厅", "山东省"), ("市住房城乡建设局", "青岛市")}


def test_renamed_bank_branch_is_one_department(graph):
    bank = graph.nodes["dept:371700:人行菏泽市分行"]
    assert "人行菏泽市中心支行" in bank.props["aliases"]
    docs = {t.props["doc_id"] for t in graph.neighbours(bank.id, "LEADS") + graph.neighbours(bank.id, "COOPERATES_ON")}
    assert len(docs) >= 2


def test_every_edge_carries_provenance(graph):
    structural = {"IN_REGION", "BELONGS_TO", "COVERS", "SUBINDUSTRY_OF"}
    for edge in graph.edges.values():
        if edge.type in structural:
            continue
        assert "doc_id" in edge.props, edge
        if edge.type in ("LEADS", "COOPERATES_ON", "HAS_TARGET", "CASCADES_FROM"):
            assert edge.props["span_end"] > edge.props["span_start"], edge


def test_networkx_view(graph):
    g = graph.to_networkx()
    assert isinstance(g, nx.MultiDiGraph)
    assert g.number_of_nodes() == len(graph.nodes)
    assert g.number_of_edges() == len(graph.edges)
    assert g.nodes["dept:371700:市发展改革委"]["label"] == "Department"


def test_the_model_refuses_edges_its_schema_does_not_allow():
    g = PolicyGraph()
    g.add_node("a", "Department", name="市科技局")
    g.add_node("b", "Industry", name="工业互联网")
    with pytest.raises(GraphError):
        g.add_edge("a", "LEADS", "b")
    with pytest.raises(GraphError):
        g.add_node("c", "Person")
