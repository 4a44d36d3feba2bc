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


# The converter writes an empty cell as nothing: a last row with an empty cell is a line short of a whole row where
# the text ends. The line break that ends the text is no cell of it.

def test_a_last_row_that_lost_a_cell_where_the_text_ends_is_read_without_it_when_its_cells_tell_which():
    for lost, row_2, expected in (
            ("配合单位", "2\n扩大餐饮消费\n市商务局\n持续推进", ("2", "扩大餐饮消费", ["市商务局"], [], "持续推进")),
            ("完成时限", "2\n扩大餐饮消费\n市商务局\n市文化广电旅游局",
             ("2", "扩大餐饮消费", ["市商务局"], ["市文化广电旅游局"], None))):
        for end in ("\n", ""):
            text = HEAD + HEADER + ROW_1 + row_2 + end
            doc, rows = read(text)
            assert rows == [ROWS[0], expected], (lost, end)
            assert not [w for w in doc.warnings if w.startswith("table row")]
            last = doc.tasks[-1]
            assert text[last.span.start:last.span.end] == row_2
            assert [text[u.span.start:u.span.end] for u in last.units] == expected[2] + expected[3]


def test_a_last_row_whose_lost_cell_cannot_be_told_is_left_out_and_the_table_read_up_to_it():
    # 具体措施 or 配合单位 lost: the two unit names fit either way, so the row is not read (not shifted), and its
    # lines are not glued onto the row above
    header = "序号\n重点任务\n具体措施\n牵头单位\n配合单位\n完成时限\n"
    row_1 = "1\n促进汽车消费\n开展促销活动\n市商务局\n市财政局\n2023年12月底\n"
    for end in ("\n", ""):
        doc, _ = read(HEAD + header + row_1 + "2\n扩大餐饮消费\n市商务局\n市文化广电旅游局\n持续推进" + end)
        assert [(t.number, t.title, t.text, t.leads, t.cooperates, t.deadline) for t in doc.tasks] == [
            ("1", "促进汽车消费", "开展促销活动", ["市商务局"], ["市财政局"], "2023年12月底")], end


def test_a_row_that_lost_a_cell_before_the_next_row_is_read_without_it_when_its_cells_tell_which():
    # (before: the next row's number stood in the row's last line, and the whole table was left unread)
    for row_1, expected in (
            ("1\n促进汽车消费\n市商务局\n2023年12月底\n", ("1", "促进汽车消费", ["市商务局"], [], "2023年12月底")),
            ("1\n促进汽车消费\n市商务局\n市财政局、市公安局\n", ("1", "促进汽车消费", ["市商务局"], ["市财政局", "市公安局"], None))):
        text = HEAD + HEADER + row_1 + ROW_2
        doc, rows = read(text)
        assert rows == [expected, ROWS[1]]
        assert not [w for w in doc.warnings if w.startswith("table row")]
        first = doc.tasks[0]
        assert text[first.span.start:first.span.end] == row_1.rstrip("\n")


def test_a_row_whose_lost_cell_cannot_be_told_ends_the_table_before_it():
    header = "序号\n重点任务\n具体措施\n牵头单位\n配合单位\n完成时限\n"
    row_1 = "1\n促进汽车消费\n开展促销活动\n市商务局\n市财政局\n2023年12月底\n"
    row_2 = "2\n扩大餐饮消费\n市商务局\n市文化广电旅游局\n持续推进\n"
    row_3 = "3\n促进家电消费\n开展以旧换新\n市商务局\n市财政局\n2023年12月底\n"
    doc, _ = read(HEAD + header + row_1 + row_2 + row_3)
    assert [t.number for t in doc.tasks] == ["1"]


def test_headings_of_the_tables_parts_between_its_rows_do_not_end_it_nor_join_its_header():
    # (before: 一、… after the header was read as a sixth column's header, and the table ended at 二、…)
    text = HEAD + HEADER + "一、汽车消费\n" + ROW_1 + "二、餐饮消费\n" + ROW_2
    doc, rows = read(text)
    assert rows == ROWS
    assert doc.ignored_columns == []


def test_the_header_printed_again_on_the_next_page_does_not_end_the_table():
    # (before: the rows after it were left unread)
    row_3 = "3\n促进家电消费\n市商务局\n市财政局\n2023年12月底\n"
    doc, rows = read(HEAD + HEADER + ROW_1 + HEADER + ROW_2 + row_3)
    assert rows == ROWS + [("3", "促进家电消费", ["市商务局"], ["市财政局"], "2023年12月底")]
    assert not [w for w in doc.warnings if w.startswith("table row")]
