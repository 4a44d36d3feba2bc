"""Numbering and layout shapes of real documents: attachments, articles, excerpts, flattened pages."""
from __future__ import annotations

from pathlib import Path

import pytest

from policykg.corpus import sample_corpus_files
from policykg.graph.build import build_graph
from policykg.graph.ids import document_key, task_id
from policykg.ingest.extract import extract_bytes, extract_file

FIXTURES = Path(__file__).parent / "fixtures"


def _tasks(text: str) -> list:
    return extract_bytes(text.encode(), "doc.txt").tasks


def _numbers(text: str) -> list[str]:
    return [t.number for t in _tasks(text)]


BODY_AND_RESTATING_ATTACHMENT = """为促进房地产市场平稳健康发展,制定本措施。
一、实行契税补贴。对购房人给予契税补贴。(责任单位:县财政局、县税务局)
二、加大公积金支持。提高贷款额度。(责任单位:县住房公积金中心)
本措施自2022年7月1日起实行。
附件:办理细则
附件
办理细则
一、实行契税补贴(责任单位:县财政局)
(一)补贴条件:同时满足两项条件。
二、加大公积金支持(责任单位:县住房公积金中心、县财政局)
(一)贷款申请。借款人提出申请。
"""


def test_an_attachment_restating_the_measures_is_numbered_apart_from_the_body():
    tasks = _tasks(BODY_AND_RESTATING_ATTACHMENT)
    assert [t.number for t in tasks] == ["一", "二", "附件/一", "附件/二"]
    by_number = {t.number: t for t in tasks}
    assert by_number["一"].leads == ["县财政局", "县税务局"]
    assert by_number["附件/一"].leads == ["县财政局"]
    assert by_number["附件/二"].leads == ["县住房公积金管理中心", "县财政局"]


def test_the_attachment_is_the_provision_its_measures_hang_under():
    doc = extract_bytes(BODY_AND_RESTATING_ATTACHMENT.encode(), "doc.txt")
    attachment = next(p for p in doc.provisions if p.number == "附件")
    assert (attachment.title, attachment.parent) == ("办理细则", None)
    assert [p.number for p in doc.provisions if p.parent == "附件"] == ["附件/一", "附件/二"]
    graph = build_graph([doc])  # a provision under a parent the graph lacks is refused
    under = {(e.source, e.target) for e in graph.edges.values() if e.type == "UNDER"}
    assert (task_id(document_key(doc), "附件/一"), task_id(document_key(doc), "附件")) in under


@pytest.mark.parametrize("path", [*sample_corpus_files(), *sorted((FIXTURES / "dev" / "corpus").glob("*.txt"))],
                         ids=lambda p: p.name)
def test_every_parent_a_document_names_is_one_of_its_provisions(path):
    doc = extract_file(path)
    numbers = {p.number for p in doc.provisions}
    assert {p.parent for p in doc.provisions if p.parent} <= numbers
    assert {t.parent for t in doc.tasks if t.parent} <= numbers
    build_graph([doc])


def test_numbered_attachments_keep_their_number():
    text = BODY_AND_RESTATING_ATTACHMENT.replace("附件\n办理细则", "附件2\n办理细则")
    assert _numbers(text)[2:] == ["附件2/一", "附件2/二"]


def test_measures_attached_to_a_notice_are_the_body():
    text = """关于印发某县促进消费若干措施的通知
各乡镇人民政府,县直各单位:
现将《某县促进消费若干措施》印发给你们,请认真贯彻落实。
附件:某县促进消费若干措施
附件
某县促进消费若干措施
一、发放消费券。全年发放消费券。(责任单位:县商务局)
二、支持汽车消费。给予购车补贴。(责任单位:县商务局、县财政局)
"""
    assert _numbers(text) == ["一", "二"]


def test_articles_numbered_di_yi_tiao():
    text = """第一条 为规范专项资金管理,制定本办法。
第二条 专项资金用于支持企业技术改造。(责任单位:市工业和信息化局)
第三条 资金申报每年组织一次。(牵头单位:市财政局;配合单位:市工业和信息化局)
"""
    tasks = _tasks(text)
    assert [t.number for t in tasks] == ["第二条", "第三条"]
    assert tasks[1].leads == ["市财政局"] and tasks[1].cooperates == ["市工业和信息化局"]


