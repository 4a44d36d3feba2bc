"""Division-of-labour tables told by their header rows' words: whose units each unit column holds (its level),
how the rows are numbered, a header printed on two rows, and a total row below the last task."""
from __future__ import annotations

from policykg.ingest.extract import extract_bytes

HEAD = "某市人民政府办公室关于印发重点任务分工方案的通知\n各县区人民政府:\n现将分工方案印发给你们。\n"


def table(*rows: tuple[str, ...]) -> str:
    return HEAD + "".join("\t".join(r) + "\n" for r in rows)


def read(text: str):
    return extract_bytes(text.encode(), "doc.txt")


def cascades(text: str) -> list[tuple[str, str, str, list[str], list[str], list[str]]]:
    return [(c.number, c.upper_level, c.lower_level, c.province_leads, c.city_leads, c.city_cooperates)
            for c in read(text).cascades]


def test_a_unit_column_whose_header_opens_with_a_bare_level_is_that_levels():
    # 省牵头部门 | 市牵头部门 | 市配合部门: the province's units lead the quoted task, the city's carry it out
    text = table(("序号", "省方案任务内容", "省牵头部门", "市牵头部门", "市配合部门"),
                 ("1", "实施强县计划。", "省发展改革委", "市发展改革委", "市财政局"))
    assert cascades(text) == [("1", "province", "city", ["省发展改革委"], ["市发展改革委"], ["市财政局"])]
    task = read(text).tasks[0]
    assert (task.leads, task.implementers) == (["省发展改革委"], ["市发展改革委"])


def test_a_level_named_in_brackets_after_the_header_counts_too():
    text = table(("序号", "省级方案内容", "牵头单位(省级)", "落实单位(市级)"),
                 ("1", "实施强县计划。", "省发展改革委", "市发展改革委"))
    assert cascades(text) == [("1", "province", "city", ["省发展改革委"], ["市发展改革委"], [])]


def test_a_city_table_handing_tasks_to_its_counties_cascades_from_the_city():
    text = table(("序号", "重点任务", "市牵头单位", "市配合单位", "县(市、区)责任单位"),
                 ("1", "实施强县计划。", "市发展改革委", "市财政局", "各县(市、区)人民政府"))
    assert [c[:5] for c in cascades(text)] == [("1", "city", "county", ["市发展改革委"], ["各县(市、区)人民政府"])]
    task = read(text).tasks[0]
    assert (task.leads, task.cooperates) == (["市发展改革委"], ["市财政局"])


def test_unit_columns_of_one_level_are_no_cascade():
    text = table(("序号", "重点任务", "市牵头单位", "市配合单位"),
                 ("1", "实施强县计划。", "市发展改革委", "市财政局"))
    doc = read(text)
    assert doc.cascades == []
    assert (doc.tasks[0].leads, doc.tasks[0].cooperates) == (["市发展改革委"], ["市财政局"])


def rows(text: str) -> list[tuple[str, int, str | None, list[str]]]:
    return [(t.number, t.clause, t.title, t.leads) for t in read(text).tasks]


HEADER = ("序号", "重点任务", "牵头单位", "配合单位")


def test_rows_numbered_with_chinese_numerals_or_in_brackets_are_rows_of_their_own():
    # (before: a row numbered 二 or (2) was read as a second part of the row above, under its number)
    for first, second in (("一", "二"), ("(1)", "(2)"), ("(一)", "(二)"), ("1.", "2.")):
        text = table(HEADER, (first, "优化政务服务。", "市行政审批服务局", "市大数据中心"),
                     (second, "降低企业成本。", "市财政局", "市税务局"))
        assert rows(text) == [("1", 1, "优化政务服务", ["市行政审批服务局"]), ("2", 1, "降低企业成本", ["市财政局"])]
        assert not [w for w in read(text).warnings if "printed number" in w]


def test_a_row_numbered_out_of_order_is_still_reported():
    text = table(HEADER, ("1", "优化政务服务。", "市行政审批服务局", "市大数据中心"),
                 ("七", "降低企业成本。", "市财政局", "市税务局"))
    assert [t.number for t in read(text).tasks] == ["1", "2"]
    assert any("printed number '七'" in w for w in read(text).warnings)


def test_a_section_heading_written_in_the_number_and_task_cells_is_no_row():
    text = table(HEADER, ("一", "营商环境", "", ""), ("1", "优化政务服务。", "市行政审批服务局", "市大数据中心"),
                 ("二", "企业成本", "", ""), ("2", "降低企业成本。", "市财政局", "市税务局"))
    assert rows(text) == [("1", 1, "优化政务服务", ["市行政审批服务局"]), ("2", 1, "降低企业成本", ["市财政局"])]
    assert not [w for w in read(text).warnings if "table row" in w]


