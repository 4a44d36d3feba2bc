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
    ("9.推进。(负责单位:市发展改革委、市财政局)", [[("市发展改革委", "lead"), ("市财政局", "lead")]]),
    ("10.推进。(牵头单位:市商务局;负责单位:市财政局)", [[("市商务局", "lead"), ("市财政局", "cooperate")]]),
    # a unit the clause names as its lead and again among the others only leads
    ("11.推进。(牵头单位:市民政局;责任单位:市民政局、市财政局)", [[("市民政局", "lead"), ("市财政局", "cooperate")]]),
    ("12.推进。(市发展改革委、市财政局负责,其中市发展改革委为牵头单位)",
     [[("市财政局", "cooperate"), ("市发展改革委", "lead")]]),
    # short labels: the kind and a colon, without 单位/部门
    ("13.推进。(牵头:市发展改革委;配合:市财政局、市商务局)",
     [[("市发展改革委", "lead"), ("市财政局", "cooperate"), ("市商务局", "cooperate")]]),
    ("14.推进。\n主责:市科技局\n协办:市教育局\n", [[("市科技局", "lead"), ("市教育局", "cooperate")]]),
])
def test_clause_styles(text, expected):
    assert roles(text) == expected


# Placeholders cut at 、 and names holding a bracket, in every bracket documents print.
@pytest.mark.parametrize("text, expected", [
    ("1.推进。工作。(责任单位:市发改委、各区、县级市人民政府)",
     [[("市发展改革委", "lead"), ("各区、县级市人民政府", "lead")]]),
    ("(十六)推进。工作。(责任单位:市住建局、市委金融办、各区、县(市)政府组织各相关部门实施)",
     [[("市住房城乡建设局", "lead"), ("市委金融办", "lead"), ("各区、县(市)政府", "lead")]]),
    ("一、推进。工作。(责任单位:市住建局〈市人防办〉、市财政局、各区县市人民政府〈管委会〉)",
     [[("市住房城乡建设局", "lead"), ("市财政局", "lead"), ("各区县市人民政府〈管委会〉", "lead")]]),
    ("(一)推进。工作。(市财政局、市科技局,各县级市<区>政府<管委会>按职责分工负责)",
     [[("市财政局", "lead"), ("市科技局", "lead"), ("各县级市<区>政府<管委会>", "lead")]]),
    # a government's "(管委会)" names the body that stands for it in a zone: no other name of it, kept
    ("1.推进。〔牵头单位:市自然资源规划局,配合单位:市住建局、属地人民政府(管委会)〕",
     [[("市自然资源和规划局", "lead"), ("市住房城乡建设局", "cooperate"), ("属地人民政府(管委会)", "cooperate")]]),
    ("1.推进。[责任单位:市财政局,中心城区政府(管委会)]", [[("市财政局", "lead"), ("中心城区政府(管委会)", "lead")]]),
    ('1.推进。[责任单位:市财政局,"四区"政府(管委会)]', [[("市财政局", "lead"), ('"四区"政府(管委会)', "lead")]]),
    # a named unit after a placeholder is a unit of its own; only a body no place names joins it (…政府、管委会)
    ("1.推进。工作。(责任单位:市财政局,各县区、各开发区、湾里管理局)",
     [[("市财政局", "lead"), ("各县区、各开发区", "lead"), ("湾里管理局", "lead")]]),
    ("1.推进。工作。(责任单位:市直相关单位、临川区政府、抚州高新区管委会)",
     [[("市直相关单位", "lead"), ("临川区政府", "lead"), ("抚州高新区管委会", "lead")]]),
    ("1.推进。工作。(责任单位:市财政局,各县市区人民政府、园区管委会)",
     [[("市财政局", "lead"), ("各县市区人民政府、园区管委会", "lead")]]),
    # 州 and 盟 are region words a placeholder goes on with, as 市 and 县 are
    ("1.推进。工作。(责任单位:省民政厅,各市、州、县人民政府)", [[("省民政厅", "lead"), ("各市、州、县人民政府", "lead")]]),
    ("1.推进。工作。(责任单位:自治区民政厅,各盟、旗人民政府)",
     [[("自治区民政厅", "lead"), ("各盟、旗人民政府", "lead")]]),
    # the units a rule names for every later measure come through the rule, not as this clause's list
    ("一、推进。工作。(省发展改革委、省商务厅等按职责分工负责,各市、县人民政府负责落实。以下均需各市、县人民政府落实,不再一一列出)",
     [[("省发展改革委", "lead"), ("省商务厅", "lead"), ("各市、县人民政府", "lead")]]),
    ("一、推进。工作。(省发展改革委、省商务厅等按职责分工负责。以下均需各市、县人民政府落实,不再一一列出)",
     [[("省发展改革委", "lead"), ("省商务厅", "lead")]]),
])
def test_placeholders_and_brackets(text, expected):
    assert roles(text) == expected