def test_several_clauses_in_one_item_are_tasks_with_the_same_number():
    text = """一、加大财税支持力度
1.落实税收优惠政策。继续减征“六税两费”。(责任单位:省税务局)对小微企业给予融资担保降费。(责任单位:省财政厅,配合单位:省地方金融监管局)
2.加快资金拨付。加快专项资金拨付进度。(责任单位:省财政厅)
"""
    tasks = _tasks(text)
    assert [t.number for t in tasks] == ["一/1", "一/1", "一/2"]
    assert tasks[0].title == "落实税收优惠政策" and tasks[1].title is None
    assert tasks[1].text_start.startswith("对小微企业给予")
    assert tasks[1].leads == ["省财政厅"] and tasks[1].cooperates == ["省地方金融监管局"]


def test_the_full_stop_after_a_clause_is_not_the_start_of_the_next_clauses_text():
    text = """一、实施契税补贴
对购买新建商品住房的,按照契税的30%给予补助。(牵头部门:区住建局、区财政局)。
对购买二手住房的,按照契税的20%给予补助(牵头部门:区住建局、区财政局)。
二、实施购房补贴
对购买新建商品住房的,给予2万元补贴(牵头部门:区住建局)。
"""
    tasks = _tasks(text)
    assert [t.number for t in tasks] == ["一", "一", "二"]
    assert tasks[1].text_start == "对购买二手住房的,按照契" and tasks[1].text.startswith("对购买二手住房")
    # a clause followed by the next sentence without a mark between them is unchanged
    same_line = _tasks("一、甲项\n继续减征。(责任单位:省税务局)给予担保降费。(责任单位:省财政厅)\n")
    assert same_line[1].text_start == "给予担保降费。"


def test_an_excerpt_that_begins_in_the_middle_of_a_numbering():
    text = """六、推进房地产健康发展
43.减轻公积金缴存压力。企业可申请缓缴住房公积金。(责任单位:区财政局)
44.加大公积金支持住房消费力度。首付款比例下调。(责任单位:区住房公积金管理部)
"""
    assert [n.split("/")[-1] for n in _numbers(text)] == ["43", "44"]


def test_a_stray_high_number_is_still_not_a_provision():
    text = """为加快发展,制定本方案。
一、加快建设。推进项目建设。(责任单位:市发展改革委)
5.这是一个引用的条目。
二、强化保障。加强资金保障。(责任单位:市财政局)
"""
    assert _numbers(text) == ["一", "二"]


def test_square_bracketed_clauses():
    text = """一、支持购房
(一)实行购房补贴。对购买新建商品住房的给予补贴。〔责任单位:市财政局、市住建局,各县(市、区)人民政府〕
(二)优化公积金政策。提高贷款额度。〔牵头单位:市住房公积金中心;配合单位:市财政局〕
"""
    tasks = _tasks(text)
    assert [t.number for t in tasks] == ["一/(一)", "一/(二)"]
    assert "市财政局" in tasks[0].leads
    assert tasks[1].leads == ["市住房公积金管理中心"] and tasks[1].cooperates == ["市财政局"]


def test_a_page_flattened_onto_one_line_is_split_at_its_own_numbering():
    items = "".join(
        f"({n})落实第{n}项补贴政策。对符合条件的购房人给予补贴,补贴资金由县财政承担,按季度发放到购房人账户,"
        f"具体办法由主管部门另行制定并向社会公布。(责任单位:县住建局、县财政局按职责分工负责)"
        for n in "一二三四五六七")
    text = ("为促进房地产市场平稳健康发展,制定如下措施:一、有序去库存,积极消化存量住房" + items
            + "二、强化保障(八)加强组织领导。各部门要加强协作。(责任单位:县住建局)")
    assert _numbers(text) == [f"一/({n})" for n in "一二三四五六七"] + ["二/(八)"]


def test_a_numeral_broken_from_its_mark_by_the_line_end():
    text = """为促进人口均衡发展,制定如下措施。
一
、降低家庭生育成本
(一)结婚助力。积极搭建婚恋平台。〔责任单位:市民政局〕
二
、减轻家庭养育负担
(二)安居奖励。给予购房补贴。〔责任单位:市住房城乡建设局〕
"""
    assert _numbers(text) == ["一/(一)", "二/(二)"]


