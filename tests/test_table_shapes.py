"""Division-of-labour tables as converters lay them out: cells wrapped onto the next line, section headings
between the rows, and what follows the last row."""
from __future__ import annotations

from policykg.ingest.extract import extract_bytes

HEAD = "某市人民政府办公室关于印发重点任务分工方案的通知\n各县区人民政府:\n现将分工方案印发给你们。\n"
HEADER = "序号\t重点任务\t牵头单位\t配合单位\n"


def rows(text: str) -> list[tuple[str, str | None, list[str], list[str]]]:
    """(number, the task as its cell prints it, leads, cooperates) of each row."""
    doc = extract_bytes(text.encode(), "doc.txt")
    return [(t.number, t.title or t.text, t.leads, t.cooperates) for t in doc.tasks]


def test_a_task_cell_wrapped_onto_the_next_line_keeps_its_columns():
    # the line broke inside the task: the next line goes on with it, then holds the unit columns
    text = HEAD + HEADER + ("1\t加快建设产业园区,\n到2025年建成10个\t市发展改革委\t市财政局\n"
                            "2\t推进数字化转型\t市工业和信息化局\t市大数据局\n")
    assert rows(text) == [("1", "加快建设产业园区,到2025年建成10个", ["市发展改革委"], ["市财政局"]),
                          ("2", "推进数字化转型", ["市工业和信息化局"], ["市大数据局"])]


def test_a_unit_name_wrapped_onto_the_next_line_is_one_name():
    text = HEAD + HEADER + ("1\t加快建设产业园区\t市发展改革委\t市财政局、市商\n务局\n"
                            "2\t推进数字化转型\t市工业和信息化局\t市大数据局\n")
    assert [r[2:] for r in rows(text)] == [(["市发展改革委"], ["市财政局", "市商务局"]),
                                          (["市工业和信息化局"], ["市大数据局"])]


def test_section_headings_between_the_rows_do_not_end_the_table():
    text = HEAD + HEADER + ("一、产业发展\n1\t加快建设产业园区\t市发展改革委\t市财政局\n"
                            "二、数字化转型\n2\t推进数字化转型\t市工业和信息化局\t市大数据局\n")
    assert [(r[0], r[2], r[3]) for r in rows(text)] == [("1", ["市发展改革委"], ["市财政局"]),
                                                        ("2", ["市工业和信息化局"], ["市大数据局"])]


def test_a_signature_and_a_date_after_the_last_row_are_not_part_of_it():
    text = HEAD + HEADER + "1\t加快建设产业园区\t市发展改革委\t市财政局\n某市人民政府办公室\n2023年5月6日\n"
    assert rows(text) == [("1", "加快建设产业园区", ["市发展改革委"], ["市财政局"])]


def test_a_signature_after_a_last_cell_that_ends_with_a_role_word_is_not_part_of_it():
    # 牵头 / 配合 close a unit cell as a name does: the signature below is no end of a wrapped name
    text = (HEAD + "序号\t重点任务\t责任单位\n" + "1\t加快建设产业园区\t市商务局牵头,市财政局配合\n"
            + "某市人民政府办公室\n2023年5月6日\n")
    assert rows(text) == [("1", "加快建设产业园区", ["市商务局"], ["市财政局"])]



# a tab table whose last column is the deadline, and text after its last row that is no row
DUE_HEADER = "序号\t重点任务\t牵头单位\t配合单位\t完成时限\n"
AFTER_THE_TABLE = ("某市人民政府办公室\n2023年5月6日\n",  # a signature and a date
                   "请各单位认真抓好落实\n",  # a closing sentence without a full stop
                   "保障措施\n一、加强组织领导。各县区要建立工作机制,抓好落实。\n")  # a heading without a number


def test_lines_after_a_last_row_that_ends_with_a_whole_deadline_are_not_part_of_it():
    # the deadline cell holds a whole deadline: the line below goes on with no wrapped deadline (before:
    # 2023年底某市人民政府办公室)
    for due in ("2023年底", "2023年12月", "持续推进"):
        for after in AFTER_THE_TABLE:
            text = HEAD + DUE_HEADER + f"1\t加快建设产业园区\t市发展改革委\t市财政局\t{due}\n" + after
            doc = extract_bytes(text.encode(), "doc.txt")
            task = doc.tasks[-1]
            assert (task.number, task.leads, task.cooperates, task.deadline) == (
                "1", ["市发展改革委"], ["市财政局"], due), (due, after)
            assert text[task.span.start:task.span.end] == f"1\t加快建设产业园区\t市发展改革委\t市财政局\t{due}"
            # the text after the table stays text: a signature gives the issuer and the date, a numbered heading
            # is a provision
            if after.startswith("某市"):
                assert (doc.document.issuer, doc.document.date) == ("某市人民政府办公室", "2023-05-06")
            if "一、" in after:
                assert [p.number for p in doc.provisions] == ["一"]


