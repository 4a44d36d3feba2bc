"""A page a site exports to PDF: its lines cut at the page's width, and above every page, the first too, a short line
of the site's (its section's name, the file's class) in place of a page number. It reads as the document itself: the
site's line is left out wherever it stands, a clause or a target cut by a page's end goes on on the next page, the
title is the document's, and every span still points at the characters it was read from."""
from __future__ import annotations

import json
import re

from policykg.ingest.extract import extract_bytes
from policykg.ingest.normalize import clean_document

TITLE = "某市人民政府办公室关于印发《某市促进消费扩容提质若干措施》的通知"
DOC = "\n".join([
    "某市人民政府办公室",
    "某政办发〔2023〕12号",
    TITLE,
    "各区人民政府,市政府各部门、各直属机构:",
    "《某市促进消费扩容提质若干措施》已经市政府同意,现印发给你们,请结合实际认真组织贯彻落实。",
    "某市人民政府办公室",
    "2023年6月30日",
    "某市促进消费扩容提质若干措施",
    "一、扩大汽车消费",
    "(一)开展汽车促销活动,支持新能源汽车下乡,推广车辆以旧换新。到2025年,全市新能源汽车销量达到10万辆。"
    "(牵头单位:市商务局;配合单位:市财政局、市发展改革委)",
    # the first page ends inside its clause, before its target: "…全覆盖。" | "到2025年,…"
    "(二)完善充电基础设施,推动居住小区充电设施实现全覆盖。到2025年,全市建成公共充电桩5000个。"
    "(牵头单位:市发展改革委;配合单位:市住房城乡建设局)",
    "二、提振文化和旅游消费",
    "(三)推进商贸业升级,到2025年社会消费品零售总额达到3000亿元。(牵头单位:市商务局;配合单位:市统计局)",
    "三、促进住房消费",
    "(四)支持刚性和改善性住房需求,落实首套住房商业性个人住房贷款利率政策。到2025年,全市新建保障性租赁住房2万套。"
    "(牵头单位:市住房城乡建设局;配合单位:市自然资源和规划局)",
    "(五)推进老旧小区改造,完善社区养老、托育、家政等服务设施。到2025年,全市改造老旧小区300个。"
    "(牵头单位:市住房城乡建设局;配合单位:市民政局)",
    # the second page ends inside its clause's label: "…(牵头单" | "位:市商务局;…"
    "(六)发展直播电商、即时零售等新业态,打造一批特色消费街区。到2025年,全市网络零售额达到800亿元。"
    "(牵头单位:市商务局;配合单位:市市场监管局)",
])
PAGE_LINES = 15


def _wrapped(text: str, width: int = 28) -> list[str]:
    out: list[str] = []
    for line in text.split("\n"):
        out.extend([line[i:i + width] for i in range(0, len(line), width)] or [""])
    return out


def _exported(site_line: str, page_lines: int = PAGE_LINES) -> str:
    """``DOC`` cut at the width, on pages of ``page_lines`` lines, each opening with ``site_line``."""
    lines = _wrapped(DOC)
    return "\n".join(line for i in range(0, len(lines), page_lines) for line in [site_line, *lines[i:i + page_lines]])


def _extract(text: str) -> dict:
    return json.loads(extract_bytes(text.encode("utf-8"), "notice.txt").model_dump_json())


def test_a_line_a_site_puts_above_every_page_is_left_out_and_the_document_reads_as_its_text():
    text = _exported("政务公开")
    assert text.count("政务公开") == 3 and "全覆盖。\n政务公开\n到2025年" in text
    assert clean_document(text).text == clean_document("\n".join(_wrapped(DOC))).text
    assert _extract(text)["document"]["title"] == TITLE


def test_a_target_after_the_sites_line_keeps_its_figure_and_its_span_points_at_its_words():
    text = _exported("内部资料")
    found = {t["metric"]: t for t in _extract(text)["targets"]}
    assert (found["公共充电桩"]["value"], found["网络零售额"]["value"]) == (5000.0, 800.0)
    assert found["网络零售额"]["task"] == "三/(六)"  # (its clause, cut at 牵头单 | 位, is one)
    target = found["公共充电桩"]
    span = text[target["span"]["start"]:target["span"]["end"]]
    assert re.sub(r"\s+", "", span) == target["text"]


def test_a_short_line_of_the_text_that_recurs_at_other_distances_stays():
    lines = _wrapped(DOC)
    uneven = "\n".join(["附件", *lines[:15], "附件", *lines[15:27], "附件", *lines[27:]])
    assert clean_document(uneven).text.count("附件") == 3
    assert clean_document(_exported("附件")).text.count("附件") == 0