RECORD = ("2023-01-19 00:00:00 | 【某市】关于促进房地产市场平稳健康发展的若干措施 | "
          "(十三)强化融资服务对接。协调推动金融机构满足合理融资需求。(责任单位:市地方金融管理局)\n\n"
          "(十四)加大金融纾困帮扶力度。鼓励金融机构自主协商贷款展期。(责任单位:市地方金融管理局) | "
          "https://www.example.gov.cn/xwzx/57500501.html")


# a record line that ends with its source address; and one below the label and the title a file puts above it (the
# record is no longer the text's first line: it is split into its fields all the same)
@pytest.mark.parametrize("text", [RECORD, "安徽省淮北市\n2023-01-19 00:00:00\n\n" + RECORD + "\n"],
                         ids=["first line", "below the file's head"])
def test_a_record_line_is_split_into_its_fields(text):
    assert _numbers(text) == ["(十三)", "(十四)"]


def test_a_record_on_one_line_keeps_its_body_when_its_addresses_end_the_line():
    # (its address fields on a line of their own, near the top, read as a junk header: all above them went)
    text = ("2023-05-06 00:00:00\n\n2023-05-06 00:00:00 | 某市商务局 | 关于发放消费券的通知 | "
            "一、发放消费券。全年发放消费券。(责任单位:市商务局、市财政局)二、支持汽车消费。给予购车补贴。(责任单位:市商务局) | "
            "https://www.example.gov.cn/1.html | https://www.example.gov.cn/1.html\n")
    assert _numbers(text) == ["一", "二"]


@pytest.mark.parametrize("lines", [
    # a pipe-separated table whose rows open with a date: its rows are alike, a record is alone
    ["2023-06-30 | 出台实施细则 | 市发展改革委", "2023-09-30 | 建成服务平台 | 市大数据局"],
    ["| 2023-06-30 | 出台实施细则 | 市发展改革委 |", "| 2023-09-30 | 建成服务平台 | 市大数据局 |"],  # markdown rows
    ["序号 | 重点任务 | 牵头单位", "1 | 出台实施细则 | 市发展改革委"],
    ["2023-06-30 | 出台实施细则"],  # a date and one field: no record's shape
])
def test_a_line_with_bars_that_is_no_record_keeps_them(lines):
    from policykg.ingest.normalize import clean_document

    text = "某市人民政府办公室关于印发重点任务分工方案的通知\n" + "\n".join(lines) + "\n"
    assert clean_document(text).text.count("|") == text.count("|")  # (a field split off loses its bar)


def test_measures_printed_without_numbers_are_numbered_by_their_order():
    text = """为鼓励住房消费,经区政府研究,有关事项通知如下:
加大住房公积金支持力度。可以申请提取公积金用于支付购房首付款。(责任单位:区住房公积金中心)
实施契税补助政策。按照实际缴纳契税金额的30%给予补助。(责任单位:区住建局、区财政局)
"""
    tasks = _tasks(text)
    assert [(t.number, t.title) for t in tasks] == [("1", "加大住房公积金支持力度"), ("2", "实施契税补助政策")]
    assert tasks[1].leads == ["区住房城乡建设局", "区财政局"]  # the canonical name of 区住建局


def test_an_item_number_left_glued_after_the_previous_clause():
    text = """实行阶段性购房补贴。
在全区范围内购买新建商品住房的给予补贴。〔责任单位:区财政局〕02对生育家庭实施购房补助。
符合生育政策的家庭给予一次性购房补贴。〔责任单位:区财政局、区卫健委〕
"""
    tasks = _tasks(text)
    assert [(t.number, t.title) for t in tasks] == [("1", "实行阶段性购房补贴"), ("2", "对生育家庭实施购房补助")]


