"""A document whose lines are cut at a fixed width, as text taken from a PDF is (the official page, GB/T 9704: 28
characters a line, 22 lines a page with its number), reads as the same document with one paragraph a line: its
title, issuer, tasks, units and targets are the same, and every span still points at the characters it was read
from. The cut falls anywhere: after a full stop, inside a heading, after a word a title ends with, right before a
target's figure."""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

from policykg.ingest.extract import extract_bytes
from policykg.ingest.normalize import clean_document

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
from layouts import paged as _paged  # noqa: E402
from layouts import wrapped as _wrapped  # noqa: E402

TITLE = "某市人民政府办公室关于印发《某市促进消费扩容提质若干措施》的通知"
# each line is one paragraph; where a cut at 28 falls is noted beside the lines it matters for
DOC = "\n".join([
    TITLE,  # cut right after 措施, a word a title ends with
    "某政办发〔2023〕12号",
    "",
    "各区人民政府,市政府各部门、各直属机构,市属各企业,各大中专院校:",
    "",
    # two full lines, the second ending with a full stop; the issuer's name follows on its own line
    "《某市促进消费扩容提质若干措施》已经市政府同意,现印发给你们,请各单位结合本地区本部门工作实际认真组织贯彻落实。",
    "某市人民政府办公室",
    "2023年6月30日",
    "",
    "某市促进消费扩容提质若干措施",
    "",
    "一、扩大汽车消费",
    # a heading's line cut inside its words, with no full stop in it
    "(一)开展汽车促销活动,支持新能源汽车下乡,推广车辆以旧换新。到2025年,全市新能源汽车销量达到10万辆。"
    "(牵头单位:市商务局;配合单位:市财政局、市发展改革委)",
    # a line that ends with its first sentence's full stop
    "(二)完善充电基础设施,推动居住小区充电设施实现全覆盖。到2025年,全市建成公共充电桩5000个。"
    "(牵头单位:市发展改革委;配合单位:市住房城乡建设局)",
    # a target cut right before its figure (and, on the official page, by the page's end)
    "(三)推进商贸业升级,到2025年社会消费品零售总额达到3000亿元。(牵头单位:市商务局;配合单位:市统计局)",
    # a line that ends with a date inside a sentence
    "(四)落实社保费缓缴政策。对餐饮、零售、旅游等行业企业,缴费确有困难的,经申请可暂缓缴费至2024年12月31日前补缴。"
    "(牵头单位:市人力资源社会保障局)",
    # a clause's bracket opened at a line's end
    "(五)加强消费者权益保护,畅通消费者维权投诉举报渠道。(牵头单位:市市场监管局)",
    # a heading with its clause as long as a line, its text below it
    "二、提振文化和旅游消费市场(牵头单位:市文化广电旅游局)",
    "持续开展文旅消费季活动,发放文旅消费券,推动景区、酒店、民宿提质升级,支持夜间经济发展。",
])


def _extract(text: str) -> dict:
    return json.loads(extract_bytes(text.encode("utf-8"), "notice.txt").model_dump_json())


LAYOUTS = {"wrapped at 28": _wrapped, "wrapped at 34": lambda t: _wrapped(t, 34), "paged": _paged}
AT_28 = ["wrapped at 28", "paged"]  # (where the cuts noted beside the lines fall)


@pytest.mark.parametrize("layout", list(LAYOUTS))
def test_a_wrapped_document_reads_as_the_document_with_a_paragraph_a_line(layout):
    assert clean_document(LAYOUTS[layout](DOC)).text == clean_document(DOC).text


def test_a_title_cut_after_a_word_titles_end_with_is_the_whole_title_and_the_issuer_stays_below_the_text():
    head = _extract(_wrapped(DOC))["document"]
    assert head["title"] == TITLE
    assert head["issuer"] == "某市人民政府办公室"
    assert head["date"] == "2023-06-30"


def test_a_heading_cut_inside_its_words_is_its_tasks_text_not_its_title():
    given, wrapped = _extract(DOC)["tasks"], _extract(_wrapped(DOC))["tasks"]
    assert [(t["title"], t["text"]) for t in wrapped] == [(t["title"], t["text"]) for t in given]
    assert wrapped[0]["text"].startswith("开展汽车促销活动,支持新能源汽车下乡,推广车辆以旧换新。")


@pytest.mark.parametrize("layout", AT_28)
def test_a_target_cut_before_its_figure_keeps_its_metric_year_and_task(layout):
    targets = _extract(LAYOUTS[layout](DOC))["targets"]
    assert [(t["metric"], t["value"], t["unit"], t["year"], t["task"]) for t in targets] == [
        ("新能源汽车销量", 10.0, "万辆", 2025, "一/(一)"),
        ("公共充电桩", 5000.0, "个", 2025, "一/(二)"),
        ("社会消费品零售总额", 3000.0, "亿元", 2025, "一/(三)"),
    ]


@pytest.mark.parametrize("layout", AT_28)
def test_spans_point_at_the_characters_on_the_cut_lines(layout):
    text = LAYOUTS[layout](DOC)
    doc = _extract(text)
    for target in doc["targets"]:
        span = text[target["span"]["start"]:target["span"]["end"]]
        assert re.sub(r"\s+|— \d+ —", "", span) == target["text"]  # (a page's end between: its number too)
    assert "\n" in text[doc["targets"][2]["span"]["start"]:doc["targets"][2]["span"]["end"]]  # (cut before 3000)