# A label whose colon was lost (OCR, conversion) runs straight into its first unit: read right after the
# clause's bracket or a separator, where running text does not put a label.
@pytest.mark.parametrize("text, expected", [
    ("一、推进。工作。(责任单位市住建局)", [[("市住房城乡建设局", "lead")]]),
    ("一、推进。工作。(责任单位市财政局,配合单位:市住建局、市税务局)",
     [[("市财政局", "lead"), ("市住房城乡建设局", "cooperate"), ("市税务局", "cooperate")]]),
    ("三、推进。工作。(责任单位:市金融办,配合单位各商业银行)", [[("市金融办", "lead"), ("各商业银行", "cooperate")]]),
])
def test_labels_without_their_colon(text, expected):
    assert roles(text) == expected


@pytest.mark.parametrize("text", ["一、推进。要压实责任,责任单位各负其责,确保落实。",
                                  "一、推进。对未完成任务的,责任单位市级主管部门要约谈。",
                                  "一、推进。要发挥牵头作用,各部门配合:做好统筹,确保落实。"])
def test_a_label_word_in_running_text_is_no_label(text):
    assert roles(text) == []


@pytest.mark.parametrize("text, expected", [
    # agencies named with their region (the central bank's and the regulators' branches), listed bare
    ("5.加大信贷支持。(人民银行无锡市分行、国家金融监管总局无锡监管分局)",
     [[("人民银行无锡市分行", "lead"), ("国家金融监管总局无锡监管分局", "lead")]]),
    ("七、做好融资协调。(省住房城乡建设厅,各市房地产融资协调机制)",
     [[("省住房城乡建设厅", "lead"), ("各市房地产融资协调机制", "lead")]]),
    # one such name alone, or a region, closing a paragraph is a remark
    ("2.相关重点高校医学学科(厦门医学院)", []),
    ("3.支持企业在越秀区落户(越秀区)", []),
])
def test_bare_lists_of_regional_agencies(text, expected):
    assert roles(text) == expected


@pytest.mark.parametrize("text, expected", [
    # a deadline or a person between labels: the units of the labels after it still count
    ("1.推进。工作。(牵头单位:市商务局,完成时限:2023年底;配合单位:市财政局)",
     [[("市商务局", "lead"), ("市财政局", "cooperate")]]),
    ("1.推进。工作。(牵头领导:张三;牵头单位:市发展改革委;责任人:李四)", [[("市发展改革委", "lead")]]),
    ("1.推进。工作。(责任单位:市发展改革委 责任人:张三)", [[("市发展改革委", "lead")]]),
    # a count of the units before the closing verb (等10个部门)
    ("1.推进。工作。(市发展改革委等10个部门按职责分工负责)", [[("市发展改革委", "lead")]]),
    ("1.推进。工作。(责任单位:市发展改革委、市财政局等三个部门)", [[("市发展改革委", "lead"), ("市财政局", "lead")]]),
    ("1.推进。工作。(主要责任单位:市发展改革委;协同单位:市财政局)",
     [[("市发展改革委", "lead"), ("市财政局", "cooperate")]]),
])
def test_people_and_deadlines_among_the_labels(text, expected):
    assert roles(text) == expected