def test_a_clause_after_the_last_item_of_an_enumeration_belongs_to_its_parent():
    text = """一、有序去库存
(一)实行阶段性购房补贴。由受益财政给予购房补贴。补贴标准为:
1.在街道购买新建商品住房的给予240元/平方米购房补贴。
2.购买非住宅的按购房款总额2%给予补贴。〔责任单位:区财政局、区住建局〕
(二)推行房票安置。全面推行房票安置。〔责任单位:区住建局〕
"""
    tasks = _tasks(text)
    assert [(t.number, t.title) for t in tasks] == [("一/(一)", "实行阶段性购房补贴"), ("一/(二)", "推行房票安置")]


def test_a_clause_on_its_own_line_below_a_group_of_items_belongs_to_the_group():
    text = """一、强化信贷支持
(一)鼓励金融机构与房地产企业协商展期。
(二)鼓励金融机构有序开展并购贷业务。
(责任单位:市人民银行、市金融办)
二、强化公积金支持
(一)提高最高贷款额度。
(二)降低最低首付比例。
牵头单位:市住房公积金中心,责任单位:各县区人民政府
三、强化购房补贴。给予财政补贴。(责任单位:市财政局)
"""
    tasks = _tasks(text)
    assert [(t.number, t.title, t.leads) for t in tasks] == [
        ("一", "强化信贷支持", ["市人民银行", "市金融办"]), ("二", "强化公积金支持", ["市住房公积金管理中心"]),
        ("三", "强化购房补贴", ["市财政局"])]
    assert tasks[0].text_start.startswith("(一)鼓励金融机构")
    assert tasks[0].text == ""  # the heading's own text: its items keep theirs


def test_a_lone_clause_at_the_last_item_stays_its_own_where_the_document_splits_its_groups():
    text = """一、加大财税支持
(一)落实税收优惠。继续减征。(责任单位:市税务局)
(二)加快资金拨付。加快拨付进度。(责任单位:市财政局)
二、强化组织保障
(一)加强组织领导。建立工作机制。
(二)强化督促检查。定期通报。(责任单位:市政府督查室)
"""
    assert _numbers(text) == ["一/(一)", "一/(二)", "二/(二)"]


def test_sub_items_with_clauses_of_their_own_stay_tasks():
    text = """一、加大财税支持力度。主要措施如下:
1.落实税收优惠政策。继续减征。(责任单位:市税务局)
2.加快资金拨付。加快拨付进度。(责任单位:市财政局)
"""
    assert _numbers(text) == ["一/1", "一/2"]


def test_a_heading_closed_by_its_clause_gives_the_title_and_the_text_below():
    text = """为促进房地产市场平稳健康发展,制定本措施。
一、实行契税补贴。给予补贴。(责任单位:县财政局)
附件
一、实行契税补贴(责任单位:县财政局、县税务局)
(一)补贴条件:同时满足下列两项条件。
"""
    task = _tasks(text)[-1]
    assert (task.number, task.title, task.leads) == ("附件/一", "实行契税补贴", ["县财政局", "县税务局"])
    assert task.text_start.startswith("(一)补贴条件")


CELL_PER_LINE_TABLE = """关于印发某市重点任务分工方案的通知
各县区人民政府,市直各部门:
现将分工方案印发给你们。
序号
工作任务
牵头单位
配合单位
1
实施经济强县领跑计划。发挥县域带动作用。
市发展改革委
市财政局、各县区政府
2
培育优势产业集群。力争培育产业集群10个左右。
市工业和信息化局
市科技局
"""


def test_a_table_written_one_cell_per_line():
    tasks = _tasks(CELL_PER_LINE_TABLE)
    assert [(t.number, t.title, t.leads, t.cooperates) for t in tasks] == [
        ("1", "实施经济强县领跑计划", ["市发展改革委"], ["市财政局", "各县区政府"]),
        ("2", "培育优势产业集群", ["市工业和信息化局"], ["市科技局"]),
    ]


def test_a_cell_per_line_table_whose_row_lost_a_cell_is_read_with_it_empty_where_only_one_may_be():
    # the second row lost a cell: a row has its number, task and lead, so the one it lost is 配合单位 (as for a
    # last row that lost one)
    broken = CELL_PER_LINE_TABLE.replace("市工业和信息化局\n市科技局\n", "市工业和信息化局\n") + (
        "3\n推进产业链融链固链。打造产业生态。\n市商务局\n市工业和信息化局\n")
    assert [(t.number, t.leads, t.cooperates) for t in _tasks(broken)] == [
        ("1", ["市发展改革委"], ["市财政局", "各县区政府"]), ("2", ["市工业和信息化局"], []),
        ("3", ["市商务局"], ["市工业和信息化局"])]


