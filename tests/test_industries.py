"""Industries: what a document promotes, with the group it puts each in, and what it only mentions.

Each rule is tried on a few lines written for it: ``from_running_text`` on a sentence, ``read`` and the whole
pipeline (``extract_bytes``) on a short document, for what a user sees: the Industry nodes and the tasks linked
to them.
"""
from __future__ import annotations

import pytest

from policykg.ingest.extract import extract_bytes
from policykg.ingest.industries import from_running_text, read
from policykg.ingest.normalize import clean_document
from policykg.ingest.outline import build_outline


def names(text: str) -> list[str]:
    return [ind.name for _, ind in from_running_text(clean_document(text).text)]


def with_parents(text: str) -> dict[str, str | None]:
    return {ind.name: ind.parent for _, ind in from_running_text(clean_document(text).text)}


def document(body: str) -> bytes:
    head = "某市人民政府办公室关于印发某市若干措施的通知\n\n各县区人民政府，市政府各部门：\n\n"
    return (head + body + "\n\n某市人民政府办公室\n2023年3月1日\n").encode("utf-8")


# -- a promoted sector ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("text, name", [
    ("大力发展人才服务业，重点扶持人才市场。", "人才服务业"),
    ("积极培育健康产业，支持发展健康咨询。", "健康产业"),
    ("促进建筑业发展。在水利、公路项目中支持本地企业。", "建筑业"),
    ("支持十大新兴产业高质量发展。", "十大新兴产业"),  # the document's own set keeps its count
    ("推动农产品加工业提质升级。", "农产品加工业"),
])
def test_a_sector_named_after_a_promoting_verb_is_an_industry(text, name):
    assert names(text) == [name]


def test_several_named_sectors_after_one_verb_are_each_an_industry():
    assert sorted(names("支持十大新兴产业、未来产业培育等重大技术攻关。")) == ["十大新兴产业", "未来产业"]


@pytest.mark.parametrize("text, name", [
    ("进一步推进房地产行业平稳健康发展。", "房地产业"),  # X行业 is the industry X业
    ("促进我市房地产业良性循环和健康发展。", "房地产业"),  # the scope is not part of the name
    ("带动未来五年制造业投资1000亿元以上。", "制造业"),
    ("每年培育打造5—8个省级战略性新兴产业集群。", "战略性新兴产业"),  # a count that counts no list
])
def test_a_name_is_written_as_one_industry_across_documents(text, name):
    assert names(text) == [name]


def test_a_one_character_trade_keeps_its_word():
    assert names("支持银行业发展。") == ["银行业"]


# -- the group the document puts it in -------------------------------------------------------------------------


def test_a_list_closed_by_a_group_gives_each_item_that_parent():
    got = with_parents("加快数字化转型。培育壮大先进计算、物联网、网络安全等优势产业，推进重大项目。")
    assert got == {"先进计算": "优势产业", "物联网": "优势产业", "网络安全": "优势产业"}


def test_a_counted_list_needs_no_etc_and_keeps_its_cluster():
    got = with_parents("做大铝基新材料、绿色家居两大产业集群，加快建设。")
    assert got == {"铝基新材料": "产业集群", "绿色家居": "产业集群"}


def test_a_group_in_quotes_is_a_parent():
    got = with_parents("培育发展预制菜、绿色化工、新型建材等“新赛道”。")
    assert got == {"预制菜": "“新赛道”", "绿色化工": "“新赛道”", "新型建材": "“新赛道”"}


def test_a_count_that_disagrees_with_the_list_gives_no_list():
    assert names("做大铝基新材料、绿色家居三大产业集群。") == []


# -- passing mentions --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "对交通运输、住宿餐饮、文体娱乐等行业纳税人，免征房产税。",  # no promoting verb
    "鼓励银行业金融机构加大信贷投放。",  # the banks, not banking
    "支持百货商场、家居家电等行业有序恢复促消费活动。",  # "…等行业" groups nothing
    "推进产业链延链补链强链。",  # the chain of an industry
    "支持行业协会商会发展。",
    "加快建设制造业强省。",
    "推动高校人才培养与产业发展需求相匹配。",  # industry in general
    "打造一批新一代信息技术与制造业融合发展试点示范。",  # two things fused
    "推进服务业和制造业深度融合发展。",  # two sectors fused, joined by 和 (no character of a name)
    "支持县域根据产业发展规划建设职业院校。",  # a clause, not a name
    "推动传统产业技改升级。",  # a category that says nothing of which industry
])
def test_a_passing_mention_is_no_industry(text):
    assert names(text) == []


