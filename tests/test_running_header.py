"""A printed official document's PDF text: its lines cut at the page's width (28), each page's number below it
(第 2 页 共 3 页, or - 2 - centred) and, above every page but the first, the line the document repeats there (its
number, or its issuer's name). It reads as the document itself: the repeated line is left out, a clause or a target
cut by a page's end goes on on the next page, the title, issuer and date are the document's, and every span still
points at the characters it was read from."""
from __future__ import annotations

import json
import re

import pytest

from policykg.ingest.extract import extract_bytes
from policykg.ingest.normalize import clean_document

TITLE = "某市人民政府办公室关于印发《某市促进消费扩容提质若干措施》的通知"
ISSUER = "某市人民政府办公室"
NUMBER = "某政办发〔2023〕12号"
DOC = "\n".join([
    ISSUER,
    NUMBER,
    TITLE,
    "各区人民政府,市政府各部门、各直属机构:",
    "《某市促进消费扩容提质若干措施》已经市政府同意,现印发给你们,请结合实际认真组织贯彻落实。",
    ISSUER,
    "2023年6月30日",
    "某市促进消费扩容提质若干措施",
    "一、扩大汽车消费",
    # the first page ends inside its clause: "…(牵" | "头单位:市商务局;…"
    "(一)开展汽车促销活动,支持新能源汽车下乡,推广车辆以旧换新。到2025年,全市新能源汽车销量达到10万辆。"
    "(牵头单位:市商务局;配合单位:市财政局、市发展改革委)",
    "(二)完善充电基础设施,推动居住小区充电设施实现全覆盖。到2025年,全市建成公共充电桩5000个。"
    "(牵头单位:市发展改革委;配合单位:市住房城乡建设局)",
    "二、提振文化和旅游消费",
    # the second page ends right before the target's figure: "…达到" | "3000亿元。…"
    "(三)推进商贸业升级,到2025年社会消费品零售总额达到3000亿元。(牵头单位:市商务局;配合单位:市统计局)",
])
PAGE_ENDS = (13, 19)  # (after the wrapped lines …(牵 and …达到)


def _wrapped(text: str, width: int = 28) -> list[str]:
    out: list[str] = []
    for line in text.split("\n"):
        out.extend([line[i:i + width] for i in range(0, len(line), width)] or [""])
    return out


def _footer_counted(k: int, n: int) -> str:
    return f"第 {k} 页 共 {n} 页"


def _footer_centred(k: int, n: int) -> str:
    return " " * 12 + f"- {k} -"


def _printed(header: str, footer=_footer_counted, page_ends: tuple[int, ...] = PAGE_ENDS, first_too: bool = False,
             margin: tuple[str, ...] = ("",)) -> str:
    """``DOC`` cut at the width, on pages ending after the lines ``page_ends`` count, each page's number below it
    between the lines of ``margin`` and ``header`` above every page but the first (``first_too``: every page)."""
    lines = _wrapped(DOC)
    cuts = [0, *page_ends, len(lines)]
    pages = [lines[a:b] for a, b in zip(cuts, cuts[1:])]
    return "\n".join(line for k, page in enumerate(pages, start=1)
                     for line in [*([header] if k > 1 or first_too else []), *page, *margin, footer(k, len(pages)),
                                  *margin])


PRINTED = _printed(NUMBER)


def _extract(text: str) -> dict:
    return json.loads(extract_bytes(text.encode("utf-8"), "notice.txt").model_dump_json())


@pytest.mark.parametrize("text", [PRINTED, _printed(ISSUER, _footer_centred), _printed(ISSUER, page_ends=(13,))],
                         ids=["number above, counted", "issuer above, centred", "two pages"])
def test_a_printed_document_reads_as_its_text_without_the_line_repeated_above_its_pages(text):
    assert "(牵\n\n" in text  # (the first page's end inside the clause)
    assert clean_document(text).text == clean_document("\n".join(_wrapped(DOC))).text


def test_the_title_issuer_and_date_are_the_documents():
    head = _extract(PRINTED)["document"]
    assert (head["title"], head["issuer"], head["date"], head["doc_number"]) == (TITLE, ISSUER, "2023-06-30", NUMBER)


def test_a_clause_cut_by_a_pages_end_keeps_its_units():
    tasks = _extract(PRINTED)["tasks"]
    assert [(t["number"], [(u["name"], u["role"]) for u in t["units"]]) for t in tasks] == [
        ("一/(一)", [("市商务局", "lead"), ("市财政局", "cooperate"), ("市发展改革委", "cooperate")]),
        ("一/(二)", [("市发展改革委", "lead"), ("市住房城乡建设局", "cooperate")]),
        ("二/(三)", [("市商务局", "lead"), ("市统计局", "cooperate")]),
    ]


def test_a_target_cut_by_a_pages_end_keeps_its_figure_and_its_span_points_at_both_pages():
    targets = _extract(PRINTED)["targets"]
    assert [(t["metric"], t["value"], t["unit"], t["year"], t["task"]) for t in targets] == [
        ("新能源汽车销量", 10.0, "万辆", 2025, "一/(一)"),
        ("公共充电桩", 5000.0, "个", 2025, "一/(二)"),
        ("社会消费品零售总额", 3000.0, "亿元", 2025, "二/(三)"),
    ]
    last = targets[2]
    span = PRINTED[last["span"]["start"]:last["span"]["end"]]
    assert "第 2 页 共 3 页" in span and NUMBER in span  # (the page's end between its words and its figure)
    assert re.sub(r"\s+", "", span.replace("第 2 页 共 3 页", "").replace(NUMBER, "")) == last["text"]


@pytest.mark.parametrize("margin", [("",), ()], ids=["blank lines around the number", "no blank line"])
@pytest.mark.parametrize("header", [NUMBER, ISSUER])
def test_a_running_header_above_the_first_page_too_is_left_out_there_as_well(header, margin):
    # pages of one length (the last shorter), so the header stands as far above every page's number, the first's too
    text = _printed(header, page_ends=(8, 16), first_too=True, margin=margin)
    assert text.startswith(header + "\n" + ISSUER)
    assert clean_document(text).text == clean_document("\n".join(_wrapped(DOC))).text
    head = _extract(text)["document"]
    assert (head["title"], head["issuer"], head["doc_number"]) == (TITLE, ISSUER, NUMBER)


def test_a_line_after_a_pages_number_that_is_the_texts_own_stays():
    # the document's own first line, repeated above the later pages only (pages of one length): it stays
    lines = _wrapped(DOC)
    own = _printed(ISSUER, page_ends=(8, 16))
    assert own.startswith(ISSUER + "\n" + NUMBER) and clean_document(own).text.startswith(ISSUER + "\n" + NUMBER)
    # two pages: the line after the first page's number is no line of the text above it
    own = "\n".join([*lines[:13], "", "- 1 -", "", "二、提振文化和旅游消费", *lines[13:], "", "- 2 -", ""])
    assert "二、提振文化和旅游消费" in clean_document(own).text.split("\n")
    # three pages, a different line after each page's number
    other = "\n".join([*lines[:13], "", "- 1 -", "", "附件1", *lines[13:19], "", "- 2 -", "", "附件2", *lines[19:]])
    kept = clean_document(other).text
    assert "附件1" in kept and "附件2" in kept