def test_a_misread_name_is_repaired():
    assert roles("5.培育商业氛围。工作。(责任部门:区具(市)人民政府)") == [[("区县(市)人民政府", "lead")]]


def test_a_bracket_the_name_never_opened_is_not_part_of_it():
    assert roles("六、控制规模。工作。((责任单位:市自然资源局、市城管局、市住建局)") == [
        [("市自然资源局", "lead"), ("市城管局", "lead"), ("市住房城乡建设局", "lead")]]


def test_a_misread_label_is_repaired():
    assert roles("七、推进。工作。(贵任单位:市农业农村局、市公安局,各区县人民政府)") == [
        [("市农业农村局", "lead"), ("市公安局", "lead"), ("各区县人民政府", "lead")]]
    assert roles("八、推进。工作。(责任任部门:市住建局,配合部门:园区管委会)") == [
        [("市住房城乡建设局", "lead"), ("园区管委会", "cooperate")]]
    assert roles("九、统计。工作。(责任部门:市住建局,配部门:区县(市)人民政府、园区管委会)") == [
        [("市住房城乡建设局", "lead"), ("区县(市)人民政府", "cooperate"), ("园区管委会", "cooperate")]]
    assert roles("十、加大分配部门:支持。(责任部门:市住建局)") == [[("市住房城乡建设局", "lead")]]


@pytest.mark.parametrize("marked", ["市住建局(牵头)", "市住建局〔牵头〕", "市住建局【牵头】"])
def test_a_role_mark_in_any_bracket(marked):
    assert roles(f"九、推进。工作。(责任单位:{marked}、市财政局)") == [
        [("市住房城乡建设局", "lead"), ("市财政局", "cooperate")]]


def test_the_unit_that_serves_a_measure_is_responsible_for_it():
    assert roles("一、提高贷款额度。最高额度提高至80万元。(服务单位:市住房公积金管理中心)") == [
        [("市住房公积金管理中心", "lead")]]


@pytest.mark.parametrize("text", [
    "二、组织机构\n主办单位:某市房地产业协会。\n\n承办单位:某市房产信息服务有限公司。\n",
    "五、组织单位:\n主办单位:某县人民政府\n承办单位:县住房城乡建设局\n协办单位:县房地产商会\n",
])
def test_an_events_organisers_are_no_clause(text):
    assert roles(text) == []


@pytest.mark.parametrize("text, expected", [
    # the same labels closing a measure's sentence, or in brackets, still say who carries it out
    ("三、办好展会。组织开展展示交易活动。\n主办单位:市住建局\n协办单位:市商务局\n",
     [[("市住房城乡建设局", "lead"), ("市商务局", "cooperate")]]),
    ("三、办好展会。组织开展展示交易活动。(主办单位:市住建局;协办单位:市商务局)",
     [[("市住房城乡建设局", "lead"), ("市商务局", "cooperate")]]),
    ("三、办好展会\n主责:市住建局\n协办:市商务局\n", [[("市住房城乡建设局", "lead"), ("市商务局", "cooperate")]]),
])
def test_organiser_labels_that_close_a_measure_are_a_clause(text, expected):
    assert roles(text) == expected


def test_a_bracket_left_open_inside_a_title_does_not_swallow_the_clause():
    text = "六、优化监管。按照《关于印发(<某市商品房预售资金监管办法(试行)〉的通知》执行。(市住建局、市财政局负责)"
    assert roles(text) == [[("市住房城乡建设局", "lead"), ("市财政局", "lead")]]


