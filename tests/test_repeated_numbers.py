"""A document that prints the same provision numbers twice (two measures issued by one notice, each numbered
一、二…) keeps every provision as its own task: none is merged into another by its number."""
from __future__ import annotations

import pytest

from policykg.graph.build import build_graph, document_key, task_id
from policykg.graph.linking.units import units_of
from policykg.ingest.extract import extract_bytes
from policykg.ingestion import unassigned_provisions

TWO_MEASURES = """某市人民政府办公室关于印发促进建筑业发展若干措施和促进房地产市场平稳健康发展若干措施的通知

各县区人民政府，市政府各部门：
现将有关措施印发给你们，请认真贯彻落实。

促进建筑业发展若干措施

一、鼓励企业资质升级增项。支持企业资质升级、增项。（责任单位：市住房城乡建设局）
二、支持企业拓展业务。鼓励建筑施工企业积极对接工程建设项目。（责任单位：市财政局）

促进房地产市场平稳健康发展若干措施

一、实施购房契税财政补贴政策。到2025年，全市新建商品房销售面积达到300万平方米。（责任单位：市税务局）
（一）提高补贴标准。对购房人按实际缴纳契税的50%予以补贴。（责任单位：市财政局）
二、提高住房公积金贷款额度。住房公积金贷款最高限额调整为50万元。（责任单位：市住房公积金中心）
"""


@pytest.fixture(scope="module")
def doc():
    return extract_bytes(TWO_MEASURES.encode("utf-8"), "two-measures.txt")


@pytest.fixture(scope="module")
def graph(doc):
    return build_graph([doc])


def _tasks(graph, number):
    return sorted((n for n in graph.nodes.values() if n.label == "Task" and n.props.get("number") == number),
                  key=lambda n: n.props["span_start"])


def test_the_records_keep_the_numbers_as_printed(doc):
    assert [p.number for p in doc.provisions] == ["一", "二", "一", "一/(一)", "二"]


def test_each_printed_provision_is_its_own_task(graph):
    first, second = _tasks(graph, "一")
    assert (first.props["title"], second.props["title"]) == ("鼓励企业资质升级增项", "实施购房契税财政补贴政策")
    assert [t.props["title"] for t in _tasks(graph, "二")] == ["支持企业拓展业务", "提高住房公积金贷款额度"]
    leads = {n.id: [d.props["name"] for d in graph.neighbours(n.id, "LEADS", direction="in")]
             for n in [first, second]}
    assert leads == {first.id: ["市住房城乡建设局"], second.id: ["市税务局"]}


def test_a_subitem_hangs_under_the_provision_printed_before_it(graph):
    (sub,) = _tasks(graph, "一/(一)")
    assert [p.props["title"] for p in graph.neighbours(sub.id, "UNDER")] == ["实施购房契税财政补贴政策"]


def test_a_target_belongs_to_the_provision_it_stands_in(graph):
    (target,) = [n for n in graph.nodes.values() if n.label == "Target"]
    owners = graph.neighbours(target.id, "HAS_TARGET", direction="in")
    assert [o.props["title"] for o in owners] == ["实施购房契税财政补贴政策"]
    assert target.props["owner_task"] == owners[0].id


def test_link_units_are_the_graphs_tasks(doc, graph):
    """The relink scores the same tasks the graph holds: one unit per printed provision, under its id."""
    units = units_of(doc)
    assert len(units) == 5
    assert {u.id for u in units} == {n.id for n in graph.nodes.values() if n.label == "Task"}
    assert {u.id: u.departments for u in units}[task_id(document_key(doc), "一")] == ("市住房城乡建设局",)


def test_the_store_holds_every_provision(doc, tmp_path):
    from policykg.graph.stores.factory import embedded_store

    store = embedded_store(tmp_path)
    try:
        for _ in range(2):  # the second load replaces the first: ids are stable
            store.load_document(doc)
            rows = store.rows("MATCH (t:Task)-[:IN_DOCUMENT]->(:Document {stub: false}) "
                              "RETURN t.number AS number, t.title AS title ORDER BY t.span_start")
            assert [(r["number"], r["title"]) for r in rows] == [
                ("一", "鼓励企业资质升级增项"), ("二", "支持企业拓展业务"), ("一", "实施购房契税财政补贴政策"),
                ("一/(一)", "提高补贴标准"), ("二", "提高住房公积金贷款额度")]
    finally:
        store.backend.server.stop(force=True)


def test_the_report_names_a_repeated_provision_no_unit_answers_for():
    text = TWO_MEASURES.replace("（责任单位：市税务局）", "").replace("（责任单位：市财政局）\n二、提高", "\n二、提高")
    doc = extract_bytes(text.encode("utf-8"), "two-measures.txt")
    # the second 一 and its item (一) name no unit: the item is reported (the first 一 has a unit, not the second)
    assert unassigned_provisions(doc) == ["一/(一)"]
