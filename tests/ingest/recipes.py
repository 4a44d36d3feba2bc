"""Recipes that turn a sample document's text into the files analysts receive: .docx, .pdf, .html, GB18030 .txt.

Used by the tests (every file is built during the run; no binary fixtures)
and by bench/ingest_folder.py. The layouts follow what government documents look
like: Word paragraphs with the division-of-labour table as a real Word
table; a PDF with a first-line indent, wrapped lines, a ruled table that
runs over several pages and page numbers in the footer; a web page with a
navigation bar, a breadcrumb, the title in an <h1> outside the article, an
information table with the document number, and a footer.
"""
from __future__ import annotations

import html as html_escape
import re
from pathlib import Path

HEADING = re.compile(r"^(#+)\s*")
# in a table cell of a sample's text: where a paragraph of the cell ends and its next begins (a Word cell's
# paragraphs, an HTML cell's <p>s; in a PDF's cell, a line break)
CELL_PARAGRAPH = "\u2029"


def blocks(text: str) -> list[tuple[str, object]]:
    """The text as ("p", line) and ("table", rows) blocks; markdown heading marks become ("h", (level, line))."""
    out: list[tuple[str, object]] = []
    rows: list[list[str]] = []
    for line in text.split("\n"):
        if "\t" in line:
            rows.append(line.split("\t"))
            continue
        if rows:
            out.append(("table", rows))
            rows = []
        if not line.strip():
            continue
        m = HEADING.match(line)
        if m:
            out.append(("h", (len(m.group(1)), line[m.end():].strip())))
        else:
            out.append(("p", line.strip()))
    if rows:
        out.append(("table", rows))
    return out


# -- Word -------------------------------------------------------------------------------------

def to_docx(text: str, path: Path) -> Path:
    import docx
    from docx.shared import Pt

    document = docx.Document()
    for kind, value in blocks(text):
        if kind == "h":
            level, line = value
            document.add_heading(line, level=min(level, 4))
        elif kind == "p":
            para = document.add_paragraph(value)
            para.paragraph_format.first_line_indent = Pt(24)
        else:
            rows = value
            width = max(len(r) for r in rows)
            table = document.add_table(rows=len(rows), cols=width)
            table.style = "Table Grid"
            for r, row in enumerate(rows):
                cells = table.rows[r].cells
                for c, cell_text in enumerate(row):
                    first, *more = cell_text.split(CELL_PARAGRAPH)
                    cells[c].text = first
                    for paragraph in more:
                        cells[c].add_paragraph(paragraph)
    document.save(path)
    return path


# -- PDF ----------------------------------------------------------------------------------------

def _pdf_styles():
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    # reportlab's built-in CID font: no font file needed, the reader maps it back to Unicode
    if "STSong-Light" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    body = ParagraphStyle("body", fontName="STSong-Light", fontSize=12, leading=20, firstLineIndent=24,
                          wordWrap="CJK")
    heading = ParagraphStyle("heading", parent=body, fontSize=14, leading=24, firstLineIndent=0, alignment=1)
    cell = ParagraphStyle("cell", fontName="STSong-Light", fontSize=9, leading=12, wordWrap="CJK")
    return body, heading, cell


def _footer(canvas, doc) -> None:
    canvas.saveState()
    canvas.setFont("STSong-Light", 10)
    canvas.drawCentredString(doc.pagesize[0] / 2, 30, f"— {doc.page} —")
    canvas.restoreState()


def _scan_bars(c, top: float = 760) -> None:
    for k in range(40):  # grey bars where the lines of a scanned page would be
        c.setFillGray(0.2 + (k % 3) * 0.1)
        c.rect(72, top - k * 17, 400 + (k * 37) % 50, 9, stroke=0, fill=1)


def to_pdf(text: str, path: Path, scanned_pages: int = 0) -> Path:
    """``scanned_pages``: pages of pictures only (no text layer) added at the end, as a partly scanned file has."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import Flowable, PageBreak, Paragraph, SimpleDocTemplate, Table, TableStyle

    class ScannedPage(Flowable):
        def wrap(self, available_width, available_height):
            return available_width, 600

        def draw(self):
            _scan_bars(self.canv, top=590)

    body, heading, cell = _pdf_styles()
    esc = html_escape.escape
    story = []
    for kind, value in blocks(text):
        if kind == "h":
            story.append(Paragraph(esc(value[1]), heading))
        elif kind == "p":
            story.append(Paragraph(esc(value), body))
        else:
            rows = value
            width = max(len(r) for r in rows)
            data = [[Paragraph(esc(c).replace(CELL_PARAGRAPH, "<br/>"), cell) for c in r] + [""] * (width - len(r))
                    for r in rows]
            usable = A4[0] - 2 * 72
            first = 30
            widths = [first] + [(usable - first) * (2.2 if k == 1 else 1.0) / (width - 1 + 1.2) for k in
                                range(1, width)] if width > 1 else [usable]
            table = Table(data, colWidths=widths, repeatRows=0)
            table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                                       ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
            story.append(table)
    for _ in range(scanned_pages):
        story += [PageBreak(), ScannedPage()]
    SimpleDocTemplate(str(path), pagesize=A4, title="policykg test").build(story, onFirstPage=_footer,
                                                                            onLaterPages=_footer)
    return path


def scanned_pdf(path: Path, pages: int = 2) -> Path:
    """A PDF whose pages are only pictures (what a scanner makes): no text layer."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4)
    for _ in range(pages):
        _scan_bars(c)
        c.showPage()
    c.save()
    return path


