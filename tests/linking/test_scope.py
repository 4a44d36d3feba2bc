"""Containment before similarity: inferred links only down the region tree, or to what a text names.

A small multi-province fixture: every document has the same two tasks, so similarity alone would
link everything to everything; only the region tree (and what a document says it implements) decides.
"""
from __future__ import annotations

import pytest

from policykg.graph.linking import LinkUnit, link_units
from policykg.graph.linking.scope import DocumentPlace, Scope, ancestors, contains
from policykg.ingest.regions import region_index

TASKS = [
    ("加快推进科技成果转化", "支持企业建设中试基地和概念验证中心,推动科技成果就地转化,培育科技型中小企业。", "科技"),
    ("培育壮大先进制造业集群", "实施先进制造业集群培育行动,推动产业链上下游协同,建设特色产业园区。", "工业和信息化"),
]
PREFIX = {"national": "", "province": "省", "city": "市", "county": "县"}
SUFFIX = {"national": "部", "province": "厅", "city": "局", "county": "局"}


def _doc(key: str, region: str | None, level: str | None, date: str = "2024-06-01", implements=()) -> list[LinkUnit]:
    code = region_index().get(region).code if region else None
    out = []
    for n, (title, text, line) in enumerate(TASKS, start=1):
        dept = (PREFIX.get(level or "city", "市") + line + SUFFIX.get(level or "city", "局"))
        out.append(LinkUnit(id=f"task:{key}:{n}", doc_key=key, level=level, date=date, number=str(n), title=title,
                            text=text, departments=(dept,), implements=tuple(implements), source_doc=key,
                            region=code, region_basis="issuer" if region else None))
    return out


@pytest.fixture(scope="module")
def corpus() -> list[LinkUnit]:
    return [
        *_doc("国务院意见", None, "national", "2023-01-01"),
        *_doc("山东方案", "山东省", "province", "2023-06-01"),
        *_doc("河南方案", "河南省", "province", "2023-06-01"),
        *_doc("菏泽方案", "菏泽市", "city"),
        *_doc("曹县方案", "曹县", "county", "2024-09-01"),
        *_doc("郑州方案", "郑州市", "city"),
        *_doc("广州方案", "广州市", "city"),  # 广东省: no provincial document ingested
        *_doc("无名方案", None, None),  # region unknown, names nothing
        *_doc("无名落实", None, None, implements=["河南方案"]),  # region unknown, says it implements 河南
        *_doc("济南落实", "济南市", "city", implements=["河南方案"]),  # names a document of another province
    ]


def _docs(links) -> set[tuple[str, str]]:
    return {(lk.source.split(":")[1], lk.target.split(":")[1]) for lk in links}


def test_no_link_between_unrelated_regions(corpus):
    links = link_units(corpus, top_k=20, min_score=0.0, per_lower=20)
    places = {u.doc_key: DocumentPlace(u.doc_key, u.level, u.region, u.region_basis, u.implements) for u in corpus}
    assert links
    for link in links:
        low, up = (places[x.split(":")[1]] for x in (link.source, link.target))
        # either type of link: down the region tree, or to a document the lower one names
        assert contains(up, low) or up.key in low.implements, (link.source, link.type, link.target)


def test_what_the_tree_allows(corpus):
    pairs = _docs(link_units(corpus, top_k=20, min_score=0.0, per_lower=20))
    assert {("菏泽方案", "山东方案"), ("曹县方案", "山东方案"), ("曹县方案", "菏泽方案"), ("郑州方案", "河南方案")} <= pairs
    assert ("菏泽方案", "国务院意见") in pairs and ("广州方案", "国务院意见") in pairs  # national covers all
    assert not {p for p in pairs if p[0] == "菏泽方案" and p[1] == "河南方案"}
    assert not {p for p in pairs if p[0] == "郑州方案" and p[1] in ("山东方案", "菏泽方案")}
    assert not {p for p in pairs if p[0] == "无名方案"}  # unknown region, names nothing: no candidates


def test_a_named_document_comes_first(corpus):
    pairs = _docs(link_units(corpus, top_k=20, min_score=0.0, per_lower=20))
    assert {p[1] for p in pairs if p[0] == "无名落实"} == {"河南方案"}
    # what it names is its only source, even across provinces and over its own province's documents
    assert {p[1] for p in pairs if p[0] == "济南落实"} == {"河南方案"}


def test_scope_reaches_only_the_subtree(corpus):
    from policykg.graph.linking.scope import places

    upper = [u for u in corpus if u.level in ("national", "province", "city")]
    lower = [u for u in corpus if u.level in ("city", "county", None)]
    scope = Scope(places(upper), places(lower))
    assert set(scope.lower_of("山东方案")) == {"菏泽方案", "曹县方案"}
    assert set(scope.lower_of("菏泽方案")) == {"曹县方案"}
    assert scope.lower_of("河南方案") == {"郑州方案": "region", "无名落实": "implements", "济南落实": "implements"}
    assert set(scope.lower_of("国务院意见")) == {"菏泽方案", "曹县方案", "郑州方案", "广州方案"}


def test_ancestors():
    ri = region_index()
    assert [ri.by_code[c].name for c in ancestors(ri.get("曹县").code)] == ["曹县", "菏泽市", "山东省"]
    assert ancestors(None) == []


def test_real_texts_of_four_provinces():
    """The linking fixtures (广西, 河南, 福建 and their cities), linked together with every candidate kept:
    no link of either type joins documents of unrelated regions unless the lower one names the higher."""
    from policykg.graph.linking import corpus_units

    from .calibration import corpus

    docs, _ = corpus()
    units = corpus_units(list(docs.values()))
    places = {u.doc_key: DocumentPlace(u.doc_key, u.level, u.region, u.region_basis, u.implements) for u in units}
    links = link_units(units, top_k=20, min_score=0.0, per_lower=20)
    assert links and {lk.props["region_rule"] for lk in links} <= {"region", "national", "implements"}
    for link in links:
        low, up = (places[x.split(":")[1]] for x in (link.source, link.target))
        assert contains(up, low) or up.key in low.implements, (link.source, link.type, link.target)
