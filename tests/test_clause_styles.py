"""Responsibility clauses in the styles real documents use."""
from __future__ import annotations

import pytest

from policykg.ingest.clauses import document_says_first_listed_leads, find_clauses, parse_clause
from policykg.ingest.departments import default_catalog


def roles(text: str, first_listed_leads: bool = False) -> list[list[tuple[str, str]]]:
    catalog = default_catalog()
    out = []
    for clause in find_clauses(text, catalog):
        content = catalog.repair_keywords(text[clause.content_start:clause.content_end])
        mentions = parse_clause(content, 0, catalog, first_listed_leads=first_listed_leads)
        out.append([(catalog.resolve(m.written).name, m.role) for m in mentions])
    return out


@pytest.mark.parametrize("text, expected", [
    ("1.完善实验室体系。积极争创。(牵头单位:市科技局;参与单位:各县区政府、管委会)",
     [[("市科技局", "lead"), ("各县区政府、管委会", "cooperate")]]),
    ("一、提速发展\n深入实施。(责任单位:省发展改革委、省科技厅会同省有关部门)",
     [[("省发展改革委", "lead"), ("省科技厅", "lead"), ("省有关部门", "cooperate")]]),
    ("(一)生物医药产业。坚持。(市发展改革委、市统计局等部门按职责分工负责)",
     [[("市发展改革委", "lead"), ("市统计局", "lead")]]),
    ("(三)强化保障。做好工作。(省发展改革委牵头,省商务厅、住房城乡建设厅等按职责分工负责)",
     [[("省发展改革委", "lead"), ("省商务厅", "cooperate"), ("省住房城乡建设厅", "cooperate")]]),
    ("1.加快建设。完善体系。\n牵头单位:市发展改革委\n配合单位:市财政局、市商务局等单位\n",
     [[("市发展改革委", "lead"), ("市财政局", "cooperate"), ("市商务局", "cooperate")]]),
    ("3.推进。工作。(市财政局、市人社局、市医保局分别负责)",
     [[("市财政局", "lead"), ("市人力资源社会保障局", "lead"), ("市医保局", "lead")]]),
    ("4.加强。工作。市卫生健康委、市民政局按职责分工负责。",
     [[("市卫生健康委", "lead"), ("市民政局", "lead")]]),
    ("5.完善。(牵头部门:市商务局、市发展改革委)", [[("市商务局", "lead"), ("市发展改革委", "lead")]]),
    ("6.做好。(由市住建局牵头,市自然资源和规划局、市城管局配合)",
     [[("市住房城乡建设局", "lead"), ("市自然资源和规划局", "cooperate"), ("市城管局", "cooperate")]]),
    ("7.推进。(市财政局、市税务局按职责分工负责,2025年底前完成)", [[("市财政局", "lead"), ("市税务局", "lead")]]),
    ("8.甲项。(牵头单位:市科技局)乙项。(牵头单位:市教育局;配合单位:团市委)",
     [[("市科技局", "lead")], [("市教育局", "lead"), ("团市委", "cooperate")]]),
])
def test_clause_styles(text, expected):
    assert roles(text) == expected


def test_table_cell_with_ocr_damaged_keyword():
    cell = "市工业和信息化局、市农业农村局率头,市有关部门配合"
    assert roles(f"({cell})") == [[("市工业和信息化局", "lead"), ("市农业农村局", "lead"), ("市有关部门", "cooperate")]]


def test_a_document_rule_makes_the_first_listed_unit_the_lead():
    assert document_says_first_listed_leads("各项任务中,排在第一位的为牵头单位,其他为配合单位。")
    assert roles("1.推进。(责任单位:市发展改革委、市财政局、市商务局)", first_listed_leads=True) == [
        [("市发展改革委", "lead"), ("市财政局", "cooperate"), ("市商务局", "cooperate")]]


@pytest.mark.parametrize("text", [
    "2.推进。各县区要结合实际抓好落实。",
    "加快发展(EOD)模式,建设(含技工院校)项目。",
    "以上政策措施,各责任单位按分工负责、协同推进。",
    "加快(2023年完成)建设。",
])
def test_running_text_is_not_a_clause(text):
    assert roles(text) == []
