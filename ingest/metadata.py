"""Document metadata: number, title, issuer, region and level, signing date, and
the documents it says it implements."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from .normalize import DOC_KIND, compact
from .numerals import DATE_PATTERN, parse_date
from .document_region import document_region
from .regions import Region

# 菏政办字〔2024〕7号, 鲁服务业办〔2025〕4号, 菏政办字 [2023] 56号, 国发〔2022〕18号
DOC_NUMBER = re.compile(r"([\u4e00-\u9fff]{1,12}?)\s*[〔\[【(（]\s*(\d{4})\s*[〕\]】)）]\s*(\d{1,4})\s*号")
_TITLE_LINE = re.compile(r"关于.{2,200}" + DOC_KIND + r"(?:[(（][^()（）]{2,20}[)）])?$")
_ISSUER_SUFFIX = re.compile(r"(文件|公文|函)$")
_ORG = re.compile(r"(政府|办公室|办公厅|委员会|领导小组|委|厅|局|办|部|院|中心|公署)$")
_IMPLEMENT_VERB = re.compile(r"(贯彻落实|全面落实|深入落实|认真落实|贯彻|落实|根据|按照|依据|依照|对照)")
_MADE_HERE = re.compile(r"(制定|研究制定|印发|现提出|提出如下|特制定)")
_QUOTED = re.compile(r"《([^《》]{2,120})》(?:\s*[(（]\s*([^()（）]*?〔\d{4}〕\d+号)\s*[)）])?")
# "贯彻落实山东省“十四五”战略性新兴产业发展规划" names a document without 《》
_UNQUOTED_DOC = re.compile(r"((?:[^\s,，。;；、《》()（）:：]{2,60}?)" + DOC_KIND + r"(?:[(（]\d{4}[—\-–~至]\d{4}年?[)）])?)")
_PLAN_YEAR = re.compile(r"(\d{4})年(?:度)?[^,，。;；()（）《》]{0,20}?(?:重点工作任务|工作要点|重点任务|工作方案|工作计划|行动计划|实施方案|重点工作)")


@dataclass
class DocumentMeta:
    doc_number: str | None = None
    title: str | None = None
    issuer: str | None = None
    region: Region | None = None
    level: str | None = None
    region_basis: str | None = None  # issuer | title | doc_number | body (ingest.document_region)
    date: date | None = None
    implements: list[str] = field(default_factory=list)
    plan_year: int | None = None  # a one-year work plan's year: its targets fall due that year
    warnings: list[str] = field(default_factory=list)


def normalise_doc_number(m: re.Match[str]) -> str:
    return f"{m.group(1)}〔{m.group(2)}〕{m.group(3)}号"


def _lines(text: str) -> list[str]:
    return text.split("\n")


def read_metadata(text: str, body_start: int) -> DocumentMeta:
    """``text`` is the cleaned document; ``body_start`` is where numbered provisions begin."""
    meta = DocumentMeta()
    head = text[:body_start] if body_start > 0 else text[:2000]
    head_lines = [l for l in _lines(head) if l.strip()]

    number = _own_number("\n".join(head_lines[:12]))
    if number:
        meta.doc_number = normalise_doc_number(number)

    meta.title = _find_title(head_lines)
    meta.issuer = _find_issuer(head_lines, meta.title, text)
    _read_region(meta, head_lines, number, text[body_start:] if body_start > 0 else text)
    meta.date = _signing_date(text, body_start)
    if meta.date is None:
        meta.warnings.append("no signing date (成文日期) found")
    meta.implements = _implements(meta.title or "", head)
    year = _PLAN_YEAR.search(compact(meta.title or "")) or _PLAN_YEAR.search(compact(" ".join(head_lines[:12])))
    if year and not re.search(r"\d{4}[—\-–~至]\d{4}", meta.title or ""):
        meta.plan_year = int(year.group(1))
    return meta


def _own_number(head: str) -> re.Match[str] | None:
    """The document's number: the first in its head that is not a cited document's (《…》(豫建房〔2025〕181号))."""
    for m in DOC_NUMBER.finditer(head):
        if not head[:m.start()].rstrip(" (（").endswith("》"):
            return m
    return None


def _read_region(meta: DocumentMeta, head_lines: list[str], number: re.Match[str] | None, body: str) -> None:
    found = document_region(head_lines, meta.issuer, meta.title, number.group(1) if number else None, body)
    meta.region, meta.level, meta.region_basis = found.region, found.level, found.basis


def _find_title(lines: list[str]) -> str | None:
    for i, line in enumerate(lines[:15]):
        if "关于" not in line or "\t" in line:
            continue
        title = line
        # a title broken over lines: glue until it ends as a title does
        j = i
        while not _TITLE_LINE.search(title) and j + 1 < len(lines) and j - i < 3 and not lines[j + 1].endswith((":", "：")):
            j += 1
            title += lines[j]
        if _TITLE_LINE.search(title):
            # "山东省人民政府办公厅\n关于印发…的通知": the issuer line above belongs to the title,
            # unless it is the letterhead at the very top
            if i >= 2 and title.startswith("关于") and _ORG.search(lines[i - 1]) and len(lines[i - 1]) <= 30:
                title = lines[i - 1] + title
            return compact(title)
    # no 关于: the first line that ends as a document title does
    for line in lines[:10]:
        if re.search(DOC_KIND + r"$", line) and 4 <= len(line) <= 80 and not DOC_NUMBER.search(line):
            return compact(line)
    return None


def _find_issuer(lines: list[str], title: str | None, text: str) -> str | None:
    if title and "关于" in title:
        before = title.split("关于", 1)[0]
        if before and _ORG.search(before):
            return before
    for line in lines[:4]:
        name = _ISSUER_SUFFIX.sub("", compact(line))
        if _ORG.search(name) and not DOC_NUMBER.search(name) and len(name) <= 30:
            return name
    # the signature above the date
    all_lines = _lines(text)
    for i, line in enumerate(all_lines):
        if DATE_PATTERN.fullmatch(line.strip()) and i > 0 and _ORG.search(all_lines[i - 1].strip()):
            return compact(all_lines[i - 1])
    return None


def _signing_date(text: str, body_start: int) -> date | None:
    """The date under the signature: a line that is only a date (possibly after the issuer's name),
    not the printing date (…印发)."""
    candidates: list[date] = []
    for line in _lines(text):
        s = line.strip()
        m = DATE_PATTERN.search(s)
        if not m or "印发" in s[m.end():] or len(s) > m.end() - m.start() + 30:
            continue
        before = s[: m.start()]
        after = s[m.end():].strip()
        if after and not re.fullmatch(r"[(（]此件[^)）]*[)）]", after):
            continue
        if before and not _ORG.search(before):
            continue
        d = parse_date(s)
        if d:
            candidates.append(d)
    return candidates[0] if candidates else None


def _implements(title: str, head: str) -> list[str]:
    """Documents the text says it carries out: in the title and the preamble, after 贯彻落实/落实/根据…,
    before what the document itself makes (制定/印发)."""
    found: list[str] = []

    def add(ref: str) -> None:
        key = compact(ref).strip("《》")
        if key and all(compact(x).strip("《》") != key for x in found):
            found.append(ref)

    for sentence in re.split(r"[。;；\n]", title + "\n" + head):
        for verb in _IMPLEMENT_VERB.finditer(sentence):
            scope = sentence[verb.end():]
            # what the document itself makes (制定/印发) ends the scope, but not inside a cited title
            made = _MADE_HERE.search(_mask_quoted(scope))
            if made:
                scope = scope[: made.start()]
            quoted = list(_QUOTED.finditer(scope))
            for q in quoted:
                add(q.group(2) if q.group(2) else f"《{compact(q.group(1))}》")
            if not quoted:
                bare = scope.lstrip("了")
                m = _UNQUOTED_DOC.match(bare)
                if m and not _mentions_self(m.group(1)):
                    add(f"《{compact(m.group(1))}》")
            numbers = [n for n in DOC_NUMBER.finditer(scope) if not any(n.start() >= q.start() and n.end() <= q.end() for q in quoted)]
            for n in numbers:
                add(normalise_doc_number(n))
            break  # the first implementing verb of a sentence decides its scope
    return found


def _mask_quoted(s: str) -> str:
    return re.sub(r"《[^《》]*》", lambda m: "《" + " " * (len(m.group()) - 2) + "》", s)


def _mentions_self(name: str) -> bool:
    # "请结合实际认真贯彻落实" and the like carry no document
    return len(name) < 6
