"""A real-corpus record becomes the file policykg reads as a printed document's head: the site's label, then the
title without the 《》 a page sets it in."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from realcorpus_texts import record_text  # noqa: E402


@pytest.mark.parametrize(("title", "head"), [
    ("【河南省商丘市】《关于做好购房补贴工作的通知》", ["河南省商丘市", "关于做好购房补贴工作的通知"]),
    # a note after the marks keeps its place, and no stray 》 is left before it
    ("《关于做好购房补贴工作的通知》(征求意见稿)", ["关于做好购房补贴工作的通知(征求意见稿)"]),
    # a mark the site left at one end alone goes too
    ("龙南市进一步促进房地产市场平稳健康发展的若干措施》", ["龙南市进一步促进房地产市场平稳健康发展的若干措施"]),
    # marks inside the title are the title's own
    ("关于印发《某市促进消费若干措施》的通知", ["关于印发《某市促进消费若干措施》的通知"]),
])
def test_a_records_title_heads_its_text(title, head):
    lines = [line for line in record_text({"title": title, "text": "正文。"}).split("\n") if line]
    assert lines == [*head, "正文。"]
