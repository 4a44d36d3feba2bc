"""Document metadata: number, title, issuer, region and level, signing date, and
the documents it says it implements."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Iterator

from .clause_words import clause_words, sre_parse
from .document_region import doc_number_region, document_region, is_national, place_line
from .normalize import DOC_KIND, DOC_KINDS, ENDS_AS_TITLE, MARKER, ORG_WORDS, compact, is_breadcrumb, is_page_facts
from .numerals import DATE_PATTERN, parse_date
from .regions import Region, region_index
from .word_lists import alternation

# 菏政办字〔2024〕7号, 鲁服务业办〔2025〕4号, 菏政办字 [2023] 56号, 国发〔2022〕18号
DOC_NUMBER = re.compile(r"([\u4e00-\u9fff]{1,12}?)\s*[〔\[【(（]\s*(\d{4})\s*[〕\]】)）]\s*(\d{1,4})\s*号")
# what every document number ends with: 〔2023〕12号
NUMBER_TAIL = re.compile(r"[〔\[【(（]\s*\d{4}\s*[〕\]】)）]\s*\d{1,4}\s*号")
_NAME_REACH = 12  # DOC_NUMBER's name: at most 12 characters


def doc_numbers(text: str) -> Iterator[re.Match[str]]:
    """What ``DOC_NUMBER.finditer(text)`` finds, sought only before each number's tail (〔2023〕12号): DOC_NUMBER
    tries a dozen lengths of name at every Chinese character. A number's name (at most 12 Chinese characters)
    and the spaces after it stand right before its tail, and no tail holds an opening bracket, so each number
    lies in the stretch from 12 characters before the spaces in front of its tail to the tail's end."""
    end = 0  # numbers do not overlap: the next starts after the last found
    for tail in NUMBER_TAIL.finditer(text) if "号" in text else ():  # (every tail ends with 号)
        j = tail.start()
        while j > 0 and text[j - 1].isspace():
            j -= 1
        n = DOC_NUMBER.search(text, max(end, j - _NAME_REACH), tail.end())
        if n:
            yield n
            end = n.end()


def _holds_doc_number(text: str) -> bool:
    """``DOC_NUMBER.search(text)`` found something."""
    return next(doc_numbers(text), None) is not None
_TITLE_LINE = re.compile(r"关于.{2,200}" + DOC_KIND + r"(?:[(（][^()（）]{2,20}[)）])?$")
_ISSUER_SUFFIXES = ("文件", "公文", "函", "令")  # a red head (X人民政府文件), a decree's (X人民政府令)
_ISSUER_SUFFIX = re.compile(f"({'|'.join(_ISSUER_SUFFIXES)})$")
_ORG_WORDS = ORG_WORDS
_ORG = re.compile(f"({'|'.join(_ORG_WORDS)})$")


# a name and the others who issue with it: 廊坊市房管局等, 梅州市住房和城乡建设局等七部门, 海口市住房和城乡建设局等4部门
_AND_OTHERS = re.compile(r"等(?:[\d一二三四五六七八九十]{1,3}个?)?(?:部门|单位)?$")


def _ends_as_org(name: str) -> bool:
    """``_ORG.search(name)``: does the name end as an organisation's does? Told by ``endswith`` (the search tried
    the words at every character of the name); ``$`` lets one line break follow. A name with 等 and the others after it
    ends as its first one does (a list that ends with 等 is no name: 发放消费券等)."""
    name = name.removesuffix("\n")
    if name.endswith(_ORG_WORDS):
        return True
    others = _AND_OTHERS.search(name) if name.endswith(("等", "部门", "单位")) else None
    return others is not None and name.endswith(_ORG_WORDS, 0, others.start())


def _names_others(name: str) -> bool:
    """Does an issuer's name end with 等 and the others (廊坊市房管局等七部门), who sign the document by name if anyone does?"""
    return name.endswith(("等", "部门", "单位")) and _AND_OTHERS.search(name) is not None


_IMPLEMENT_VERB = clause_words().implement_verb  # 贯彻落实, 根据, …: data/clauses.toml
_GENERIC_REFERENCE = clause_words().generic_reference  # 有关, 上级 …: 按照有关规定 names no document
_MADE_HERE = re.compile(r"(制定|研究制定|印发|现提出|提出如下|特制定)")
_QUOTED = re.compile(r"《([^《》]{2,120})》(?:\s*[(（]\s*([^()（）]*?〔\d{4}〕\d+号)\s*[)）])?")
# "贯彻落实山东省“十四五”战略性新兴产业发展规划" names a document without 《》
# (the kinds a bare name may not end with, 任务 and 政策, are what a document holds: 落实“六保”任务)
_BARE_KIND = "(?:" + "|".join(k for k in DOC_KINDS if k not in clause_words().not_bare_kinds) + ")"
_UNQUOTED_DOC = re.compile(r"((?:[^\s,，。;；、《》()（）:：]{2,60}?)" + _BARE_KIND + r"(?:[(（]\d{4}[—\-–~至]\d{4}年?[)）])?)")
_TRAILING_BRACKET = re.compile(r"[(（][^()（）]*[)）]$")
_PLAN_YEAR = re.compile(r"(\d{4})年(?:度)?[^,，。;；()（）《》]{0,20}?(?:重点工作任务|工作要点|重点任务|工作方案|工作计划|行动计划|实施方案|重点工作)")


def _plan_year(s: str) -> re.Match[str] | None:
    """``_PLAN_YEAR.search(s)``, tried only where a year can be (its digits open it: it was tried at every
    character)."""
    return _PLAN_YEAR.search(s) if "年" in s else None


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


def _lines_holding(text: str, char: str) -> list[tuple[int, int]]:
    """(start, end) of every line of ``text`` that holds ``char``, in order: the few lines a date can be
    on (it names 日), found without walking through the others."""
    out = []
    k = text.find(char)
    while k >= 0:
        a = text.rfind("\n", 0, k) + 1
        b = text.find("\n", k)
        b = len(text) if b < 0 else b
        out.append((a, b))
        k = text.find(char, b)  # on a later line
    return out


