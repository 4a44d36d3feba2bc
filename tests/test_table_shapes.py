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
