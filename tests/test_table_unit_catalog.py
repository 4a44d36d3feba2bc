"""A table's rows are told apart with the department names the document is read with: a unit only the user's alias
file knows is a whole name in a table as it is in the clauses, whatever way the table is written."""
from __future__ import annotations

from pathlib import Path

import pytest

from policykg.ingest.departments import USER_ALIAS_FILE, DepartmentCatalog, alias_files
from policykg.ingest.extract import extract_bytes

HEAD = "某市人民政府办公室关于印发重点任务分工方案的通知\n各县区人民政府:\n现将分工方案印发给你们。\n\n附件\n\n"
# two units the bundled alias file does not know, printed by their short names only
USER_ALIASES = """\
[[organisation]]
name = "市营商环境服务中心"
aliases = ["营商办"]
level = "city"

[[organisation]]
name = "市数字经济发展中心"
aliases = ["数字办"]
level = "city"
"""
# 序号 and 重点任务 merged over the first two rows, the second row's units those only the user's file names; the tab
# reader, given the document's catalog, always read the table so
TABBED = HEAD + ("序号\t重点任务\t具体措施\t牵头单位\t配合单位\t完成时限\n"
                 "1\t优化营商环境\t开展营商环境评价。\t营商办\t市财政局\t2023年12月底\n"
                 "\t\t推进数字政务建设。\t数字办\t营商办\t2023年6月\n"
                 "2\t扩大餐饮消费\t举办美食节。\t市商务局\t市文化广电旅游局\t持续推进\n")
TASKS = [("1", 1, "优化营商环境", "开展营商环境评价。", ["市营商环境服务中心"], ["市财政局"], "2023年12月底"),
         ("1", 2, "优化营商环境", "推进数字政务建设。", ["市数字经济发展中心"], ["市营商环境服务中心"], "2023年6月"),
         ("2", 1, "扩大餐饮消费", "举办美食节。", ["市商务局"], ["市文化广电旅游局"], "持续推进")]


@pytest.fixture
def user_catalog(tmp_path: Path) -> DepartmentCatalog:
    (tmp_path / USER_ALIAS_FILE).write_text(USER_ALIASES, encoding="utf-8")
    return DepartmentCatalog.load(*alias_files(tmp_path))


def tasks(text: str, catalog: DepartmentCatalog) -> list[tuple[str, int, str | None, str, list[str], list[str], str | None]]:
    doc = extract_bytes(text.encode(), "doc.txt", catalog)
    assert not doc.unknown_departments and not [w for w in doc.warnings if w.startswith("table row")]
    return [(t.number, t.clause, t.title, t.text, t.leads, t.cooperates, t.deadline) for t in doc.tasks]


def test_a_table_written_one_cell_per_line_tells_its_merged_rows_by_the_users_unit_names(user_catalog):
    # before, the bundled names alone judged the row below the merge: 数字办 was no whole name, so the table was
    # read up to the merged row, and the row below it and row 2 were lost
    text = HEAD + ("序号\n重点任务\n具体措施\n牵头单位\n配合单位\n完成时限\n"
                   "1\n优化营商环境\n开展营商环境评价。\n营商办\n市财政局\n2023年12月底\n"
                   "推进数字政务建设。\n数字办\n营商办\n2023年6月\n"
                   "2\n扩大餐饮消费\n举办美食节。\n市商务局\n市文化广电旅游局\n持续推进\n")
    assert tasks(text, user_catalog) == tasks(TABBED, user_catalog) == TASKS


def test_a_space_aligned_table_tells_its_merged_rows_by_the_users_unit_names(user_catalog):
    # before, the row below the merge was read as the first row's wrapped rest: 营商办数字办, 2023年12月底2023年6月
    text = HEAD + ("序号  重点任务          具体措施                牵头单位          配合单位              完成时限\n"
                   "1     优化营商环境      开展营商环境评价。      营商办            市财政局              2023年12月底\n"
                   "                        推进数字政务建设。      数字办            营商办                2023年6月\n"
                   "2     扩大餐饮消费      举办美食节。            市商务局          市文化广电旅游局      持续推进\n")
    assert tasks(text, user_catalog) == tasks(TABBED, user_catalog) == TASKS

