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

from .printed_measures import BODY, ISSUER, NUMBER, TARGETS, TITLE, UNITS, wrapped_lines

DOC = "\n".join([ISSUER, NUMBER, TITLE, *BODY])
# the first page ends inside (一)'s clause ("…(牵" | "头单位:市商务局;…"), the second right before (三)'s target's figure
# ("…达到" | "3000亿元。…")
PAGE_ENDS = (13, 19)


def _footer_counted(k: int, n: int) -> str:
    return f"第 {k} 页 共 {n} 页"


def _footer_centred(k: int, n: int) -> str:
    return " " * 12 + f"- {k} -"


def _printed(header: str, footer=_footer_counted, page_ends: tuple[int, ...] = PAGE_ENDS, first_too: bool = False,
             margin: tuple[str, ...] = ("",)) -> str:
    """``DOC`` cut at the width, on pages ending after the lines ``page_ends`` count, each page's number below it
    between the lines of ``margin`` and ``header`` above every page but the first (``first_too``: every page)."""
    lines = wrapped_lines(DOC)
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
    assert clean_document(text).text == clean_document("\n".join(wrapped_lines(DOC))).text


def test_the_title_issuer_and_date_are_the_documents():
    head = _extract(PRINTED)["document"]
    assert (head["title"], head["issuer"], head["date"], head["doc_number"]) == (TITLE, ISSUER, "2023-06-30", NUMBER)


def test_a_clause_cut_by_a_pages_end_keeps_its_units():
    tasks = _extract(PRINTED)["tasks"]
    assert [(t["number"], [(u["name"], u["role"]) for u in t["units"]]) for t in tasks] == UNITS


def test_a_target_cut_by_a_pages_end_keeps_its_figure_and_its_span_points_at_both_pages():
    targets = _extract(PRINTED)["targets"]
    assert [(t["metric"], t["value"], t["unit"], t["year"], t["task"]) for t in targets] == TARGETS
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
    assert clean_document(text).text == clean_document("\n".join(wrapped_lines(DOC))).text
    head = _extract(text)["document"]
    assert (head["title"], head["issuer"], head["doc_number"]) == (TITLE, ISSUER, NUMBER)


def test_a_line_after_a_pages_number_that_is_the_texts_own_stays():
    # the document's own first line, repeated above the later pages only (pages of one length): it stays
    lines = wrapped_lines(DOC)
    own = _printed(ISSUER, page_ends=(8, 16))
    assert own.startswith(ISSUER + "\n" + NUMBER) and clean_document(own).text.startswith(ISSUER + "\n" + NUMBER)
    # two pages: the line after the first page's number is no line of the text above it
    own = "\n".join([*lines[:13], "", "- 1 -", "", "二、提振文化和旅游消费", *lines[13:], "", "- 2 -", ""])
    assert "二、提振文化和旅游消费" in clean_document(own).text.split("\n")
    # three pages, a different line after each page's number
    other = "\n".join([*lines[:13], "", "- 1 -", "", "附件1", *lines[13:19], "", "- 2 -", "", "附件2", *lines[19:]])
    kept = clean_document(other).text
    assert "附件1" in kept and "附件2" in kept
