"""Division-of-labour tables whose columns are aligned with runs of spaces: a PDF converted with
``pdftotext -layout``, a table typed in a word processor with spaces or ideographic spaces. They are read as the
same table written with tabs is, and their spans point into the text as it was laid out.

(The real corpus holds none: its texts have their whitespace collapsed. ``fixtures/tables`` holds five rows of the
sample corpus's 菏泽 division-of-labour table printed to PDF by Chromium (header cells centred, as Word centres them)
and converted back by poppler's pdftotext, with ``-fixed 6`` and with ``-layout``, and the same rows with tabs.
``LAYOUT`` below is written as a converter lays a table out: each column at a fixed character position, a cell
wrapped at its column's width, its continuation indented to its column.)
"""
from __future__ import annotations

from pathlib import Path

from policykg.ingest.extract import extract_bytes
from policykg.ingest.normalize import compact
from policykg.ingest.records import ExtractedDocument
from policykg.ingest.tables import space_aligned_tables

FIXTURES = Path(__file__).parent / "fixtures" / "tables"
HEAD = "某市人民政府办公室关于印发重点任务分工方案的通知\n各县区人民政府:\n现将分工方案印发给你们。\n\n附件\n\n"
SIGNATURE = "\n\n                                        某市人民政府办公室\n                                         2023年5月6日\n"

# pdftotext -layout: columns at characters 0, 6, 32 and 48; the first row's cells wrapped onto a second line
LAYOUT = """\
序号    省级方案内容                    省级牵头单位          市级落实单位
1     加强生态保护修复治理。加强重点河湖生态保护修复，  省自然资源厅、省发展改革委牵  市自然资源和规划局、市林业局牵头
      到2025年完成历史遗留矿山治理1000公顷    头，省生态环境厅配合      ，市生态环境局配合
2     开展农村产权流转交易规范化建设试点         省农业农村厅牵头        市农业农村局牵头
3     培育农业全产业链。实施数字农业突破行动，打造一批  省农业农村厅、省商务厅牵头   市农业农村局、市商务局牵头
      农业全产业链重点链和典型县
"""

# the same table as a converter writes it with tabs, which the table reader has always read
TABBED = """\
序号\t省级方案内容\t省级牵头单位\t市级落实单位
1\t加强生态保护修复治理。加强重点河湖生态保护修复，到2025年完成历史遗留矿山治理1000公顷\t省自然资源厅、省发展改革委牵头，省生态环境厅配合\t市自然资源和规划局、市林业局牵头，市生态环境局配合
2\t开展农村产权流转交易规范化建设试点\t省农业农村厅牵头\t市农业农村局牵头
3\t培育农业全产业链。实施数字农业突破行动，打造一批农业全产业链重点链和典型县\t省农业农村厅、省商务厅牵头\t市农业农村局、市商务局牵头
"""


def extract(text: str) -> ExtractedDocument:
    return extract_bytes(text.encode(), "doc.txt")


def rows(text: str) -> list[tuple[str, str | None, list[str], list[str], list[str]]]:
    """(number, the task as its cell prints it, leads, cooperates, implementers) of each row."""
    return [(t.number, t.title or t.text, t.leads, t.cooperates, t.implementers) for t in extract(text).tasks]


def read(doc: ExtractedDocument):
    """What a document says, without where it says it."""
    return ([(t.number, t.title, t.text, t.leads, t.cooperates, t.implementers, t.deadline) for t in doc.tasks],
            [(c.number, c.province_task, c.province_leads, c.province_cooperates, c.city_leads, c.city_cooperates)
             for c in doc.cascades],
            [(g.task, g.metric, g.value, g.unit, g.year) for g in doc.targets])


