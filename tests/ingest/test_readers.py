"""Each reader on real files built during the run: the same responsibility edges as the text, scored the same."""
from __future__ import annotations

import codecs
import zipfile
from io import BytesIO

import pytest

from policykg.ingest.extract import ExtractionError
from policykg.ingest.readers import extract_path, read_bytes, read_path, sniff
from policykg.ingest.reading import ReadError

from .ingest_helpers import edges, score


@pytest.mark.parametrize("fmt", ["docx", "pdf", "html", "gb18030"])
def test_every_sample_gives_the_same_edges_as_its_text(converted, extracted, fmt):
    for name, path in converted[fmt].items():
        doc = extract_path(path)
        original = extracted[name]
        assert edges(doc) == edges(original), f"{fmt} {name}"
        assert doc.document == original.document, f"{fmt} {name}: document metadata"
        assert len(doc.cascades) == len(original.cascades)


@pytest.mark.parametrize("fmt", ["docx", "pdf", "html", "gb18030"])
def test_scored_against_the_gold_files_like_the_text(converted, extracted, fixtures_dir, fmt):
    from_text = score(fixtures_dir, extracted)
    from_format = score(fixtures_dir, {name: extract_path(p) for name, p in converted[fmt].items()})
    for measure in ("resp", "resp.named", "tasks", "cascades", "meta"):
        assert from_format[measure] == from_text[measure], f"{fmt}: {measure}"
    assert from_format["resp"]["f1"] >= 0.97


def test_pdf_text_layer_round_trips_chinese(converted, corpus_files):
    path = converted["pdf"]["001_eac2c624b6a1218d.txt"]
    read = read_path(path)
    assert read.format == "pdf" and read.pages and read.pages >= 3
    assert "菏泽市人民政府办公室" in read.text and "省级方案内容" in read.text
    # the ruled table, which runs over pages, comes out as tab-separated rows
    rows = [line for line in read.text.split("\n") if "\t" in line]
    assert sum(1 for r in rows if r.startswith("序号") or r.startswith("承中")) >= 2
    assert any("\t省发展改革委牵头,省有关部门配合\t" in r or "省发展改革委牵头" in r for r in rows)


def test_docx_keeps_tables_as_rows(converted):
    read = read_path(converted["docx"]["001_eac2c624b6a1218d.txt"])
    assert read.format == "docx"
    assert any(line.split("\t")[1:2] == ["省级方案内容"] for line in read.text.split("\n"))


def test_html_reads_the_article_not_the_page_around_it(converted):
    read = read_path(converted["html"]["000_b0e7ef96dca0a357.txt"])
    assert read.encoding == "gb18030" and not read.guessed
    for chrome in ("网站首页", "当前位置", "互动交流", "分享到", "网站标识码", "统计代码", "相关文件"):
        assert chrome not in read.text, chrome
    assert "菏政办字〔2024〕7号" in read.text


def test_html_title_and_number_outside_the_article_are_put_in_front(tmp_path):
    from . import recipes

    body = ("各县区人民政府：\n为推动工作，制定如下措施。\n一、重点任务\n"
            "1.推进科技创新。（牵头单位：市科技局；参与单位：市财政局）\n"
            "2.扩大有效投资。（牵头单位：市发展改革委）\n菏泽市人民政府办公室\n2024年3月1日")
    path = recipes.to_html(body, tmp_path / "page.html", title="菏泽市人民政府办公室关于印发扩大投资若干措施的通知",
                           number="菏政办字〔2024〕19号")
    read = read_path(path)
    lines = read.text.split("\n")
    assert lines[0] == "菏泽市人民政府办公室关于印发扩大投资若干措施的通知"
    assert lines[1] == "菏政办字〔2024〕19号"
    doc = extract_path(path)
    assert doc.document.doc_number == "菏政办字〔2024〕19号"
    assert {(t.number, tuple(t.leads)) for t in doc.tasks} >= {("一/1", ("市科技局",)), ("一/2", ("市发展改革委",))}