def test_a_cell_per_line_table_whose_rows_do_not_fit_its_header_is_left_alone():
    # the second row lost a cell of two that may be empty (具体措施, 配合单位): which one cannot be told, so the
    # table is read up to it
    table = CELL_PER_LINE_TABLE.replace("工作任务\n", "工作任务\n具体措施\n").replace(
        "实施经济强县领跑计划。发挥县域带动作用。\n", "实施经济强县领跑计划。\n发挥县域带动作用。\n").replace(
        "培育优势产业集群。力争培育产业集群10个左右。\n", "培育优势产业集群。\n力争培育产业集群10个左右。\n")
    broken = table.replace("力争培育产业集群10个左右。\n", "") + (
        "3\n推进产业链融链固链。\n打造产业生态。\n市商务局\n市工业和信息化局\n")
    assert [t.number for t in _tasks(table)] == ["1", "2"]
    assert [t.number for t in _tasks(broken)] == ["1"]


def test_items_numbered_with_a_closing_bracket_only():
    text = """一、支持购房
1)实行购房补贴。给予补贴。(责任单位:市财政局)
2)优化公积金政策。提高贷款额度。(责任单位:市住房公积金中心)
"""
    assert _numbers(text) == ["一/(1)", "一/(2)"]


def test_an_attachment_after_a_notices_own_points_is_the_body():
    text = """关于做好稳经济工作的通知
各县区人民政府:
一、提高认识。各地要高度重视稳经济工作。
二、强化落实。按照分工抓好落实。
附件
稳经济重点任务
一、扩大有效投资。加快项目建设。(责任单位:市发展改革委)
二、促进消费。发放消费券。(责任单位:市商务局)
"""
    assert _numbers(text) == ["一", "二"]


def _item(n: str, unit: str = "市商务局") -> str:
    return f"{n}.推进第{n}项工作。加快工作进度。(责任单位:{unit})\n"


def test_a_numbering_that_resumes_past_a_gap():
    # items 3 and 4 lost (run onto the line above, or cut by the page): the run goes on at 5
    text = "一、重点任务\n" + "".join(_item(n) for n in ("1", "2", "5", "6", "7"))
    assert _numbers(text) == ["一/1", "一/2", "一/5", "一/6", "一/7"]
    # a lower number after the last starts no run of its own: a list quoted inside an item
    quoted = "一、重点任务\n" + "".join(_item(n) for n in ("4", "5", "6")) + "2.第二款。\n3.第三款。\n"
    assert _numbers(quoted) == ["一/4", "一/5", "一/6"]


def test_a_number_printed_twice_in_place_of_the_next():
    text = "一、重点任务\n" + "".join(_item(n) for n in ("1", "2", "2", "4"))
    tasks = _tasks(text)
    assert [t.number for t in tasks] == ["一/1", "一/2", "一/2", "一/4"]
    assert tasks[2].title == "推进第2项工作" and tasks[2].text_start.startswith("加快工作进度")
    # a number repeated where the next one follows on is no item (2., 2., 3.: the second is a sub-list's)
    assert _numbers("一、重点任务\n" + "".join(_item(n) for n in ("1", "2")) + "2.第二款。\n" + _item("3")) == [
        "一/1", "一/2", "一/3"]


def test_an_item_of_one_sentence_is_its_text_not_a_heading():
    text = """一、推动资源要素高效配置
1.深入实施外国人才来华工作便利化试点。(省科技厅牵头负责)
2.制订出台金融具体政策方案,拓宽企业多元融资渠道。(省委金融办牵头负责)
"""
    first = _tasks(text)[0]
    # (its text had been the next item's: the 40 characters after its clause)
    assert (first.number, first.title) == ("一/1", None)
    assert first.text_start.startswith("深入实施外国人才") and "制订出台" not in first.text
    # a heading with its clause above sub-items still reads its text from them
    heading = """一、加大支持。(牵头单位:市财政局)
1.落实税收优惠。继续减征。
2.加快资金拨付。加快拨付进度。
"""
    task = _tasks(heading)[0]
    assert (task.number, task.title) == ("一", "加大支持") and task.text_start.startswith("1.落实税收优惠")


