"""The layouts bench/robustness.py scores extraction in change where lines break and how characters are
spaced, never the text: otherwise a fall in its scores would be the layout's, not the extraction's."""
from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"
sys.path.insert(0, str(BENCH))
import layouts  # noqa: E402

TEXT = ("某市人民政府办公室关于印发某市促进消费若干措施的通知\n\n各县区人民政府，市政府各部门：\n"
        "一、扩大汽车消费。开展汽车促销活动,到2025年全市汽车销量达到10万辆(牵头单位:市商务局;配合单位:市财政局)\n"
        "序号\t重点任务\t牵头单位\n1\t举办汽车展销会，发放消费券，支持新能源汽车下乡\t市商务局\n")


def _characters(text: str) -> str:
    return "".join(text.split()).translate(layouts._FULL_WIDTH)


@pytest.mark.parametrize("name", list(layouts.LAYOUTS))
def test_a_layout_keeps_every_character_of_the_text(name):
    text = TEXT * 8  # more lines than a page holds
    printed = layouts.LAYOUTS[name](text)
    if name.startswith("browser-printed"):  # the lines a browser prints above and below each page
        printed = "\n".join(line for line in printed.split("\n")
                            if not line.startswith(("2023/6/12", "https://")) and not line.endswith("_门户网站"))
    if "above" in name:  # the running header above every page but the first (or every page)
        header = layouts._running_header(text, "number" in name)
        lines = printed.split("\n")
        printed = "\n".join(line for k, line in enumerate(lines)
                            if not (line == header and (k == 0 and "every page" in name
                                                        or k > 0 and re.search(r"页$| -$", lines[k - 1] or lines[k - 2]))))
    if name.startswith("a site's line"):  # the site's line above every page
        printed = "\n".join(line for line in printed.split("\n") if line not in layouts._PAGE_TITLES)
    # the page numbers a page layout prints
    kept = re.sub(r"—\d+—|第\d+页共\d+页|-\d+-", "", _characters(printed))
    assert kept == _characters(text)


def test_wrapping_cuts_running_text_at_the_width_and_leaves_table_rows_whole():
    lines = layouts.wrapped(TEXT, 28).split("\n")
    assert max(len(line) for line in lines if "\t" not in line) == 28
    assert "1\t举办汽车展销会，发放消费券，支持新能源汽车下乡\t市商务局" in lines


def test_a_browser_prints_the_time_and_title_above_each_page_and_the_address_and_count_below():
    lines = layouts.browser_printed("\n".join(f"第{k}行" for k in range(1, 77))).split("\n")
    assert lines[0] == "2023/6/12 09:41 第1行_门户网站" and lines[39].endswith(" 1/2")
    assert lines[40].startswith("2023/6/12 09:41 ") and lines[-1].startswith("https://") and lines[-1].endswith(" 2/2")


def test_a_page_number_follows_every_page_of_lines():
    lines = layouts.paged("\n".join(f"第{k}行" for k in range(1, 46))).split("\n")
    assert lines[22:25] == ["", "— 1 —", ""] and lines[47:50] == ["", "— 2 —", ""]


def test_a_printed_document_numbers_its_pages_below_them_and_repeats_its_number_above_all_but_the_first():
    text = "某市人民政府\n某政发〔2023〕12号\n" + "\n".join(f"第{k}行" for k in range(1, 41))
    lines = layouts.numbered_pages(text).split("\n")
    assert lines[0] == "某市人民政府" and lines[22:25] == ["", "第 1 页 共 2 页", ""]
    assert lines[25] == "某政发〔2023〕12号" and lines[26] == "第21行" and lines[-2] == "第 2 页 共 2 页"
    lines = layouts.issuer_headed_pages(text).split("\n")
    assert lines[23].strip() == "- 1 -" and lines[25] == "某市人民政府" and lines[26] == "\u3000\u3000第21行"


def test_a_browser_may_print_the_time_and_title_on_two_lines_and_the_address_without_a_count():
    lines = layouts.browser_printed_apart("\n".join(f"第{k}行" for k in range(1, 77))).split("\n")
    assert lines[:3] == ["2023/6/12 09:41", "第1行_门户网站", "第1行"] and lines[40].startswith("https://")
    assert lines[41:43] == ["2023/6/12 09:41", "第1行_门户网站"] and lines[-1] == lines[40]


def test_a_line_is_spaced_out_or_not_by_its_text_alone():
    lines = [f"第{k}条开展汽车促销活动，发放消费券" for k in range(40)]
    out = layouts.spaced("\n".join(lines * 2)).split("\n")
    assert out[:40] == out[40:]
    assert 0 < sum(" " in line for line in out[:40]) < 40
    assert all(line.replace(" ", "") == lines[k % 40] for k, line in enumerate(out))


def test_a_printer_may_put_the_running_header_above_the_first_page_too_and_leave_out_the_blank_lines():
    text = "某市人民政府\n某政发〔2023〕12号\n" + "\n".join(f"第{k}行" for k in range(1, 41))
    lines = layouts.numbered_pages_headed_from_first(text).split("\n")
    assert lines[:3] == ["某政发〔2023〕12号", "某市人民政府", "某政发〔2023〕12号"] and lines[24] == "第 1 页 共 2 页"
    lines = layouts.numbered_pages_tight(text).split("\n")
    assert lines[21:25] == ["第20行", "第 1 页 共 2 页", "某政发〔2023〕12号", "第21行"]


def test_a_site_puts_its_line_above_every_page_the_first_too():
    text = "\n".join(f"第{k}行" for k in range(1, 46))
    lines = layouts.site_titled_pages(text).split("\n")
    title = lines[0]
    assert title in layouts._PAGE_TITLES and lines[1] == "第1行"
    assert [k for k, line in enumerate(lines) if line == title] == [0, 23, 46] and lines[-1] == "第45行"
    lines = layouts.site_titled_numbered_pages(text).split("\n")
    assert lines[0] == title and lines[23:27] == ["", "— 1 —", "", title]