def read_metadata(text: str, body_start: int) -> DocumentMeta:
    """``text`` is the cleaned document; ``body_start`` is where numbered provisions begin."""
    meta = DocumentMeta()
    head = text[:body_start] if body_start > 0 else text[:2000]
    # (a line of the head opens with no closing bracket: 【湖北省黄冈市】】关于…, a site's tag closed twice)
    head_lines = [part for line in _lines(head) if line.strip() for part in _number_apart(line.removeprefix("】"))]
    meta.doc_number = _header_doc_number(head_lines[:12])
    fields = _labelled_fields(head_lines[:15])  # (before the chrome goes: 成文日期:2023-05-06 reads as a page's date)
    head_lines, chrome, source = _strip_page_chrome(head_lines)
    if fields:  # a page's table of the document's facts (标题:…, 发文机关:…): the title and number it gives are the
        # document's; its issuer is the page's short form (省住房公积金管理局), after the one the head prints
        head_lines = [line for line in head_lines if not _field_line(line)]
        chrome = True

    # on a saved page the headline stands between the breadcrumb and the page facts
    meta.title = fields.get("title") or _find_title(head_lines) or (_chrome_title(head_lines) if chrome else None)
    numeric = _NumericSigningDate(text)  # (asked for by the issuer and the date: sought once)
    meta.issuer = _find_issuer(head_lines, meta.title, text, numeric) or fields.get("issuer") or source
    meta.doc_number = meta.doc_number or fields.get("doc_number")
    two = _two_documents(meta.title, text) if meta.title and meta.title.count("关于") > 1 else None
    if two is not None:
        meta.title = two[0]
        meta.warnings.append(f"the text holds a second document, from its title 《{two[1]}》 on")
    meta.title = _own_title(meta.title)
    if two is None and meta.title and meta.title.count("关于") > 1 and (named := _TWO_TITLES.search(meta.title)) is not None:
        # (the text may hold both, but where the second starts is not told: what is read of it is read as the first's)
        second = meta.title[named.end():].removesuffix("》")
        meta.warnings.append(f"the headline names two documents, the other 《{second}》, whose title the text does not "
                             "print on a line of its own: where it starts, if the text holds it, is not told")
    if meta.title is None:
        meta.title = title_cited_by_itself(text)
    own = DOC_NUMBER.fullmatch(meta.doc_number) if meta.doc_number else None
    _read_region(meta, head_lines, own, text[body_start:] if body_start > 0 else text)
    meta.date = _signing_date(text, body_start, numeric) or _field_date(fields.get("date"))
    if meta.date is None:
        meta.warnings.append("no signing date (成文日期) found")
    meta.implements = _implements(meta.title or "", head)
    year = _plan_year(compact(meta.title or "")) or _plan_year(compact(" ".join(head_lines[:12])))
    if year and not re.search(r"\d{4}[—\-–~至]\d{4}", meta.title or ""):
        meta.plan_year = int(year.group(1))
    return meta


# Page chrome of a saved government page: the breadcrumb above the title and the line of page facts (时间, 浏览次数,
# 信息来源) below it (``normalize.is_breadcrumb``, ``is_page_facts``), and a source tag in front of the title
# (【某市住建局】).
_SOURCE_FIELD = re.compile(r"(?:信息来源|来源|发布机构|发文机关)\s*[:：]\s*([\u4e00-\u9fff]{2,30})")
_TIMESTAMP_LINE = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?$")
_SOURCE_TAG = re.compile(r"^【[^【】]{2,30}】(?=\S)")
_CHROME_TITLE = re.compile(r"[^。;；!！?？]{4,80}")


# the table of facts a government site prints above a document (标题:…, 发文机关:…, 发文字号:…, 成文日期:…), two
# fields to a line at times: its labels and the fields they give; 发布日期 is the page's, not the signing date
_FIELD_LABELS = {"标题": "title", "名称": "title", "发文机关": "issuer", "发布机构": "issuer", "发文字号": "doc_number",
                 "文号": "doc_number", "成文日期": "date", "索引号": None, "主题分类": None, "主题词": None,
                 "发布日期": None, "公文种类": None, "有效性": None, "时效性": None, "废止日期": None, "备案登记号": None}
_FIELD_LABEL = re.compile(f"({alternation(_FIELD_LABELS)})\\s*[:：]")
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


def _field_line(line: str) -> list[re.Match[str]]:
    """The labels of a line of a site's table of facts, in order; none for a line that does not open with one."""
    if ":" not in line and "：" not in line:
        return []  # (every label has its colon: most lines are passed over without the search)
    labels = list(_FIELD_LABEL.finditer(line))
    return labels if labels and not line[:labels[0].start()].strip() else []


def _labelled_fields(lines: list[str]) -> dict[str, str]:
    """The document's facts a site's table of them gives, by field (title, issuer, doc_number, date); none unless
    two labels of that table stand in the head (a lone 标题: is no such table)."""
    found = [(line, labels) for line in lines if (labels := _field_line(line))]
    if sum(len(labels) for _, labels in found) < 2:
        return {}
    fields: dict[str, str] = {}
    for line, labels in found:
        for k, m in enumerate(labels):
            field = _FIELD_LABELS[m.group(1)]
            value = compact(line[m.end():labels[k + 1].start() if k + 1 < len(labels) else len(line)])
            if field and value:
                fields.setdefault(field, value)
    return fields


def _field_date(value: str | None) -> date | None:
    """成文日期 as a site prints it: 2023-05-06 (a time after it), or as a text does."""
    if not value:
        return None
    m = _ISO_DATE.match(value)
    if m is None:
        return parse_date(value)
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def _chrome_title(lines: list[str]) -> str | None:
    """A saved page's headline: its first line that is not a line of places (河南省周口市 above it says where) nor of
    organisations (央行、银保监会: a record's source field above its title)."""
    line = next((x for x in lines if place_line(x.strip("# *【】")) is None and not _names_only(x)), None)
    return compact(line) if line is not None and _CHROME_TITLE.fullmatch(line) else None