def test_an_item_whose_line_ends_inside_a_cited_title_goes_on_below():
    text = """一、规范管理
(一)集中式项目应当按照《住房和城
乡建设部办公厅关于集中式租赁住房建设适用标准的通知》有关规定执行。(责任单位:市住建局)
(二)加强监管。开展检查。(责任单位:市市场监管局)
"""
    first = _tasks(text)[0]
    # (the line had been read as a heading "…按照《住房和城" with its body below)
    assert first.title is None
    assert "《住房和城乡建设部办公厅关于集中式租赁住房建设适用标准的通知》" in first.text
    # a line that closes its title is a heading still: its body is the next line
    closed = text.replace("按照《住房和城\n乡建设部办公厅", "按照《住房和城乡建设部办公厅").replace("通知》有关", "通知》\n有关")
    assert _tasks(closed)[0].title == "集中式项目应当按照《住房和城乡建设部办公厅关于集中式租赁住房建设适用标准的通知》"


def test_a_number_run_onto_the_line_of_the_clause_before_it():
    text = """一、支持购房
(一)实行购房补贴。给予购房补贴。(责任单位:市财政局)(二)强化人才购房支持。给予人才补贴。(责任单位:市人社局)
(三)优化公积金政策。提高贷款额度。〔责任单位:市住房公积金中心〕二、强化保障
(四)加强组织领导。统筹推进。(责任单位:市住建局)
"""
    tasks = _tasks(text)
    assert [(t.number, t.title) for t in tasks] == [
        ("一/(一)", "实行购房补贴"), ("一/(二)", "强化人才购房支持"), ("一/(三)", "优化公积金政策"),
        ("二/(四)", "加强组织领导")]
    # after a bracket that is no clause the number is part of the sentence (a quoted provision, a range)
    quoted = text.replace("(责任单位:市财政局)(二)", "(见第三条)(二)")
    assert [t.number for t in _tasks(quoted)][:2] == ["一/(一)", "一/(三)"]


def test_a_numbering_that_restarts_under_a_heading_without_its_first_number():
    # "1降低交易成本": the OCR lost the mark of the 1, and the items under the second heading begin at 2
    text = ("一、盘活存量\n(一)加强用地管理。\n" + _item("1") + _item("2") + _item("3")
            + "(二)促进库存去化。\n1降低交易成本。给予补贴。(责任单位:市住建局)\n" + _item("2") + _item("3"))
    assert _numbers(text) == ["一/(一)/1", "一/(一)/2", "一/(一)/3", "一/(二)", "一/(二)/2", "一/(二)/3"]
    # with no heading between, a lower number is a list quoted inside the item before
    assert _numbers(text.replace("(二)促进库存去化。\n", "")) == ["一/(一)/1", "一/(一)/2"] + ["一/(一)/3"] * 4


LONE_NUMBERS = """为推动产业发展,制定本措施。
一、
强化产业支撑
(一)
加快建设产业园区。做好园区规划。(牵头单位:市发展改革委)
(二)
培育龙头企业。给予奖励。(牵头单位:市工业和信息化局)
二、
优化服务保障
1.
简化审批流程。压缩办理时限。(牵头单位:市政务服务局)
2.
加强要素保障。保障用地需求。(牵头单位:市自然资源局)
"""


def test_a_number_alone_on_its_line_with_its_text_on_the_next():
    tasks = _tasks(LONE_NUMBERS)
    assert [(t.number, t.title, t.leads) for t in tasks] == [
        ("一/(一)", "加快建设产业园区", ["市发展改革委"]), ("一/(二)", "培育龙头企业", ["市工业和信息化局"]),
        ("二/1", "简化审批流程", ["市政务服务局"]), ("二/2", "加强要素保障", ["市自然资源局"])]
    assert tasks[0].text_start.startswith("做好园区规划")
    doc = extract_bytes(LONE_NUMBERS.encode(), "doc.txt")
    assert [(p.number, p.title) for p in doc.provisions if "/" not in p.number] == [
        ("一", "强化产业支撑"), ("二", "优化服务保障")]