def test_a_header_on_two_rows_names_each_column_by_its_lower_cell():
    # 责任单位 merged over two columns, 牵头单位 | 配合单位 below it (a PDF's table: the merged cells left empty)
    text = table(("序号", "重点任务", "责任单位", "", "完成时限"), ("", "", "牵头单位", "配合单位", ""),
                 ("1", "优化政务服务。", "市行政审批服务局", "市大数据中心", "2023年6月底前"))
    doc = read(text)
    assert [(t.number, t.leads, t.cooperates, t.deadline) for t in doc.tasks] == [
        ("1", ["市行政审批服务局"], ["市大数据中心"], "2023年6月底前")]
    assert not [w for w in doc.warnings if "table row" in w]  # (before: the lower header row was row 1)


def test_levels_under_a_merged_unit_header_make_a_cascade():
    text = table(("序号", "省级方案内容", "责任单位", ""), ("", "", "省级", "市级"),
                 ("1", "实施强县计划。", "省发展改革委", "市发展改革委"))
    assert cascades(text) == [("1", "province", "city", ["省发展改革委"], ["市发展改革委"], [])]


def test_a_header_printed_again_below_with_each_columns_own_name_is_read_by_the_lower_one():
    # (a merged cell's text repeated in each column it spans, then the columns' own names)
    text = table(("序号", "重点任务", "责任单位", "责任单位"), ("序号", "重点任务", "牵头单位", "配合单位"),
                 ("1", "优化政务服务。", "市行政审批服务局", "市大数据中心"))
    assert [(t.leads, t.cooperates) for t in read(text).tasks] == [(["市行政审批服务局"], ["市大数据中心"])]


def test_a_total_row_and_a_note_row_are_no_task_nor_part_of_the_last_one():
    for footer in (("合计", "2项", "", ""), ("小计", "2项"), ("注:各牵头单位每季度末报送进展情况。",)):
        text = table(HEADER, ("1", "优化政务服务。", "市行政审批服务局", "市大数据中心"),
                     ("2", "降低企业成本。", "市财政局", "市税务局"), footer)
        doc = read(text)
        assert [(t.number, t.title, t.text, t.leads) for t in doc.tasks] == [
            ("1", "优化政务服务", "", ["市行政审批服务局"]), ("2", "降低企业成本", "", ["市财政局"])]
        assert not [w for w in doc.warnings if "table row" in w]


def test_rows_after_a_subtotal_row_go_on():
    text = table(HEADER, ("1", "优化政务服务。", "市行政审批服务局", "市大数据中心"), ("小计", "1项"),
                 ("2", "降低企业成本。", "市财政局", "市税务局"))
    assert [(t.number, t.leads) for t in read(text).tasks] == [("1", ["市行政审批服务局"]), ("2", ["市财政局"])]


def test_a_short_first_column_whose_rows_print_no_number_is_a_column_of_its_own():
    # 领域 is short as a misread 序号 is (承中): its rows say it is no number column (before: every row after the
    # first was a second part of row 1)
    text = table(("领域", "重点任务", "牵头单位", "配合单位"), ("政务服务", "优化政务服务。", "市行政审批服务局", "市大数据中心"),
                 ("企业成本", "降低企业成本。", "市财政局", "市税务局"))
    doc = read(text)
    assert rows(text) == [("1", 1, "优化政务服务", ["市行政审批服务局"]), ("2", 1, "降低企业成本", ["市财政局"])]
    assert doc.ignored_columns == ["领域"]
    assert not [w for w in doc.warnings if "table row" in w]


def test_a_short_first_column_beside_a_number_column_is_no_number():
    text = table(("类别", "序号", "重点任务", "牵头单位"), ("政务服务", "1", "优化政务服务。", "市行政审批服务局"),
                 ("企业成本", "2", "降低企业成本。", "市财政局"))
    assert rows(text) == [("1", 1, "优化政务服务", ["市行政审批服务局"]), ("2", 1, "降低企业成本", ["市财政局"])]


