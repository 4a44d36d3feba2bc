"""A document cited before it is ingested is a stub; the real one takes its place, in any order."""
from __future__ import annotations

import pytest

from policykg.graph.build import build_graph
from policykg.graph.stores.factory import embedded_store
from policykg.ingest.extract import extract_bytes

PROVINCIAL_PLAN = """山东省人民政府办公厅
鲁政办字〔2023〕99号
山东省人民政府办公厅关于印发山东省县域经济高质量发展三年行动方案（2023—2025年）的通知
各市人民政府，省政府各部门：
现将《山东省县域经济高质量发展三年行动方案（2023—2025年）》印发给你们，请认真贯彻落实。
山东省人民政府办公厅
2023年8月1日
一、实施经济强县领跑计划。发挥经济强县带动作用。（省发展改革委牵头，省有关部门配合）
"""


@pytest.fixture(scope="module")
def table_doc(extracted):
    return extracted["001_eac2c624b6a1218d.txt"]


@pytest.fixture(scope="module")
def plan():
    return extract_bytes(PROVINCIAL_PLAN.encode(), "plan.txt")


def implemented(graph, doc_id):
    return [n.id for n in graph.neighbours(doc_id, "IMPLEMENTS")]


def test_in_memory_the_real_document_is_used_when_it_is_there(table_doc, plan):
    alone = build_graph([table_doc])
    [stub] = implemented(alone, "doc:菏政办字〔2023〕56号")
    assert alone.nodes[stub].props["stub"] is True
    both = build_graph([table_doc, plan])
    assert implemented(both, "doc:菏政办字〔2023〕56号") == ["doc:鲁政办字〔2023〕99号"]
    assert stub not in both.nodes


@pytest.mark.parametrize("order", ["cited first", "real first"])
def test_in_the_store_the_stub_folds_into_the_real_document(tmp_path, table_doc, plan, order):
    store = embedded_store(tmp_path / "data")
    try:
        for doc in ([table_doc, plan] if order == "cited first" else [plan, table_doc]):
            store.load_document(doc)
        rows = store.rows("MATCH (:Document {id: $d})-[:IMPLEMENTS]->(x:Document) RETURN x.id AS id, x.stub AS stub",
                          {"d": "doc:菏政办字〔2023〕56号"})
        assert rows == [{"id": "doc:鲁政办字〔2023〕99号", "stub": False}]
        assert store.rows("MATCH (d:Document) WHERE d.stub = true RETURN count(d) AS n") == [{"n": 0}]
        # the provincial tasks named by the table now sit in the real provincial document
        n = store.rows("MATCH (t:Task)-[:IN_DOCUMENT]->(:Document {id: $p}) WHERE t.title = '实施经济强县领跑计划' "
                       "RETURN count(t) AS n", {"p": "doc:鲁政办字〔2023〕99号"})[0]["n"]
        assert n >= 1
    finally:
        store.backend.server.stop(force=True)
