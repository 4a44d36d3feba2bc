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
    if name == "browser-printed":  # the lines a browser prints above and below each page
        printed = "\n".join(line for line in printed.split("\n") if not line.startswith(("2023/6/12", "https://")))
    kept = re.sub(r"—\d+—", "", _characters(printed))  # the page numbers a page layout prints
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


def test_a_line_is_spaced_out_or_not_by_its_text_alone():
    lines = [f"第{k}条开展汽车促销活动，发放消费券" for k in range(40)]
    out = layouts.spaced("\n".join(lines * 2)).split("\n")
    assert out[:40] == out[40:]
    assert 0 < sum(" " in line for line in out[:40]) < 40
    assert all(line.replace(" ", "") == lines[k % 40] for k, line in enumerate(out))