def test_mht_web_archive(tmp_path, converted):
    html = converted["html"]["004_fe847ffb49a6497f.txt"].read_bytes()
    mht = (b"From: <Saved by Blink>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n"
           b"\ttype=\"text/html\";\r\n\tboundary=\"----B\"\r\n\r\n------B\r\nContent-Type: text/html; charset=gb2312\r\n"
           b"Content-Transfer-Encoding: base64\r\n\r\n" + codecs.encode(html, "base64").replace(b"\n", b"\r\n")
           + b"\r\n------B--\r\n")
    path = tmp_path / "page.mht"
    path.write_bytes(mht)
    assert edges(extract_path(path)) == edges(extract_path(converted["html"]["004_fe847ffb49a6497f.txt"]))


def test_word_generated_list_numbers_are_read(tmp_path):
    """Provisions numbered by Word's list feature (一、 / （一） / 1.) have no number in their text."""
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.append(parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="7">'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl>'
        '</w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="7"><w:abstractNumId w:val="7"/></w:num>'))

    def numbered(text: str, level: int) -> None:
        p = document.add_paragraph(text)
        p._p.get_or_add_pPr().append(parse_xml(
            f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="7"/></w:numPr>'))

    document.add_paragraph("菏泽市人民政府办公室关于印发测试工作方案的通知")
    document.add_paragraph("各县区人民政府：")
    numbered("重点任务", 0)
    numbered("推进科技创新。（牵头单位：市科技局；参与单位：市财政局）", 1)
    numbered("扩大有效投资。（牵头单位：市发展改革委）", 1)
    numbered("保障措施", 0)
    numbered("加强组织领导。（牵头单位：市政府办公室）", 1)
    path = tmp_path / "numbered.docx"
    document.save(path)
    text = read_path(path).text
    assert "一、重点任务" in text and "1.推进科技创新" in text and "2.扩大有效投资" in text
    assert "二、保障措施" in text and "1.加强组织领导" in text  # the sub-list restarts under a new heading
    doc = extract_path(path)
    assert ("一/1", "lead", "市科技局") in edges(doc) and ("二/1", "lead", "市政府办公室") in edges(doc)


def test_docx_merged_cells_tracked_insertions_and_deleted_text(tmp_path):
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document()
    document.add_paragraph("菏泽市人民政府办公室关于印发分工方案的通知")
    table = document.add_table(rows=4, cols=3)
    for c, head in enumerate(["序号", "工作任务", "牵头单位"]):
        table.cell(0, c).text = head
    table.cell(1, 0).text, table.cell(1, 1).text = "1", "推进科技创新。"
    table.cell(2, 0).text, table.cell(2, 1).text = "2", "扩大有效投资。"
    table.cell(1, 2).text = "市科技局"
    table.cell(1, 2).merge(table.cell(2, 2))  # one unit cell for two rows
    table.cell(3, 0).merge(table.cell(3, 2)).text = "以上任务按季度报送进展"
    p = document.add_paragraph("保留")
    p._p.append(parse_xml(f'<w:ins {nsdecls("w")} w:id="1" w:author="a"><w:r><w:t>插入的文字</w:t></w:r></w:ins>'))
    p._p.append(parse_xml(f'<w:del {nsdecls("w")} w:id="2" w:author="a"><w:r><w:delText>删掉的文字</w:delText></w:r>'
                          '</w:del>'))
    path = tmp_path / "merged.docx"
    document.save(path)
    lines = read_path(path).text.split("\n")
    assert "1\t推进科技创新。\t市科技局" in lines and "2\t扩大有效投资。\t市科技局" in lines
    assert "以上任务按季度报送进展\t\t" in lines
    assert "保留插入的文字" in lines and not any("删掉" in x for x in lines)


def test_a_docx_task_cell_merged_over_two_rows_gives_a_task_per_row_under_one_number(tmp_path):
    # the reader repeats a vertically merged cell's text in each row it spans: 序号 and 重点任务 printed twice are
    # one row's, each line's units its own, and the next row keeps its number
    import docx

    document = docx.Document()
    document.add_paragraph("某市人民政府办公室关于印发分工方案的通知")
    table = document.add_table(rows=4, cols=5)
    rows = [["序号", "重点任务", "具体措施", "牵头单位", "配合单位"],
            ["1", "促进汽车消费", "开展汽车促销活动。", "市商务局", "市财政局、市公安局"],
            ["", "", "落实新能源汽车下乡。", "市工业和信息化局", "市商务局"],
            ["2", "扩大餐饮消费", "举办美食节。", "市商务局", "市文化广电旅游局"]]
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value:
                table.cell(r, c).text = value
    table.cell(1, 0).merge(table.cell(2, 0))
    table.cell(1, 1).merge(table.cell(2, 1))
    path = tmp_path / "merged_task.docx"
    document.save(path)
    assert "1\t促进汽车消费\t落实新能源汽车下乡。\t市工业和信息化局\t市商务局" in read_path(path).text.split("\n")
    doc = extract_path(path)
    assert [(t.number, t.clause, t.title, t.leads, t.cooperates) for t in doc.tasks] == [
        ("1", 1, "促进汽车消费", ["市商务局"], ["市财政局", "市公安局"]),
        ("1", 2, "促进汽车消费", ["市工业和信息化局"], ["市商务局"]),
        ("2", 1, "扩大餐饮消费", ["市商务局"], ["市文化广电旅游局"])]
    assert not [w for w in doc.warnings if w.startswith("table row")]


def test_a_scanned_pdf_says_ocr_is_needed(tmp_path):
    from . import recipes

    path = recipes.scanned_pdf(tmp_path / "scan.pdf")
    with pytest.raises(ReadError) as info:
        read_path(path)
    message = str(info.value)
    assert str(path) in message and "no text layer" in message and "OCR is needed" in message
    stamped = recipes.to_pdf("", tmp_path / "stamped.pdf", scanned_pages=2)  # a scan with printed page numbers
    with pytest.raises(ReadError, match="OCR is needed"):
        read_path(stamped)


def test_pages_without_text_in_a_pdf_are_reported(tmp_path, corpus_files):
    from . import recipes

    path = recipes.to_pdf(corpus_files[2].read_text(encoding="utf-8"), tmp_path / "mixed.pdf", scanned_pages=2)
    doc = extract_path(path)
    pages = read_path(path).pages
    assert any(f"PDF pages {pages - 1}-{pages} have no text layer" in w and "OCR" in w for w in doc.warnings)
    assert doc.document.doc_number == "鲁服务业办〔2025〕4号"


@pytest.mark.parametrize("codec", ["utf-16", "utf-8-sig", "gb18030", "gbk"])
def test_text_encodings_are_detected_and_reported(tmp_path, corpus_files, extracted, codec):
    f = corpus_files[4]
    path = tmp_path / "doc.txt"
    path.write_bytes(f.read_text(encoding="utf-8").encode(codec))
    read = read_path(path)
    assert read.encoding == {"utf-8-sig": "utf-8-sig", "gbk": "gb18030"}.get(codec, codec)
    assert edges(extract_path(path)) == edges(extracted[f.name])


def test_formats_are_told_by_content_not_only_by_name(converted):
    pdf = converted["pdf"]["002_9687c230ff646bd3.txt"].read_bytes()
    docx_bytes = converted["docx"]["002_9687c230ff646bd3.txt"].read_bytes()
    assert sniff(pdf, "misnamed.txt") == "pdf"
    assert sniff(docx_bytes, "misnamed.doc") == "docx"
    assert sniff(b"<!DOCTYPE html><html><body>x</body></html>", "saved.txt") == "html"
    assert sniff("一、总体要求".encode("gb18030"), "noext") == "txt"


def _zip(members: dict[str, str]) -> bytes:
    buf = BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, text in members.items():
            zf.writestr(name, text)
    return buf.getvalue()


@pytest.mark.parametrize("name, data, says", [
    ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "save it as .docx"),
    ("sheet.xlsx", _zip({"xl/workbook.xml": "<x/>"}), "spreadsheet"),
    ("archive.zip", _zip({"a.txt": "x"}), "not a Word document"),
    ("broken.docx", b"PK\x03\x04garbage", "not a Word document"),
    ("broken.pdf", b"%PDF-1.4\n garbage without objects", "PDF"),
    ("empty.html", b"   ", "empty"),
    ("scripts.html", b"<html><body><script>document.write('x')</script></body></html>", "no text"),
])
def test_unreadable_files_raise_a_read_error_naming_the_file(name, data, says):
    with pytest.raises((ReadError, ExtractionError)) as info:
        read_bytes(data, f"/some/folder/{name}")
    assert f"/some/folder/{name}" in str(info.value) and says in str(info.value)
