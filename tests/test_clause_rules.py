"""Rules a document states about its own clauses, labels on lines of their own, renamings by date,
and the printed form and list position every unit keeps."""
from __future__ import annotations

from policykg.ingest.departments import default_catalog
from policykg.ingest.extract import extract_text
from policykg.ingest.reading import DecodedText


def extract(text: str):
    return extract_text(DecodedText(text, "utf-8", False), "doc.txt")


def roles(doc) -> dict[str, tuple[list[str], list[str]]]:
    return {t.number: (t.leads, t.cooperates) for t in doc.tasks}


HEAD = "关于推进工作的通知\n各县区人民政府:\n现就有关事项通知如下。\n一、总体要求\n"


def test_first_listed_rule_holds_from_where_it_is_stated():
    doc = extract(HEAD
                  + "1.甲项。做好工作。\n责任单位:市发改委、市财政局\n"
                  + "2.乙项。做好工作。\n责任单位:市商务局、市财政局(除标注“分别牵头”外,列第一位为牵头单位,下同)\n"
                  + "3.丙项。做好工作。\n责任单位:市科技局、市教育局、市财政局\n"
                  + "4.丁项。做好工作。\n责任单位:市人社局、市农业农村局分别牵头\n")
    assert roles(doc) == {
        "一/1": (["市发展改革委", "市财政局"], []),  # before the rule: 责任单位 alone leads
        "一/2": (["市商务局"], ["市财政局"]),
        "一/3": (["市科技局"], ["市教育局", "市财政局"]),
        "一/4": (["市人力资源社会保障局", "市农业农村局"], []),  # 分别牵头: every unit leads
    }


def test_a_first_listed_rule_in_a_closing_note_holds_for_every_clause():
    doc = extract(HEAD
                  + "1.甲项。做好工作。(责任单位:市发改委、市财政局)\n"
                  + "二、保障措施\n以上各项任务中,排在第一位的为牵头单位,其他为配合单位。\n")
    assert roles(doc) == {"一/1": (["市发展改革委"], ["市财政局"])}



def test_a_clause_that_states_the_first_listed_rule_is_read_by_it():
    # the rule's own words (…为牵头部门、单位,下同) are no units, and its clause is a clause like the later ones
    doc = extract(HEAD
                  + "1.甲项。做好工作。(市发改委、市财政局)\n"
                  + "2.乙项。做好工作。(市商务局、市财政局,以黑体字标注的为牵头部门、单位,下同)\n"
                  + "3.丙项。做好工作。(市科技局、市教育局)\n")
    assert roles(doc) == {
        "一/1": (["市发展改革委", "市财政局"], []),
        "一/2": (["市商务局"], ["市财政局"]),
        "一/3": (["市科技局"], ["市教育局"]),
    }


def test_units_before_the_comma_lead_where_the_document_says_so():
    doc = extract(HEAD
                  + "1.甲项。做好工作。(责任单位:市发改委,市财政局)\n"
                  + "2.乙项。做好工作。〔责任单位:市民政局,市公安局、市财政局、各县(市、区)人民政府,逗号前为牵头单位,下同〕\n"
                  + "3.丙项。做好工作。〔责任单位:市商务局、市科技局,市教育局〕\n"
                  + "4.丁项。做好工作。(牵头单位:市税务局;配合单位:市财政局,市人社局)\n")
    assert roles(doc) == {
        "一/1": (["市发展改革委", "市财政局"], []),  # before the rule: every unit of 责任单位 leads
        "一/2": (["市民政局"], ["市公安局", "市财政局", "各县(市、区)人民政府"]),  # (the rule's words name no unit)
        "一/3": (["市商务局", "市科技局"], ["市教育局"]),
        "一/4": (["市税务局"], ["市财政局", "市人力资源社会保障局"]),  # labels say the roles themselves
    }

def test_standing_units_join_every_later_clause():
    doc = extract(HEAD
                  + "1.甲项。做好工作。(责任单位:市财政局,以下均需各县(市、区)人民政府落实,不再单独列出)\n"
                  + "2.乙项。做好工作。(牵头单位:市商务局;配合单位:市税务局)\n")
    assert roles(doc) == {
        "一/1": (["市财政局", "各县(市、区)人民政府"], []),
        "一/2": (["市商务局"], ["市税务局", "各县(市、区)人民政府"]),
    }



def test_a_clause_that_states_a_standing_rule_keeps_its_own_units():
    # the rule sentence inside the clause ends with a verb of its own (落实): the clause is still the units'
    doc = extract(HEAD
                  + "1.甲项。做好工作。(市财政局、市科技局,各县(市、区)人民政府按职责分工负责。"
                  + "以下政策均需各县(市、区)人民政府落实,不再单独列出)\n"
                  + "2.乙项。做好工作。(市税务局负责)\n")
    assert roles(doc) == {
        "一/1": (["市财政局", "市科技局", "各县(市、区)人民政府"], []),
        "一/2": (["市税务局", "各县(市、区)人民政府"], []),
    }