def test_a_pdftotext_layout_table_reads_as_the_same_table_with_tabs():
    # (the tab table without the signature: after a last cell that ends in 牵头 the tab reader takes the signer's
    # name for the rest of the cell; the spaced table's rows are whole, and the signature is none of theirs)
    spaced, tabbed = extract(HEAD + LAYOUT + SIGNATURE), extract(HEAD + TABBED)
    assert read(spaced) == read(tabbed)
    assert [(t.number, t.leads, t.cooperates, t.implementers) for t in spaced.tasks] == [
        ("1", ["省自然资源厅", "省发展改革委"], ["省生态环境厅"], ["市自然资源和规划局", "市林业局"]),
        ("2", ["省农业农村厅"], [], ["市农业农村局"]),
        ("3", ["省农业农村厅", "省商务厅"], [], ["市农业农村局", "市商务局"])]
    assert [(g.metric, g.value, g.year) for g in spaced.targets] == [("历史遗留矿山治理", 1000.0, 2025)]


def test_pdftotext_output_of_a_printed_table_reads_as_the_table_with_tabs():
    raw = (FIXTURES / "pdftotext_fixed.txt").read_text(encoding="utf-8")
    doc = extract(raw)
    assert read(doc) == read(extract((FIXTURES / "tabbed.txt").read_text(encoding="utf-8")))
    assert len(doc.tasks) == 5 and doc.tasks[2].implementers == ["市发展改革委", "市工业和信息化局"]
    for unit in (u for t in doc.tasks for u in t.units):
        # a name on one line is sliced whole; one wrapped onto the next line runs from its first character to its
        # last, across what the other columns print between them
        piece = raw[unit.span.start:unit.span.end]
        assert compact(piece) == compact(unit.printed) or (
            "\n" in piece and piece[0] == unit.printed[0] and piece[-1] == unit.printed[-1])


def test_pdftotext_layout_output_that_runs_cells_together_is_not_misread():
    # ``-layout`` puts one space between a full CJK cell and the next: no runs of spaces to tell the columns by,
    # so no row is read (rather than rows of cells run together)
    raw = (FIXTURES / "pdftotext_layout.txt").read_text(encoding="utf-8")
    assert space_aligned_tables(raw) == []


def test_spans_of_a_space_aligned_table_point_at_its_characters_in_the_source():
    raw = HEAD + LAYOUT + SIGNATURE
    doc = extract(raw)
    units = [u for t in doc.tasks for u in t.units]
    assert len(units) == 11
    for unit in units:
        # every unit's span slices its name as printed out of the laid-out text, on whichever line it stands
        assert raw[unit.span.start:unit.span.end] == unit.printed
    third_line = raw.index("头，省生态环境厅配合")
    cooperating = next(u for u in doc.tasks[0].units if u.name == "省生态环境厅")
    assert cooperating.span.start == third_line + 2  # on the line the cell was wrapped onto
    # a task's span runs from its row number to the end of the last line its cells were wrapped onto
    first, last = doc.tasks[0].span, doc.tasks[2].span
    assert raw[first.start:first.end].startswith("1     加强生态保护修复治理")
    assert raw[first.start:first.end].endswith("，市生态环境局配合")
    assert raw[last.start:last.end].endswith("农业全产业链重点链和典型县")
    target = doc.targets[0]
    assert raw[target.span.start:target.span.end] == "到2025年完成历史遗留矿山治理1000公顷"


def test_the_table_typed_with_spaces_by_hand_lines_up_only_roughly():
    # the cells of a row stand nearer their own column than any other, not exactly under it
    text = HEAD + ("序号   重点任务                                   牵头单位         配合单位\n"
                   "1      加快推进新型基础设施建设，到2025年建成5G基站2万个    市工信局         市发展改革委、市住建局\n"
                   "2      推进数字化转型                                 市大数据局       市工信局、市财政局\n") + SIGNATURE
    assert rows(text) == [("1", "加快推进新型基础设施建设,到2025年建成5G基站2万个", ["市工业和信息化局"],
                           ["市发展改革委", "市住房城乡建设局"], []),
                          ("2", "推进数字化转型", ["市大数据局"], ["市工业和信息化局", "市财政局"], [])]