_ORG_OR_SHORT = re.compile(rf"(?:{_ORG.pattern.removesuffix('$')}|会|行|署)$")  # (…and short ones: 银保监会, 央行)


def _names_only(line: str) -> bool:
    """Is the line nothing but the names of organisations (中国人民银行、银保监会)?"""
    names = [n for n in re.split(r"[、,和及与]", line.strip()) if n]
    return bool(names) and all(len(n) <= 20 and _ORG_OR_SHORT.search(n) for n in names)


def _strip_page_chrome(lines: list[str]) -> tuple[list[str], bool, str | None]:
    """The head without a web page's chrome, whether it had any, and the organisation the page
    names as its source."""
    out: list[str] = []
    source: str | None = None
    chrome = False
    for k, line in enumerate(lines):
        if k < 15 and (is_breadcrumb(line)
                       or (line[:1].isdecimal() and _TIMESTAMP_LINE.match(line))):
            chrome = True
            continue
        if k < 15 and is_page_facts(line):
            chrome = True
            m = _SOURCE_FIELD.search(line)
            if m and _ends_as_org(m.group(1)):
                source = _full_government_name(m.group(1))
            continue
        out.append(_SOURCE_TAG.sub("", line) if k < 15 and line.startswith("【") else line)
    if not chrome:
        return lines, False, None
    return out, True, source


def _full_government_name(name: str) -> str:
    """"丽水市政府" is how a page names 丽水市人民政府."""
    region = region_index().prefix(name)
    if region is not None and name == region.name + "政府":
        return region.name + "人民政府"
    return name


_DOC_NUMBER_LABELS = ("发文字号", "发文号", "文号", "字号")
_DOC_NUMBER_LABEL = re.compile(f"^(?:{'|'.join(_DOC_NUMBER_LABELS)})\\s*[:：]\\s*")


def _own_title(title: str | None) -> str | None:
    """A headline that reports the document and lost the mark closing its title (郑州住房公积金管理中心印发《关于…的
    通知): the document's title is what the unclosed 《 opens, when that ends as a title does."""
    k = title.rfind("《") if title else -1
    if not title or k < 0 or "》" in title[k:]:
        return title
    own = title[k + 1:]
    return own if len(own) >= 6 and ENDS_AS_TITLE.search(own) else title


# a headline that names two documents (关于A的通知、关于B的通知, 《关于A的通知》和《关于B的通知》): a record of both
_TWO_TITLES = re.compile(DOC_KIND + r"(?:[(（][^()（）]{2,20}[)）])?》?[、,，和及与]《?(?=关于)")


def _two_documents(title: str, text: str) -> tuple[str, str] | None:
    """The first document's title and the second's, where the headline names two and the second's title stands on
    a line of its own below it: the text holds both, one after the other (the first's title printed under the
    headline is its own). Where the second's title is not printed alone, where it starts is not told: None."""
    m = _TWO_TITLES.search(title)
    if m is None:
        return None
    second = title[m.end():].removesuffix("》")
    k = text.find(second)
    while k >= 0:
        a, b = text.rfind("\n", 0, k) + 1, text.find("\n", k)
        if compact(text[a:len(text) if b < 0 else b]).strip("《》") == second:
            return title[:m.end()].rstrip("、,，和及与《").removesuffix("》").removeprefix("《"), second
        k = text.find(second, k + len(second))
    return None


def _number_apart(line: str) -> list[str]:
    """A page that glued the document number to the title it heads (筑府办发〔2022〕12号市人民政府办公厅关于…的通知)
    or to the end of it as a citation (…的通知》沪建房管联〔2016〕1062号, …的通知——南住建〔2023〕466号), or an announcement's number to its head
    (天津市人民政府公告 2023年第5号, as 天津市人民政府公告 / 2023年第5号): the two lines the header printed."""
    if "号" not in line:
        return [line]
    if "关于" not in line:
        # (a headline without 关于 that lost its opening mark, its number after the closing one: …若干政策(试行)》长发〔2022〕12号)
        m = _NUMBER_AFTER_TITLE.search(line) if "》" in line and "《" not in line else None
        if m is not None and line[m.start()] == "》" and _title_piece(line[:m.start()]):
            return [line[:m.start()], m.group(1)]
        if "第" not in line:
            return [line]
        s = compact(line)
        series = _SERIES_LINE.fullmatch(s)
        return [series.group(1) + series.group(2), s[series.end(2):]] if series and _series_head(series.group(1)) \
            else [line]
    m = DOC_NUMBER.match(line)
    if m is not None and _TITLE_LINE.search(line, m.end()):
        return [line[:m.end()], line[m.end():].strip()]
    m = _NUMBER_AFTER_TITLE.search(line)
    if m is not None and _TITLE_LINE.search(line, 0, m.start()):
        return [line[:m.start()], m.group(1)]
    # a page's headline with the number in brackets after it (…的通知(珠府〔2023〕14号)): a title, not a sentence citing one
    m = _BRACKETED_NUMBER_AFTER_TITLE.search(line) if line.rstrip().endswith((")", "）")) else None
    if m is not None and _TITLE_LINE.search(line, 0, m.start()) and _title_piece(line[:m.start()]):
        return [line[:m.start()], m.group(1)]
    return [line]


_NUMBER_AFTER_TITLE = re.compile(r"(?:[》\s]|——)\s*(" + DOC_NUMBER.pattern + r")\s*$")
_BRACKETED_NUMBER_AFTER_TITLE = re.compile(r"[(（]\s*(" + DOC_NUMBER.pattern + r")\s*[)）]\s*$")
# the number alone in brackets, on the line below the title as a site prints it: (黔府办发〔2022〕17号)
_BRACKETED = re.compile(r"[(（](.+)[)）]")