def test_a_number_alone_in_a_list_of_figures_or_a_table_is_no_provision():
    from policykg.ingest.normalize import clean_document

    # a column of figures: the number is followed by another, not by text
    figures = "全市完成投资(亿元):\n12.\n35.\n47.\n"
    assert clean_document(figures).text == figures.rstrip("\n")
    # a row's number above its cells, in a table written one cell per line whose rows do not fit its header
    # (the second row lost one of two cells that may be empty, 具体措施 and 配合单位)
    table = CELL_PER_LINE_TABLE.replace("\n1\n", "\n1.\n").replace("\n2\n", "\n2.\n").replace(
        "工作任务\n", "工作任务\n具体措施\n").replace(
        "实施经济强县领跑计划。发挥县域带动作用。\n", "实施经济强县领跑计划。\n发挥县域带动作用。\n").replace(
        "培育优势产业集群。力争培育产业集群10个左右。\n", "培育优势产业集群。\n") + (
        "3.\n推进产业链融链固链。打造产业生态。\n市商务局\n市工业和信息化局\n")
    assert "3.\n推进产业链融链固链" in clean_document(table).text
    assert _numbers(table) == ["1"]
    # a number followed by short cells, not by a sentence
    cells = "主要指标\n1.\n地区生产总值\n亿元\n5000\n2.\n固定资产投资\n亿元\n2000\n"
    assert "1.\n地区生产总值" in clean_document(cells).text


def test_a_heading_number_followed_by_a_space_in_place_of_its_mark():
    from policykg.ingest.normalize import clean_document

    text = """为推动产业发展,制定本措施。
一 强化产业支撑
(一)加快建设产业园区。做好园区规划。(牵头单位:市发展改革委)
二 优化服务保障
(二)简化审批流程。压缩办理时限。(牵头单位:市政务服务局)
"""
    assert _numbers(text) == ["一/(一)", "二/(二)"]
    doc = extract_bytes(text.encode(), "doc.txt")
    assert [(p.number, p.title) for p in doc.provisions if "/" not in p.number] == [
        ("一", "强化产业支撑"), ("二", "优化服务保障")]
    # a numeral alone with spaces after it (no 二 to count on to) is a word that opens the line, as before
    lone = text.replace("二 优化服务保障", "优化服务保障").replace("一 强化", "十 分强化")
    assert "十分强化产业支撑" in clean_document(lone).text


SPACED_NUMBERS = """为推动产业发展,制定本措施。
1 加快建设产业园区。做好园区规划。(牵头单位:市发展改革委)
3 个工作日内完成园区用地审批。
2 培育龙头企业。给予奖励。(牵头单位:市工业和信息化局)
10 万元以下的项目由区县审批。
3 简化审批流程。压缩办理时限。(牵头单位:市政务服务局)
2023 年底前全部完成。
"""


def test_an_item_number_followed_by_a_space_in_place_of_its_mark():
    from policykg.ingest.normalize import clean_document

    tasks = _tasks(SPACED_NUMBERS)
    assert [(t.number, t.title, t.leads) for t in tasks] == [
        ("1", "加快建设产业园区", ["市发展改革委"]), ("2", "培育龙头企业", ["市工业和信息化局"]),
        ("3", "简化审批流程", ["市政务服务局"])]
    # quantities and a year that open a line are no numbers: they stay in the item above
    text = clean_document(SPACED_NUMBERS).text
    assert "\n3个工作日内" in text and "\n10万元以下" in text and "\n2023年底前" in text
    # full-width digits and the ideographic space; a number padded with a zero (01 02: a web page's badges)
    wide = SPACED_NUMBERS.replace("1 加快", "１\u3000加快").replace("2 培育", "２\u3000\u3000培育").replace("3 简化", "３ 简化")
    assert _numbers(wide) == ["1", "2", "3"]
    padded = SPACED_NUMBERS.replace("1 加快", "01 加快").replace("2 培育", "02 培育").replace("3 简化", "03 简化")
    assert _numbers(padded) == ["01", "02", "03"]
    # under headings: a numbering restarts at 1 in each
    headed = "一、强化产业支撑\n" + SPACED_NUMBERS.split("\n", 1)[1].replace("3 简化", "二、优化服务保障\n1 简化")
    assert _numbers(headed) == ["一/1", "一/2", "二/1"]
    # a number that counts on from no other is a word of its line, as before (one item, a list of figures)
    assert "\n1加快建设" in clean_document(SPACED_NUMBERS.replace("2 培育", "培育").replace("3 简化", "简化")).text
    figures = "全市新增企业:\n12 家制造业企业\n13 家服务业企业\n"
    assert clean_document(figures).text == "全市新增企业:\n12家制造业企业\n13家服务业企业"