def test_a_signature_after_a_last_cell_of_whole_unit_names_is_not_part_of_it():
    # names the catalog knows whole, whichever letter they end with (区, 协, a bracket)
    for units, cooperates in (("各县区", ["各县区"]), ("市科协", ["市科协"]),
                              ("市财政局、各县（市、区）", ["市财政局", "各县(市、区)"])):
        text = HEAD + HEADER + f"1\t加快建设产业园区\t市发展改革委\t{units}\n某市人民政府办公室\n2023年5月6日\n"
        assert rows(text) == [("1", "加快建设产业园区", ["市发展改革委"], cooperates)], units


def test_a_last_deadline_wrapped_onto_a_line_of_its_own_is_one_deadline():
    # the line below the last row holds the rest of its deadline, no tab before it: it goes on with the cell, even
    # where the cell's first piece is a whole deadline itself (2023年, 持续, 每年)
    for first, rest in (("2023年", "12月底"), ("2023年12月", "底前"), ("持续", "推进"), ("每年", "12月底前"),
                        ("2023年6月底前", "2024年底前")):
        text = HEAD + DUE_HEADER + f"1\t加快建设产业园区\t市发展改革委\t市财政局\t{first}\n{rest}\n某市人民政府办公室\n"
        assert [t.deadline for t in extract_bytes(text.encode(), "doc.txt").tasks] == [first + rest], (first, rest)


# 序号 and 重点任务 merged over two rows: the converter prints them on the first row and leaves them empty on the second
MERGED = ("序号\t重点任务\t具体措施\t牵头单位\t配合单位\t完成时限\n"
          "1\t促进汽车消费\t开展汽车促销活动。\t市商务局\t市财政局、市公安局\t2023年12月底\n"
          "\t\t落实新能源汽车下乡。\t市工业和信息化局\t市商务局\t2023年6月\n"
          "2\t扩大餐饮消费\t举办美食节。\t市商务局\t市文化广电旅游局\t持续推进\n")


def test_a_row_below_a_merged_cell_is_a_second_task_of_the_merged_row():
    # its units and its deadline are its own (no 市公安局市商务局, no 2023年12月底2023年6月), its number the merged
    # row's, and the row after it keeps its printed number
    doc = extract_bytes((HEAD + MERGED).encode(), "doc.txt")
    assert [(t.number, t.clause, t.title, t.leads, t.cooperates, t.deadline) for t in doc.tasks] == [
        ("1", 1, "促进汽车消费", ["市商务局"], ["市财政局", "市公安局"], "2023年12月底"),
        ("1", 2, "促进汽车消费", ["市工业和信息化局"], ["市商务局"], "2023年6月"),
        ("2", 1, "扩大餐饮消费", ["市商务局"], ["市文化广电旅游局"], "持续推进")]
    assert not [w for w in doc.warnings if w.startswith("table row")]


def test_a_row_below_a_merged_cell_points_at_its_own_line():
    text = HEAD + MERGED
    doc = extract_bytes(text.encode(), "doc.txt")
    second = doc.tasks[1]
    assert text[second.span.start:second.span.end] == "落实新能源汽车下乡。\t市工业和信息化局\t市商务局\t2023年6月"
    assert [text[u.span.start:u.span.end] for u in second.units] == ["市工业和信息化局", "市商务局"]
    assert [text[u.span.start:u.span.end] for u in doc.tasks[0].units] == ["市商务局", "市财政局", "市公安局"]


