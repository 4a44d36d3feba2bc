"""Document references: 《title》 and document numbers, IMPLEMENTS or CITES."""
from __future__ import annotations

from policykg.ingest.records import DocumentInfo, ExtractedDocument, ProvisionRecord, Span
from policykg.ingest.references import Reference, is_document_title, references

from .compare import sample_docs


def _doc(*texts: str, implements=(), title="菏泽市人民政府关于某事的通知", number="菏政发〔2024〕9号"):
    provisions = [ProvisionRecord(number=str(i + 1), text=t, span=Span(start=0, end=len(t))) for i, t in enumerate(texts)]
    return ExtractedDocument(file="x.txt", content_hash="0", provisions=provisions,
                             document=DocumentInfo(doc_number=number, title=title, implements=list(implements)))


def _by_target(refs: list[Reference]) -> dict[str, str]:
    return {r.target: r.kind for r in refs}


def test_implements_or_cites():
    doc = _doc("落实《山东省化工行业投资管理规定》,严格执行目录。",
               "根据《山东省推动进口贸易高质量发展三年行动计划(2023—2025年)》,加大进口贴息力度。",
               "修订《菏泽市科学技术奖励办法》。加快列入《“十四五”水安全保障规划》的水库建设。",
               "深入贯彻落实《A省关于X的实施意见》和《B省Y工作方案》,推进工作。")
    assert _by_target(references(doc)) == {
        "山东省化工行业投资管理规定": "IMPLEMENTS",
        "山东省推动进口贸易高质量发展三年行动计划(2023—2025年)": "IMPLEMENTS",
        "菏泽市科学技术奖励办法": "CITES",
        "“十四五”水安全保障规划": "CITES",
        "A省关于X的实施意见": "IMPLEMENTS",
        "B省Y工作方案": "IMPLEMENTS",  # the same clause's verb
    }


def test_a_verb_in_an_earlier_clause_does_not_count():
    doc = _doc("落实各项要求,修订《菏泽市科学技术奖励办法》。")
    assert _by_target(references(doc)) == {"菏泽市科学技术奖励办法": "CITES"}


def test_title_and_number_are_one_document():
    doc = _doc("落实《关于以制造业为重点促进外资扩增量稳存量提质量的若干政策措施》(发改外资〔2022〕1586号)。")
    (ref,) = references(doc)
    assert ref.kind == "IMPLEMENTS" and ref.target == "发改外资〔2022〕1586号"
    assert ref.cited_as == ("《关于以制造业为重点促进外资扩增量稳存量提质量的若干政策措施》", "发改外资〔2022〕1586号")
    assert ref.evidence["provision"] == "1" and ref.evidence["verb"] == "落实"


def test_not_documents_and_not_itself():
    doc = _doc("助力《齐鲁文库》编纂,加工提升《巾帼云天》重点剧目。", "现将《某事的通知》印发,菏政发〔2024〕9号同时废止。",
               title="菏泽市人民政府关于印发《某事的通知》的通知")
    assert references(doc) == []
    assert is_document_title("山东省“十四五”战略性新兴产业发展规划")
    assert not is_document_title("齐鲁文库")


def test_implementing_wins_and_header_counts():
    doc = _doc("修订《X市Y办法》。", "贯彻落实《X市Y办法》。", implements=["国发〔2022〕18号"])
    refs = {r.target: r for r in references(doc)}
    assert refs["X市Y办法"].kind == "IMPLEMENTS" and refs["X市Y办法"].evidence["count"] == 2
    assert refs["国发〔2022〕18号"].kind == "IMPLEMENTS" and refs["国发〔2022〕18号"].evidence["where"] == "header"


def test_sample_corpus():
    docs = {d.document.doc_number: d for d in sample_docs()}
    refs = _by_target(references(docs["菏政办字〔2023〕13号"]))
    assert refs["发改外资〔2022〕1586号"] == "IMPLEMENTS"
    assert refs["山东省全面推进乡村振兴发展规划"] == "IMPLEMENTS"
    assert refs["菏泽市全面推进乡村振兴发展规划"] == "CITES"  # 编制实施: a plan the city will write
    assert refs["菏泽市科学技术奖励办法"] == "CITES"
    assert refs["国发〔2022〕18号"] == "IMPLEMENTS"
    assert "齐鲁文库" not in refs and "巾帼云天" not in refs
    # the provincial measures cite a plan they will make, and never themselves
    assert _by_target(references(docs["鲁服务业办〔2025〕4号"])) == {"山东省引育长期资本促进创业投资发展的实施方案": "CITES"}


def test_the_whole_source_text(corpus_files):
    (path,) = [f for f in corpus_files if f.name.startswith("003")]
    doc = next(d for d in sample_docs() if d.file.endswith(path.name))
    from_text = references(doc, path.read_text(encoding="utf-8"))
    assert _by_target(from_text) == _by_target(references(doc))
    # in the preamble the number follows the title it belongs to
    cited = {r.target: r.cited_as for r in from_text}["国发〔2022〕18号"]
    assert "《国务院关于支持山东深化新旧动能转换推动绿色低碳高质量发展的意见》" in cited


def test_a_short_name_the_text_gives_a_document_stands_for_it():
    doc = _doc("根据《关于促进房地产市场平稳健康发展的通知》(厦府〔2022〕3号,以下简称《通知》),制定本办法。",
               "按照《通知》要求,落实购房补贴。")
    refs = references(doc)
    assert [(r.kind, r.target, r.evidence["count"]) for r in refs] == [("IMPLEMENTS", "厦府〔2022〕3号", 2)]


def test_a_short_name_given_to_no_document_names_none():
    doc = _doc("落实《若干措施》和《实施意见》,按照《通知》要求推进。", implements=["《通知》"])
    assert references(doc) == []