# Role words: who leads and who cooperates, whatever the words.
@pytest.mark.parametrize("text, expected", [
    # 责任单位 beside a 牵头单位 cooperates; alone it leads
    ("1.推进。(牵头单位:市商务局;责任单位:市财政局、市税务局)",
     [[("市商务局", "lead"), ("市财政局", "cooperate"), ("市税务局", "cooperate")]]),
    ("1.推进。(责任单位:市商务局、市财政局)", [[("市商务局", "lead"), ("市财政局", "lead")]]),
    # three roles in one clause
    ("1.推进。(牵头单位:市商务局;配合单位:市财政局;责任单位:各区政府)",
     [[("市商务局", "lead"), ("市财政局", "cooperate"), ("各区政府", "cooperate")]]),
    ("1.推进。(市商务局牵头,市财政局配合)", [[("市商务局", "lead"), ("市财政局", "cooperate")]]),
    ("1.推进。(市商务局负责,市财政局参与)", [[("市商务局", "lead"), ("市财政局", "cooperate")]]),
    ("1.推进。(市商务局会同市财政局)", [[("市商务局", "lead"), ("市财政局", "cooperate")]]),
    # a unit marked (牵头) leads, the unmarked ones of its list cooperate
    ("1.推进。(区商务局(牵头)、区财政局、区税务局)",
     [[("区商务局", "lead"), ("区财政局", "cooperate"), ("区税务局", "cooperate")]]),
    ("1.推进。(县住建局、县自然资源局根据单位职责分别牵头负责)",
     [[("县住房城乡建设局", "lead"), ("县自然资源局", "lead")]]),
    ("1.推进。(市住建局、市税务局根据各自职责分别组织实施)", [[("市住房城乡建设局", "lead"), ("市税务局", "lead")]]),
    ("1.推进。(责任单位:区建设局牵头,相关单位参与配合)", [[("区建设局", "lead"), ("相关单位", "cooperate")]]),
    # clauses in square brackets; a phone number after the list is not a unit
    ("1.推进。[责任单位:市住建局]", [[("市住房城乡建设局", "lead")]]),
    ("1.推进。\n责任单位:市税务局咨询电话:12366\n", [[("市税务局", "lead")]]),
    # a unit in brackets after a phone number says whose number it is: no clause
    ("八、咨询电话\n(一)政策咨询电话:0571-89540981(区住建局)、89542096(区商务局)\n", []),
    ("1.推进。(责任单位:市住建局)\n联系电话:12345(市住建局)\n", [[("市住房城乡建设局", "lead")]]),
])
def test_role_words(text, expected):
    assert roles(text) == expected