def test_a_lead_cell_merged_with_the_task_leads_each_row_below_it():
    # 牵头单位 merged too: the second row leads with the merged unit, its cooperators are its own
    text = (HEAD + "序号\t重点任务\t牵头单位\t配合单位\t完成时限\n"
            "1\t加快建设产业园区\t市发展改革委\t市财政局\t2023年底\n\t\t\t市商务局\t2024年6月底前\n")
    assert [(t.number, t.clause, t.leads, t.cooperates, t.deadline)
            for t in extract_bytes(text.encode(), "doc.txt").tasks] == [
        ("1", 1, ["市发展改革委"], ["市财政局"], "2023年底"), ("1", 2, ["市发展改革委"], ["市商务局"], "2024年6月底前")]


def test_cells_wrapped_onto_a_line_with_the_number_cell_empty_are_still_joined():
    # the line holds the rest of the task and of a unit's name, cut where the column ended: no row of its own
    for rest in ("\t到2025年建成10个\t工业和信息化局\t\n",  # a name cut in the middle (…、市 | 工业和信息化局)
                 "\t\t、市工业和信息化局\t\n"):  # the list goes on after its separator
        text = HEAD + HEADER + "1\t加快建设产业园区,\t市发展改革委、市\t市财政局\n" + rest
        tasks = extract_bytes(text.encode(), "doc.txt").tasks
        assert [(t.number, t.leads, t.cooperates) for t in tasks] == [
            ("1", ["市发展改革委", "市工业和信息化局"], ["市财政局"])]


def test_a_deadline_wrapped_onto_the_next_line_is_one_deadline():
    text = (HEAD + "序号\t重点任务\t牵头单位\t配合单位\t完成时限\n"
            "1\t加快建设产业园区\t市发展改革委\t市财政局\t2023年12月\n\t\t\t\t底前\n")
    assert [(t.clause, t.deadline) for t in extract_bytes(text.encode(), "doc.txt").tasks] == [(1, "2023年12月底前")]


def test_a_goal_in_a_merged_task_cell_is_one_target():
    text = (HEAD + "序号\t重点任务\t牵头单位\t配合单位\t完成时限\n"
            "1\t加快建设产业园区,到2025年建成10个\t市发展改革委\t市财政局\t2023年底\n"
            "\t\t市工业和信息化局\t市商务局\t2024年底\n")
    doc = extract_bytes(text.encode(), "doc.txt")
    assert [(t.number, t.clause) for t in doc.tasks] == [("1", 1), ("1", 2)]
    assert [(g.task, g.value) for g in doc.targets] == [("1", 10.0)]


# a task in two text columns: its name, and the measures that spell it out
TWO_COLUMNS = ("1\t促进汽车消费\t开展汽车促销活动，落实新能源汽车下乡政策。\t市商务局\t市财政局、市公安局\t2023年12月底\n"
               "2\t扩大餐饮消费\t举办美食节，全年新增餐饮企业50家以上。\t市商务局\t市文化广电旅游局\t2023年12月底\n")


def test_a_task_column_and_a_measures_column_give_the_title_and_the_text():
    for task, measures in (("重点任务", "具体措施"), ("工作任务", "工作内容"), ("工作任务", "主要内容"),
                           ("工作任务", "工作措施"), ("工作任务", "具体任务"), ("工作任务", "任务举措"),
                           ("工作任务", "政策措施"), ("重点工作", "具体内容"), ("目标任务", "工作举措"),
                           ("任务名称", "任务内容")):
        text = HEAD + f"序号\t{task}\t{measures}\t牵头单位\t配合单位\t完成时限\n" + TWO_COLUMNS
        doc = extract_bytes(text.encode(), "doc.txt")
        assert [(t.number, t.title, t.text, t.leads, t.cooperates) for t in doc.tasks] == [
            ("1", "促进汽车消费", "开展汽车促销活动,落实新能源汽车下乡政策。", ["市商务局"], ["市财政局", "市公安局"]),
            ("2", "扩大餐饮消费", "举办美食节,全年新增餐饮企业50家以上。", ["市商务局"], ["市文化广电旅游局"])], (task, measures)
        assert doc.tasks[0].text_start == "开展汽车促销活动,落实新"
        assert [(g.task, g.value, g.unit, g.qualifier, g.year) for g in doc.targets] == [("2", 50.0, "家", "以上", 2023)]
        assert text[doc.targets[0].span.start:doc.targets[0].span.end] == "全年新增餐饮企业50家以上"
        assert doc.ignored_columns == []


