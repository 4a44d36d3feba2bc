"""Lines written a character at a time, a space between every two ("开 展 汽 车 促 销 …"): what some PDF converters
give a justified line or a title, and some scraped pages a heading. They read as the same lines written close (a
figure whole again: 2 0 2 5 is 2025), and their spans point at the characters in the source. The spaces a text means
between Latin words and numbers stay, in such a line and beside it; characters standing alone beside a word are no
such line.
"""
from __future__ import annotations

from policykg.ingest.extract import extract_bytes
from policykg.ingest.normalize import clean_document
from policykg.ingest.records import ExtractedDocument


def spaced(line: str) -> str:
    return " ".join(line)


def extract(text: str) -> ExtractedDocument:
    return extract_bytes(text.encode(), "doc.txt")


HEAD = "某市人民政府办公室关于印发促进消费若干措施的通知\n各县区人民政府,市政府各部门:\n现将措施印发给你们,请认真贯彻落实。\n"
CLAUSE = "一、开展汽车促销活动,到2025年全市汽车销量达到10万辆。(牵头单位:市商务局;配合单位:市财政局)"
OTHER = "二、发放消费券。全年发放消费券。(责任单位:市商务局、市财政局)"
SIGNATURE = "某市人民政府办公室\n2023年12月13日\n"


def test_a_spaced_provision_gives_its_units_and_its_target():
    text = HEAD + spaced(CLAUSE) + "\n" + OTHER + "\n" + SIGNATURE
    doc = extract(text)
    task = doc.tasks[0]
    assert (task.number, task.leads, task.cooperates) == ("一", ["市商务局"], ["市财政局"])
    assert [(t.value, t.unit, t.year) for t in doc.targets] == [(10, "万辆", 2025)]
    # a unit's span covers its characters in the source, the spaces between them with them
    lead = next(u for u in task.units if u.role == "lead")
    assert text[lead.span.start:lead.span.end] == "市 商 务 局"
    target = doc.targets[0]
    assert "1 0 万 辆" in text[target.span.start:target.span.end]


def test_a_spaced_row_of_a_tab_separated_table_keeps_its_number_and_units():
    units = ["市发展改革委", "市工业和信息化局", "市科技局", "市教育局", "市住房城乡建设局", "市交通运输局", "市农业农村局",
             "市文化广电旅游局", "市卫生健康委"]
    rows = [f"{k}\t推进第{k}项重点工作\t{unit}\t市财政局" for k, unit in enumerate(units, start=1)]
    rows.append(spaced("10\t推动服务业转型升级。到2025年现代服务业集聚区达到120家\t市商务局\t市财政局"))
    rows.append("11\t加速推进科技成果转化\t市科技局\t市教育局")
    doc = extract(HEAD + "附件\n序号\t重点任务\t牵头单位\t配合单位\n" + "\n".join(rows) + "\n" + SIGNATURE)
    assert [t.number for t in doc.tasks] == [str(k) for k in range(1, 12)]
    assert (doc.tasks[9].leads, doc.tasks[9].cooperates) == (["市商务局"], ["市财政局"])
    assert [(t.task, t.value, t.unit, t.year) for t in doc.targets] == [("10", 120, "家", 2025)]


def test_a_spaced_signing_date_is_the_documents_date():
    doc = extract(HEAD + CLAUSE + "\n" + OTHER + "\n某市人民政府办公室\n" + spaced("2022年12月13日") + "\n")
    assert doc.document.date == "2022-12-13"


def test_the_spaces_between_latin_words_and_numbers_stay_in_a_spaced_line_and_beside_it():
    text = (spaced("执行GB 50180标准,推广Wi-Fi 6网络。") + "\n"  # a space of the line's own: three once spaced
            "执行GB 50180标准,推广Wi-Fi 6网络。\n"
            "材料见附件 1 2 3 4。\n")  # characters alone beside a word: no spaced line
    assert clean_document(text).text.split("\n") == [
        "执行GB 50180标准,推广Wi-Fi 6网络。", "执行GB 50180标准,推广Wi-Fi 6网络。", "材料见附件1 2 3 4。"]