def _header_doc_number(lines: list[str]) -> str | None:
    """The number printed in the header stands on a line of its own; one cited in a sentence is not this document's."""
    for k, line in enumerate(lines):
        # (each pattern tried only on a line that opens, ends or holds what each of its matches does: most
        # lines of a head are none of these, and were each searched several times)
        whole = compact(line).removeprefix("》")  # (a headline's closing mark left before its number: 》市政发〔2017〕23号)
        s = _DOC_NUMBER_LABEL.sub("", whole) if whole.startswith(_DOC_NUMBER_LABELS) else whole
        if s.endswith((")", "）")) and (bracketed := _BRACKETED.fullmatch(s)):
            s = bracketed.group(1)
        m = DOC_NUMBER.fullmatch(s) if s.endswith("号") else None
        if m:
            return normalise_doc_number(m)
        series = _series_number(s, lines[k + 1] if k + 1 < len(lines) else "") if "号" in s or s.endswith(_SERIES_KINDS) \
            else None
        if series:
            return series
        # a page's document facts on one line: 索引号:… 发文机关:… 发文字号:鲁政办字〔2024〕12号 成文日期:…
        labelled = _LABELLED_DOC_NUMBER.search(whole) if "文号" in whole else None
        number = DOC_NUMBER.match(labelled.group(1)) if labelled else None
        if number:
            return normalise_doc_number(number)
        signed = _number_beside_signer(line) if "签" in line else None
        if signed:
            return signed
    return None


# a decree's or an announcement's head and its number in the series (天津市人民政府令 / 第258号, 中国人民银行公告〔2024〕第11号,
# 财政部税务总局住房城乡建设部公告2023年第70号): the head names the series, the number is its place in it
_SERIES_KINDS = ("令", "公告", "通告")
_SERIES_HEAD = r"([\u4e00-\u9fff]{2,40}?)(令|公告|通告)"
_SERIES_PLACE = r"([(（])?((?:\d{4}年|[〔\[【(（]\d{4}[〕\]】)）])?第\d{1,4}号)(?(%d)[)）])"
_SERIES_LINE = re.compile(_SERIES_HEAD + _SERIES_PLACE % 3)
_SERIES_HEAD_LINE = re.compile(_SERIES_HEAD)
_SERIES_PLACE_LINE = re.compile(_SERIES_PLACE % 1)
_YEAR_BRACKET = re.compile(r"[\[【(（](\d{4})[\]】)）]")


def _series_number(line: str, below: str) -> str | None:
    """A decree's or an announcement's number, as it is cited (天津市人民政府令第258号, XX市人民政府公告2023年第5号): its
    head, the issuer's name and the kind (令, 公告, 通告), with the number on the same line or the one below, with
    its year or without, in brackets or not ((第258号): the brackets go; [2024] as 〔2024〕). ``line`` is compact. A head
    is an organisation's name and its kind, not a title (关于…的公告), and 第N号 under a plan's title is the plan's
    place in a series of plans (若干措施 / (第1号)), not a number."""
    m = _SERIES_LINE.fullmatch(line) if "号" in line else None
    if m is not None:
        name, kind, place = m.group(1), m.group(2), m.group(4)
    else:
        m = _SERIES_HEAD_LINE.fullmatch(line)
        n = _SERIES_PLACE_LINE.fullmatch(compact(below)) if m is not None and "号" in below else None
        if m is None or n is None:
            return None
        name, kind, place = m.group(1), m.group(2), n.group(2)
    return name + kind + _YEAR_BRACKET.sub(r"〔\1〕", place) if _series_head(name) else None


def _series_head(name: str) -> bool:
    """Is the name before a 令/公告/通告 an organisation's (天津市人民政府, 中国人民银行), not a title's (关于…的)?"""
    return "关于" not in name and _ORG_OR_SHORT.search(name) is not None


_LABELLED_DOC_NUMBER = re.compile(r"(?:发文字号|文号)[:：]((?:[\u4e00-\u9fff]{1,12}?)[〔\[【(（]\d{4}[〕\]】)）]\d{1,4}号)")


_SIGNER = re.compile(r"签发人[:：][\u4e00-\u9fff·]*")
# a report's signers printed before its number with no space between (签发人:张三湘政发〔2023〕12号): the names and the
# number's name, run together (normalize puts a number printed after a space on a line of its own)
_SIGNED_RUN = re.compile(r"签发人[:：]([\u4e00-\u9fff·、,]{3,40})(" + NUMBER_TAIL.pattern + ")")
_SIGNER_NAME = (2, 3, 4)  # a signer's name: two to four characters (欧阳文华)


def _number_beside_signer(line: str) -> str | None:
    """A report's or a request's head prints who signed it beside its number (湘政发〔2023〕12号 签发人:张三, or
    签发人:张三湘政发〔2023〕12号): the number, when the line holds nothing else. Where the last signer's name runs into
    the number's, the number starts where what is left is the prefix of a region's numbers (湘政发, not 三湘政发);
    where it starts is not told otherwise, and no number is read."""
    s = compact(line)
    number = DOC_NUMBER.match(s)
    if number:
        return normalise_doc_number(number) if _SIGNER.fullmatch(s, number.end()) else None
    run = _SIGNED_RUN.fullmatch(s)
    if run is None:
        return None
    names = run.group(1)
    for k in _SIGNER_NAME:
        start = max(names.rfind("、"), names.rfind(","), names.rfind("·")) + 1 + k  # (the last signer's name)
        if start < len(names) and doc_number_region(names[start:]) is not None:
            number = DOC_NUMBER.fullmatch(names[start:] + run.group(2))
            return normalise_doc_number(number) if number else None
    return None


