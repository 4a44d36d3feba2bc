"""A web page printed from a browser to PDF: its text carries on every page the lines the browser adds, the time it
was printed and the page's title above the page's lines, the page's address and the page's count (2/3) below, and
the page's lines are cut at its width. It reads as the document itself: those lines are left out, a paragraph, a
clause or a target cut by a page's end goes on on the next page, the title, issuer and date are the document's, not
the browser's, and every span still points at the characters it was read from."""
from __future__ import annotations

import json
import re

import pytest

from policykg.ingest.extract import extract_bytes
from policykg.ingest.normalize import clean_document

from .printed_measures import BODY, NUMBER, TARGETS, TITLE, UNITS, wrapped_lines

DOC = "\n".join([TITLE, NUMBER, *BODY])
HEADER = "2023/7/5 10:12 某市人民政府办公室关于印发《某市促进消费扩容提质若干措施》的通知_某市人民政府门户网站"
ADDRESS = "https://www.example.gov.cn/zwgk/zcwj/202307/t20230705_1234567.html"
# the first page ends inside (一)'s clause ("…(牵" | "头单位:市商务局;…"), the second right before (三)'s target's figure
# ("…达到" | "3000亿元。…")
PAGE_ENDS = (12, 18)


def _printed(text: str, page_ends: tuple[int, ...] = PAGE_ENDS, gap: str = " ", margin: list[str] | None = None) -> str:
    """``text`` cut at the width, on pages ending after the lines ``page_ends`` count, as a browser prints it: ``gap``
    between the address and the count, the lines of ``margin`` between the browser's lines and the page's."""
    lines = wrapped_lines(text)
    cuts = [0, *page_ends, len(lines)]
    pages = [lines[a:b] for a, b in zip(cuts, cuts[1:])]
    margin = margin or []
    return "\n".join(line for k, page in enumerate(pages, start=1)
                     for line in [HEADER, *margin, *page, *margin, f"{ADDRESS}{gap}{k}/{len(pages)}"])


PRINTED = _printed(DOC)


def _extract(text: str) -> dict:
    return json.loads(extract_bytes(text.encode("utf-8"), "notice.txt").model_dump_json())


# as a converter may give the same pages: the browser's lines apart from the page's (its margins), wide spaces before
# the count, Windows line ends
SPREAD = _printed(DOC, gap="\u3000\u3000", margin=["", " "]).replace("\n", "\r\n")


@pytest.mark.parametrize("text", [PRINTED, SPREAD], ids=["printed", "with margins"])
def test_a_printed_page_reads_as_its_text_without_the_lines_the_browser_printed(text):
    assert text.count(ADDRESS) == 3 and text.split(ADDRESS)[1].rstrip().endswith("达到")  # (cut before 3000)
    assert clean_document(text).text == clean_document("\n".join(wrapped_lines(DOC))).text


def test_the_title_issuer_and_date_are_the_documents_not_the_browsers():
    head = _extract(PRINTED)["document"]
    assert (head["title"], head["issuer"], head["date"]) == (TITLE, "某市人民政府办公室", "2023-06-30")


def test_a_clause_cut_by_a_pages_end_keeps_its_units():
    tasks = _extract(PRINTED)["tasks"]
    assert [(t["number"], [(u["name"], u["role"]) for u in t["units"]]) for t in tasks] == UNITS


def test_a_target_cut_by_a_pages_end_keeps_its_figure_and_its_span_points_at_both_pages():
    targets = _extract(PRINTED)["targets"]
    assert [(t["metric"], t["value"], t["unit"], t["year"], t["task"]) for t in targets] == TARGETS
    last = targets[2]
    span = PRINTED[last["span"]["start"]:last["span"]["end"]]
    assert HEADER in span  # (the page's end between its words and its figure)
    assert re.sub(r"\s+", "", span.replace(HEADER, "").replace(f"{ADDRESS} 2/3", "")) == last["text"]


def test_a_page_printed_alone_loses_the_browsers_lines_and_a_count_that_is_the_texts_own_stays():
    alone = "\n".join([HEADER, *wrapped_lines(DOC), f"{ADDRESS} 1/1"])
    head = _extract(alone)["document"]
    assert (head["title"], head["date"]) == (TITLE, "2023-06-30")
    assert clean_document(alone).text == clean_document("\n".join(wrapped_lines(DOC))).text
    # a line that ends with a count but without an address, and a time with no page's count below: the text's own
    own = "\n".join([TITLE, "2023/7/5 10:12 会议纪要", "一、完成年度任务的进度为 1/2", "(责任单位:市商务局)"])
    assert clean_document(own).text.split("\n") == [TITLE, "2023/7/5 10:12会议纪要", "一、完成年度任务的进度为1/2",
                                                  "(责任单位:市商务局)"]


# a browser that prints the time and the page's title on two lines above each page, and the address alone below it
TIME, PAGE_TITLE = HEADER[:14], HEADER[15:]  # (2023/7/5 10:12, and the title)


def _printed_apart(text: str, page_ends: tuple[int, ...] = PAGE_ENDS) -> str:
    lines = wrapped_lines(text)
    cuts = [0, *page_ends, len(lines)]
    pages = [lines[a:b] for a, b in zip(cuts, cuts[1:])]
    return "\n".join(line for page in pages for line in [TIME, PAGE_TITLE, *page, ADDRESS])


APART = _printed_apart(DOC)


def test_a_page_printed_with_its_time_and_title_apart_and_its_address_alone_reads_as_its_text():
    assert APART.count(ADDRESS) == 3 and APART.split(ADDRESS)[1].rstrip().endswith("达到")  # (cut before 3000)
    assert clean_document(APART).text == clean_document("\n".join(wrapped_lines(DOC))).text
    head = _extract(APART)["document"]
    assert (head["title"], head["issuer"], head["date"]) == (TITLE, "某市人民政府办公室", "2023-06-30")
    tasks = _extract(APART)["tasks"]
    assert [(t["number"], [u["name"] for u in t["units"]]) for t in tasks][0] == \
        ("一/(一)", ["市商务局", "市财政局", "市发展改革委"])
    targets = _extract(APART)["targets"]
    assert [(t["metric"], t["value"], t["unit"]) for t in targets][2] == ("社会消费品零售总额", 3000.0, "亿元")
    span = APART[targets[2]["span"]["start"]:targets[2]["span"]["end"]]
    assert re.sub(r"\s+", "", span.replace(ADDRESS, "").replace(TIME, "").replace(PAGE_TITLE, "")) == \
        targets[2]["text"]


def test_a_page_printed_alone_with_its_address_alone_loses_the_browsers_lines_and_an_address_of_the_text_stays():
    alone = "\n".join([TIME, PAGE_TITLE, *wrapped_lines(DOC), ADDRESS])
    assert clean_document(alone).text == clean_document("\n".join(wrapped_lines(DOC))).text
    head = _extract(alone)["document"]
    assert (head["title"], head["date"]) == (TITLE, "2023-06-30")
    # an address alone that ends a text without a time above it, or that is not the line it ends with: the text's own
    own = "\n".join([*wrapped_lines(DOC), "详见:", ADDRESS])
    assert clean_document(own).text.endswith(ADDRESS.replace(" ", ""))
    twice = "\n".join([*wrapped_lines(DOC)[:13], ADDRESS, *wrapped_lines(DOC)[13:], ADDRESS, "某市人民政府办公室"])
    assert clean_document(twice).text.count(ADDRESS) == 2