# -- whole documents ---------------------------------------------------------------------------------------------


def test_a_heading_that_promotes_a_sector_is_about_it():
    doc = extract_bytes(document(
        "一、稳定经济运行\n（一）促进建筑业发展。对符合条件的建筑业企业给予奖励。（责任单位：市住房城乡建设局）\n"
        "（二）优化营商环境。持续推进审批改革。（责任单位：市政务服务局）"), "heading.txt")
    assert [(i.name, i.provision) for i in doc.industries] == [("建筑业", "一/(一)")]
    assert {t.number: t.industries for t in doc.tasks} == {"一/(一)": ["建筑业"], "一/(二)": []}


def test_a_catalogue_of_industries_is_read_alone():
    # headings that announce industries: the sector the text also promotes in passing is not added
    text = clean_document(
        "某市战略性新兴产业发展规划\n\n一、重点产业\n（一）生物医药产业\n推进医药研发。\n（二）新材料产业\n"
        "加快新材料应用，带动建筑业发展。\n（三）节能环保产业\n推广节能技术。\n").text
    assert [(i.name, i.parent) for i in read(text, build_outline(text))] == [
        ("生物医药", None), ("新材料", None), ("节能环保", None)]


# -- a heading that groups industries, and the sectors goals measure -------------------------------------------


def test_a_heading_that_names_a_group_gives_the_industry_of_each_sub_item():
    doc = extract_bytes(document(
        "一、推动工业全面发力\n（一）充分发挥特色优势产业支撑作用\n"
        "1.推动煤矿复工复产。四季度煤炭产业增加值增长5%以上。（责任单位：市能源局）\n"
        "2.协调推动电力多发多送。四季度电力行业增加值增长6%左右。（责任单位：市能源局）\n"
        "3.持续抓好中小酒企规范发展。四季度白酒增加值增长15%以上。（责任单位：市工业和信息化局）\n"
        "（二）推动其他重点工业加快发展\n"
        "4.支持健康医药产业发展，建成一批项目。四季度医药制造产业增加值实现正增长。（责任单位：市卫生健康委）\n"
        "5.深挖航空航天装备制造产业潜力。四季度航空航天装备制造产业增加值增长7.5%以上。（责任单位：市工业和信息化局）"),
        "groups.txt")
    got = {i.name: (i.parent, i.provision) for i in doc.industries}
    assert got["煤炭产业"] == ("特色优势产业", "一/(一)/1")
    assert got["电力业"] == ("特色优势产业", "一/(一)/2")
    assert got["白酒"] == ("特色优势产业", "一/(一)/3")  # a sector there, though its name ends as none does
    assert got["健康医药产业"] == ("其他重点工业", "一/(二)/4")  # the first it names
    assert got["航空航天装备制造产业"] == ("其他重点工业", "一/(二)/5")
    assert "医药制造产业" not in got  # a goal of sub-item 4 measures its industry, by the name of a part
    assert {t.number: t.industries for t in doc.tasks}["一/(一)/3"] == ["白酒"]


def sectors_measured(text: str) -> list[str]:
    doc = extract_bytes(document("一、主要目标\n（一）发展目标。" + text + "（责任单位：市发展改革委）"), "goal.txt")
    return [i.name for i in doc.industries]


@pytest.mark.parametrize("text, name", [
    ("力争到2025年数字经济核心产业增加值占地区生产总值比重达到10%。", "数字经济核心产业"),
    # (a name of standing only is the document's own set with its count, as 十大新兴产业)
    ("到2025年十大优势特色农业产值达到6500亿元以上。", "十大优势特色农业"),
    ("全年烟草行业年度增加值增长7%以上。", "烟草业"),
])
def test_a_sector_a_goal_measures_is_an_industry(text, name):
    assert sectors_measured(text) == [name]


@pytest.mark.parametrize("text", [
    "四季度白酒增加值增长15%以上。",  # outside a group, a name must end as an industry's does
    "规上工业增加值增长8%。",
    "完善文化产业增加值核算办法。",  # a measure, no goal
])
def test_a_measure_outside_a_group_names_no_sector_unless_it_ends_as_one(text):
    assert sectors_measured(text) == []


# -- the market a document is for -------------------------------------------------------------------------------