def _title_piece(line: str) -> bool:
    """Could this line be (part of) a title? Not a sentence (one that ends, or a preamble's 为贯彻落实…, that goes
    on after a comma), a numbered provision, a date or a table row."""
    return ("\t" not in line and "。" not in line and len(line) <= 100 and not MARKER.match(line)
            and not DATE_PATTERN.fullmatch(line.strip()) and not _PREAMBLE_SENTENCE.match(line)
            and not (("号" in line or "附件" in line) and _NUMBER_LINE.fullmatch(compact(line))))


_PREAMBLE_SENTENCE = re.compile(r"\s*(?:为|根据|按照|依据|经)[^,，]*[,，]")
# a line that numbers the document above its title, not a piece of it: its number (平政办〔2023〕12号; a decree's or
# an announcement's 第12号, 2023年第5号), or the label of the attachment it is (附件1)
_NUMBER_LINE = re.compile(DOC_NUMBER.pattern + r"|(?:\d{4}年)?第\d{1,4}号|[(（]第\d{1,4}号[)）]|附件\d{0,2}[:：]?")


def _read_region(meta: DocumentMeta, head_lines: list[str], number: re.Match[str] | None, body: str) -> None:
    found = document_region(head_lines, meta.issuer, meta.title, number.group(1) if number else None, body)
    meta.region, meta.level, meta.region_basis = found.region, found.level, found.basis


def _find_title(lines: list[str]) -> str | None:
    for i, line in enumerate(lines[:15]):
        if "关于" not in line or not _title_piece(line):
            continue
        title = line
        # a title broken over lines: glue until it ends as a title does
        j = i
        while not _TITLE_LINE.search(title) and j + 1 < len(lines) and j - i < 3 and _title_piece(lines[j + 1]) \
                and not lines[j + 1].endswith((":", "：")):
            j += 1
            title += lines[j]
        if _TITLE_LINE.search(title):
            # "广元市人民政府\n关于印发…的通知": the issuer line above belongs to the title
            if i >= 1 and title.startswith("关于") and _ends_as_org(lines[i - 1]) and len(lines[i - 1]) <= 30:
                title = "".join(_joint_issuers_above(lines, i - 1)) + lines[i - 1] + title
            # "关于印发…若干措施\n的通知": what it issues ended a line, the notice's own kind is on the next; or a word
            # that is also a kind ended it ("关于扩大…首付款政策\n实施范围的通知"): a title that has not said 的 and its
            # kind goes on to a short line that does
            if j + 1 < len(lines) and len(lines[j + 1]) <= 30 and (
                    _NOTICE_REST.fullmatch(rest := compact(lines[j + 1]))
                    or _TITLE_TAIL.fullmatch(rest) and not _OWN_KIND_END.search(title) and _title_piece(lines[j + 1])):
                j += 1
                title += lines[j]
            if j + 1 < len(lines) and _TITLE_NOTE_LINE.fullmatch(compact(lines[j + 1])):
                title += lines[j + 1]
            return compact(title)
    # no 关于: the first line that ends as a document title does (a kind and a word or two more: 政策措施 alone is a
    # heading)
    for i, line in enumerate(lines[:10]):
        if ENDS_AS_TITLE.search(line) and _TITLE_MIN <= len(line) <= 80 and _title_piece(line) and not _holds_doc_number(line) \
                and not _CITATION_MARK.search(_CITED.sub("", line)):  # (a piece of a citation: a sentence citing a title)
            # a title broken over lines: short heading lines above it (not a line of places: 浙江省绍兴市 says who
            # issued it), the rest or the plan period below it
            j = i
            while j > 0 and _TITLE_PIECE.fullmatch(lines[j - 1]) and not _ends_as_org(lines[j - 1]) \
                    and _title_piece(lines[j - 1]) and i - j < 2 and place_line(lines[j - 1].strip("# *【】")) is None:
                j -= 1
            k = i
            # the rest of a title cut after a kind's word (…五年规划 / 和二〇三五年远景目标纲要, …规划 / 实施方案); a line
            # below that could be a title of its own is not (the headline printed again, the title of what a notice
            # issues, a second document's)
            if k + 1 < len(lines) and len(lines[k + 1]) <= 30 and _title_piece(lines[k + 1]) \
                    and re.search(DOC_KIND + r"$", lines[k + 1]) \
                    and (len(lines[k + 1]) < _TITLE_MIN or lines[k + 1].startswith(_TITLE_REST_OPENERS)):
                k += 1
            title = "".join(lines[j:k + 1])
            if k + 1 < len(lines) and _TITLE_NOTE_LINE.fullmatch(compact(lines[k + 1])):
                title += lines[k + 1]
            return compact(title)
    return None


_CITED, _CITATION_MARK = re.compile(r"《[^《》]*》"), re.compile("[《》]")
_TITLE_MIN = 6  # the fewest characters of a title without 关于
_TITLE_REST_OPENERS = ("和", "及", "与", "暨", "的")  # words that join what goes before: no title opens with one
_TITLE_PIECE = re.compile(r"[^\s,，。;；:：、《》()（）]{2,20}")
# what a title prints in brackets on a line of its own: its period, or what the text is yet ((试行), (征求意见稿))
_TITLE_NOTE_LINE = re.compile(r"[(（](?:(?:\d{4}[—\-–~至]\d{4}|\d{4})年?(?:度)?|试行|暂行|征求意见稿|送审稿|修订稿?|草案)[)）]")
_NOTICE_REST = re.compile(r"(?:[(（][^()（）]{2,20}[)）])?的" + DOC_KIND + r"(?:[(（][^()（）]{2,20}[)）])?")
# the rest of a title cut after a word that is also a kind (…政策 / 实施范围的通知): words with no 关于 (a title of its
# own), then 的 and the kind
_TITLE_TAIL = re.compile(r"(?:(?!关于)[^\s,，。;；:：、《》()（）]){1,20}的" + DOC_KIND + r"(?:[(（][^()（）]{2,20}[)）])?")
_OWN_KIND_END = re.compile(r"的" + DOC_KIND + r"(?:[(（][^()（）]{2,20}[)）])?\s*$")


