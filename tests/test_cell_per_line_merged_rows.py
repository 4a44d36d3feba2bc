"""Tables written one cell per line whose 序号 (and 重点任务) are merged over several rows: the converter writes
the merged cells once, so the rows below them follow the merged row's lines without them and without a number.
Each is a part of the merged row, as the same table written with tabs and the merged cells left empty gives."""
from __future__ import annotations

from policykg.ingest.extract import extract_bytes

HEAD = "某市人民政府办公室关于印发重点任务分工方案的通知\n各县区人民政府:\n现将分工方案印发给你们。\n"
HEADER = "序号\n重点任务\n具体措施\n牵头单位\n配合单位\n完成时限\n"
ROW_1 = "1\n促进汽车消费\n开展汽车促销活动。\n市商务局\n市财政局、市公安局\n2023年12月底\n"
ROW_2 = "2\n扩大餐饮消费\n举办美食节。\n市商务局\n市文化广电旅游局\n持续推进\n"
# 序号 and 重点任务 merged over two rows: the second is four lines, its measures, its units and its deadline
BELOW_1 = "落实新能源汽车下乡,新增充电桩200个以上。\n市工业和信息化局\n市商务局\n2023年6月\n"


def tasks(text: str) -> list[tuple[str, int, str | None, str, list[str], list[str], str | None]]:
    doc = extract_bytes(text.encode(), "doc.txt")
    assert not [w for w in doc.warnings if w.startswith("table row")]
    return [(t.number, t.clause, t.title, t.text, t.leads, t.cooperates, t.deadline) for t in doc.tasks]


def test_a_row_below_merged_number_and_task_cells_is_a_part_of_the_merged_row():
    # before, the table was read up to the merged row: the row below it and row 2 were lost
    assert tasks(HEAD + HEADER + ROW_1 + BELOW_1 + ROW_2) == [
        ("1", 1, "促进汽车消费", "开展汽车促销活动。", ["市商务局"], ["市财政局", "市公安局"], "2023年12月底"),
        ("1", 2, "促进汽车消费", "落实新能源汽车下乡,新增充电桩200个以上。", ["市工业和信息化局"], ["市商务局"],
         "2023年6月"),
        ("2", 1, "扩大餐饮消费", "举办美食节。", ["市商务局"], ["市文化广电旅游局"], "持续推进")]


def test_several_rows_below_a_merged_number_cell_each_keep_their_own_task():
    # 序号 alone merged over three rows: each row below it is five lines, its own task first
    below = ("推动汽车更新\n落实以旧换新补贴。\n市财政局\n市商务局\n2023年6月\n"
             "发展二手车市场\n简化二手车交易登记。\n市公安局\n市商务局\n2023年9月\n")
    assert [t[:3] + t[4:] for t in tasks(HEAD + HEADER + ROW_1 + below + ROW_2)] == [
        ("1", 1, "促进汽车消费", ["市商务局"], ["市财政局", "市公安局"], "2023年12月底"),
        ("1", 2, "推动汽车更新", ["市财政局"], ["市商务局"], "2023年6月"),
        ("1", 3, "发展二手车市场", ["市公安局"], ["市商务局"], "2023年9月"),
        ("2", 1, "扩大餐饮消费", ["市商务局"], ["市文化广电旅游局"], "持续推进")]


def test_the_rows_below_the_last_rows_merged_cells_end_where_the_text_goes_on():
    below = "落实夜间经济政策。\n市商务局\n市公安局\n2023年底\n"
    text = HEAD + HEADER + ROW_1 + ROW_2 + below + "各地要高度重视,抓好落实。\n某市人民政府办公室\n2023年5月6日\n"
    assert [t[:2] + t[4:] for t in tasks(text)] == [
        ("1", 1, ["市商务局"], ["市财政局", "市公安局"], "2023年12月底"),
        ("2", 1, ["市商务局"], ["市文化广电旅游局"], "持续推进"),
        ("2", 2, ["市商务局"], ["市公安局"], "2023年底")]


def test_each_cell_of_a_row_below_a_merged_cell_points_at_its_own_line():
    text = HEAD + HEADER + ROW_1 + BELOW_1 + ROW_2
    doc = extract_bytes(text.encode(), "doc.txt")
    part = doc.tasks[1]
    assert text[part.span.start:part.span.end] == BELOW_1.rstrip("\n")
    assert [(text[u.span.start:u.span.end], u.span.start) for u in part.units] == [
        ("市工业和信息化局", text.index("市工业和信息化局\n")), ("市商务局", text.index("市商务局\n2023年6月"))]
    assert part.deadline == "2023年6月"
    assert [(g.task, g.clause, text[g.span.start:g.span.end]) for g in doc.targets] == [("1", 2, "新增充电桩200个以上")]
    row_2 = doc.tasks[2]
    assert [text[u.span.start:u.span.end] for u in row_2.units] == ["市商务局", "市文化广电旅游局"]
    assert row_2.units[1].span.start == text.index("市文化广电旅游局")


def test_lines_below_a_merged_row_that_are_no_whole_rows_are_left_alone():
    # the row below lost its 配合单位 (three lines, not four): which cell is missing cannot be told, so the table is
    # read up to the merged row, as before
    below = "落实新能源汽车下乡。\n市工业和信息化局\n2023年6月\n"
    assert [t[:2] for t in tasks(HEAD + HEADER + ROW_1 + below + ROW_2)] == [("1", 1)]