# Department names inside a clause: where one unit ends and the next begins.
@pytest.mark.parametrize("text, expected", [
    # collective placeholders are one unit each, whatever 、 or brackets they hold
    ("1.推进。(牵头单位:市委组织部,配合单位:各区、县级市)", [[("市委组织部", "lead"), ("各区、县级市", "cooperate")]]),
    ("1.推进。(责任单位:省发展改革委,各市〔州〕、各县〔市、区、特区〕人民政府)",
     [[("省发展改革委", "lead"), ("各市〔州〕、各县〔市、区、特区〕人民政府", "lead")]]),
    ("1.推进。(牵头单位:地区财政局;配合单位:地区税务局,各县(市、区)人民政府)",
     [[("地区财政局", "lead"), ("地区税务局", "cooperate"), ("各县(市、区)人民政府", "cooperate")]]),
    # a bare name takes the last printed level prefix; party organs take 省委
    ("1.推进。(省发展改革委、住房城乡建设厅、省委组织部、宣传部、妇联按职责分工负责)",
     [[("省发展改革委", "lead"), ("省住房城乡建设厅", "lead"), ("省委组织部", "lead"), ("省委宣传部", "lead"),
       ("省妇联", "lead")]]),
    ("1.推进。(牵头单位:地区财政局;配合单位:税务局)", [[("地区财政局", "lead"), ("地区税务局", "cooperate")]]),
    # 市场监管局 is a bare agency, not 市 + 场监管局
    ("1.推进。(省发展改革委、市场监管局、司法厅按职责分工负责)",
     [[("省发展改革委", "lead"), ("省市场监管局", "lead"), ("省司法厅", "lead")]]),
    # units without an agency suffix are kept inside a recognised clause
    ("1.推进。(市发展改革委牵头,广元国际铁路港、属地乡镇、市推进项目建设工作专班按职责分工负责)",
     [[("市发展改革委", "lead"), ("广元国际铁路港", "cooperate"), ("属地乡镇", "cooperate"),
       ("市推进项目建设工作专班", "cooperate")]]),
    ("1.推进。(越秀区牵头,市财政局配合)", [[("越秀区", "lead"), ("市财政局", "cooperate")]]),
    # a middle dot joins a zone and the district run with it: one unit, as printed
    ("1.推进。(责任单位:市住建局,东宝区、荆门高新区·掇刀区、漳河新区)",
     [[("市住房城乡建设局", "lead"), ("东宝区", "lead"), ("荆门高新区·掇刀区", "lead"), ("漳河新区", "lead")]]),
    # a suffix shared by named governments is given to each; a placeholder keeps it whole
    ("1.推进。(牵头单位:市自然资源局;配合单位:钦南区、钦北区人民政府)",
     [[("市自然资源局", "lead"), ("钦南区人民政府", "cooperate"), ("钦北区人民政府", "cooperate")]]),
    ("1.推进。(牵头单位:县住建局;责任单位:经开区、东北新城管委会)",
     [[("县住房城乡建设局", "lead"), ("经开区管委会", "cooperate"), ("东北新城管委会", "cooperate")]]),
    # a bare place name the region data knows takes the level word the named one prints before the suffix
    ("1.推进。(广州、深圳市政府分别负责)", [[("广州市政府", "lead"), ("深圳市政府", "lead")]]),
    ("1.推进。(省商务厅牵头,广州、深圳、珠海市人民政府配合)",
     [[("省商务厅", "lead"), ("广州市人民政府", "cooperate"), ("深圳市人民政府", "cooperate"),
       ("珠海市人民政府", "cooperate")]]),
    # a bare agency after a prefixed one takes the prefix, never a region's name
    ("1.推进。(省发展改革委、财政厅负责)", [[("省发展改革委", "lead"), ("省财政厅", "lead")]]),
    # two units printed without a separator; another name of a unit in 〈〉
    ("1.推进。(责任单位:市住房城乡建设局市自然资源和规划局)",
     [[("市住房城乡建设局", "lead"), ("市自然资源和规划局", "lead")]]),
    ("1.推进。(责任单位:市自然资源规划局、市住建局〈市人防办〉)",
     [[("市自然资源和规划局", "lead"), ("市住房城乡建设局", "lead")]]),
    # 和 between two units
    ("1.推进。(市商务局牵头,市财政局和各县区政府配合)",
     [[("市商务局", "lead"), ("市财政局", "cooperate"), ("各县区政府", "cooperate")]]),
    # 和 inside a name is not a separator
    ("1.推进。(责任单位:市住房和城乡建设局、市工业和信息化局)",
     [[("市住房城乡建设局", "lead"), ("市工业和信息化局", "lead")]]),
    # trailing 等 / 等单位 is not part of the name
    ("1.推进。(责任单位:省交通运输厅、省应急厅等单位)", [[("省交通运输厅", "lead"), ("省应急厅", "lead")]]),
    ("1.推进。(责任单位:省交通运输厅等)", [[("省交通运输厅", "lead")]]),
])
def test_unit_lists(text, expected):
    assert roles(text) == expected


def test_table_cell_with_ocr_damaged_keyword():
    cell = "市工业和信息化局、市农业农村局率头,市有关部门配合"
    assert roles(f"({cell})") == [[("市工业和信息化局", "lead"), ("市农业农村局", "lead"), ("市有关部门", "cooperate")]]


