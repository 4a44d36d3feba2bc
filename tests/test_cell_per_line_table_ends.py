"""Where a table written one cell per line ends: its rows are counted in lines (as many as the header has cells), so
no line after its last row goes on with that row's last cell; the text after the table stays text."""
from __future__ import annotations

from policykg.ingest.extract import extract_bytes

HEAD = "某市人民政府办公室关于印发重点任务分工方案的通知\n各县区人民政府:\n现将分工方案印发给你们。\n"
HEADER = "序号\n重点任务\n牵头单位\n配合单位\n完成时限\n"
ROW_1 = "1\n促进汽车消费\n市商务局\n市财政局、市公安局\n2023年12月底\n"
ROW_2 = "2\n扩大餐饮消费\n市商务局\n市文化广电旅游局\n持续推进\n"
ROWS = [("1", "促进汽车消费", ["市商务局"], ["市财政局", "市公安局"], "2023年12月底"),
        ("2", "扩大餐饮消费", ["市商务局"], ["市文化广电旅游局"], "持续推进")]


def read(text: str):
    doc = extract_bytes(text.encode(), "doc.txt")
    return doc, [(t.number, t.title, t.leads, t.cooperates, t.deadline) for t in doc.tasks]


def test_short_lines_after_the_last_row_are_not_its_last_cell():
    # a closing line without a full stop, a signature, a heading without a number: none of them goes on with the
    # last row's deadline
    for after in ("请认真贯彻执行\n", "某市人民政府办公室\n2023年5月6日\n", "保障措施\n各地要加强组织领导。\n"):
        text = HEAD + HEADER + ROW_1 + ROW_2 + after
        doc, rows = read(text)
        assert rows == ROWS, after
        last = doc.tasks[-1]
        assert text[last.span.start:last.span.end] == ROW_2.rstrip("\n")


def test_a_heading_after_the_last_row_is_a_heading_of_the_text():
    text = HEAD + HEADER + ROW_1 + ROW_2 + "第二章 保障措施\n第五条 各地要加强组织领导。\n"
    doc, rows = read(text)
    assert rows == ROWS
    assert [(p.number, p.title) for p in doc.provisions] == [("第二章", "保障措施")]


def test_a_signature_after_a_row_below_a_merged_cell_is_not_its_last_cell():
    below = "落实夜间经济政策\n市商务局\n市公安局\n2023年底\n"  # 序号 and 重点任务 merged over row 2 and this one
    doc, rows = read(HEAD + HEADER.replace("重点任务", "重点任务\n具体措施") + ROW_1.replace("促进汽车消费", "促进汽车消费\n开展促销活动")
                     + ROW_2.replace("扩大餐饮消费", "扩大餐饮消费\n举办美食节") + below + "某市人民政府办公室\n2023年5月6日\n")
    assert [(t.number, t.clause, t.text, t.deadline) for t in doc.tasks] == [
        ("1", 1, "开展促销活动", "2023年12月底"), ("2", 1, "举办美食节", "持续推进"),
        ("2", 2, "落实夜间经济政策", "2023年底")]