def test_ideographic_spaces_separate_cells_even_one_alone():
    text = HEAD + ("序号\u3000重点任务\u3000\u3000\u3000\u3000\u3000\u3000牵头单位\u3000\u3000配合单位\n"
                   "1\u3000\u3000加快建设产业园区\u3000\u3000\u3000市发展改革委\u3000市财政局\n"
                   "2\u3000\u3000推进数字化转型\u3000\u3000\u3000\u3000市工信局\u3000\u3000市大数据局\n")
    assert rows(text) == [("1", "加快建设产业园区", ["市发展改革委"], ["市财政局"], []),
                          ("2", "推进数字化转型", ["市工业和信息化局"], ["市大数据局"], [])]


def test_an_empty_cell_leaves_its_column_empty():
    # no lead unit in row 1: the unit under 配合单位 cooperates, it does not move left into 牵头单位
    text = HEAD + ("序号  重点任务                  牵头单位        配合单位\n"
                   "1     加快建设产业园区                          市财政局\n"
                   "2     推进数字化转型            市工信局        市大数据局\n")
    doc = extract(text)
    assert [(t.number, t.leads, t.cooperates) for t in doc.tasks] == [("1", [], ["市财政局"]),
                                                                    ("2", ["市工业和信息化局"], ["市大数据局"])]


def test_a_unit_name_wrapped_onto_the_next_line_is_one_name_and_its_span_covers_both_pieces():
    raw = HEAD + ("序号  重点任务              牵头单位          配合单位\n"
                  "1     加快建设产业园区      市发展改革委      市财政局、市商\n"
                  "                                              务局\n"
                  "2     推进数字化转型        市工信局          市大数据局\n")
    doc = extract(raw)
    assert [(t.leads, t.cooperates) for t in doc.tasks] == [(["市发展改革委"], ["市财政局", "市商务局"]),
                                                           (["市工业和信息化局"], ["市大数据局"])]
    wrapped = doc.tasks[0].units[-1]
    piece = raw[wrapped.span.start:wrapped.span.end]
    assert piece.startswith("市商") and piece.endswith("务局") and compact(piece) == "市商务局"


def test_section_headings_page_numbers_and_blank_lines_between_the_rows_do_not_end_the_table():
    text = HEAD + ("    序号  重点任务              牵头单位          配合单位\n"
                   "    一、产业发展\n"
                   "    1     加快建设产业园区      市发展改革委      市财政局\n"
                   "\n"
                   "                              - 3 -\n"
                   "\n"
                   "    二、数字化转型\n"
                   "    2     推进数字化转型        市工信局          市大数据局\n"
                   "\n"
                   "    3     建设数据中心          市大数据局\n") + SIGNATURE
    assert rows(text) == [("1", "加快建设产业园区", ["市发展改革委"], ["市财政局"], []),
                          ("2", "推进数字化转型", ["市工业和信息化局"], ["市大数据局"], []),
                          ("3", "建设数据中心", ["市大数据局"], [], [])]


def test_a_deadline_column_and_a_table_without_numbers():
    text = HEAD + ("重点任务                  责任单位        完成时限\n"
                   "加快建设产业园区          市发展改革委    2024年底前\n"
                   "推进数字化转型            市工信局        长期坚持\n")
    doc = extract(text)
    assert [(t.title or t.text, t.leads, t.deadline) for t in doc.tasks] == [
        ("加快建设产业园区", ["市发展改革委"], "2024年底前"), ("推进数字化转型", ["市工业和信息化局"], "长期坚持")]


def test_the_signature_after_the_last_row_is_not_part_of_it():
    # the last cell ends as a list goes on (…配合), and the signature's name would continue it in a tab table
    text = HEAD + ("序号  重点任务              牵头单位          配合单位\n"
                   "1     加快建设产业园区      市发展改革委      市财政局配合\n"
                   "2     推进数字化转型        市工信局牵头\n") + SIGNATURE
    doc = extract(text)
    assert [(t.number, t.leads, t.cooperates) for t in doc.tasks] == [
        ("1", ["市发展改革委"], ["市财政局"]), ("2", ["市工业和信息化局"], [])]
    assert doc.document.date == "2023-05-06"


