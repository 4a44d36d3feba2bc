"""Metadata and numbering in shapes the sample corpus does not show."""
from __future__ import annotations

from policykg.ingest.extract import extract_bytes

PROVINCIAL_NOTICE = """山东省人民政府办公厅

鲁政办字〔2024〕12号

山东省人民政府办公厅
关于印发山东省推动大规模设备更新实施方案的通知

各市人民政府，省政府各部门：

《山东省推动大规模设备更新实施方案》已经省政府同意，现印发给你们，请认真贯彻执行。

山东省人民政府办公厅
2024年4月18日

山东省推动大规模设备更新实施方案

为贯彻落实《国务院关于印发〈推动大规模设备更新和消费品以旧换新行动方案〉的通知》（国发〔2024〕7号）要求，结合我省实际，制定本方案。

一、重点任务

（一）实施设备更新行动。

1.推进重点行业设备更新改造。围绕重点行业实施技术改造。（省工业和信息化厅牵头，省发展改革委、省财政厅等按职责分工负责）

2.加快建筑领域设备更新。有序推进老旧电梯更新。（省住房城乡建设厅牵头，省市场监管局等按职责分工负责）

（二）实施消费品以旧换新行动。

3.开展汽车以旧换新。加大政策支持力度。（省商务厅、省公安厅按职责分工负责）

二、保障措施

（一）加强组织领导。统筹推进各项工作。（省发展改革委牵头，各市政府、省有关部门按职责分工负责）
"""

COUNTY_PLAN = """曹县人民政府办公室
曹政办字〔2024〕3号
曹县人民政府办公室关于印发曹县2024年乡村振兴工作要点的通知
各镇人民政府（街道办事处），县政府各部门：
现将《曹县2024年乡村振兴工作要点》印发给你们，请认真贯彻落实。
曹县人民政府办公室
二〇二四年二月二十日
一、稳定粮食生产。全年粮食播种面积稳定在200万亩以上。（县农业农村局牵头，县发展和改革局、各镇（街道）配合）
二、建设和美乡村。完成农村改厕1000户。（县住建局、县农业农村局按职责分工负责）
"""


def test_a_title_broken_after_the_letterhead_keeps_its_issuer():
    doc = extract_bytes(PROVINCIAL_NOTICE.encode(), "notice.txt").document
    assert doc.title == "山东省人民政府办公厅关于印发山东省推动大规模设备更新实施方案的通知"
    assert (doc.issuer, doc.region, doc.level, doc.date) == ("山东省人民政府办公厅", "山东省", "province", "2024-04-18")
    assert doc.doc_number == "鲁政办字〔2024〕12号"


def test_a_cited_title_containing_yinfa_is_still_implemented():
    doc = extract_bytes(PROVINCIAL_NOTICE.encode(), "notice.txt").document
    assert doc.implements == ["国发〔2024〕7号"]


def test_item_numbering_that_runs_on_across_parents():
    tasks = extract_bytes(PROVINCIAL_NOTICE.encode(), "notice.txt").tasks
    assert [t.number for t in tasks] == ["一/(一)/1", "一/(一)/2", "一/(二)/3", "二/(一)"]
    assert tasks[2].leads == ["省商务厅", "省公安厅"]
    assert tasks[3].leads == ["省发展改革委"] and tasks[3].cooperates == ["各市政府", "省有关部门"]


def test_a_county_work_plan():
    doc = extract_bytes(COUNTY_PLAN.encode(), "county.txt")
    assert (doc.document.region, doc.document.level, doc.document.date) == ("曹县", "county", "2024-02-20")
    assert doc.document.plan_year == 2024
    first, second = doc.tasks
    assert first.leads == ["县农业农村局"] and first.cooperates == ["县发展改革局", "各镇(街道)"]
    assert second.leads == ["县住房城乡建设局", "县农业农村局"]
    assert {(t.value, t.unit, t.year) for t in doc.targets} == {(200, "万亩", 2024), (1000, "户", 2024)}