@pytest.mark.parametrize("rule", [
    "各项任务中,排在第一位的为牵头单位,其他为配合单位。",
    "(除标注“分别牵头”外,列第一位为牵头或汇总单位,下同)",
    "各项举措中排序第一的责任单位为该项牵头单位,负责组织有关责任单位做好细则制订。",
    # bold, which plain text loses, marks the lead that such documents list first
    "(中国人民银行某省分行、某省金融监管局,以黑体字标注的为牵头部门、单位,下同)",
    "(标注黑体的为牵头单位)",
])
def test_the_ways_a_document_says_its_first_listed_unit_leads(rule):
    assert document_says_first_listed_leads(rule)


def test_a_document_rule_makes_the_first_listed_unit_the_lead():
    assert roles("1.推进。(责任单位:市发展改革委、市财政局、市商务局)", first_listed_leads=True) == [
        [("市发展改革委", "lead"), ("市财政局", "cooperate"), ("市商务局", "cooperate")]]


@pytest.mark.parametrize("text", [
    "2.推进。各县区要结合实际抓好落实。",
    "加快发展(EOD)模式,建设(含技工院校)项目。",
    "以上政策措施,各责任单位按分工负责、协同推进。",
    "加快(2023年完成)建设。",
    "与市城市建设投资集团有限公司(以下简称城投公司)。",
    "支持重点企业发展(华为技术有限公司)。",
    # a sentence that holds a placeholder's words (有关部门, 相关单位) is no placeholder
    "具体实施细则由有关部门负责制定落实。",
    "以上优惠政策由县招商引资工作领导小组办公室牵头,会同县财政局、县投资集团等相关单位进行核定后方可兑现。",
    "相关条款由各责任部门负责解释并落实。",
])
def test_running_text_is_not_a_clause(text):
    assert roles(text) == []


@pytest.mark.parametrize("printed, name, level", [
    ("县卫建局", "县卫生健康局", "county"),
    ("市质安站", "市质安站", "city"),
    ("市建设工程质量安全监督站", "市质安站", "city"),
    ("省政府妇儿工委办公室", "省政府妇儿工委办公室", "province"),
    ("市妇儿工委办", "市政府妇儿工委办公室", "city"),
    ("市委组织部人才办", "市委人才办", "city"),
    ("新区创新发展局", "新区创新发展局", "county"),
    ("海关总署广东分署", "海关总署广东分署", "province"),
])
def test_official_names_clauses_print_are_known(printed, name, level):
    dept = default_catalog().resolve(printed)
    assert (dept.name, dept.level, dept.known) == (name, level, True)


def test_units_said_by_what_they_do_after_a_named_one_are_not_part_of_its_name():
    assert roles("四十、联合验收。工作。(责任单位:市住建局、市自然资源和规划局等涉及项目联合验收相关单位)") == [
        [("市住房城乡建设局", "lead"), ("市自然资源和规划局", "lead")]]
    assert roles("四十一、办学。工作。(责任单位:市教育局、市中等职业学校)") == [
        [("市教育局", "lead"), ("市中等职业学校", "lead")]]
    # said by what they do in a longer account closed by 的, with or without 相关: the named unit stays
    assert roles("四十二、审批。工作。(责任单位:市财政局等负责项目审批的部门)") == [[("市财政局", "lead")]]
    assert roles("四十三、审批。工作。(责任单位:市发改委、市财政局等负责重点项目建设用地审批工作的相关部门,各区政府)") == [
        [("市发展改革委", "lead"), ("市财政局", "lead"), ("各区政府", "lead")]]
    assert roles("四十四、审批。工作。(市住建局牵头,市财政局等负责项目审批的部门配合)") == [
        [("市住房城乡建设局", "lead"), ("市财政局", "cooperate")]]