def test_a_sentence_after_the_title_in_the_task_cell_stays_apart_from_the_measures():
    # the task cell holds the task's name and a sentence after it, whose end the cell leaves out: that sentence and
    # the measures beside it are the task's text, two sentences (before: …重大项目开工新开工项目…, run together)
    text = HEAD + ("序号\t重点任务\t具体措施\t牵头单位\t完成时限\n"
                   "1\t加快项目建设。推进重大项目开工\t新开工项目50个以上。\t市发展改革委\t2023年底\n"
                   "2\t扩大有效投资。谋划储备项目;\t争取专项债券资金10亿元。\t市财政局\t2023年底\n")
    doc = extract_bytes(text.encode(), "doc.txt")
    assert [(t.number, t.title, t.text, t.leads) for t in doc.tasks] == [
        ("1", "加快项目建设", "推进重大项目开工。新开工项目50个以上。", ["市发展改革委"]),
        ("2", "扩大有效投资", "谋划储备项目;争取专项债券资金10亿元。", ["市财政局"])]
    # the text's start is printed in the source as it stands (the 。 between the two cells is not)
    assert [t.text_start for t in doc.tasks] == ["推进重大项目开工", "谋划储备项目;"]
    assert all(t.text_start in text for t in doc.tasks)
    assert [(g.task, text[g.span.start:g.span.end]) for g in doc.targets] == [
        ("1", "新开工项目50个以上"), ("2", "争取专项债券资金10亿元")]


def test_a_goals_column_gives_targets_and_not_the_title():
    # 预期目标 / 工作目标 beside the task: its goals are the row's targets; the task column is the title, wherever
    # the goals column stands
    for header, row in (("序号\t重点任务\t具体措施\t预期目标\t牵头单位\t配合单位\t完成时限\n",
                         "1\t促进汽车消费\t开展汽车促销活动。\t全年汽车销量增长10%以上\t市商务局\t市财政局\t2023年12月底\n"),
                        ("序号\t工作目标\t重点任务\t牵头单位\t配合单位\t完成时限\n",
                         "1\t全年汽车销量增长10%以上\t促进汽车消费。开展汽车促销活动。\t市商务局\t市财政局\t2023年12月底\n")):
        doc = extract_bytes((HEAD + header + row).encode(), "doc.txt")
        assert [(t.title, t.text) for t in doc.tasks] == [("促进汽车消费", "开展汽车促销活动。")], header
        assert [(g.task, g.clause, g.value, g.unit, g.year) for g in doc.targets] == [("1", 1, 10.0, "%", 2023)]


def test_a_goals_column_named_with_a_deadline_word_is_goals_not_the_deadline():
    text = HEAD + ("序号\t重点任务\t完成目标\t牵头单位\t完成时限\n"
                   "1\t促进汽车消费。开展汽车促销活动。\t全年汽车销量增长10%以上\t市商务局\t2023年12月底\n")
    doc = extract_bytes(text.encode(), "doc.txt")
    assert [(t.title, t.leads, t.deadline) for t in doc.tasks] == [("促进汽车消费", ["市商务局"], "2023年12月底")]
    assert [(g.task, g.value, g.unit, g.year) for g in doc.targets] == [("1", 10.0, "%", 2023)]


def test_a_row_below_a_merged_task_cell_has_measures_and_goals_of_its_own():
    # 序号 and 重点任务 merged over two rows: the second row's title is the merged task, its text and its goals
    # are its own measures', not the first row's
    text = HEAD + ("序号\t重点任务\t具体措施\t牵头单位\t配合单位\t完成时限\n"
                   "1\t促进汽车消费\t开展汽车促销活动,全年举办20场以上。\t市商务局\t市财政局\t2023年12月底\n"
                   "\t\t落实新能源汽车下乡,新增充电桩200个以上。\t市工业和信息化局\t市商务局\t2023年6月\n")
    doc = extract_bytes(text.encode(), "doc.txt")
    assert [(t.number, t.clause, t.title, t.text, t.leads) for t in doc.tasks] == [
        ("1", 1, "促进汽车消费", "开展汽车促销活动,全年举办20场以上。", ["市商务局"]),
        ("1", 2, "促进汽车消费", "落实新能源汽车下乡,新增充电桩200个以上。", ["市工业和信息化局"])]
    assert [(g.task, g.clause, g.value, g.unit) for g in doc.targets] == [("1", 1, 20.0, "场"), ("1", 2, 200.0, "个")]
    assert [text[g.span.start:g.span.end] for g in doc.targets] == ["全年举办20场以上", "新增充电桩200个以上"]