# A text that prints no title may still cite itself by it: "《关于促进…的若干政策措施》实施前…",
# where the text calls itself 本政策措施.
_SELF_KIND = re.compile(r"本((?:政策|具体|若干)?(?:措施|方案|意见|办法|细则|举措|规定|计划))")
_SELF_CITED = r"(?<!现将)《([^《》]{6,80}{kind})》(?=实施|施行|执行|有效期|自\d)"


def title_cited_by_itself(text: str) -> str | None:
    kinds = sorted({m.group(1) for m in _SELF_KIND.finditer(text)}, key=len, reverse=True)
    for kind in kinds:
        m = re.search(_SELF_CITED.replace("{kind}", re.escape(kind)), text)
        if m:
            return compact(m.group(1))
    return None


_BARE_LEVELS = ("市", "省", "县", "区")  # an issuer's name that starts so does not say which one


def _find_issuer(lines: list[str], title: str | None, text: str, numeric: _NumericSigningDate | None = None) -> str | None:
    named_in_title = None
    if title and "关于" in title:
        before = title.split("关于", 1)[0]
        if before and _ends_as_org(before):
            named_in_title = before
            if not before.startswith(_BARE_LEVELS) and not _names_others(before):
                return (_placed_by_head(before, lines) if region_index().first_in(before) is None else None) or before
    # (市政府关于… under a head line 苏州市人民政府: the head line says whose)
    with_others = None  # (X等七部门 above the title: the signature, where the text has one, names them all)
    for line in lines[:4]:
        name = compact(line)
        name = _ISSUER_SUFFIX.sub("", name) if name.endswith(_ISSUER_SUFFIXES) else name
        # (武汉住房公积金管理中心关于 / 优化…的通知: a title broken after its issuer's 关于, under a headline without it)
        name = name.removesuffix("关于")
        # (a label's line names what it labels: 来源:市公积金中心 is the page's source, not the head's issuer)
        if _ends_as_org(name) and ":" not in name and not _holds_doc_number(name) and len(name) <= 30:
            if not _names_others(name):
                return name
            with_others = with_others or name
    if named_in_title and not _names_others(named_in_title):
        return named_in_title
    return _signers(text, numeric) or named_in_title or with_others


def _placed_by_head(name: str, lines: list[str]) -> str | None:
    """The whole name of an issuer a title names without its place (中心关于…, 房产局关于…), as a head line above the
    title prints it: the organisation's name that ends with it (云南省西双版纳州住房公积金管理中心), or the place it
    is of (沈阳市 over 房产局关于…: 沈阳市房产局)."""
    for line in lines[:4]:
        head = compact(line)
        if "关于" in head:
            break  # (the title's line: what is below it heads nothing)
        if head.endswith(name) and len(head) > len(name) and len(head) <= 30 and _ISSUER_NAME.fullmatch(head):
            return head
        place = place_line(head.strip("# *【】"))
        if place is not None:  # (济源市 over 济源产城融合示范区管理委员会: a name of its own place, which the index lacks)
            return None if name.startswith(place.name[:2]) else head.strip("# *【】") + name
    return None


def _signers(text: str, numeric: _NumericSigningDate | None) -> str | None:
    """The issuers who sign the text below it, beside or above the signing date."""
    # the signature above the date (a date names 日), or before it on its line (市商务局 2023年5月6日)
    for a, b in _lines_holding(text, "日"):
        s = text[a:b].strip()
        m = _signing_line(s)
        if m is None:
            continue
        if m.start() > 0:
            return _signature(compact(s[:m.start()]))
        signed = _signed_above(text, a)
        if signed:
            return signed
    # (a date printed with figures only, 2023.5.6 or 2023-05-06, signs only beside or under the issuer's name)
    found = (numeric or _NumericSigningDate(text)).get()
    if found is not None:
        a, k, _ = found
        return _signature(compact(text[a:k])) if text[a:k].strip() else _signed_above(text, a)
    return None


# a name alone on the line above the date signs it also when it ends as no head's issuer does: an association's or a
# committee's (…房地产业协会, 高新区管委会, 中国证监会), a bank's branch (中国人民银行重庆市分行), a brigade (…消防救援总队)
_SIGNER_ONLY_ENDS = ("会", "银行", "分行", "支行", "署", "总队")
# the note under or after a signer that another organisation stamps for it: (江门市住房和城乡建设局代章), 重庆市…委员会(代章)
_STAMP_NOTE = re.compile(r"[(（](?:[^()（）]{4,30})?代章[)）]$")  # (no CJK class: compiling one costs ~10M instructions)


def _stamper_apart(line: str) -> str | None:
    """What the signature line holds but the organisation that stamps for the signer ("" when that is all of it),
    or None when it ends with no such note. A stamper named before (代章) starts where a place's name follows a
    name that ends as an organisation's does (…领导小组办公室重庆市住房和城乡建设委员会(代章), run together)."""
    s = compact(line)
    m = _STAMP_NOTE.search(s)
    if m is None:
        return None
    rest = s[:m.start()]
    if m.end() - m.start() == 4:  # (代章): the stamper's name ends what is left
        ri = region_index()
        rest = rest[:next((k for k in range(len(rest) - 2, 1, -1) if _ends_as_org(rest[:k]) and ri.prefix(rest[k:])), 0)]
    return rest


def _signs_alone(line: str) -> bool:
    """Can the line above a signing date be its signer's name?"""
    return _ends_as_org(line) or line.endswith(_SIGNER_ONLY_ENDS) and _ISSUER_NAME.fullmatch(compact(line)) is not None