def test_two_units_each_named_with_its_region_and_printed_without_a_separator_are_two():
    assert roles("六、支持。工作。(责任单位:人民银行东乡支行抚州银保监分局东乡监管组、区住房保障中心)") == [
        [("人民银行东乡支行", "lead"), ("抚州银保监分局东乡监管组", "lead"), ("区住房保障服务中心", "lead")]]
    # a branch named under its parent body is one unit
    assert roles("七、支持。工作。(责任单位:市市场监管局福田局、国家金融监督管理总局抚州监管分局东乡监管支局)") == [
        [("市市场监管局福田局", "lead"), ("国家金融监督管理总局抚州监管分局东乡监管支局", "lead")]]


@pytest.mark.parametrize("text, expected", [
    ("九、奖励。工作。(责任单位:县、区政府)", [[("县、区政府", "lead")]]),
    ("十、督促。工作。(责任单位:市住建局,市、县人民政府)", [[("市住房城乡建设局", "lead"), ("市、县人民政府", "lead")]]),
    # a bare level word before a named body is no placeholder: 区 alone is dropped as before
    ("十一、推进。工作。(牵头单位:市住建局;配合单位:区、开发区管委会)",
     [[("市住房城乡建设局", "lead"), ("开发区管委会", "cooperate")]]),
])
def test_bare_level_words_sharing_a_government_suffix_are_one_placeholder(text, expected):
    assert roles(text) == expected
    catalog = default_catalog()
    assert catalog.resolve("县、区政府").collective


@pytest.mark.parametrize("text, expected", [
    # the departments of every level listed: one placeholder, where 市 alone had been dropped
    ("十二、督促。工作。(责任单位:市住建局,市、县人民政府有关部门)",
     [[("市住房城乡建设局", "lead"), ("市、县人民政府有关部门", "lead")]]),
    ("十三、督促。工作。(牵头单位:市住建局;配合单位:市、区相关部门和单位)",
     [[("市住房城乡建设局", "lead"), ("市、区相关部门和单位", "cooperate")]]),
    ("十四、督促。工作。(市住建局牵头,市、县人民政府有关部门配合)",
     [[("市住房城乡建设局", "lead"), ("市、县人民政府有关部门", "cooperate")]]),
    # a level's own departments after a placeholder stay apart from it: the districts, and the city's departments
    ("十五、督促。工作。(责任单位:市住建局,各区、市直有关部门)",
     [[("市住房城乡建设局", "lead"), ("各区", "lead"), ("市直有关部门", "lead")]]),
])
def test_bare_level_words_before_their_departments_are_one_placeholder(text, expected):
    assert roles(text) == expected
    assert default_catalog().resolve("市、县人民政府有关部门").collective


@pytest.mark.parametrize("printed, name, level", [
    ("市资源局", "市自然资源局", "city"),
    ("县卫健体委", "县卫生健康体育委", "county"),
    ("市市场监管分局", "市市场监管分局", "city"),
    ("市以工代赈事务中心", "市以工代赈事务中心", "city"),
    ("湾里管理局", "湾里管理局", "county"),
    ("广元国际铁路港", "广元国际铁路港", "city"),
    ("新祺周管理处", "新祺周管理处", None),
    ("市民服务热线办公室", "市民服务热线办公室", "city"),
])
def test_names_real_clauses_print_are_known(printed, name, level):
    dept = default_catalog().resolve(printed)
    assert (dept.name, dept.level, dept.known, dept.collective) == (name, level, True, False)


def test_bare_names_take_the_prefix_of_their_clause():
    # (市场监管分局 opens with 市 and is still a bare name: the clause's 县 is its level)
    assert roles("十二、整治。工作。(县住建局、市场监管分局、卫健体委、资源局负责)") == [
        [("县住房城乡建设局", "lead"), ("县市场监管分局", "lead"), ("县卫生健康体育委", "lead"), ("县自然资源局", "lead")]]