def test_a_goal_in_the_measures_beside_a_wrapped_task_cell_is_one_target():
    # the task cell goes on in the next line: the measures cell between its pieces is no part of it
    text = HEAD + ("序号\t重点任务\t具体措施\t牵头单位\t配合单位\n"
                   "1\t促进汽车消费,\t新增充电桩200个以上,\t市工业和信息化局\t市商务局\n"
                   "\t扩大新能源汽车销售\t开展促销活动。\t\t\n")
    doc = extract_bytes(text.encode(), "doc.txt")
    assert [(t.title, t.text) for t in doc.tasks] == [("促进汽车消费,扩大新能源汽车销售", "新增充电桩200个以上,开展促销活动。")]
    assert [(g.text, g.value) for g in doc.targets] == [("新增充电桩200个以上", 200.0)]


# a tab table whose last column is a text one (具体措施), and what follows its last row: the rest of a cell a
# converter wrapped, or a line that is no part of the table
MEASURES_LAST = "序号\t重点任务\t牵头单位\t具体措施\n"


def test_a_closing_line_after_a_last_text_cell_as_whole_as_its_column_is_not_part_of_it():
    # the column's cells end without a mark, and so does the last: it is whole, the line below a closing line, a
    # signature or a heading without a number (before: 举办美食节请各单位认真抓好落实)
    for after in AFTER_THE_TABLE:
        text = HEAD + MEASURES_LAST + ("1\t促进汽车消费\t市商务局\t开展汽车促销活动\n"
                                       "2\t扩大餐饮消费\t市商务局\t举办美食节\n") + after
        doc = extract_bytes(text.encode(), "doc.txt")
        assert [(t.title, t.text) for t in doc.tasks] == [("促进汽车消费", "开展汽车促销活动"),
                                                           ("扩大餐饮消费", "举办美食节")], after
        assert text[doc.tasks[-1].span.start:doc.tasks[-1].span.end] == "2\t扩大餐饮消费\t市商务局\t举办美食节"
        if after.startswith("某市"):
            assert (doc.document.issuer, doc.document.date) == ("某市人民政府办公室", "2023-05-06")
        if "一、" in after:
            assert [p.number for p in doc.provisions] == ["一"]


def test_a_last_text_cell_cut_mid_sentence_goes_on_with_its_rest_and_no_further():
    # the column's cells end with 。: the last, cut before its own, goes on with the lines that finish it (its full
    # stop at the end, a wrap's shorter last line), then the text after the table is text again
    rows_ = "1\t促进汽车消费\t市商务局\t开展汽车促销活动。\n2\t扩大餐饮消费\t市商务局\t举办美食节，培育餐\n"
    for rest, measures in (("饮品牌。\n", "举办美食节,培育餐饮品牌。"),
                           ("饮品牌，打造美食街\n区。\n", "举办美食节,培育餐饮品牌,打造美食街区。"),
                           ("饮品牌\n", "举办美食节,培育餐饮品牌")):
        for after in AFTER_THE_TABLE:
            text = HEAD + MEASURES_LAST + rows_ + rest + after
            doc = extract_bytes(text.encode(), "doc.txt")
            assert [t.text for t in doc.tasks] == ["开展汽车促销活动。", measures], (rest, after)
    # a cell that ends with a mark that goes on (、) goes on whatever its column's cells end with
    text = HEAD + MEASURES_LAST + ("1\t促进汽车消费\t市商务局\t开展汽车促销活动\n"
                                   "2\t扩大餐饮消费\t市商务局\t举办美食节、\n培育餐饮品牌\n保障措施\n")
    assert [t.text for t in extract_bytes(text.encode(), "doc.txt").tasks] == ["开展汽车促销活动", "举办美食节、培育餐饮品牌"]


def test_a_text_cell_wrapped_between_two_rows_still_goes_on():
    # a row follows the line: it is in the table's midst, the rest of the cell above however whole that looks
    text = HEAD + MEASURES_LAST + ("1\t促进汽车消费\t市商务局\t开展汽车促销活动\n落实汽车下乡\n"
                                   "2\t扩大餐饮消费\t市商务局\t举办美食节\n")
    assert [t.text for t in extract_bytes(text.encode(), "doc.txt").tasks] == ["开展汽车促销活动落实汽车下乡", "举办美食节"]