def _signed_above(text: str, a: int) -> str | None:
    """The issuers who sign on the line above the one that starts at ``a``, with the joint ones above them."""
    if a <= 0:
        return None
    start = text.rfind("\n", 0, a - 1) + 1
    above = text[start:a - 1]
    if "代章" in above and (signer := _stamper_apart(above)) is not None:
        if signer:
            above = signer
        elif start > 0:  # (the stamper on a line of its own under the signer: the line above signed)
            a, start = start, text.rfind("\n", 0, start - 1) + 1
            above = text[start:a - 1]
    if not _signs_alone(above.strip()):
        return None
    lines_above = text[:max(start - 1, 0)].rsplit("\n", _JOINT_REACH)[-_JOINT_REACH:] if start else []
    return "".join(_joint_issuers_above(lines_above + [above], len(lines_above))) + _signature(compact(above))


# a date printed with figures only (2023.5.6, 2023-05-06, 2023/5/6), on a line of its own or after the issuer's name;
# one pattern a century, each opening with its literal: the engine finds a literal at a few instructions a character,
# where (?:19|20) made it try a class of first characters at every one (1% of extraction for one date a document)
_NUMERIC_DATES = tuple(re.compile(century + r"\d{2})([./\-])(\d{1,2})\2(\d{1,2})(?![\d.:])")
                       for century in ("(20", "(19"))


def _numeric_dates(text: str) -> list[re.Match[str]]:
    """What ``finditer`` of the one pattern of both centuries finds: the leftmost matches, none overlapping."""
    found: list[re.Match[str]] = []
    for m in sorted((m for p in _NUMERIC_DATES for m in p.finditer(text)), key=lambda m: m.start()):
        if not found or m.start() >= found[-1].end():
            found.append(m)
    return found


def _numeric_signing_date(text: str) -> tuple[int, int, date] | None:
    """The first date printed with figures only that signs the document: on its line alone under the issuer's name,
    or after it on its line (a publishing note after it, as after a date in words), below the text it signs (a
    sentence ends above it). Not a page's date (发布时间:2023-05-06, 2023-05-06 10:11) nor one in a sentence: nothing
    else is on its line. The line's start, where the date starts, and the date."""
    for m in _numeric_dates(text):
        a = text.rfind("\n", 0, m.start()) + 1
        b = text.find("\n", m.end())
        after = text[m.end():len(text) if b < 0 else b].strip()
        if after and not _PUBLISHED_NOTE.fullmatch(after) or "\t" in text[a:m.start()]:  # (a table's row: a deadline)
            continue
        before = compact(text[a:m.start()])
        if before and not (len(before) <= _BESIDE_DATE and _ISSUER_NAME.fullmatch(before) and _ends_as_org(before)):
            continue
        if text.rfind("。", 0, a) < 0 or not before and _signed_above(text, a) is None:
            continue
        try:
            return a, m.start(), date(int(m.group(1)), int(m.group(3)), int(m.group(4)))
        except ValueError:
            continue
    return None