@pytest.mark.parametrize("printed", [
    "福清生态环境局",  # a county's branch of its city's ecology bureau, named by its place
    "中国人民银行上海总部",
    "海经区管委会",  # a zone's committee, the zone's name shortened (海洋经济发展示范区)
    "江阴港城经济区",  # a zone named alone
    "荆门高新区·掇刀区",  # a zone and the district it is run with
    "市(区)不动产登记中心",
])
def test_bodies_known_by_their_shape(printed):
    dept = default_catalog().resolve(printed)
    assert dept.known and not dept.collective and dept.name == printed


def test_a_zone_named_alone_drops_the_other_name_in_its_brackets():
    assert roles("四十、开放。工作。〔责任单位:市金融工作局、发改局,江阴港城经济区(自贸办)〕") == [
        [("市金融工作局", "lead"), ("市发展改革局", "lead"), ("江阴港城经济区", "lead")]]


@pytest.mark.parametrize("text, expected", [
    # governments counted, not named: one placeholder, as printed
    ("三、补贴。工作。[责任单位:市财政局、市税务局,“四区”政府(管委会)]",
     [[("市财政局", "lead"), ("市税务局", "lead"), ("“四区”政府(管委会)", "lead")]]),
    ("四、补贴。工作。(责任单位:市财政局,两县人民政府)", [[("市财政局", "lead"), ("两县人民政府", "lead")]]),
    # a city's functional zones beside its counties and districts
    ("七、延期。工作。(服务单位:市自然资源局、市住建局,各县区、功能板块)",
     [[("市自然资源局", "lead"), ("市住房城乡建设局", "lead"), ("各县区", "lead"), ("功能板块", "lead")]]),
])
def test_placeholders_that_count_or_kind_their_units(text, expected):
    assert roles(text) == expected
    catalog = default_catalog()
    assert all(catalog.resolve(name).collective for name, _ in expected[0][-1:])


@pytest.mark.parametrize("text, expected", [
    # a remark whose bracket never closes, cut short before the clause's own bracket: its words are no unit
    ("五、减税。减按50%征收印花税(不含证(牵头单位:市大数据中心;参与单位:市发展改革局)",
     [[("市大数据中心", "lead"), ("市发展改革局", "cooperate")]]),
    ("六、减税。减按50%征收印花税(不含证〔牵头单位:市大数据中心;参与单位:市发展改革局〕",
     [[("市大数据中心", "lead"), ("市发展改革局", "cooperate")]]),
    # a clause that lost its closing bracket still runs to the line's end, a bracket inside it its own
    ("七、推进。工作。(责任单位:市发展改革委(市服务业办)、市财政局", [[("市发展改革委", "lead"), ("市财政局", "lead")]]),
    ("八、推进。工作。(市发展改革委(牵头)、市财政局按职责分工负责", [[("市发展改革委", "lead"), ("市财政局", "cooperate")]]),
    ("九、推进。工作。((责任单位:市财政局、市税务局)", [[("市财政局", "lead"), ("市税务局", "lead")]]),
])
def test_a_bracket_cut_short_before_a_clause_is_not_part_of_it(text, expected):
    assert roles(text) == expected


@pytest.mark.parametrize("printed, name", [
    ("市工商行政管理局", "市工商局"),
    ("市卫生局", "市卫生局"),
    ("市规划局", "市规划局"),
    ("市法制办公室", "市法制办"),
    ("市经济贸易委员会", "市经贸委"),
    ("市国土资源和房屋管理局", "市国土房管局"),
    ("市科技和信息化局", "市科技和信息化局"),
    ("市文化广电新闻出版局", "市文化广电新闻出版局"),
    ("市住房保障办公室", "市住房保障办"),
    # and offices of a city's own programmes
    ("市留交办", "市留交办"),
    ("市双招双引办", "市双招双引办"),
])
def test_names_from_before_the_2018_reform_are_known(printed, name):
    dept = default_catalog().resolve(printed)
    assert (dept.name, dept.level, dept.known) == (name, "city", True)