# -- web page -------------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html lang="zh-CN"><head>
<meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>{title}_菏泽市人民政府</title>
<script>var _hmt = _hmt || []; document.write("统计代码");</script>
<style>.nav a {{ color: #fff }}</style>
</head><body>
<div class="top-bar"><a href="/">网站首页</a> | <a href="/en">English</a> | 无障碍浏览 | 长者模式</div>
<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk">政务公开</a></li><li><a href="/hdjl">互动交流</a></li>
<li><a href="/zwfw">政务服务</a></li><li><a href="/zjhz">走进菏泽</a></li></ul></div>
<div class="wrapper"><div class="breadcrumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a> &gt; 政策文件</div>
<div class="xxgk-info"><table>
<tr><td>索 引 号：</td><td>11371700MB2851245X/2024-00001</td><td>发布机构：</td><td>{issuer}</td></tr>
<tr><td>发文字号：</td><td>{number}</td><td>成文日期：</td><td>{date}</td></tr></table></div>
<div class="article"><h1 class="title">{title}</h1>
<div class="info">发布时间：{date} 来源：{issuer} 【字号：<a>大</a> <a>中</a> <a>小</a>】</div>
<div id="zoom" class="TRS_Editor">
{body}
</div>
<div class="share">分享到：<a>微信</a> <a>微博</a></div>
<div class="related"><h3>相关文件</h3><ul><li><a href="/a">菏泽市人民政府关于印发某某方案的通知</a></li>
<li><a href="/b">关于进一步优化营商环境的若干措施政策解读</a></li></ul></div>
</div></div>
<div class="footer"><p>主办：菏泽市人民政府办公室 承办：菏泽市大数据中心</p>
<p>网站标识码：3717000001 鲁ICP备05000001号 鲁公网安备 37170202000001号</p></div>
</body></html>
"""


def to_html(text: str, path: Path, *, encoding: str = "utf-8", title: str = "", number: str = "",
            issuer: str = "菏泽市人民政府办公室", date: str = "2024-01-01") -> Path:
    esc = html_escape.escape
    parts: list[str] = []
    for kind, value in blocks(text):
        if kind == "h":
            parts.append(f"<p style=\"text-align:center\"><strong>{esc(value[1])}</strong></p>")
        elif kind == "p":
            parts.append(f"<p style=\"text-indent:2em\">{esc(value)}</p>")
        else:
            rows = "\n".join("<tr>" + "".join("<td>" + "".join(f"<p>{esc(p)}</p>" for p in c.split(CELL_PARAGRAPH))
                                               + "</td>" for c in r) + "</tr>" for r in value)
            parts.append(f"<table border=\"1\" cellspacing=\"0\"><tbody>\n{rows}\n</tbody></table>")
    charset = {"gb18030": "gb2312"}.get(encoding, encoding)
    page = PAGE.format(charset=charset, title=esc(title), number=esc(number), issuer=esc(issuer), date=esc(date),
                       body="\n".join(parts))
    path.write_bytes(page.encode(encoding))
    return path


def to_gb18030(text: str, path: Path) -> Path:
    path.write_bytes(text.encode("gb18030"))
    return path


# -- a folder of many distinct documents ------------------------------------------------------------

CITIES = [("菏泽", "菏"), ("济宁", "济"), ("临沂", "临"), ("泰安", "泰"), ("聊城", "聊"), ("德州", "德"),
          ("滨州", "滨"), ("枣庄", "枣"), ("日照", "日"), ("潍坊", "潍")]
YEARS = list(range(2019, 2026))


def varied_folder(folder: Path, n: int, formats: list[str] = ("txt",)) -> tuple[int, dict[str, int]]:
    """``n`` distinct documents made from the sample corpus: each sample moved to another Shandong city
    (菏泽 → 济宁, 临沂, …: departments, regions and the number prefix change with it), with its own year and
    serial number, in city/year sub-folders, the formats cycling through ``formats``. Returns (bytes, per format)."""
    from collections import defaultdict

    from policykg.corpus import sample_corpus_files
    from policykg.ingest.extract import extract_file

    samples = [(f.read_text(encoding="utf-8"), extract_file(f).document) for f in sample_corpus_files()]
    total = 0
    per_format: dict[str, int] = defaultdict(int)
    for i in range(n):
        text, info = samples[i % len(samples)]
        city, abbr = CITIES[(i // len(samples)) % len(CITIES)]
        year = YEARS[(i // (len(samples) * len(CITIES))) % len(YEARS)]
        serial = i + 1
        body = text
        if info.doc_number:
            prefix = info.doc_number.split("〔")[0].replace("菏", abbr)
            body = body.replace(info.doc_number, f"{prefix}〔{year}〕{serial}号")
            # the samples also print their numbers with other brackets and spaces
            body = body.replace("菏政办字 [2023] 56号", f"{prefix}〔{year}〕{serial}号")
        body = body.replace("菏泽", city).replace("菏政", abbr + "政")
        fmt = formats[i % len(formats)]
        sub = folder / city / str(year)
        sub.mkdir(parents=True, exist_ok=True)
        stem = f"{abbr}-{year}-{serial:04d}"
        if fmt == "txt":
            path = sub / f"{stem}.txt"
            path.write_text(body, encoding="utf-8")
        elif fmt == "gb18030":
            path = to_gb18030(body, sub / f"{stem}.gb.txt")
        elif fmt == "docx":
            path = to_docx(body, sub / f"{stem}.docx")
        elif fmt == "html":
            path = to_html(body, sub / f"{stem}.html", encoding="utf-8" if i % 2 else "gb18030",
                                   title=(info.title or "").replace("菏泽", city))
        elif fmt == "pdf":
            path = to_pdf(body, sub / f"{stem}.pdf")
        else:
            raise SystemExit(f"unknown format {fmt!r}")
        size = path.stat().st_size
        total += size
        per_format[fmt] += 1
    return total, dict(per_format)
