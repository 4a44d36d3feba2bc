"""A Word or HTML table cell's paragraphs: a list of names joined with 、, items and sentences kept apart with a mark
where a paragraph ends with none, a sentence broken across paragraphs glued."""
from __future__ import annotations

import pytest

from policykg.ingest.readers import extract_path, read_path
from policykg.ingest.readers.cells import join_paragraphs

from . import recipes

P = recipes.CELL_PARAGRAPH


@pytest.mark.parametrize(("pieces", "joined"), [
    # a list of names, one a paragraph, a role in brackets or 等 at a name's end
    (["市发展改革委", "市科技局"], "市发展改革委、市科技局"),
    (["市商务局（牵头）", "市财政局等"], "市商务局（牵头）、市财政局等"),
    (["市商务局、", "市财政局"], "市商务局、市财政局"),
    (["市发展改革委", "（牵头）", "市财政局"], "市发展改革委（牵头）、市财政局"),
    # goals or measures one a paragraph, as short and bare as names: closed with ；
    (["建设5G基站1000个", "新增数据中心2个"], "建设5G基站1000个；新增数据中心2个"),
    (["加强组织领导", "建立工作机制"], "加强组织领导；建立工作机制"),
    (["到2025年，全市建成5G基站1000个", "新增数据中心2个"], "到2025年，全市建成5G基站1000个；新增数据中心2个"),
    # a heading line above sentences closed with 。: closed as they are
    (["推进企业上云", "实施企业上云工程，新增上云企业500家。"], "推进企业上云。实施企业上云工程，新增上云企业500家。"),
    (["1.建设基站；", "2.新增数据中心"], "1.建设基站；2.新增数据中心"),
    # one sentence broken across paragraphs: glued
    (["加快建设产业园区，", "到2025年建成10个"], "加快建设产业园区，到2025年建成10个"),
    (["推进科技创新和", "成果转化。"], "推进科技创新和成果转化。"),
    (["开展汽车促销活动", "（市商务局负责）"], "开展汽车促销活动（市商务局负责）"),
    # a Latin word across the break keeps its space; a figure opening a paragraph is an item's
    (["推进Smart", "City建设。"], "推进Smart City建设。"),
    (["建设基站1000", "2025年完成"], "建设基站1000；2025年完成"),
    (["", " 市财政局 "], "市财政局"),
])
def test_join_paragraphs(pieces, joined):
    assert join_paragraphs(pieces) == joined


HEAD = "某市人民政府办公室关于印发数字经济重点任务分工方案的通知\n各县区人民政府:\n现将分工方案印发给你们。\n"
TABLE = ("序号\t重点任务\t具体措施\t牵头单位\t配合单位\t完成时限\n"
         f"1\t加快新型基础设施建设\t到2025年，全市建成5G基站1000个{P}新增数据中心2个\t市工业和信息化局"
         f"\t市发展改革委{P}市财政局\t2025年底前\n"
         f"2\t推进数字化转型\t推进企业上云{P}实施企业上云工程，新增上云企业500家。\t市工业和信息化局\t市大数据局\t2025年底前\n")


@pytest.mark.parametrize("fmt", ["docx", "html"])
def test_a_cells_paragraphs_stay_apart_as_items_and_sentences(tmp_path, fmt):
    # before: 到2025年,全市建成5G基站1000个新增数据中心2个, one goal's text running into the next's
    path = {"docx": recipes.to_docx, "html": recipes.to_html}[fmt](HEAD + TABLE, tmp_path / f"plan.{fmt}")
    rows = [line.split("\t") for line in read_path(path).text.split("\n") if line.startswith("1\t")]
    assert rows[0][2:5] == ["到2025年，全市建成5G基站1000个；新增数据中心2个", "市工业和信息化局", "市发展改革委、市财政局"]
    doc = extract_path(path)
    assert [(t.number, t.title, t.text, t.leads, t.cooperates) for t in doc.tasks] == [
        ("1", "加快新型基础设施建设", "到2025年,全市建成5G基站1000个;新增数据中心2个", ["市工业和信息化局"],
         ["市发展改革委", "市财政局"]),
        ("2", "推进数字化转型", "推进企业上云。实施企业上云工程,新增上云企业500家。", ["市工业和信息化局"], ["市大数据局"])]
    assert [(g.task, g.text, g.metric, g.value, g.unit, g.year) for g in doc.targets] == [
        ("1", "全市建成5G基站1000个", "5G基站", 1000.0, "个", 2025),
        ("1", "新增数据中心2个", "新增数据中心", 2.0, "个", 2025),
        ("2", "新增上云企业500家", "新增上云企业", 500.0, "家", 2025)]


@pytest.mark.parametrize("fmt", ["docx", "html"])
def test_a_heading_line_in_the_one_text_column_is_the_title(tmp_path, fmt):
    # one text column: the task's name before its first 。, the measures after it; a heading paragraph without a
    # mark is the name (before: 推进企业上云实施企业上云工程, one title)
    text = HEAD + ("序号\t工作任务\t责任单位\t完成时限\n"
                   f"1\t推进企业上云{P}实施企业上云工程，新增上云企业500家。\t市工业和信息化局\t2025年底前\n"
                   "2\t扩大有效投资。谋划储备项目。\t市发展改革委\t2025年底前\n")
    path = {"docx": recipes.to_docx, "html": recipes.to_html}[fmt](text, tmp_path / f"plan.{fmt}")
    doc = extract_path(path)
    assert [(t.title, t.text) for t in doc.tasks] == [("推进企业上云", "实施企业上云工程,新增上云企业500家。"),
                                                       ("扩大有效投资", "谋划储备项目。")]