def test_prose_padded_titles_and_signatures_with_runs_of_spaces_are_no_table():
    text = ("                    某市重点任务  分工方案\n\n"
            "各县区人民政府，市政府各部门：\n"
            "一、工作任务  责任单位要高度重视，认真落实。\n"
            "各部门要  加强协作配合  落实工作任务\n"
            "1.加快建设产业园区。（牵头单位：市发展改革委；配合单位：市财政局）\n"
            "2.推进数字化转型。（牵头单位：市工信局）\n"
            "                                        某市人民政府办公室\n"
            "                                         2023年5月6日\n")
    assert space_aligned_tables(text) == []
    assert [(t.number, t.leads) for t in extract(text).tasks] == [("一/1", ["市发展改革委"]), ("一/2", ["市工业和信息化局"])]


def test_a_header_like_line_of_prose_starts_no_table():
    # short cells that name a unit and a task, but the lines after it are no rows under it
    text = HEAD + ("工作任务    责任单位\n"
                   "各单位要高度重视，切实加强组织领导，确保各项任务落到实处。\n"
                   "1.加快建设产业园区。（牵头单位：市发展改革委）\n")
    assert space_aligned_tables(text) == []


def test_a_row_below_a_merged_cell_is_a_row_of_its_own():
    # 序号 and 重点任务 merged over two rows: the second row's line starts in the 具体措施 column, as a wrapped cell's
    # rest would, but its units and deadline are whole ones of its own
    raw = HEAD + ("序号  重点任务          具体措施                牵头单位          配合单位              完成时限\n"
                  "1     促进汽车消费      开展汽车促销活动。      市商务局          市财政局、市公安局    2023年12月底\n"
                  "                        落实新能源汽车下乡。    市工业和信息化局  市商务局              2023年6月\n"
                  "2     扩大餐饮消费      举办美食节。            市商务局          市文化广电旅游局      持续推进\n")
    doc = extract(raw)
    assert [(t.number, t.clause, t.title, t.leads, t.cooperates, t.deadline) for t in doc.tasks] == [
        ("1", 1, "促进汽车消费", ["市商务局"], ["市财政局", "市公安局"], "2023年12月底"),
        ("1", 2, "促进汽车消费", ["市工业和信息化局"], ["市商务局"], "2023年6月"),
        ("2", 1, "扩大餐饮消费", ["市商务局"], ["市文化广电旅游局"], "持续推进")]
    second = doc.tasks[1]
    assert raw[second.span.start:second.span.end].startswith("落实新能源汽车下乡。")
    assert raw[second.span.start:second.span.end].endswith("2023年6月")
    assert [raw[u.span.start:u.span.end] for u in second.units] == ["市工业和信息化局", "市商务局"]


def test_a_measures_column_beside_the_task_gives_its_text_also_wrapped():
    # 重点任务 | 具体措施 laid out with spaces, the measures wrapped onto the next line at their column's width
    raw = HEAD + ("序号  重点任务          具体措施                  牵头单位          配合单位\n"
                  "1     促进汽车消费      开展汽车促销活动，新增    市商务局          市财政局\n"
                  "                        充电桩200个以上。\n"
                  "2     扩大餐饮消费      举办美食节。              市商务局          市文化广电旅游局\n")
    doc = extract(raw)
    assert [(t.number, t.title, t.text, t.leads, t.cooperates) for t in doc.tasks] == [
        ("1", "促进汽车消费", "开展汽车促销活动,新增充电桩200个以上。", ["市商务局"], ["市财政局"]),
        ("2", "扩大餐饮消费", "举办美食节。", ["市商务局"], ["市文化广电旅游局"])]
    assert [(g.task, g.value, g.unit) for g in doc.targets] == [("1", 200.0, "个")]
    # (a span is one stretch of the source: a goal wrapped onto the next line spans the cells between its pieces)
    goal = raw[doc.targets[0].span.start:doc.targets[0].span.end]
    assert goal.startswith("新增") and goal.endswith("充电桩200个以上")
