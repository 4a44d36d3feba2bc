"""A page a site exports to PDF: its lines cut at the page's width, and above every page, the first too, a short line
of the site's (its section's name, the file's class) in place of a page number. It reads as the document itself: the
site's line is left out wherever it stands, a clause or a target cut by a page's end goes on on the next page, the
title is the document's, and every span still points at the characters it was read from."""
from __future__ import annotations

import json
import re

from policykg.ingest.extract import extract_bytes
from policykg.ingest.normalize import clean_document

from .printed_measures import BODY, ISSUER, MORE_MEASURES, NUMBER, TITLE, wrapped_lines

DOC = "\n".join([ISSUER, NUMBER, TITLE, *BODY, *MORE_MEASURES])
# on pages of PAGE_LINES, the first ends inside (二)'s clause, before its target ("…全覆盖。" | "到2025年,…"), the
# second inside (六)'s clause's label ("…(牵头单" | "位:市商务局;…")
PAGE_LINES = 15


def _exported(site_line: str, page_lines: int = PAGE_LINES) -> str:
    """``DOC`` cut at the width, on pages of ``page_lines`` lines, each opening with ``site_line``."""
    lines = wrapped_lines(DOC)
    return "\n".join(line for i in range(0, len(lines), page_lines) for line in [site_line, *lines[i:i + page_lines]])


def _extract(text: str) -> dict:
    return json.loads(extract_bytes(text.encode("utf-8"), "notice.txt").model_dump_json())


def test_a_line_a_site_puts_above_every_page_is_left_out_and_the_document_reads_as_its_text():
    text = _exported("政务公开")
    assert text.count("政务公开") == 3 and "全覆盖。\n政务公开\n到2025年" in text
    assert clean_document(text).text == clean_document("\n".join(wrapped_lines(DOC))).text
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
    lines = wrapped_lines(DOC)
    uneven = "\n".join(["附件", *lines[:15], "附件", *lines[15:27], "附件", *lines[27:]])
    assert clean_document(uneven).text.count("附件") == 3
    assert clean_document(_exported("附件")).text.count("附件") == 0