def opened_with(preamble: str, body: str = "一、加大住房公积金支持力度。提高贷款额度。（责任单位：县住房公积金中心）") -> list[str]:
    return [i.name for i in extract_bytes(document(preamble + "\n" + body), "market.txt").industries]


def test_a_document_for_a_market_is_about_its_industry():
    assert opened_with("为促进我县房地产市场平稳健康发展，结合我县实际，制定本政策措施。") == ["房地产业"]


def test_a_market_named_only_in_the_body_or_of_no_industry_is_no_industry():
    assert opened_with("为提振市场信心，制定本措施。",
                       "一、规范市场秩序。促进房地产市场平稳健康发展。（责任单位：县住房城乡建设局）") == []
    assert opened_with("为促进消费市场平稳健康发展，制定本措施。") == []


# -- junk the real corpus showed -------------------------------------------------------------------------------


@pytest.mark.parametrize("text, name", [
    ("促进来宾市房地产业平稳健康发展。", "房地产业"),  # a region's name in front
    ("促进内江市中心城区房地产业良性循环和健康发展。", "房地产业"),
    ("进一步促进本市养老产业发展。", "养老产业"),
    ("着力发展世界级先进制造业。", "先进制造业"),
    ("共同打造长三角大飞机先进制造业集群。", "大飞机先进制造业"),  # a region of several provinces
    ("促进三角梅产业发展。", "三角梅产业"),  # a name that only looks like one
])
def test_the_place_and_scope_in_front_are_not_part_of_the_name(text, name):
    assert names(text) == [name]


@pytest.mark.parametrize("text", [
    "鼓励金融机构发展住房租赁业务。",  # 业务 and 业态 are no industry
    "发展智慧超市、智慧商店、智慧餐厅等新零售业态。",
    "支持各地出资设立服务业发展基金。",  # a clause
    "围绕不断夯实制造业大盘，持续开展企业服务。",
    "推动基本实现农业现代化。",
    "推动物流业制造业深度融合。",  # two industries joined
    "促进现代服务业与先进制造业、现代农业深度融合。",
    "打造贵州酸汤、贵州牛肉粉、贵州小吃等“黔菜”品牌。",  # a quoted group of no sector
    "推进沪渝、京港澳等“两纵两横”高速公路主通道扩容提质。",
    "支持企业、科研院所、行业协会等组建产业联盟。",  # bodies, not sectors
    "推进中国农业科学院在本地高质量创新发展。",
    "发展多层次农业保险。",
    "用好鼓励类产业目录导向作用。",
    "促进我与周边国家地区农业、能源等领域合作。",
    "统筹发展科技农业、质量农业、品牌农业。",  # qualities of farming, not sectors
    "鼓励银行业机构运用大数据技术。",
    "推进老工业基地制造业转型。",
    "繁荣发展文化事业产业。",  # a public undertaking and its industry joined
])
def test_a_junk_class_is_no_industry(text):
    assert names(text) == []


@pytest.mark.parametrize("text", [
    "坚持就业优先战略，支持发展劳动密集型产业。",  # what they need, not which industry
    "优先支持联农带农富农产业发展。",  # what they do for someone
    "着力壮大县域富民产业。",
    "分类推进帮扶产业提质增效。",
])
def test_a_category_of_industries_is_no_industry(text):
    assert names(text) == []


@pytest.mark.parametrize("text", [
    "积极支持全市优势制造业发展。",  # its standing only, not which manufacturing
    "培育壮大特色优势产业。",
    "推动新兴支柱产业做大做强。",
])
def test_a_name_of_standing_only_is_no_industry(text):
    assert names(text) == []


def test_a_name_of_standing_only_with_a_count_is_the_documents_set():
    assert names("推动三大优势制造业发展。") == ["三大优势制造业"]


@pytest.mark.parametrize("text", [
    "统筹发展科技农业、绿色农业、质量农业、品牌农业。",  # qualities of farming, one of them no quality word
    "加快培育优势产业、特色产业、循环产业和楼宇经济。",
])
def test_sectors_named_together_with_a_generic_one_are_of_its_kind(text):
    assert names(text) == []


def test_a_category_still_groups_the_sectors_it_lists():
    assert with_parents("大力发展纺织、服装等劳动密集型产业。") == {"纺织": "劳动密集型产业", "服装": "劳动密集型产业"}


def test_a_measure_inside_a_name_ends_it():
    assert sectors_measured("到2025年现代服务业增加值占服务业增加值比重达到76.5%。") == ["现代服务业"]