# A PDF's own lines: of about one width (a digit or a Latin letter takes half a character's room, so a line holding
# some is longer in characters), the indent of a paragraph's first line dropped, and a page's bare number left
# between two lines of a sentence.
PDF = "\n".join([
    "关于调整住房公积金贷款政策的通知",
    "",
    "各县(市)、区人民政府,市政府各部门、各直属机构,住房公",
    "积金缴存人:",
    "为进一步保障缴存人基本住房需求,支持人才购房,结合我市实",
    "际,现调整住房公积金贷款政策如下:",
    "一、夫妻双方缴存住房公积金的,住房公积金最高贷款额度",
    "为60万元,单方缴存住房公积金的最高贷款额度为50万元,",
    "具体贷款额度与缴存人月缴存额和还款能力挂钩。(责任单位:",
    "市住房公积金管理中心)",
    "二、2024年1月1日起,在我市工作的全日制大专及以上学历",
    "2",
    "的毕业生申请住房公积金贷款购买住房的,最高贷款额度增加",
    "10万元。贷款利率按LPR减20BP执行,首付比例最低不低于20%。",
    "贷款期限最长30年。(责任单位:市住房公积金管理中心)",
    "三、本通知自发布之日起执行。",
])


def test_a_pdfs_lines_of_about_one_width_are_joined_into_its_paragraphs_and_its_page_number_left_out():
    assert clean_document(PDF).text.split("\n") == [
        "关于调整住房公积金贷款政策的通知",
        "各县(市)、区人民政府,市政府各部门、各直属机构,住房公积金缴存人:",
        "为进一步保障缴存人基本住房需求,支持人才购房,结合我市实际,现调整住房公积金贷款政策如下:",
        "一、夫妻双方缴存住房公积金的,住房公积金最高贷款额度为60万元,单方缴存住房公积金的最高贷款额度为50万元,"
        "具体贷款额度与缴存人月缴存额和还款能力挂钩。(责任单位:市住房公积金管理中心)",
        "二、2024年1月1日起,在我市工作的全日制大专及以上学历的毕业生申请住房公积金贷款购买住房的,最高贷款额度增加"
        "10万元。贷款利率按LPR减20BP执行,首付比例最低不低于20%。贷款期限最长30年。(责任单位:市住房公积金管理中心)",
        "三、本通知自发布之日起执行。",
    ]
    tasks = _extract(PDF)["tasks"]
    assert [(t["number"], t["title"], [u["name"] for u in t["units"]]) for t in tasks[:2]] == [
        ("一", None, ["市住房公积金管理中心"]), ("二", None, ["市住房公积金管理中心"])]


# a saved web page: its facts line (时间… 信息来源…) cut at the width inside the name of where it comes from
PAGE = "\n".join([
    "当前位置:首页 >> 专题专栏 >> 重点工作",
    "市政府工作报告重点工作责任分解(2023年)",
    "时间:2023-07-11 17:01 浏览次数: 信息来源: 温州市政府",
    "",
    "一、全市经济社会发展主要预期目标",
    "",
    "1.地区生产总值增长6%以上,城乡居民人均可支配收入增长与经济增长基本同步。",
    "",
    "责任单位:市发改委",
    "",
    "2.规模以上工业增加值增长8%,研究与试验发展经费投入强度达到2.5%。",
    "",
    "责任单位:市经信局、市科技局",
    "",
    "3.固定资产投资增长10%,社会消费品零售总额增长8%左右。",
    "",
    "责任单位:市发改委、市商务局",
])


def test_a_pages_facts_line_cut_at_the_width_still_gives_the_issuer():
    assert _extract(PAGE)["document"]["issuer"] == "温州市人民政府"
    assert _extract(_wrapped(PAGE))["document"]["issuer"] == "温州市人民政府"


def test_a_sites_path_as_long_as_a_cut_line_stays_apart_from_the_title_below_it():
    # (the path above a page's headline is navigation: it never runs on into the headline, whatever its length)
    crumbs = "当前位置:首页 >> 专题专栏 >> 归档>> 重点工作"
    assert len(crumbs) == 28
    page = "\n".join([crumbs] + PAGE.split("\n")[1:])
    for text in (page, _wrapped(page)):
        document = _extract(text)["document"]
        assert (document["title"], document["issuer"]) == ("市政府工作报告重点工作责任分解(2023年)", "温州市人民政府")


def test_a_figure_that_opens_a_line_after_a_cut_is_its_sentences_not_an_items_number():
    # (the unmarked numbers of a list, "1 加快…" a line, are told apart from the figures cuts put at lines' starts)
    lines = ["某市城乡环境整治工作方案",
             "一、主要任务",
             "\u3000\u30001.提升生活垃圾分类水平。开展生活垃圾分类示范片区创",
             "建活动,完善分类运输系统,推进厨余垃圾处理设施建设,运行 ",
             "1 座建筑垃圾资源化利用设施,城市居民小区生活垃圾分类设施",
             "覆盖率达到95%。(牵头单位:市城管局;参与单位:各县区政府、",
             "管委会)",
             "\u3000\u30002.推进污水处理提质增效。完成953个行政村生活污水",
             "治理,整县推进雨污分流改造,推进城区管网建设,新建污水厂 ",
             "2 座,地表水国控断面优良水体比例达到国家、省控制要求,城",
             "市黑臭水体动态清零。(牵头单位:市水务局)"]
    doc = _extract("\n".join(lines))
    assert [(t["number"], t["leads"]) for t in doc["tasks"]] == [("一/1", ["市城管局"]), ("一/2", ["市水务局"])]
    assert {(t["task"], t["value"], t["unit"]) for t in doc["targets"]} >= {("一/1", 1.0, "座"), ("一/2", 2.0, "座")}