def test_a_misread_number_header_over_numbered_rows_is_still_the_number_column():
    text = table(("承中", "重点任务", "牵头单位"), ("1", "优化政务服务。", "市行政审批服务局"),
                 ("7", "降低企业成本。", "市财政局"))
    doc = read(text)
    assert rows(text) == [("1", 1, "优化政务服务", ["市行政审批服务局"]), ("2", 1, "降低企业成本", ["市财政局"])]
    assert doc.ignored_columns == []
    # (nor does a markdown table's |---| line under it say otherwise: the header printed again on the next page
    # goes on with the same table)
    markdown = HEAD + "".join("| " + " | ".join(r) + " |\n" + ("|---|---|---|\n" if i in (0, 2) else "") for i, r in enumerate(
        (("承中", "重点任务", "牵头单位"), ("1", "优化政务服务。", "市行政审批服务局"),
         ("序号", "重点任务", "牵头单位"), ("2", "降低企业成本。", "市财政局"))))
    assert rows(markdown) == [("1", 1, "优化政务服务", ["市行政审批服务局"]), ("2", 1, "降低企业成本", ["市财政局"])]
    assert not [w for w in read(markdown).warnings if "table row" in w]


def test_headers_naming_divisions_projects_and_time_limits_are_a_table():
    # 责任处室 / 责任科室 / 责任主体 name units, 项目名称 a task (建设内容 its measures), 完成期限 / 截止日期 a deadline
    for header in (("序号", "工作事项", "责任处室", "完成期限"), ("序号", "重点工作", "责任科室", "截止日期"),
                   ("序号", "具体任务", "责任主体", "完成时限")):
        text = table(header, ("1", "优化政务服务。", "市行政审批服务局", "2023年6月底前"))
        assert [(t.title, t.leads, t.deadline) for t in read(text).tasks] == [
            ("优化政务服务", ["市行政审批服务局"], "2023年6月底前")]
    text = table(("序号", "项目名称", "建设内容", "责任单位"), ("1", "港口建设", "建设泊位10个。", "市交通运输局"))
    doc = read(text)
    assert [(t.title, t.text, t.leads) for t in doc.tasks] == [("港口建设", "建设泊位10个。", ["市交通运输局"])]
    assert doc.ignored_columns == []


def test_a_task_column_quoting_the_plan_above_makes_each_row_a_cascade():
    # 省级方案内容 beside the city's own units only: the province's task, carried out by the city's units
    for units in (("市级牵头单位", "市级配合单位"), ("牵头单位", "配合单位")):
        text = table(("序号", "省级方案内容", *units), ("1", "实施强县计划。", "市发展改革委", "市财政局"))
        assert cascades(text) == [("1", "province", "city", [], ["市发展改革委"], ["市财政局"])]
        task = read(text).tasks[0]
        assert (task.title, task.leads, task.implementers) == ("实施强县计划", [], ["市发展改革委"])


def test_a_task_column_of_the_documents_own_level_is_no_cascade():
    # a city's own 市级重点任务 (and, in a document of no known level, a 市级 task column: which level carries it
    # out the units do not say)
    own = "济宁市人民政府办公室关于印发重点任务分工方案的通知\n"
    for head in (own, HEAD):
        doc = read(head + "\t".join(("序号", "市级重点任务", "牵头单位", "配合单位")) + "\n"
                   + "\t".join(("1", "实施强县计划。", "市发展改革委", "市财政局")) + "\n")
        assert doc.cascades == []
        assert (doc.tasks[0].leads, doc.tasks[0].cooperates) == (["市发展改革委"], ["市财政局"])
    doc = read(own + "\t".join(("序号", "省级重点任务", "牵头单位", "配合单位")) + "\n"
               + "\t".join(("1", "实施强县计划。", "市发展改革委", "市财政局")) + "\n")
    assert [(c.upper_level, c.lower_level) for c in doc.cascades] == [("province", "city")]


def test_a_third_levels_units_carry_the_task_out_too():
    text = table(("序号", "省级任务", "省级牵头单位", "市级责任单位", "县级责任单位"),
                 ("1", "实施强县计划。", "省发展改革委", "市发展改革委", "各县(市、区)人民政府"))
    task = read(text).tasks[0]
    assert (task.leads, task.implementers) == (["省发展改革委"], ["市发展改革委", "各县(市、区)人民政府"])
    # (the cascade maps the province's task to the city's units: the county's are no city's)
    assert cascades(text) == [("1", "province", "city", ["省发展改革委"], ["市发展改革委"], [])]


def test_a_header_on_two_rows_whose_cells_merged_down_are_repeated_in_the_lower_one():
    # (the docx and html readers write a vertically merged cell in each row it spans)
    text = table(("序号", "省级方案内容", "责任单位", "", "完成时限"), ("序号", "省级方案内容", "省级", "市级", "完成时限"),
                 ("1", "实施强县计划。", "省发展改革委", "市发展改革委", "2023年底"))
    assert cascades(text) == [("1", "province", "city", ["省发展改革委"], ["市发展改革委"], [])]
    assert read(text).tasks[0].deadline == "2023年底"