class _NumericSigningDate:
    """``_numeric_signing_date`` of a text, sought when first asked for: the issuer and the signing date both fall
    back on it, and its searches of the whole text for dates in figures were most of the cost of each (1% of a
    pass, twice)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.sought = False
        self.found: tuple[int, int, date] | None = None

    def get(self) -> tuple[int, int, date] | None:
        if not self.sought:
            self.found = _numeric_signing_date(self.text)
            self.sought = True
        return self.found


_ISSUER_NAME = re.compile(r"[\u4e00-\u9fff()（）]{4,30}")
_NATIONAL_BODY = ("中共", "中国人民银行", "国家")  # (their local branches sign with a city's bureaus: 国家金融监督管理总局惠州监管分局)
_JOINT_REACH = 10
_MINISTRY_MOST = 11  # (the longest name of a ministry a signature line holds: 住房和城乡建设部 and a few characters more)


def _joint_issuers_above(lines: list[str], k: int) -> list[str]:
    """The issuers who sign or head a document with the one on line ``k``, each on a line of its own above it
    (中共平顶山市委办公室 / 平顶山市人民政府办公室; a city's bureaus, a bank's branch among them): the lines right
    above that are nothing but an issuer's name opening with its region or a national body's (a bank's branch ends
    with 行, an office with 署, which name no head's issuer alone), or, where the one below says its level's word
    and no place (市住房城乡建设管理委 / 市房屋管理局 / 市税务局), with the same word. A site's name above
    its office's (平顶山市人民政府 over 平顶山市人民政府办公室) is not another issuer."""
    names: list[str] = []
    below = compact(lines[k]) if k < len(lines) else ""
    while k - len(names) >= 1 and len(names) < _JOINT_REACH:
        line = compact(lines[k - len(names) - 1])
        # (a ministry signs with a place's name in none: 住房和城乡建设部 / 财政部 / 人民银行)
        ministry = line.endswith("部") and len(line) <= _MINISTRY_MOST and not _NOT_IN_A_NAME.search(line) and is_national(line)
        if not ministry and not (
                _ISSUER_NAME.fullmatch(line) and (_ends_as_org(line) or line.endswith(("行", "署"))) and not below.startswith(line)
                and (line.startswith(_NATIONAL_BODY) or region_index().prefix(line.removeprefix("中共"))
                     or line.startswith(_BARE_LEVELS) and line[0] == below[:1])):
            break
        names.insert(0, line)
        below = line
    return names


_NOT_IN_A_NAME = re.compile(r"[^\u4e00-\u9fff、()（）]")


def _signature(line: str) -> str:
    """The issuers' names the signature line ends with, without what a page ran into them (附件:…解读, 联系电话:…,
    a last sentence …有效期至2028年12月31日): from the first region named after the last character no name holds."""
    junk = [m.end() for m in _NOT_IN_A_NAME.finditer(line)]
    if not junk:
        return line
    rest = line[junk[-1]:].lstrip("年月日号")  # (2023年5月6日市商务局: a date run into it)
    hit = region_index().first_in(rest)
    return rest[hit[0]:] if hit is not None else rest or line


# under a plan's title, the day it was adopted: (2023年2月10日), (2025年11月28日中国共产党某市第七届委员会第十一次全体会议通过)
_BRACKETED_DATE = re.compile(r"[(（]\s*" + DATE_PATTERN.pattern + r"(?:[^()（）]{2,60}?(?:通过|批准))?\s*[)）]")


def _signing_date(text: str, body_start: int, numeric: _NumericSigningDate | None = None) -> date | None:
    """The date under the signature: a line that is only a date (possibly after the issuer's name),
    not the printing date (…印发)."""
    candidates: list[date] = []
    under_title: list[date] = []  # "(2023年2月10日)" under a plan's title: the day it was adopted
    for a, b in _lines_holding(text, "日"):  # a date names 日 and 年 (most lines neither)
        s = text[a:b].strip()
        if _BRACKETED_DATE.fullmatch(s):
            d = parse_date(s)
            if d:
                under_title.append(d)
            continue
        m = _signing_line(s)
        d = parse_date(s) if m else None
        if d:
            candidates.append(d)
    if candidates:
        return candidates[0]
    found = (numeric or _NumericSigningDate(text)).get()  # (2023.5.6 under the issuer's name)
    return found[2] if found is not None else under_title[0] if under_title else None


_PUBLISHED_NOTE = re.compile(r"[(（]此件[^)）]*[)）]")
_BESIDE_DATE = 30  # the most characters a signing line holds beside its date
# the most characters other than whitespace a date holds (二〇二三年十二月三十一日): its pattern's widest match
# without the spaces it allows
_DATE_MOST = sre_parse(DATE_PATTERN.pattern.replace(r"\s*", "")).getwidth()[1]


def _signing_line(s: str) -> re.Match[str] | None:
    """The date of a line that may sign the document: the date alone, after the issuer's name, or before a note of
    how it is published ((此件公开发布)); not the printing date (…印发)."""
    if len(s) > _DATE_MOST + _BESIDE_DATE and sum(map(len, s.split())) > _DATE_MOST + _BESIDE_DATE:
        # more characters than a date and what may stand beside it: most lines that hold 日 are paragraphs, which
        # this count (whitespace as the pattern's \s counts it) rules out at a third of the cost of seeking a date
        return None
    m = DATE_PATTERN.search(s) if "年" in s else None
    if not m or "印发" in s[m.end():] or len(s) > m.end() - m.start() + _BESIDE_DATE:
        return None
    after = s[m.end():].strip()
    if after and not _PUBLISHED_NOTE.fullmatch(after):
        return None
    return m if m.start() == 0 or _ends_as_org(s[:m.start()]) else None


def is_short_name(title: str) -> bool:
    """A short name a text gives a document (《通知》, 《若干措施》: ``abbreviation_words`` and a kind): it names no
    document of its own."""
    return _short_name().fullmatch(title) is not None


@lru_cache(maxsize=1)
def _short_name() -> re.Pattern[str]:
    return re.compile(f"(?:{alternation(clause_words().abbreviation_words)})*{DOC_KIND}")


def _implements(title: str, head: str) -> list[str]:
    """Documents the text says it carries out: in the title and the preamble, after 贯彻落实/落实/根据…,
    before what the document itself makes (制定/印发)."""
    found: list[str] = []
    own_title = _TRAILING_BRACKET.sub("", compact(title))  # 关于落实X政策的公告(2022)

    def add(ref: str) -> None:
        key = compact(ref).strip("《》")
        if key and not is_short_name(key) and all(compact(x).strip("《》") != key for x in found):
            found.append(ref)

    for sentence in _SENTENCE_END.split(title + "\n" + head):
        for verb in _IMPLEMENT_VERB.finditer(sentence):
            scope = sentence[verb.end():]
            # what the document itself makes (制定/印发) ends the scope, but not inside a cited title
            made = _MADE_HERE.search(mask_quoted(scope))
            if made:
                scope = scope[: made.start()]
            quoted = list(_QUOTED.finditer(scope))
            for q in quoted:
                add(q.group(2) if q.group(2) else f"《{compact(q.group(1))}》")
            # a verb inside a cited title (征求《…关于贯彻落实X的通知》意见) is that title's, not this text's
            bare = None if quoted or _inside_quote(sentence, verb.start()) else _bare_document(scope.lstrip("了"), own_title)
            if bare:
                add(f"《{bare}》")
            numbers = [n for n in doc_numbers(scope) if not any(n.start() >= q.start() and n.end() <= q.end() for q in quoted)]
            for n in numbers:
                add(normalise_doc_number(n))
            break  # the first implementing verb of a sentence decides its scope
    return found


_SENTENCE_END = re.compile(r"[。;；\n]")
_QUOTED_TITLE = re.compile(r"《[^《》]*》")


def mask_quoted(s: str) -> str:
    """``s`` with the inside of each 《》 blanked (its offsets kept): what is cited says nothing of ``s`` itself."""
    if "《" not in s:
        return s  # (most scopes quote nothing: the pattern is not run over them)
    return _QUOTED_TITLE.sub(_blanked_inside, s)


def _blanked_inside(m: re.Match[str]) -> str:
    return "《" + " " * (len(m.group()) - 2) + "》"


def _inside_quote(sentence: str, at: int) -> bool:
    before = sentence[:at]
    return before.count("《") > before.count("》")


def _bare_document(text: str, own_title: str) -> str | None:
    """The document a name printed without 《》 at the start of ``text`` stands for, if it stands for one: not
    a word for the text itself (请认真贯彻落实), not rules in general (按照有关规定), not the end of the
    document's own title (关于落实X政策的通知 is the document itself)."""
    m = _UNQUOTED_DOC.match(text)
    if m is None or _mentions_self(m.group(1)) or _generic(m.group(1)):
        return None
    name = compact(m.group(1))
    return None if own_title.endswith(name) else name


def _generic(name: str) -> bool:
    # "按照有关规定", "根据上级有关通知": rules in general; a title names its subject after 关于
    return "关于" not in name and _GENERIC_REFERENCE.search(name) is not None


def _mentions_self(name: str) -> bool:
    # "请结合实际认真贯彻落实" and the like carry no document
    return len(name) < 6