def test_a_number_alone_on_its_line_above_a_text_that_opens_with_a_figure():
    from policykg.ingest.normalize import clean_document

    text = LONE_NUMBERS.replace("优化服务保障", "2025年重点任务").replace("简化审批流程。压缩办理时限。", "2025年底前,压缩审批时限。")
    doc = extract_bytes(text.encode(), "doc.txt")
    assert [(p.number, p.title) for p in doc.provisions if "/" not in p.number] == [
        ("一", "强化产业支撑"), ("二", "2025年重点任务")]  # (the heading had been its provision's body, no title)
    assert [(t.number, t.leads) for t in doc.tasks] == [
        ("一/(一)", ["市发展改革委"]), ("一/(二)", ["市工业和信息化局"]), ("二/1", ["市政务服务局"]), ("二/2", ["市自然资源局"])]
    # the dot before the figure would read as a decimal point (1.2025): the number takes 、 in its place
    assert "\n1、2025年底前,压缩审批时限。" in clean_document(text).text
    # a number that counts on from none of its kind and up to none is left alone: a column of figures, a note
    figures = "全市完成投资(亿元):\n12.\n35.5\n47.\n"
    assert clean_document(figures).text == figures.rstrip("\n")
    single = "为推动产业发展,制定本措施。\n(一)加快建设产业园区。\n(三)\n2025年底前完成。\n"
    assert "(三)\n2025年底前" in clean_document(single).text


def test_an_item_whose_text_opens_with_a_year_after_its_number_and_dot():
    text = """为推动产业发展,制定本措施。
1.加快建设产业园区。做好园区规划。(牵头单位:市发展改革委)
2.2025年1月1日至12月31日,对新建园区给予补助。(牵头单位:市财政局)
3.培育龙头企业。给予奖励。(牵头单位:市工业和信息化局)
"""
    # "2.2025年" is item 2, not a decimal: its clause had been read as item 1's second one
    assert [(t.number, t.leads) for t in _tasks(text)] == [
        ("1", ["市发展改革委"]), ("2", ["市财政局"]), ("3", ["市工业和信息化局"])]
    # nor is it run into the line above, which a page break cut
    cut = text.replace("做好园区规划。(牵头单位:市发展改革委)", "做好园区规划,统筹安排园区用地和配套设施的")
    assert [p.number for p in extract_bytes(cut.encode(), "doc.txt").provisions] == ["1", "2", "3"]
    # a figure with decimals that opens a line is no number
    figures = "为推动产业发展,制定本措施。\n1.加快建设产业园区。\n2.5倍于去年的投资。\n2.培育龙头企业。\n"
    assert [p.number for p in extract_bytes(figures.encode(), "doc.txt").provisions] == ["1", "2"]


def test_an_item_number_run_into_its_text():
    from policykg.ingest.normalize import clean_document

    # a page whose numbers stood apart (badges: 01 02 03) lost the space after them
    text = SPACED_NUMBERS.replace("1 加快", "01加快").replace("2 培育", "02培育").replace("3 简化", "03简化")
    assert _numbers(text) == ["01", "02", "03"]
    assert "\n3个工作日内" in clean_document(text).text  # (a quantity is none, as with a space)
    # beside numbers with their mark they list papers or steps inside an item, and are left as they stand
    marked = """为推动产业发展,制定本措施。
1.给予购房补贴。对购房人给予补贴。(牵头单位:市住房城乡建设局)
申请材料:
1购房合同;
2身份证明。
2.加大公积金支持。提高贷款额度。(牵头单位:市住房公积金中心)
"""
    assert _numbers(marked) == ["1", "2"]
    assert "\n1购房合同;\n2身份证明。" in clean_document(marked).text
