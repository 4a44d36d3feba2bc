"""The numbering hierarchy of a document: which provision each line belongs to.

Chinese policy documents number their provisions 一、 > （一） > 1. / 1、 >
（1） > ①, and may skip levels (一、 followed directly by 1.). The outline is
built with a stack: a marker pops every open marker of its own rank or
deeper, so "三、" closes "（十）" and "1.", and the path of open markers is the
provision's number ("二/(一)/1").
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Final

from .numerals import chinese_to_int, int_to_chinese

_MARKERS: list[tuple[str, int, re.Pattern[str]]] = [
    ("chapter", 0, re.compile(r"^第([一二三四五六七八九十百零〇\d]+)[章篇部分]+")),
    ("section", 1, re.compile(r"^第([一二三四五六七八九十百零〇\d]+)节")),
    ("article", 2, re.compile(r"^第([一二三四五六七八九十百零〇\d]+)条")),
    ("cn", 2, re.compile(r"^([一二三四五六七八九十百零〇]+)[、.．]")),
    ("paren_cn", 3, re.compile(r"^[(（]([一二三四五六七八九十百零〇]+)[)）][、.．]?")),
    # (a dot before a year is no decimal point: "13.2022年底前,…" is item 13)
    ("arabic", 4, re.compile(r"^(\d{1,4})(?:[、．]|\.(?!\d)|\.(?=[12]\d{3}年))")),
    ("paren_arabic", 5, re.compile(r"^[(（](\d{1,4})[)）][、.．]?")),
    ("half_paren_arabic", 5, re.compile(r"^(\d{1,2})[)）](?![\d%])")),
    ("circled", 6, re.compile(r"^([\u2460-\u2473])")),
]
# the kinds of a lower level than each rank: what a marker of that rank heads (``_drop_implausible`` asks it of
# every marker it keeps)
_KINDS_BELOW = {rank: frozenset(kind for kind, r, _ in _MARKERS if r > rank) for _, rank, _ in _MARKERS}

# The end of the body: the signature date, the distribution list, attachments.
_BODY_END = re.compile(r"^(?:抄送|抄报|附件[:：]?\s*$|附件\d*[:：])")
_ATTACHMENT_TITLE_MAX = 60
_ATTACHMENT = re.compile(r"^附件\s*(\d{1,2})?\s*(?:[:：]|$)")
_DATE_ONLY = re.compile(r"^(?:\S{0,30}?)(?:\d{4}|[〇零○一二三四五六七八九]{4})年[\d一二三四五六七八九十]{1,3}月[\d一二三四五六七八九十]{1,3}日$")
_TITLE_STOP = re.compile(r"[,，;；:：]")


# (Marker and Provision write their own __init__: the compiled build makes one of a class that does into a C
# function, where the dataclass's generated one is run as Python, at some 2,000-3,000 instructions a marker or a
# provision: 27 M of a pass's outlines)
@dataclass(init=False)
class Marker:
    kind: str
    rank: int
    label: str  # as the number path shows it: "二", "(一)", "1", "(1)"
    value: int
    length: int  # characters of the marker itself

    def __init__(self, kind: str, rank: int, label: str, value: int, length: int) -> None:
        self.kind = kind
        self.rank = rank
        self.label = label
        self.value = value
        self.length = length


# the characters each kind of marker can open a line with (``\d``: any decimal digit, ``str.isdecimal``)
_NUMERALS = "一二三四五六七八九十百零〇"
_OPENERS = {"chapter": "第", "section": "第", "article": "第", "cn": _NUMERALS, "paren_cn": "(（", "paren_arabic": "(（",
            "circled": "".join(chr(c) for c in range(0x2460, 0x2474))}
_OPENED_BY_A_DIGIT = {"arabic", "half_paren_arabic"}
# what a line must open with to be numbered or to open an attachment (附件), a decimal digit aside (and the
# stand-ins of a damaged marker: ``_DAMAGED``)
_LINE_OPENERS = frozenset("".join(_OPENERS.values()) + "附" + "、-—－─")


# (dicts, not lru_cache: the compiled build calls a cached function through Python's call protocol)
_OPENED_BY: Final[dict[str, tuple[tuple[str, int, re.Pattern[str]], ...]]] = {}


def _markers_opened_by(head: str) -> tuple[tuple[str, int, re.Pattern[str]], ...]:
    """The markers, in their order, that a line opening with ``head`` can start with."""
    markers = _OPENED_BY.get(head)
    if markers is None:
        markers = _OPENED_BY[head] = tuple(
            (kind, rank, pattern) for kind, rank, pattern in _MARKERS
            if head in _OPENERS.get(kind, "") or (kind in _OPENED_BY_A_DIGIT and head.isdecimal()))
    return markers


# A marker the page damaged (OCR, a web copy) gives no number that can be trusted: "()" and "(+)" (十 read as +),
# "三十六)" that lost its "(", "、" or "-、" that lost its numeral. Such a line is numbered only by its place
# (``_read_by_place``): value 0 until then; "paren" is either bracketed kind, whichever its neighbours count.
_DAMAGED: tuple[tuple[str, int, re.Pattern[str]], ...] = (
    ("paren", 3, re.compile(r"^[(（](?=[一二三四五六七八九十+]*\+|[)）])[一二三四五六七八九十+]{0,4}[)）](?=[\u4e00-\u9fff])")),
    ("paren_cn", 3, re.compile(r"^[一二三四五六七八九十]{1,3}[)）](?=[\u4e00-\u9fff])")),
    ("cn", 2, re.compile(r"^[-—－─]?、(?=[\u4e00-\u9fff])")),
)
_DAMAGED_OPENERS = frozenset("(（、-—－─" + _NUMERALS)
_KINDS_OF = {"paren": ("paren_cn", "paren_arabic")}
# the kinds whose label a number read by place can be written in (an article's or a chapter's is its whole text)
_RELABELLED = {"cn", "paren_cn", "arabic", "paren_arabic", "half_paren_arabic"}


def damaged_marker(line: str) -> Marker | None:
    """A line opened by a marker the page damaged (see ``_DAMAGED``), with no value of its own."""
    if line[:1] not in _DAMAGED_OPENERS:
        return None
    for kind, rank, pattern in _DAMAGED:
        m = pattern.match(line)
        if m:
            return Marker(kind, rank, "", 0, m.end())
    return None


def _labelled(marker: Marker, kind: str, value: int) -> Marker:
    """``marker`` read as number ``value`` of ``kind``."""
    raw = int_to_chinese(value) if kind in ("cn", "paren_cn") else str(value)
    label = f"({raw})" if kind.startswith(("paren", "half_paren")) else raw
    return Marker(kind, next(r for k, r, _ in _MARKERS if k == kind), label, value, marker.length)


# the lines' markers, kept: a document's numbered lines are asked for theirs by the cleaning (``_gap_breaks``) and
# again by ``build_outline`` (half the calls; a marker is never changed once made). Emptied when full.
_MARKER_OF_LINE: Final[dict[str, Marker | None]] = {}
_MARKER_OF_LINE_MOST: Final = 4096


def match_marker(line: str) -> Marker | None:
    if line in _MARKER_OF_LINE:
        return _MARKER_OF_LINE[line]
    # (only the markers the line's first character can open are tried: most are none or one of the nine)
    marker = _match_marker(line, _markers_opened_by(line[:1])) if line else None
    if len(_MARKER_OF_LINE) >= _MARKER_OF_LINE_MOST:
        _MARKER_OF_LINE.clear()
    _MARKER_OF_LINE[line] = marker
    return marker


# the values of the Chinese numerals markers are numbered with, read once (``chinese_to_int`` is called through its
# cache's Python wrapper); the short ones only: a marker's is seldom longer (三十六)
_CN_VALUE: Final[dict[str, int | None]] = {}
_CN_KEPT_LONGEST: Final = 4


def _match_marker(line: str, markers: Iterable[tuple[str, int, re.Pattern[str]]]) -> Marker | None:
    """The first of ``markers`` that numbers ``line``."""
    for kind, rank, pattern in markers:
        m = pattern.match(line)
        if not m:
            continue
        raw = m.group(1)
        value: int | None
        if kind == "circled":
            value = ord(raw) - 0x2460 + 1
        elif raw.isdigit():
            value = int(raw)
        elif raw in _CN_VALUE:
            value = _CN_VALUE[raw]
        else:
            value = chinese_to_int(raw)
            if len(raw) <= _CN_KEPT_LONGEST:
                _CN_VALUE[raw] = value
        if value is None or value <= 0:
            continue
        if kind in ("paren_cn", "paren_arabic", "half_paren_arabic"):
            label = f"({raw})"
        elif kind in ("chapter", "section", "article"):
            label = m.group(0)
        else:
            label = raw
        return Marker(kind, rank, label, value, m.end())
    return None


@dataclass(init=False)
class Provision:
    """One numbered provision; offsets are into the cleaned text."""

    path: tuple[str, ...]
    kind: str
    start: int  # where the marker starts
    end: int  # where the next provision (of any level) starts
    title: str | None
    title_start: int
    body_start: int  # first character after the number and the title
    children: list["Provision"]

    def __init__(self, path: tuple[str, ...], kind: str, start: int, end: int, title: str | None, title_start: int,
                 body_start: int, children: list["Provision"] | None = None) -> None:
        self.path = path
        self.kind = kind
        self.start = start
        self.end = end
        self.title = title
        self.title_start = title_start
        self.body_start = body_start
        self.children = [] if children is None else children

    @property
    def number(self) -> str:
        return "/".join(self.path)

    @property
    def parent_number(self) -> str | None:
        return "/".join(self.path[:-1]) or None


@dataclass
class Outline:
    provisions: list[Provision]
    body_start: int  # where the first provision starts (preamble before it)
    body_end: int  # where the signature / distribution list starts
    # an attachment whose provisions are numbered apart (附件/一): the provision they hang under, kind
    # "attachment"; not among ``provisions`` (it is no numbered measure: clauses and targets are read there)
    attachments: list[Provision] = field(default_factory=list)


def _title_of(text: str, line_start: int, line_end: int, after_marker: int, next_is_marker: bool) -> tuple[str | None, int, int]:
    """(title, title_start, body_start) for a provision whose marker line is text[line_start:line_end]."""
    rest_start = after_marker
    while rest_start < line_end and text[rest_start] in " \t、.．:：":
        rest_start += 1
    rest = text[rest_start:line_end]
    if not rest:
        return None, rest_start, min(line_end + 1, len(text))
    stop = rest.find("。")
    if stop < 0:
        head = _before_closing_clause(rest)
        if head is not None:
            # "一、实行契税补贴(责任单位:县财政局)": a heading closed by its clause, the body below
            return head, rest_start, min(line_end + 1, len(text))
        # a heading line: the body, if any, is on the following lines
        if not next_is_marker and len(rest) <= 60 and not rest.endswith((")", "）")) and ";" not in rest:
            # a heading line ("（一）强化科技创新，提升产业竞争力") above its body
            return rest.rstrip(":：。"), rest_start, min(line_end + 1, len(text))
        if len(rest) <= 40 and not _TITLE_STOP.search(rest):
            return rest, rest_start, line_end
        return None, rest_start, rest_start
    head = rest[:stop]
    if 0 < len(head) <= 40 and not _TITLE_STOP.search(head):
        return head, rest_start, rest_start + stop + 1
    return None, rest_start, rest_start


_CLAUSE_WORD = re.compile(r"[:：]|牵头|负责|配合")


def _before_closing_clause(line: str) -> str | None:
    """The heading in front of a bracketed responsibility clause that ends the line, if it is one."""
    if not line.endswith((")", "）", "〕", "】")):
        return None
    depth = 0
    for i in range(len(line) - 1, -1, -1):
        if line[i] in ")）〕】":
            depth += 1
        elif line[i] in "(（〔【":
            depth -= 1
            if depth == 0:
                head = line[:i].rstrip("。.,，")
                inner = line[i + 1:-1]
                if 0 < len(head) <= 40 and not _TITLE_STOP.search(head) and _CLAUSE_WORD.search(inner):
                    return head
                return None
    return None


def _body_end(text: str, lines: list[tuple[int, int]], last_marker_line: int) -> int:
    for i in range(last_marker_line + 1, len(lines)):
        a, b = lines[i]
        line = text[a:b]
        if _ATTACHMENT.match(line):
            return a
        if _BODY_END.match(line) or _DATE_ONLY.match(line):
            # the issuer's name usually stands on the line above the date
            if i > last_marker_line + 1 and _DATE_ONLY.match(line):
                pa, pb = lines[i - 1]
                prev = text[pa:pb]
                if len(prev) <= 40 and "。" not in prev and not prev.endswith(")"):
                    return pa
            return a
    return lines[-1][1] if lines else len(text)


def _attachment_label(line: str) -> str | None:
    """"附件", "附件2" for a line that opens an attachment (or lists them: 附件:办理细则)."""
    m = _ATTACHMENT.match(line) if line.startswith("附件") else None  # (most lines: no call to the pattern)
    return "附件" + (m.group(1) or "") if m and len(line) <= 80 else None


def build_outline(text: str) -> Outline:
    lines: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        end = pos + len(line)
        lines.append((pos, end))
        pos = end + 1

    # The body, then each attachment: an attachment that restates the measures numbers them
    # 一、二、… again, so its provisions are kept apart under its own name (附件/一).
    segments: list[tuple[str | None, int, list[tuple[int, Marker]]]] = [(None, 0, [])]
    for i, (a, b) in enumerate(lines):
        head = text[a:a + 1]
        if head not in _LINE_OPENERS and not head.isdecimal():
            continue  # (most lines: neither a marker nor an attachment can open them)
        line = text[a:b]
        if "\t" in line:
            continue  # table rows are read by the table parser
        label = _attachment_label(line)
        if label is not None:
            segments.append((label, i, []))
            continue
        marker = match_marker(line) or damaged_marker(line)
        if marker:
            segments[-1][2].append((i, marker))
    segments = [(label, at, _drop_implausible(hits)) for label, at, hits in segments]
    segments = [(label, at, hits) for label, at, hits in segments if hits]
    if not segments:
        return Outline([], len(text), len(text))

    provisions: list[Provision] = []
    attachments: list[Provision] = []
    for n, (label, at, hits) in enumerate(segments):
        # an attachment carries its name only when numbered provisions came before it;
        # otherwise it is the document's body (a notice whose measures are attached)
        prefix = (label,) if label and n > 0 else ()
        last_line = _segment_last_line(lines, text, hits[-1][0])
        end_of_body = _body_end(text, lines[:last_line + 1], hits[-1][0])
        attachment = _attachment(text, lines, at, hits[0][0], prefix) if prefix else None
        if attachment is not None:
            attachments.append(attachment)
        stack: list[tuple[Marker, Provision]] = []
        for k, (i, marker) in enumerate(hits):
            a, b = lines[i]
            next_line_is_marker = k + 1 < len(hits) and hits[k + 1][0] == i + 1
            title, title_start, body_start = _title_of(text, a, b, a + marker.length, next_line_is_marker)
            while stack and stack[-1][0].rank >= marker.rank:
                stack.pop()
            # the open provision's path is the numbers of the markers open above this one
            path = (stack[-1][1].path if stack else prefix) + (marker.label,)
            end = lines[hits[k + 1][0]][0] - 1 if k + 1 < len(hits) else end_of_body
            prov = Provision(path, marker.kind, a, max(end, b), title, title_start, body_start)
            if stack:
                stack[-1][1].children.append(prov)
            elif attachment is not None:
                attachment.children.append(prov)
            stack.append((marker, prov))
            provisions.append(prov)
        if n == 0:
            body_end = end_of_body
    first_line = segments[0][2][0][0]
    return Outline(provisions, lines[first_line][0], body_end if segments else len(text), attachments)


def _attachment(text: str, lines: list[tuple[int, int]], at: int, first_hit: int, path: tuple[str, ...]) -> Provision:
    """The attachment opened on line ``at`` whose first provision is on line ``first_hit``. Its title is the name
    the label line gives (附件:办理细则) or the one short line between it and the first provision (附件⏎办理细则)."""
    a, b = lines[at]
    named = _ATTACHMENT.match(text, a, b)
    title, title_start = None, b
    if named is not None and text[named.end():b].strip():
        x, y = named.end(), b
    else:
        between = [(x, y) for x, y in lines[at + 1:first_hit] if text[x:y].strip()]
        x, y = between[0] if len(between) == 1 else (b, b)
    if 0 < len(text[x:y].strip()) <= _ATTACHMENT_TITLE_MAX:  # a longer line is the attachment's text, not its name
        title, title_start = text[x:y].strip(), x
    # like any provision it ends where the next one (its first) starts; its own text is what stands between
    body_start = title_start + len(title) if title else b
    return Provision(path, "attachment", a, max(lines[first_hit][0] - 1, b), title, title_start, body_start)


def _segment_last_line(lines: list[tuple[int, int]], text: str, from_line: int) -> int:
    """The last line before the next attachment starts."""
    for i in range(from_line + 1, len(lines)):
        a, b = lines[i]
        if _attachment_label(text[a:b]) is not None:
            return i - 1
    return len(lines) - 1


def _drop_implausible(hits: list[tuple[int, Marker]]) -> list[tuple[int, Marker]]:
    """Keep a marker only when it could continue a numbering sequence.

    A stray "(2)" in a title is not a provision; a real sequence starts at one
    or continues the previous number of its kind, possibly across a parent
    (003 numbers 1-96 through its sections; a plan may number its items 1-3
    across two 方面). An excerpt may begin in the middle of a sequence: a first
    number followed by its successor (43. then 44.) starts a run. So does a number
    past a gap (items the page ran onto the line above, or lost: 15. then 18., 19.),
    or one printed twice where the next is two on (2., 2., 4.: a misprinted 3.). Under
    a new heading a numbering that restarts may have lost its 1. (OCR: "1降低…"),
    and a run 2., 3. starts there.
    """
    last_value: dict[str, int] = {}
    kept: list[tuple[int, Marker]] = []
    headed: set[str] = set()  # the kinds a marker of a higher level came after since their last number
    misread: list[tuple[int, int, Marker]] = []  # (where among ``kept`` it stands, line, marker): for ``_read_by_place``
    damaged: set[str] = set()  # the kinds a damaged marker may be of, since the last kept marker of each
    for k, (i, marker) in enumerate(hits):
        if not marker.value:  # a damaged marker: numbered by its place or not at all
            misread.append((len(kept), i, marker))
            damaged.update(_KINDS_OF.get(marker.kind, (marker.kind,)))
            continue
        prev = last_value.get(marker.kind)
        plausible = marker.value == 1 or (prev is not None and marker.value in (prev + 1, prev + 2))
        if not plausible and prev is None and marker.kind in ("cn", "chapter", "article") and marker.value <= 3:
            plausible = True  # a document may begin its numbering after an unnumbered part
        restart = marker.kind in headed and marker.value <= 3
        if restart and marker.value == 2 and marker.kind in damaged:
            plausible = True  # a new list whose 1 the page damaged ("()" then "(二)")
        if not plausible and (prev is None or marker.value >= prev or restart):
            # (a number below the last is a list quoted inside an item, unless a heading came between)
            following = next((m for _, m in hits[k + 1:] if m.kind == marker.kind), None)
            if prev is None or marker.value > prev or restart:
                plausible = following is not None and following.value == marker.value + 1
            else:
                plausible = following is not None and following.value == marker.value + 2
        if not plausible:
            misread.append((len(kept), i, marker))
            continue
        last_value[marker.kind] = marker.value
        kept.append((i, marker))
        damaged.discard(marker.kind)
        headed.discard(marker.kind)
        headed |= _KINDS_BELOW[marker.rank]
    return _read_by_place(kept, misread) if misread else kept


def _read_by_place(kept: list[tuple[int, Marker]], misread: list[tuple[int, int, Marker]]) -> list[tuple[int, Marker]]:
    """The markers a page misprinted, read as the number their place implies where their neighbours of the same
    kind make it clear: (九) (+) (十一) is (十); (二十八) (一十九) (三十) is (二十九), a number that fits nowhere
    there; "二、" after "一、" where "三、" follows is 二. A damaged marker, which has no value of its own, right
    before a 2 is the 1 of a list that starts there ("一)" then "(二)"). One that its neighbours leave unclear (the
    gap is not one number, or two lines claim it) stays no marker: no number is made up."""
    readings: dict[int, list[tuple[str, int, Marker]]] = {}  # line -> the numbers its place could give it
    for at, i, marker in misread:
        kinds = _KINDS_OF.get(marker.kind, (marker.kind,))
        # "()" is of the bracketed kind that comes next ("()" then "(二)": (一), not (1))
        for kind in kinds if len(kinds) == 1 else [next((m.kind for _, m in kept[at:] if m.kind in kinds), kinds[0])]:
            if kind not in _RELABELLED:
                continue
            before = next((m.value for _, m in reversed(kept[:at]) if m.kind == kind), None)
            after = next((m.value for _, m in kept[at:] if m.kind == kind), None)
            if after is not None and before is not None and after == before + 2:
                value = before + 1
            elif after == 2 and not marker.value:
                value = 1
            else:
                continue
            readings.setdefault(i, []).append((kind, value, _labelled(marker, kind, value)))
    claimed = Counter((kind, value) for found in readings.values() for kind, value, _ in found)
    read = [(i, found[0][2]) for i, found in readings.items()
            if len(found) == 1 and claimed[found[0][:2]] == 1]
    return sorted(kept + read, key=lambda hit: hit[0]) if read else kept