def test_labels_on_lines_of_their_own():
    doc = extract(HEAD + "1.甲项。做好工作。\n牵头单位:\n市商务局\n配合单位:\n市财政局、市税务局\n")
    assert roles(doc) == {"一/1": (["市商务局"], ["市财政局", "市税务局"])}


def test_a_bare_name_takes_the_issuing_governments_prefix_when_its_clause_prints_none():
    doc = extract("宿松县人民政府关于推进工作的通知\n一、总体要求\n1.甲项。做好工作。(牵头单位:住房和城乡建设局,责任单位:财政局)\n"
                  "\n宿松县人民政府\n2023年3月1日\n")
    assert roles(doc) == {"一/1": (["县住房城乡建设局"], ["县财政局"])}
    assert [u.printed for u in doc.tasks[0].units] == ["住房和城乡建设局", "财政局"]



def test_an_autonomous_regions_units_and_its_bare_names_carry_its_prefix():
    doc = extract("广西壮族自治区人民政府办公厅关于推进工作的通知\n一、总体要求\n"
                  "1.甲项。做好工作。(牵头单位:自治区发展改革委;配合单位:财政厅)\n2.乙项。做好工作。(牵头单位:商务厅)\n")
    assert roles(doc) == {"一/1": (["自治区发展改革委"], ["自治区财政厅"]), "一/2": (["自治区商务厅"], [])}
    assert {(u.name, u.level, u.known) for t in doc.tasks for u in t.units} == {
        ("自治区发展改革委", "province", True), ("自治区财政厅", "province", True), ("自治区商务厅", "province", True)}


def test_collectives_and_governments_take_the_level_of_a_longer_level_word():
    catalog = default_catalog()
    assert [catalog.resolve(n).level for n in ("地区有关部门", "自治州人民政府", "自治区有关部门", "省有关部门")] == [
        "city", "city", "province", "province"]

def test_the_prefix_the_clauses_print_decides_over_the_header():
    doc = extract("安徽省关于推进工作的通知\n一、总体要求\n1.甲项。做好工作。(牵头单位:住房和城乡建设局)\n"
                  "2.乙项。做好工作。(牵头单位:县委网信办,责任单位:财政局)\n")
    assert roles(doc) == {"一/1": (["县住房城乡建设局"], []), "一/2": (["县委网信办"], ["县财政局"])}


def _bank(date: str) -> list[str]:
    doc = extract(f"关于推进金融工作的通知\n一、总体要求\n1.甲项。做好工作。(牵头单位:市财政局;配合单位:人行菏泽市中心支行)\n"
                  f"\n菏泽市人民政府\n{date}\n")
    return doc.tasks[0].cooperates


def test_a_renaming_applies_only_to_texts_dated_after_it():
    assert _bank("2024年3月1日") == ["人行菏泽市分行"]
    assert _bank("2022年3月1日") == ["人行菏泽市中心支行"]
    assert _bank("2012年3月1日") == ["人行菏泽市中心支行"]


def test_units_keep_their_printed_form_and_position():
    doc = extract(HEAD + "1.甲项。做好工作。(省发展改革委牵头,省商务厅、住房城乡建设厅、市场监管局按职责分工负责)\n")
    units = [(u.name, u.printed, u.position, u.role) for u in doc.tasks[0].units]
    assert units == [
        ("省发展改革委", "省发展改革委", 0, "lead"),
        ("省商务厅", "省商务厅", 1, "cooperate"),
        ("省住房城乡建设厅", "住房城乡建设厅", 2, "cooperate"),
        ("省市场监管局", "市场监管局", 3, "cooperate"),
    ]


def test_leads_and_cooperates_on_edges_keep_printed_form_and_position():
    from policykg.graph.build import build_graph

    doc = extract(HEAD + "1.甲项。做好工作。(省发展改革委、省商务厅牵头,住房城乡建设厅配合)\n")
    graph = build_graph([doc])
    edges = sorted((e.type, graph.nodes[e.source].props["name"], e.props["printed"], e.props["position"])
                   for e in graph.edges.values() if e.type in ("LEADS", "COOPERATES_ON"))
    assert edges == [
        ("COOPERATES_ON", "省住房城乡建设厅", "住房城乡建设厅", 2),
        ("LEADS", "省发展改革委", "省发展改革委", 0),
        ("LEADS", "省商务厅", "省商务厅", 1),
    ]


def test_a_label_line_does_not_swallow_the_paragraph_after_it():
    doc = extract(HEAD + "1.甲项。做好工作。\n牵头单位:市商务局,责任单位:各县区人民政府\n"
                  "各县区、各部门要提高政治站位,切实把思想和行动统一到市委、市政府决策部署上来,全力推动各项政策落实落地。\n")
    assert roles(doc) == {"一/1": (["市商务局"], ["各县区人民政府"])}


def test_angle_brackets_printed_for_parentheses_in_a_units_name():
    doc = extract(HEAD + "1.甲项。做好工作。(责任单位:市财政局,各县<市、区>政府、有关区政府<管委会>)\n")
    assert roles(doc) == {"一/1": (["市财政局", "各县(市、区)政府", "有关区政府(管委会)"], [])}
    assert doc.tasks[0].units[1].span.end - doc.tasks[0].units[1].span.start == len("各县<市、区>政府")
