"""The one place where Chinese policy text is normalised.

Every parser works on the text this module produces, and every offset a
parser reports is mapped back to the source text through ``CleanText``, so
provenance spans always point into the file as it was read.

What normalisation does, in order:
0. the lines a browser prints on every page of a page printed from it (the
   address with the page's count, 3/5, counting on from page to page; the
   time and the page's title every page opens with) are left out with the
   blank lines around them, so the lines either side meet as a page's cut
   lines do (``_drop_browser_lines``); a division-of-labour table whose
   columns are aligned with runs of spaces
   (``tables.space_aligned_tables``) is written as tab-separated rows, one line
   a row, the pieces of a wrapped cell joined (its offsets map to each piece);
1. width folding (NFKC: full-width ASCII, ideographic space, Kangxi
   radicals), keeping circled list numbers and removing control characters;
   then a line written a character at a time, a space between every two
   ("到 2 0 2 5 年", a justified line), is closed up, the spaces between its
   digits and letters too (those step 4 keeps are a text's own);
2. converter and page artefacts: markdown heading marks and bold markers,
   horizontal rules, page numbers such as "— 3 —";
3. junk header lines (an advertising line and a phone number above the
   document header);
4. spaces inside Chinese text ("到 2025 年", "省商 务厅") are dropped; a space
   between two Latin letters or digits is kept; tabs are kept (table cells);
   spaces after a heading's number in place of its mark ("一 加大支持力度",
   "二 优化营商环境", "1 加快建设产业园区", "2 完善配套") become the mark, so the
   number is not run into its heading, and an Arabic one run into its text
   ("01实施差异化供地", "02支持盘活…") takes one;
5. a paragraph broken by a page break ("积\\n\\n极", "市工业和信息化\\n\\n局")
   is joined again; one paragraph becomes one line; in a text hard-wrapped at a
   page's width (taken from a PDF: lines of one length, a paragraph's last line
   shorter), a line cut at the width goes on on the next whatever it ends with
   (a full stop, a heading's words, a title's 措施), unless that line stands on
   its own (a number, a clause's label, a date, the issuer's name); a
   provision's number alone on its line ("1.\\n加快建设产业园区。…",
   "3.\\n2025年底前,建成…" where 3 counts on from 2 or up to 4) is joined to
   its text below;
6. a provision's number run onto the line before it, after the clause that
   closes the item before ("…(责任单位:市住建局)(十一)推动…"), starts a line.
"""
from __future__ import annotations

import re
import sys
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Final

import numpy as np

from .char_classes import class_table, classes_of, code_units
from .clause_words import clause_words, sre_parse
from .numerals import chinese_to_int, int_to_chinese
from .outline import match_marker
from .sorted_search import bisect_right
from .tables import AlignedTable, cell_per_line_breaks, space_aligned_tables

if TYPE_CHECKING:
    from .departments import DepartmentCatalog

# --- character folding -------------------------------------------------------

# Circled numbers are list markers in Chinese documents; NFKC would turn
# "①建设100个" into "1建设100个" and invent a quantity.
_KEEP = {chr(c) for c in range(0x2460, 0x24FF)} | {"〔", "〕"}


def _build_fold_tables() -> tuple[dict[int, str], dict[str, str]]:
    one_to_one: dict[int, str] = {}
    expanding: dict[str, str] = {}
    for code in range(0x80, 0x10000):
        ch = chr(code)
        if ch in _KEEP or unicodedata.category(ch) == "Cs":
            continue
        folded = unicodedata.normalize("NFKC", ch)
        if folded == ch:
            continue
        if len(folded) == 1:
            one_to_one[code] = folded
        else:
            expanding[ch] = folded
    one_to_one[0x3000] = " "
    one_to_one[0x2236] = ":"  # RATIO "∶", printed for a colon after 责任单位 by some converters
    one_to_one[0xA0] = " "
    return one_to_one, expanding


_FOLD_1TO1, _FOLD_EXPAND = _build_fold_tables()
_EXPAND_RE = re.compile("[" + "".join(re.escape(c) for c in sorted(_FOLD_EXPAND)) + "]")


def _char_class(codes: list[int]) -> str:
    """A regex character class of ``codes``, as ranges."""
    codes = sorted(codes)
    parts: list[str] = []
    i = 0
    while i < len(codes):
        j = i
        while j + 1 < len(codes) and codes[j + 1] == codes[j] + 1:
            j += 1
        parts.append(re.escape(chr(codes[i])) + (f"-{re.escape(chr(codes[j]))}" if j > i else ""))
        i = j + 1
    return "[" + "".join(parts) + "]"


# any character ``fold`` changes: text that is already clean (every parser's) has none and is returned as it is
_FOLDABLE = re.compile(_char_class(list(_FOLD_1TO1) + [ord(c) for c in _FOLD_EXPAND]))
# (one foldable character, then any more: the same runs as ``[…]+``, but a pattern that opens with a class is
# searched by skipping along to the class's characters; one that opens with a repeat is tried at every one)
_FOLDABLE_RUN = re.compile(_FOLDABLE.pattern + _FOLDABLE.pattern + "*")
# the characters ``fold`` changes that NFKC leaves as they are (the ratio sign, folded by hand): the others
# are each changed by NFKC, so a text NFKC would leave as it is holds none of them (``_nothing_to_fold``)
_FOLDED_BEYOND_NFKC = tuple(c for c in map(chr, _FOLD_1TO1) if unicodedata.is_normalized("NFKC", c)) + \
    tuple(c for c in _FOLD_EXPAND if unicodedata.is_normalized("NFKC", c))


# angle brackets a converter printed for parentheses inside Chinese text (各县<市、区>政府, 有关区政府<管委会>,
# 6 real-corpus texts, 4 of them in responsibility clauses): parentheses, which the clause and name readers know
# (the character before the < looked back at from after it: a pattern that opens with a lookbehind is tried at every
# character, one that opens with the < is skipped along to it)
_ANGLE_PARENTHESES = re.compile(r"<(?<=[\u4e00-\u9fff]<)([\u4e00-\u9fff、]{1,8})>")


def _spaced_numeral_marks(text: str):
    """``rewrite``'s replacement for ``_SPACED_NUMERAL``: a 、 for the spaces after a number that counts on from,
    or up to, another such number in ``text`` (一 and 二 opening lines: headings numbered so); any other number
    is left to run into its line (a word that opens a line, as 十 分 or 一 是 would)."""
    values = {m.start(): chinese_to_int(m.group(1)) for m in matches_from(_SPACED_NUMERAL, text, _NUMERAL_LINE_STARTS)}
    counted = set(values.values())
    kept = {at for at, v in values.items() if v is not None and (v - 1 in counted or v + 1 in counted)}
    return lambda m: m.group(1) + "、" if m.start() in kept else m.group()


def _unmarked_number_marks(text: str, cut_ends: frozenset[int] = frozenset()
                           ) -> Callable[[re.Match[str]], str] | None:
    """``rewrite``'s replacement for ``_UNMARKED_NUMBER``: a 、 for the spaces after an Arabic number that opens a
    line ("1 加快建设…", "02 鼓励…"), or after one run into its text ("01实施差异化供地…", "1降低贷款首付比例": a
    page whose numbers stood apart, as badges, lost the space), where the numbers so printed count on: the one
    before it in the text is one less, or the one after it one more (a 1 where a 2 is so printed: a numbering
    that restarts under a heading may have one item). A quantity that opens a line ("3 个工作日内", "10 万元") is
    no match, and a year ("2023 年") none either; a number alone in its sequence is a word of its line, as before.
    Numbers run into their text are left alone in a text that numbers lines with a mark as well (1. 2.): they
    list papers or steps inside its items, and would break its numbering. A number on a line after one cut at a
    page's width (``cut_ends``: their last characters) goes on with that line's sentence ("…建成运行⏎1 座…"): it is
    no item's. None: no number to mark (most texts)."""
    matches = [m for m in matches_from(_UNMARKED_NUMBER, text, _DIGIT_LINE_STARTS)
               if not cut_ends or _last_text_before(text, m.start()) not in cut_ends]
    if any(m.end() == m.end(1) for m in matches) and next(matches_from(_MARKED_NUMBER, text, _DIGIT_LINE_STARTS), None):
        matches = [m for m in matches if m.end() > m.end(1)]  # (glued numbers beside marked ones: a list in an item)
    found = [(m.start(), int(m.group(1))) for m in matches]
    counts = any(v == 2 for _, v in found)
    kept = {at for k, (at, v) in enumerate(found) if v > 0 and (
        (k > 0 and found[k - 1][1] == v - 1) or (k + 1 < len(found) and found[k + 1][1] == v + 1) or (v == 1 and counts))}
    return (lambda m: m.group(1) + "、" if m.start() in kept else m.group()) if kept else None


def _folded_one_to_one(text: str, units: np.ndarray | None = None, classes: np.ndarray | None = None) -> str:
    """``_FOLDABLE_RUN.sub`` of each run with its ``translate(_FOLD_1TO1)``: each foldable character the text holds,
    found by a table lookup a character (``classes_of``), replaced throughout by ``str.replace`` (a document holds
    some fifty full-width marks of a handful of kinds). The pattern, which opens with a class of some 1,800
    characters, was tried at every character of the document and called back for each run; ``str.translate`` of
    the whole text looks each character up in the table's dict, dearer still. One replacement after another is one
    pass: no character folds into one that folds (NFKC's output is left as it is by NFKC, and those folded by hand
    fold into ASCII). ``units`` and ``classes``: the text's ``code_units`` and their ``_CHARACTER_TABLE`` entries,
    when they are at hand."""
    if units is None or classes is None:
        units = code_units(text)
        if units is None:  # (a character beyond the Basic Multilingual Plane: its offsets are not the code units')
            return _FOLDABLE_RUN.sub(lambda m: m.group().translate(_FOLD_1TO1), text)
        classes = _CHARACTER_TABLE.take(units)
    foldable = units[(classes & _FOLDABLE_BIT).astype(bool)]
    for code in np.unique(foldable).tolist():
        folded = _FOLD_1TO1.get(code)
        if folded is not None:  # (a character ``translate`` maps to nothing is no key of it)
            text = text.replace(chr(code), folded)
    return text


def _last_text_before(text: str, at: int) -> int:
    """The offset of the last character before ``at`` that is no space or line break (-1: none)."""
    k = at - 1
    while k >= 0 and text[k] in " \t\n":
        k -= 1
    return k


def _nothing_to_fold(text: str, codes: np.ndarray | None = None) -> bool:
    """Does ``text`` hold no character ``fold`` changes? Told by NFKC's own check (a table lookup a character,
    and most documents are NFKC already) rather than by a scan with the pattern of the ~1,800 characters, which
    costs several times as much. ``codes``: ``_CHARACTER_TABLE``'s entries for a text ``text`` was made from by
    leaving characters out or adding ASCII ones; where they hold no foldable character, neither does ``text``
    (told without the check: ``clean_document`` looked its characters up for the control characters)."""
    if codes is not None and not (codes & _FOLDABLE_BIT).any():
        return True
    return unicodedata.is_normalized("NFKC", text) and not any(c in text for c in _FOLDED_BEYOND_NFKC)


def fold(s: str) -> str:
    """Width-fold a short string (a name, a cell) without offset tracking."""
    if not _FOLDABLE.search(s):
        return s
    s = s.translate(_FOLD_1TO1)
    return _EXPAND_RE.sub(lambda m: _FOLD_EXPAND[m.group()], s)


def compact(s: str | None) -> str:
    """A name or short phrase as compared: folded, with all whitespace removed."""
    if not s:
        return ""
    # str.split() cuts at exactly the characters \s matches (str.isspace), and faster than re.sub
    return "".join(fold(s).split())


def compact_clean(s: str) -> str:
    """``compact`` of a piece of a text ``clean_document`` made: it holds no character ``fold`` changes (every
    one was folded into characters it leaves), so only its whitespace goes, without the search for them (a
    scan of a provision's whole text with a pattern of ~1,800 characters)."""
    return "".join(s.split())


# --- offset maps ---------------------------------------------------------------


@dataclass(init=False)
class OffsetMap:
    """Maps offsets of a derived text to offsets of the text it came from.

    The derived text is a sequence of segments; a segment either copies a
    range of the source (offsets move together) or replaces one (every offset
    inside maps to the replaced range).
    """

    dst: list[int]
    src: list[int]
    src_end: list[int]
    copied: list[bool]
    length: int

    # (its own __init__: the compiled build makes it a C function, where the dataclass's generated one runs as Python,
    # some 2,000 instructions a map, and a document makes a dozen)
    def __init__(self, dst: list[int] | None = None, src: list[int] | None = None, src_end: list[int] | None = None,
                 copied: list[bool] | None = None, length: int = 0) -> None:
        self.dst = [] if dst is None else dst
        self.src = [] if src is None else src
        self.src_end = [] if src_end is None else src_end
        self.copied = [] if copied is None else copied
        self.length = length

    def add(self, dst: int, src: int, src_end: int, copied: bool) -> None:
        self.dst.append(dst)
        self.src.append(src)
        self.src_end.append(src_end)
        self.copied.append(copied)

    @classmethod
    def unchanged(cls, length: int) -> "OffsetMap":
        """The map of a text to itself (one copied segment), as ``rewrite`` makes it when nothing matches."""
        return cls([0], [0], [length], [True], length)

    def start(self, i: int) -> int:
        if not self.dst:
            return i
        k = _segment_at(self.dst, i)
        if self.copied[k]:
            return min(self.src[k] + (i - self.dst[k]), self.src_end[k])
        return self.src[k]

    def end(self, i: int) -> int:
        """Source offset for an exclusive end offset."""
        if i <= 0 or not self.dst:
            return self.start(i)
        k = _segment_at(self.dst, i - 1)
        if self.copied[k]:
            return min(self.src[k] + (i - self.dst[k]), self.src_end[k])
        return self.src_end[k]

    def is_identity(self) -> bool:
        """One copied segment from the start: every offset of the derived text is its own source offset."""
        return len(self.dst) == 1 and self.dst[0] == 0 and self.src[0] == 0 and self.copied[0]


def _all_within(offsets: list[int], length: int) -> bool:
    """Every offset of a text of ``length`` characters (min and max, built-ins, compare Python ints one by one
    through Python's protocol: ten times the cost of this loop compiled)."""
    for i in offsets:
        if i < 0 or i > length:
            return False
    return True


def _segment_at(dst: list[int], i: int) -> int:
    """The segment offset ``i`` falls in: the last of those starting at ``dst`` that starts at or before it (the
    first, for an offset before them all)."""
    lo = bisect_right(dst, i)
    return lo - 1 if lo > 0 else 0


def rewrite(text: str, pattern: re.Pattern[str], repl, starts: re.Pattern[str] | _LineOpening | None = None,
            needs: str | tuple[str, ...] | None = None) -> tuple[str, OffsetMap]:
    """re.sub that also records where every output character came from. ``starts``: the characters a
    match can start with, when ``pattern`` begins with no character of its own (a lookbehind, ``^``) and
    would be tried at every character. ``needs``: a string every match holds, or strings one of which
    every match holds; a text without any is not searched (a string is found at a fraction of the cost of
    a pattern's scan)."""
    out: list[str] = []
    omap = OffsetMap()
    # the map's columns appended to directly: a document's blank lines alone are thousands of segments
    dst, src, src_end, copied = omap.dst, omap.src, omap.src_end, omap.copied
    pos = 0
    n = 0
    # (typed: the offsets a match gives are then machine integers in the compiled build, the text sliced by them)
    matches: Iterable[re.Match[str]] = (
        () if needs is not None and not _holds_any(text, needs)
        else pattern.finditer(text) if starts is None else matches_from(pattern, text, starts))
    fixed = None if callable(repl) else repl
    for m in matches:
        new: str = repl(m) if fixed is None else fixed
        a, b = m.span()
        if new == text[a:b]:
            continue
        if a > pos:
            dst.append(n)
            src.append(pos)
            src_end.append(a)
            copied.append(True)
            out.append(text[pos:a])
            n += a - pos
        if new:
            dst.append(n)
            src.append(a)
            src_end.append(b)
            copied.append(False)
            out.append(new)
            n += len(new)
        pos = b
    if pos < len(text) or not dst:
        omap.add(n, pos, len(text), True)
        out.append(text[pos:])
        n += len(text) - pos
    omap.length = n
    return "".join(out), omap


def _holds_any(text: str, needs: str | tuple[str, ...]) -> bool:
    if isinstance(needs, str):
        return needs in text
    return any(word in text for word in needs)


def _blank_at_a_line_edge(text: str) -> bool:
    """Does a blank open or end a line of ``text``? Only such a blank is cut (``_TRAILING_WS``), and most texts hold
    blanks inside their lines only: they are found by str.find, a few a text, not by the pattern's class tried at
    each character (nor are the pairs of a blank and a line break sought, each in a scan of its own)."""
    last = len(text) - 1
    for blank in _BLANK_CHARS:
        at = text.find(blank)
        while at >= 0:
            if at == 0 or at == last or text[at - 1] == "\n" or text[at + 1] == "\n":
                return True
            at = text.find(blank, at + 1)
    return False


def _collapse_blank_lines(text: str) -> tuple[str, OffsetMap]:
    """``rewrite(text, _BLANK_LINES, "\n")``, the runs found by str.find: most documents set their paragraphs apart
    by a blank line, thousands of matches that the pattern's scan handed over one by one."""
    out: list[str] = []
    omap = OffsetMap()
    dst, src, src_end, copied = omap.dst, omap.src, omap.src_end, omap.copied
    size = len(text)
    pos = n = 0
    at = text.find("\n")
    while at >= 0:
        end = _past_blanks(text, at + 1, size)
        if end < size and text[end] == "\n":
            while end < size and text[end] == "\n":
                end = _past_blanks(text, end + 1, size)
            if at > pos:
                dst.append(n)
                src.append(pos)
                src_end.append(at)
                copied.append(True)
                out.append(text[pos:at])
                n += at - pos
            dst.append(n)
            src.append(at)
            src_end.append(end)
            copied.append(False)
            out.append("\n")
            n += 1
            pos = end
        at = text.find("\n", end)  # (none among the blanks passed)
    if pos < size or not dst:
        omap.add(n, pos, size, True)
        out.append(text[pos:])
        n += size - pos
    omap.length = n
    return "".join(out), omap


def _past_blanks(text: str, i: int, size: int) -> int:
    while i < size and (text[i] == " " or text[i] == "\t"):
        i += 1
    return i


def matches_from(pattern: re.Pattern[str], text: str,
                 starts: re.Pattern[str] | _LineOpening) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)`` for a pattern whose matches are never empty and always start with a
    character ``starts`` matches: tried at those characters only."""
    pos = 0
    while (found := starts.search(text, pos)) is not None:
        at = found.start()
        m = pattern.match(text, at)  # with the whole text: a lookbehind or ^ sees what stands before
        if m:
            yield m
            pos = m.end()
        else:
            pos = at + 1


@dataclass
class CleanText:
    """Normalised text of one document, with the way back to the source."""

    raw: str
    text: str
    maps: list[OffsetMap]
    # where lines start in ``text`` that each hold a whole row: a space-aligned table's, its wrapped cells joined,
    # and a numbered row of a table written one cell per line, its lines counted
    whole_rows: list[int] = field(default_factory=list)

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        a, b = start, end
        for omap in reversed(self.maps):
            a, b = omap.start(a), omap.end(b)
        return a, max(a, b)

    def raw_spans(self, starts: list[int], ends: list[int]) -> list[tuple[int, int]]:
        """``raw_span`` of each (start, end) pair, at once: a document's spans are mapped together, through the maps
        that move them (a numpy pass through every map cost more than these few hundred offsets each looked up:
        a numpy call costs a few thousand instructions, and most documents' maps are all of one copied segment
        but one)."""
        # a map of one copied segment leaves the offsets of its text as they are (not those beyond its end:
        # they are held to it), and offsets of the text stay in each text they are mapped back into
        inside = _all_within(starts, len(self.text)) and _all_within(ends, len(self.text))
        for omap in reversed(self.maps):
            if not (inside and omap.is_identity()):
                starts = [omap.start(i) for i in starts]
                ends = [omap.end(i) for i in ends]
        return [(a, b if b > a else a) for a, b in zip(starts, ends)]

    def raw_slice(self, start: int, end: int) -> str:
        a, b = self.raw_span(start, end)
        return self.raw[a:b]


# --- document cleaning ---------------------------------------------------------

# control characters, zero-width marks, and bidirectional overrides and isolates (U+202A-E, U+2066-9, U+061C):
# a title carrying U+202E prints reversed in a terminal or a page, so they go with the rest
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069\u061c\ufeff\r]")
# by code point: whether a character is a control character (_CONTROL_BIT), whether fold changes it (_FOLDABLE_BIT)
# and whether it folds into more than one (_EXPANDING_BIT)
_CHARACTER_TABLE = class_table(_CONTROL, _FOLDABLE, _EXPAND_RE)
_CONTROL_BIT, _FOLDABLE_BIT, _EXPANDING_BIT = 1, 2, 4
_MARKDOWN = re.compile(r"(?m)^[ \t]*#{1,6}[ \t]*|\*\*|__|^[ \t]*(?:-{3,}|\*{3,}|_{3,})[ \t]*$")
_PAGE_NUMBER = re.compile(r"(?m)^[ \t]*(?:[-—–―]+[ \t]*\d{1,4}[ \t]*[-—–―]+|第[ \t]*\d{1,4}[ \t]*页(?:[ \t]*[,，/]?[ \t]*共[ \t]*\d{1,4}[ \t]*页)?)[ \t]*$")
# A space is kept only between two Latin letters/digits ("Figure 3", "CT scanner").
_SPACES = re.compile(r"(?<![A-Za-z0-9]) +| +(?![A-Za-z0-9])")
# (?<![ \t]) lets a match start only at the head of a run: a long run of tabs inside a line stays linear
_TRAILING_WS = re.compile(r"(?m)(?<![ \t])[ \t]+$|^[ \t]+(?=\S)(?![^\n]*\t)")
# the characters a match of each can start with
_MARKDOWN_STARTS = re.compile(r"[ \t#*_-]")


class _LineOpening:
    """``matches_from``'s ``starts`` for a pattern that matches only where a line starts (``(?m)^``): the line
    starts at or after a position that open with one of ``chars``. They are found by a search that opens with
    the line break before them, a literal sought a few instructions a character, where a class of ``chars`` is
    tried at every one (and finds the many blanks and dashes inside lines)."""

    def __init__(self, chars: str) -> None:
        self.chars = chars
        self._after_break = re.compile(r"\n(?=[" + re.escape(chars) + "])")

    def search(self, text: str, pos: int = 0) -> "_LineStart | None":
        if pos == 0 and text[:1] and text[0] in self.chars:
            return _LineStart(0)
        m = self._after_break.search(text, max(pos - 1, 0))  # (the break before a line start at pos or later)
        return _LineStart(m.end()) if m else None


@dataclass(init=False)
class _LineStart:
    at: int

    def __init__(self, at: int) -> None:  # (a C function in the compiled build: see OffsetMap)
        self.at = at

    def start(self) -> int:
        return self.at


_PAGE_NUMBER_STARTS = _LineOpening(" \t-—–―第")
_BLANKS = re.compile(r"[ \t]")
# strings one of which every match of each holds (``rewrite``'s ``needs``): a text with none is not scanned
_MARKDOWN_NEEDS = ("#", "**", "__", "---")
_PAGE_NUMBER_NEEDS = ("-", "—", "–", "―", "页")
_BLANK_CHARS = (" ", "\t")
_SPACE = re.compile(" ")
# a heading's Chinese number followed by spaces where 、 was ("一 加大支持力度"): the spaces dropped below would
# run the number into its heading ("一加大支持力度") and lose it
_SPACED_NUMERAL = re.compile(r"(?m)^([一二三四五六七八九十]{1,3}) +(?=[\u4e00-\u9fff])")
# (the lines that open with a numeral, sought from the break before them: ``(?m)^`` alone was tried at every
# character of each text with a space)
_NUMERAL_LINE_STARTS = _LineOpening("一二三四五六七八九十")
# an item's Arabic number followed by spaces where its mark was ("1 加快建设…", "02 鼓励…"; full-width digits and
# the ideographic space are folded to these above), or run into its text ("01实施…"), not a quantity ("3 个工作日内",
# "10 万元", "2 套住房") nor a year (four digits): the spaces dropped below would run the number into its text and
# lose it. (A unit that opens an item's words as well is a quantity only where that word is not: 个人, 家庭, 人才,
# 户籍, 项目, 多孩…)
_QUANTITY_WORD = (r"[万亿元倍岁米吨亩套次号层栋辆]|千(?!方)|百(?![姓强])|天(?![府津然])|日(?![常益])|个(?![人贷税性体别])"
                  r"|年(?!度)|月(?![供还平度])|家(?![庭装电具政居乡族])|人(?:次|(?![\u4e00-\u9fff]))|名(?![下单额称])"
                  r"|户(?![籍型口])|项(?!目)|余(?!额)|多[个家万亿千百元人名户套项次年月日天]|条(?![件例款])|小时|平方|公[里顷斤]")
_UNMARKED_NUMBER = re.compile(r"(?m)^(\d{1,2}) *(?!" + _QUANTITY_WORD + r")(?=[\u4e00-\u9fff])")
_DIGIT_LINE_STARTS = _LineOpening("0123456789")
_MARKED_NUMBER = re.compile(r"(?m)^\d{1,3}[、.．](?!\d)")  # (an item's Arabic number with its mark)
_BLANK_LINES = re.compile(r"\n[ \t]*(?:\n[ \t]*)+")
# the spaces between a report's signers and its number printed after them (签发人:张三 李四  湘政发〔2023〕12号): once
# spaces go, the last signer's name would run into the number's (李四湘政发〔2023〕12号)
_SPACES_BEFORE_NUMBER = re.compile(r"(?m) +(?=[\u4e00-\u9fff]{1,12} *[〔\[【(（] *\d{4} *[〕\]】)）] *\d{1,4} *号$)")
_SIGNER_OPENING = re.compile(r"[ \t]*签 *发 *人 *[:：]")


# A line, or a run of one, written a character at a time with a space between every two (a converter's justified
# line, a letter-spaced title): "到 2 0 2 5 年 … 达 到 1 0 万 辆". The pass below that drops spaces keeps those between
# two digits or letters, and would leave 2025 cut into 2 0 2 5; so a run's own spaces go first, those after every
# other character of it (the characters between may be the line's own spaces or tabs: "序 号   重 点" was "序号 重点").
# A run is sought from a space beside a CJK character (the real corpus's texts hold single spaces between two digits
# or letters only inside Latin words and numbers, never in such a run) and holds that space and at least
# ``_LETTER_SPACED_MIN`` characters; a character at either end run into the word beside it ("建设局 南 宁",
# "附件 1 2 3 2023年") is that word's, and no part of the run.
_LETTER_SPACED_AT = re.compile(r" (?:(?<=[\u4e00-\u9fff] )(?=\S)|(?<=\S )(?=[\u4e00-\u9fff]))")
_LETTER_SPACED_MIN = 4


def _letter_spaced_runs(text: str) -> tuple[str, OffsetMap] | None:
    """The runs of ``text`` written a character at a time, their spaces between characters left out (each
    character a copied segment of its own). None: no such run (most texts)."""
    omap = OffsetMap()
    out: list[str] = []
    n = pos = 0
    size = len(text)
    m = _LETTER_SPACED_AT.search(text)
    while m is not None:
        s = m.start() - 1  # the run's first character and its last, every other one from s to e
        while s >= 2 and text[s - 1] == " " and text[s - 2] != "\n":
            s -= 2
        while text[s] in " \t":
            s += 2
        if s > 0 and text[s - 1] not in " \t\n":
            s += 2
        e = m.start() + 1
        while e + 2 < size and text[e + 1] == " " and text[e + 2] != "\n":
            e += 2
        while text[e] in " \t":
            e -= 2
        if e + 1 < size and text[e + 1] not in " \t\n":
            e -= 2
        if not (pos <= s < m.start() < e and e - s >= 2 * (_LETTER_SPACED_MIN - 1)):
            # (the next space: only a run's first and last spaces, where a character run into a word was left
            # out, or a short run's are passed over so, and each is walked once from each of them)
            m = _LETTER_SPACED_AT.search(text, m.end())
            continue
        if s > pos:
            omap.add(n, pos, s, True)
            out.append(text[pos:s])
            n += s - pos
        for k in range(s, e + 1, 2):
            omap.add(n, k, k + 1, True)
            n += 1
        out.append(text[s:e + 1:2])
        pos = e + 1
        m = _LETTER_SPACED_AT.search(text, pos)
    if not out:
        return None
    omap.add(n, pos, size, True)
    out.append(text[pos:])
    omap.length = n + size - pos
    return "".join(out), omap


def _signer_apart(text: str) -> Callable[[re.Match[str]], str]:
    """``rewrite``'s replacement for ``_SPACES_BEFORE_NUMBER``: a line break for the spaces on a line that opens with
    签发人:, which puts the number on a line of its own; any other such spaces are left to the pass that drops them."""
    def repl(m: re.Match[str]) -> str:
        start = text.rfind("\n", 0, m.start()) + 1
        return "\n" if _SIGNER_OPENING.match(text, start, m.start()) else m.group()
    return repl

# An advertising line is short; a long line that ends with a URL is content (a record with its source).
_JUNK_LINE_MAX = 80
_PHONE = re.compile(r"^[\s(（]*(?:\+?86[- ]?)?(?:\d{3,4}[- ]?)?\d{7,11}[\s)）]*$")
_URL = re.compile(r"(https?://|www\.|微信|公众号|扫码|关注|@\w+\.)", re.I)
# (a string every match of ``_URL`` holds, one of them: a line without any is not searched, the pattern, which opens
# with no character of its own, tried at each of its characters)
_URL_NEEDS: Final = ("//", ".", "微信", "公众号", "扫码", "关注")

# Numbering that starts a new provision or heading: never glue a line to one.
MARKER = re.compile(
    r"^(?:[一二三四五六七八九十百零〇]+[、.．]"
    r"|[(（][一二三四五六七八九十百零〇]+[)）]"
    r"|\d{1,3}(?:[、．]|\.(?!\d)|\.(?=[12]\d{3}年))"
    r"|[(（]\d{1,3}[)）]"
    r"|\d{1,2}[)）](?![\d%])"
    r"|第[一二三四五六七八九十百零〇\d]+[章节条部分篇]"
    r"|[\u2460-\u2473\u2474-\u2487])"
)
# the characters a line that MARKER matches can open with, a decimal digit aside (``str.isdecimal``: what \d matches)
_MARKER_OPENERS = frozenset("一二三四五六七八九十百零〇(（第" + "".join(map(chr, range(0x2460, 0x2488))))
_LABEL_LINE = clause_words().label_line  # "牵头单位:" opening a line (the words: data/clauses.toml)
_DATE_LINE = re.compile(r"^\S{0,30}?(?:\d{4}|[〇零一二三四五六七八九○]{4})年[\d一二三四五六七八九十]{1,3}月[\d一二三四五六七八九十]{1,3}日(?:印发)?$")
_PIPE_ROW = re.compile(r"^\|.*\|")
_BARE_NUMERAL = re.compile(r"^(?:[一二三四五六七八九十]{1,3}|\d{1,2})$")
_BARE_NUMERAL_MOST = 3  # (the longest line it matches: a line holds no line break for its $ to stand before)
# a provision's number alone on its line, its text on the next ("1.⏎加快建设产业园区。…", "(一)⏎…", "一、⏎…"); a
# chapter's or a section's number above its name is a layout of its own, and is left as it stands
_LONE_MARKER = re.compile(MARKER.pattern.replace("[章节条部分篇]", "条") + r"$")
_CJK_OPENING = re.compile(r"[\u4e00-\u9fff]")
_CELL_MAX = 20  # the longest line taken for a cell of a table written one cell per line
_TERMINAL = set("。！？!?；;")
# the words an organisation's name ends with (a government, an office, a bureau, a centre; 中共中央, the Party's
# Central Committee, whose name ends with none of them; 工商联, the federation of commerce that issues with ministries,
# as 联 alone ends no name: 关联)
ORG_WORDS = ("政府", "办公室", "办公厅", "委员会", "领导小组", "委", "厅", "局", "办", "部", "院", "中心", "公署", "中共中央",
             "工商联")
# a signer's name alone on its line, below the text it signs
_SIGNER_LINE = re.compile(r"[\u4e00-\u9fff()（）]{2,40}(?:" + "|".join(ORG_WORDS + ("行", "署")) + ")")
# A title ends with the kind of document it is; the line after it is never its continuation. (建议: a party
# committee's proposals for a five-year plan, the largest documents of a planning round; 通报: a circular.)
DOC_KINDS = ("通知", "意见", "方案", "措施", "举措", "办法", "规定", "细则", "规划", "计划", "决定", "批复", "要点", "任务",
             "清单", "函", "公告", "通告", "通报", "报告", "纲要", "条例", "规则", "指引", "指南", "政策", "建议")
DOC_KIND = "(?:" + "|".join(DOC_KINDS) + ")"
ENDS_AS_TITLE = re.compile(DOC_KIND + r"(?:[(（][^()（）]{2,20}[)）])?$")

# A saved web page's path to the document above its headline (当前位置:首页 >> 专题专栏 >> …)…
_BREADCRUMB = re.compile(r"^(?:当前位置|您的位置|您现在的位置|现在的位置|所在位置|当前页面)\s*[:：]|^\s*(?:>|》|→)|>>|>\s*首页|首页\s*>")
# words one of which every match holds: the pattern, tried at every character of a line, is sought only in a line
# that holds one (most lines hold none)
_BREADCRUMB_WORDS = (">", "》", "→", "位置", "当前页面")


# and the line of its facts below the headline (时间:2023-07-11 浏览次数: 信息来源: …)
_PAGE_FACTS = re.compile(r"(?:发布时间|发布日期|更新时间|时间|日期)\s*[:：]\s*\d{4}-\d{1,2}-\d{1,2}|浏览次数|访问量|阅读量|点击数|"
                         r"信息来源\s*[:：]|【\s*字体|字号\s*[:：]\s*[大中小]|打印本页|分享到")
_PAGE_FACTS_WORDS = ("时间", "日期", "浏览次数", "访问量", "阅读量", "点击数", "信息来源", "字体", "字号", "打印本页", "分享到")
_PAGE_FACTS_MAX = 120  # (a longer line is text that names one of them)


def is_breadcrumb(line: str) -> bool:
    """Is ``line`` a site's path to the page (当前位置:首页 >> …)?"""
    return any(word in line for word in _BREADCRUMB_WORDS) and _BREADCRUMB.search(line) is not None


def is_page_facts(line: str) -> bool:
    """Is ``line`` the line of a saved page's facts below its headline (时间:… 浏览次数:… 信息来源:…)?"""
    return len(line) <= _PAGE_FACTS_MAX and any(word in line for word in _PAGE_FACTS_WORDS) \
        and _PAGE_FACTS.search(line) is not None
_ENDS_AS_TITLE_REACH = sre_parse(ENDS_AS_TITLE.pattern).getwidth()[1]  # its longest match: sought in a line's tail
# the characters a line that ENDS_AS_TITLE finds something in ends with (the line break its $ may stand before
# too): the last of a kind, or a closing bracket
_TITLE_LAST: Final = frozenset([k[-1] for k in DOC_KINDS] + [")", "）", "\n"])
_DOC_NUMBER_LINE = re.compile(r"^\S{1,12}[〔\[【(（]\d{4}[〕\]】)）]\d{1,4}号$")
# a headline with the number run onto the title's end (…的通知》长金管委〔2026〕1号, …的通知——南住建〔2023〕466号): a line
# of the head as the number's own is
_NUMBER_AFTER_TITLE_END = re.compile(r"(?:》|——)\s*[^\s》—]{1,12}[〔\[【(（]\d{4}[〕\]】)）]\d{1,4}号$")


def _ends_with_doc_number(line: str) -> bool:
    """Is ``line`` a document number, or a headline that ends with one? (Asked of a line that ends with 号.)"""
    return _DOC_NUMBER_LINE.match(line) is not None or _NUMBER_AFTER_TITLE_END.search(line) is not None
# a report's number with its signer to the right (湘政发〔2023〕12号 签发人:张三 李四) or to the left (签发人:张三 李四
# 湘政发〔2023〕12号): a line of the head of its own
_SIGNED_NUMBER_LINE = re.compile(r"^\S{1,12}[〔\[【(（]\d{4}[〕\]】)）]\d{1,4}号\s*签发人[:：]|^签发人[:：].*号$")
# a saved page's line of document facts (索引号:… 发文字号:… 成文日期:…) is never part of a paragraph
_PAGE_FACTS_LINE = re.compile(r"(?:索引号|发文字号|发文机关|成文日期|发布日期|发布时间|信息来源|浏览次数)\s*[:：]")
_ADDRESSEE = re.compile(r"^[^。]{2,120}[:：]$")


def _drop_junk_header(text: str) -> tuple[str, OffsetMap | None]:
    """Advertising lines above the document header end with a phone number or URL."""
    seen = pos = 0
    cut = -1  # where the text goes on after the last such line
    while pos <= len(text):  # (line by line from the top: the whole text is not split for its first lines)
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        line = text[pos:end]
        pos = end + 1
        if not line.strip():
            continue
        seen += 1
        if seen > 6:
            break
        if len(line) <= _JUNK_LINE_MAX and (_PHONE.match(line) or _holds_any(line, _URL_NEEDS) and _URL.search(line)):
            cut = end + 1
    if cut < 0:
        return text, None
    omap = OffsetMap()
    omap.add(0, cut, len(text), True)
    omap.length = len(text) - cut
    return text[cut:], omap


# A page printed from a web browser carries on every page the lines the browser adds: the time and the page's title
# above the page's lines, the page's address and the page's count (3/5) below. Told by the text itself: a line that
# ends with a page's count and repeats on the pages with only the count changing (the counts on by one, of one
# total), or, printed without the count, the address alone on a line that ends the text and repeats above it; and
# the lines each page opens with while every page opens with the same ones (the time and the title on one line or on
# two), or (a page alone) the time it was printed. Such lines are no part of the document: they would cut a paragraph, a clause or a table in
# two, and be read for its title, its date or its issuer.
_PAGE_COUNT = re.compile(r"/(\d{1,3})[^\S\n]*(?=\n|$)")  # (opens with its literal: the text is skipped along to its /)
_PAGE_COUNT_LINE = re.compile(r"[^\S\n]*(?:(\S(?:[^\n]*\S)?)[^\S\n]+)?(\d{1,3})$")  # (what stands before the /)
_ADDRESS = re.compile(r"https?[:：]//|www\.")  # (a colon typed full-width too)
_PRINT_TIME = re.compile(r"(?:\d{4}[/-]\d{1,2}[/-]\d{1,2}|\d{1,2}/\d{1,2}/\d{2,4}),?\s+(?:上午|下午)?"
                         r"\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp][Mm])?(?:\s|$)")  # (matched on a stripped line)
_ADDRESS_ALONE = re.compile(r"[^\S\n]*(?:https?[:：]//|www\.)\S+[^\S\n]*")  # (a line that is an address and no more)
_HEAD_LINES_MOST = 3  # the most lines a browser prints above a page (the time and the page's title, one or two)


def _line_bounds(text: str, at: int) -> tuple[int, int]:
    """Where the line that holds ``at`` starts and ends (its line break)."""
    end = text.find("\n", at)
    return text.rfind("\n", 0, at) + 1, len(text) if end < 0 else end


def _browser_page_lines(text: str) -> list[tuple[int, int]]:
    """Where the lines a browser printed on each page of ``text`` start and end, in order (``_PAGE_COUNT``). Nothing
    for a text without them (most: no line ends with a page's count)."""
    # the lines that end with a count, by what stands before it and the total: (line start, line end, page)
    groups: dict[tuple[str, int], list[tuple[int, int, int]]] = {}
    for m in _PAGE_COUNT.finditer(text):
        start, end = _line_bounds(text, m.start())
        head = _PAGE_COUNT_LINE.fullmatch(text, start, m.start())
        if head is None:
            continue
        page, total = int(head.group(2)), int(m.group(1))
        if 1 <= page <= total:
            groups.setdefault((head.group(1) or "", total), []).append((start, end, page))
    footers: list[tuple[int, int]] = []
    for (head_words, _), found in groups.items():
        # the pages count on by one (a text may hold some of its pages only); a page alone shows its address
        if all(b[2] == a[2] + 1 for a, b in zip(found, found[1:])) \
                and (len(found) > 1 or _ADDRESS.search(head_words) is not None):
            footers.extend((start, end) for start, end, _ in found)
    if not footers:
        footers = _address_footers(text)
    if not footers:
        return []
    footers.sort()
    # the lines each page opens with, from the top, while they are the same on every page (the time, then the
    # page's title, when a browser prints them on lines of their own), or the time the page alone was printed
    heads: list[tuple[int, int]] = []
    tops = [0] + [end + 1 for _, end in footers[:-1]]
    time_alone = False
    for depth in range(_HEAD_LINES_MOST):
        firsts = [_first_text_line(text, top, start) for top, (start, _) in zip(tops, footers)]
        spans = [span for span in firsts if span is not None]
        if not spans:
            break
        lines = [text[a:b].strip() for a, b in spans]
        same = len(spans) > 1 and len(spans) == len(footers) and len(set(lines)) == 1 and "\t" not in lines[0]
        dropped = [(a, b) for (a, b), line in zip(spans, lines)
                   if same or (depth == 0 and _PRINT_TIME.match(line)) or (time_alone and _names_below(text, b, line))]
        heads += dropped
        if len(dropped) < len(footers):
            break
        # (a page alone printed with the time on a line of its own: the page's title below it, which opens with
        # the document's own first line under it)
        time_alone = depth == 0 and len(spans) == 1 and (time := _PRINT_TIME.match(lines[0])) is not None \
            and time.end() >= len(lines[0].rstrip())
        tops = [b + 1 for _, b in spans]
    return sorted(footers + heads)


def _names_below(text: str, end: int, line: str) -> bool:
    """Does ``line`` (ending at ``end``) open with the next line with text below it, as a page's title names the
    document under it?"""
    below = _first_text_line(text, end + 1, len(text))
    return below is not None and len(nxt := text[below[0]:below[1]].strip()) >= 4 and line.startswith(nxt)


def _first_text_line(text: str, pos: int, limit: int) -> tuple[int, int] | None:
    """Where the first line with text between ``pos`` (a line's start) and ``limit`` starts and ends; None: none."""
    while pos < limit:
        eol = text.find("\n", pos, limit)
        eol = limit if eol < 0 else eol
        if text[pos:eol].strip():
            return pos, eol
        pos = eol + 1
    return None


def _address_footers(text: str) -> list[tuple[int, int]]:
    """Where a browser printed the page's address alone below each page, without the page's count: the same line,
    an address and nothing else, that ends the text and stands above it once or more (a page alone: once, under a
    first line that is the time it was printed). Nothing for a text without such a line."""
    found: dict[str, list[tuple[int, int]]] = {}
    if "//" not in text and "www." not in text:
        return []  # (every address holds one: most texts none, told without the pattern tried at each character)
    pos = 0
    for m in _ADDRESS.finditer(text):
        if m.start() < pos:
            continue
        start, end = _line_bounds(text, m.start())
        pos = end
        if _ADDRESS_ALONE.fullmatch(text, start, end):
            found.setdefault(text[start:end].strip(), []).append((start, end))
    for lines in found.values():
        if text[lines[-1][1]:].strip():
            continue  # (the last page's address ends the text)
        if len(lines) > 1:
            return lines
        first = _first_text_line(text, 0, lines[0][0])
        if first is not None and _PRINT_TIME.match(text[first[0]:first[1]].strip()):
            return lines
    return []


def _drop_browser_lines(text: str) -> tuple[str, OffsetMap] | None:
    """``text`` without the lines a browser printed on its pages (``_browser_page_lines``) and the blank lines around
    them, so that the lines either side, a page's last and the next one's first, meet as a page's cut lines do (a
    paragraph cut by the page break goes on). None: no such line (most texts)."""
    if "/" not in text:
        return None
    found = _browser_page_lines(text)
    if not found:
        return None
    return _left_out(text, [_with_margin(text, a, min(b + 1, len(text))) for a, b in found])


def _with_margin(text: str, a: int, b: int) -> tuple[int, int]:
    """The line from ``a`` to ``b`` (after its line break) with the blank lines above and below it, a page's
    margin."""
    while a > 0:
        above = text.rfind("\n", 0, a - 1) + 1
        if text[above:a - 1].strip():
            break
        a = above
    while b < len(text):
        eol = text.find("\n", b)
        eol = len(text) if eol < 0 else eol
        if text[b:eol].strip():
            break
        b = min(eol + 1, len(text))
    return a, b


def _left_out(text: str, spans: list[tuple[int, int]]) -> tuple[str, OffsetMap]:
    """``text`` without the stretches ``spans`` (in order; two may overlap) and the map of what is kept."""
    omap = OffsetMap()
    out: list[str] = []
    n = pos = 0
    for a, b in spans:
        a = max(a, pos)
        if a > pos:
            omap.add(n, pos, a, True)
            out.append(text[pos:a])
            n += a - pos
        pos = max(pos, b)
    if pos < len(text) or not out:
        omap.add(n, pos, len(text), True)
        out.append(text[pos:])
        n += len(text) - pos
    omap.length = n
    return "".join(out), omap


# A printed document's PDF gives, on every page but its first, the line it repeats above each page (its number, its
# issuer's name) right after the page's number (第 2 页 共 5 页, - 2 -) below the page before. Told by the text
# itself: the line that follows every page's number but the last is the same line, twice or more, or once when it
# is a line of the text above the first page's number (a document of two pages). Such a line is no part of the
# document: it would cut a paragraph, a clause or a target in two at the page break.
_RUNNING_HEADER_MAX = 40  # the longest line taken for one (a number, a name; not a paragraph)
_MARKUP = re.compile(r"[\s#*]")


def _running_header_lines(text: str) -> list[tuple[int, int]]:
    """Where the running header's lines stand in ``text``, each with its line break; nothing for a text without one
    (most: no line is a page's number)."""
    after: list[tuple[int, int]] = []  # the first line with text after each page's number
    first_number = -1
    for m in matches_from(_PAGE_NUMBER, text, _PAGE_NUMBER_STARTS):
        if first_number < 0:
            first_number = m.start()
        pos = m.end() + 1
        while pos < len(text):
            end = text.find("\n", pos)
            end = len(text) if end < 0 else end
            if text[pos:end].strip():
                after.append((pos, end))
                break
            pos = end + 1
    if not after:
        return []
    lines = {text[a:b].strip() for a, b in after}
    line = lines.pop()
    if lines or len(line) > _RUNNING_HEADER_MAX or "\t" in line or _PAGE_NUMBER.match(line) or MARKER.match(line):
        return []
    if len(after) == 1:
        plain = _MARKUP.sub("", line)
        if not any(_MARKUP.sub("", above) == plain for above in text[:first_number].split("\n")):
            return []
    found = [(a, min(b + 1, len(text))) for a, b in after]
    # the same line opening the text is the printer's too when it stands as many lines above the first page's number
    # as it does above every other full page's (the last may be shorter): a document's own first line, which the
    # printer repeats above the later pages only, stands one line lower (the header is not above it)
    top = _first_text_line(text, 0, first_number)
    if top is not None and text[top[0]:top[1]].strip() == line:
        numbers = [m.start() for m in matches_from(_PAGE_NUMBER, text, _PAGE_NUMBER_STARTS)]
        above = {text.count("\n", a, n) for (a, _), n in zip(after, numbers[1:-1])}
        if above == {text.count("\n", top[0], first_number)}:
            found.insert(0, (top[0], min(top[1] + 1, len(text))))
    return found


def _drop_running_header(text: str) -> tuple[str, OffsetMap] | None:
    """``text`` without its running header (``_running_header_lines``), so that the page's number and the blank
    lines around it stand alone between a page's last line and the next one's first, as a page break does. None: no
    such line (most texts)."""
    if not _holds_any(text, _PAGE_NUMBER_NEEDS):
        return None
    found = _running_header_lines(text)
    if not found:
        return None
    return _left_out(text, found)


# A page exported to PDF by a site may carry one short line of the site's above every page, the first too (the
# section's name, the file's class), and no page number: a page break is told by the line alone. Told by the text
# itself: the line the text opens with stands again and again at one distance in lines, a page's (the last page
# may be shorter); a line of the document recurs so only by chance, or closer (a table's cells, one a line).
_PAGE_LINES_MIN = 15  # the fewest lines taken for a page
_PAGE_TITLES_MIN = 3  # the fewest pages that tell one distance (two distances)


def _page_title_lines(text: str) -> list[tuple[int, int]]:
    """Where the line repeated above every page of ``text`` stands, each with its line break; nothing for a text
    without one (most: the line it opens with is not found again as a line of its own)."""
    top = _first_text_line(text, 0, len(text))
    if top is None:
        return []
    line = text[top[0]:top[1]].strip()
    if not line or len(line) > _RUNNING_HEADER_MAX or text.count(line) < _PAGE_TITLES_MIN or "\t" in line \
            or _PAGE_NUMBER.match(line) or MARKER.match(line):
        return []
    found = [top]
    pos = top[1]
    while (at := text.find(line, pos)) >= 0:
        start, end = _line_bounds(text, at)
        pos = end + 1
        if text[start:end].strip() == line:
            found.append((start, end))
    if len(found) < _PAGE_TITLES_MIN:
        return []
    rows = [text.count("\n", a, b) for (a, _), (b, _) in zip(found, found[1:])]
    if len(set(rows)) > 1 or rows[0] < _PAGE_LINES_MIN or text.count("\n", found[-1][0]) > rows[0]:
        return []
    return [(a, min(b + 1, len(text))) for a, b in found]


def _drop_page_titles(text: str) -> tuple[str, OffsetMap] | None:
    """``text`` without the line repeated above its every page (``_page_title_lines``) and the blank lines around
    it, so that a page's last line and the next one's first meet as a page's cut lines do. None: no such line (most
    texts)."""
    found = _page_title_lines(text)
    if not found:
        return None
    return _left_out(text, [_with_margin(text, a, b) for a, b in found])


# A record exported with its fields on one line: "2023-01-19 00:00:00 | 【…】title | body | url", wherever it
# stands (a file's own head above it: a label, a title). Its body may run on over lines of its own; the address
# it was taken from ends its last line. A record opens with its date, and holds a time stamp or two more fields
# than that; a line of a table or a list (dated rows) is not alone in its shape: a record is.
_RECORD_LINE = re.compile(r"(?m)^(?P<date>\d{4}-\d{1,2}-\d{1,2})(?P<time>[ T]\d{1,2}:\d{2}(?::\d{2})?)?[ \t]+\|[ \t]")
# a field's bar, and the address fields when they end the line (where the record was taken from: no part of it)
_FIELD_BAR = re.compile(r"[ \t]+\|[ \t]+(?P<url>(?:https?://|www\.)[^\n|]*(?:[ \t]+\|[ \t]+(?:https?://|www\.)[^\n|]*)*"
                        r"(?=\n|$))?")


def _is_record_line(text: str, line_start: int) -> bool:
    m = _RECORD_LINE.match(text, line_start)
    if m is None:
        return False
    line_end = text.find("\n", line_start)
    line_end = len(text) if line_end < 0 else line_end
    if m.group("time") is None and len(_FIELD_BAR.findall(text, line_start, line_end)) < 2:
        return False
    return not any(_RECORD_LINE.match(text, k) for k in _neighbour_lines(text, line_start, line_end))


def _neighbour_lines(text: str, line_start: int, line_end: int) -> list[int]:
    """Where the nearest lines with text above and below the line start (a table's rows may be spaced out)."""
    out = []
    k = line_start - 1
    while k > 0:
        a = text.rfind("\n", 0, k) + 1
        if text[a:k].strip():
            out.append(a)
            break
        k = a - 1
    k = line_end
    while k < len(text):
        b = text.find("\n", k + 1)
        b = len(text) if b < 0 else b
        if text[k + 1:b].strip():
            out.append(k + 1)
            break
        k = b
    return out


def _record_field_break(m: re.Match[str]) -> str:
    """A record's fields each on a line of their own, and its address left out, on its first line or, after a
    body that ran on, at the end of its last."""
    text = m.string
    line_start = text.rfind("\n", 0, m.start()) + 1
    if _is_record_line(text, line_start):
        return "" if m.group("url") else "\n"
    if m.group("url") and any(_is_record_line(text, r.start()) for r in _RECORD_LINE.finditer(text, 0, line_start)):
        return ""
    return m.group()


# A document flattened onto one line (a web page's paragraphs run together): its own numbering,
# in sequence, tells where the provisions start.
_FLAT_LINE_MIN = 600
_FLAT_MARKER = re.compile(r"(?P<cn>(?<=[。;:)\]〕」”!?])[一二三四五六七八九十]{1,3}、)"
                          r"|(?P<paren>\([一二三四五六七八九十]{1,3}\))"
                          r"|(?P<article>(?<=[。;:)〕」”!?])第[一二三四五六七八九十百]{1,4}条)")
_FLAT_MARKER_STARTS = re.compile(r"[一二三四五六七八九十(第]")  # (what its matches start with, after the look back)


def _flattened_breaks(text: str) -> list[int]:
    """Where a provision starts inside a very long line: numbered markers that count 1, 2, 3…"""
    if max(map(len, text.split("\n"))) < _FLAT_LINE_MIN:
        return []  # (most documents: no line is that long, told by C loops rather than one here a line)
    breaks: list[int] = []
    pos = 0
    while pos <= len(text):  # (the lines measured where they stand: most are short, and not copied out)
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        if end - pos >= _FLAT_LINE_MIN:
            line = text[pos:end]
            last: dict[str, int] = {}
            found: list[int] = []
            for m in matches_from(_FLAT_MARKER, line, _FLAT_MARKER_STARTS):
                kind = m.lastgroup or ""
                value = chinese_to_int(re.sub(r"[^一二三四五六七八九十百]", "", m.group()))
                if value is not None and (value == 1 or value == last.get(kind, -1) + 1):
                    last[kind] = value
                    if m.start() > 0:
                        found.append(pos + m.start())
            if len(found) >= 3:
                breaks.extend(found)
        pos = end + 1
    return breaks


# A provision's number run onto the line of the item before it, right after that item's clause
# ("…(责任单位:市住建局)(十一)推动地下车位…"): a page that lost some of its line breaks. The clause
# closes the item before, so the number opens the next, a damaged one too ("(+)" for (十), "()": the outline reads
# it by its place).
_GLUED_NUMBER = r"(?:[(][一二三四五六七八九十百+]{0,4}[)]|[一二三四五六七八九十]{1,3}、|\d{1,3}[.、](?!\d))(?=[\u4e00-\u9fff])"
_GLUED_MARKER = re.compile(r"[)\]〕】]" + _GLUED_NUMBER)
_CLAUSE_REACH = 300  # the longest clause looked back over for its opening bracket
_OPENING = {")": "(", "]": "[", "〕": "〔", "】": "【"}
# ``_GLUED_MARKER`` for each closing bracket: a pattern that opens with one character is sought at about a cycle a
# character, one that opens with a class of four at several (the whole text is searched; most hold only ")")
_GLUED_AFTER = tuple((close, re.compile(re.escape(close) + _GLUED_NUMBER)) for close in _OPENING)


def _glued_markers(text: str) -> list[re.Match[str]]:
    """``_GLUED_MARKER.finditer(text)``, each closing bracket sought on its own. A number holds no closing bracket
    but the ")" that ends a "(十一)", and a CJK character must follow that one, where a number after it would
    open with "(": so no match of one bracket's starts inside another's that lies inside a third, and dropping
    the matches that start inside the one before, in order, leaves what one search leaves."""
    found: list[re.Match[str]] = []
    kinds = 0
    for close, pattern in _GLUED_AFTER:
        if close in text:
            kinds += 1
            found.extend(pattern.finditer(text))
    if kinds < 2:
        return found
    found.sort(key=lambda m: m.start())
    out: list[re.Match[str]] = []
    for m in found:
        if not out or m.start() >= out[-1].end():
            out.append(m)
    return out


def _glued_after_clause_breaks(text: str) -> list[int]:
    """Where a number glued after a responsibility clause's closing bracket starts its provision."""
    structure = clause_words().structure
    breaks = []
    for m in _glued_markers(text):
        close = text[m.start()]
        depth, k, floor = 0, m.start(), max(m.start() - _CLAUSE_REACH, 0)
        while k > floor and text[k] != "\n":
            if text[k] == close:
                depth += 1
            elif text[k] == _OPENING[close]:
                depth -= 1
                if depth == 0:
                    break
            k -= 1
        if depth == 0 and text[k] == _OPENING[close] and structure.search(text, k, m.start()):
            breaks.append(m.start() + 1)
    return breaks


# A provision whose number a web copy ran into the text of the one before (…服务消费环境(十六)推行…, …的家庭。
# 2.提高贷款额度…): the numbers that open lines count (十五), (十七), and the one between is printed once inside;
# it starts its provision there. Only that one number is sought, in its kind's printed form.
_GAP_FORMS = {"cn": ("{cn}、",), "paren_cn": ("({cn})",), "arabic": ("{n}.", "{n}、"), "paren_arabic": ("({n})",),
              "article": ("第{cn}条",)}
_GAP_OPENERS = frozenset("一二三四五六七八九十(第")
# what may stand right before a number run into a text: not a numeral, a digit or a list's 、 (第二、三条, 1.2), nor
# a closing bracket (after one that closes no clause a number is part of the sentence: "(见第三条)(二)", see
# ``_glued_after_clause_breaks``); and before a bare one (二、, 2.) a character or the end of a sentence
_NOT_BEFORE_A_NUMBER = frozenset("一二三四五六七八九十百零〇第、.(《“0123456789)]〕】")
_BEFORE_A_BARE_NUMBER = re.compile(r"[\u4e00-\u9fff。;:!?」”]")


def _gap_breaks(text: str) -> list[int]:
    """Where a provision starts whose number a web copy ran into the text before it (see ``_GAP_FORMS``)."""
    last: dict[str, tuple[int, int]] = {}  # kind -> the value of its last line-opening number, and where it ends
    breaks: list[int] = []
    pos = 0
    for line in text.split("\n"):
        head = line[:1]
        if (head in _GAP_OPENERS or head.isdecimal()) and "\t" not in line:
            marker = match_marker(line)
            if marker is not None and marker.kind in _GAP_FORMS:
                prev = last.get(marker.kind)
                if prev is not None and marker.value == prev[0] + 2:
                    at = _printed_inside(text, prev[1], pos, marker.kind, prev[0] + 1)
                    if at is not None:
                        breaks.append(at)
                last[marker.kind] = (marker.value, pos + marker.length)
        pos += len(line) + 1
    return breaks


def _printed_inside(text: str, start: int, end: int, kind: str, value: int) -> int | None:
    """Where number ``value`` of ``kind`` is printed once in text[start:end] as a provision's, if it is."""
    found = []
    for form in _GAP_FORMS[kind]:
        printed = form.format(cn=int_to_chinese(value), n=value)
        at = text.find(printed, start, end)
        while at >= 0:
            after = text[at + len(printed):at + len(printed) + 1]
            before = text[at - 1:at]
            # (a numeral after it makes a list of numbers: 推进二、三产业融合)
            if (before not in _NOT_BEFORE_A_NUMBER and before != "\n" and "\u4e00" <= after <= "\u9fff"
                    and after not in _NOT_BEFORE_A_NUMBER
                    and (printed[0] == "(" or _BEFORE_A_BARE_NUMBER.match(before))):
                found.append(at)
            at = text.find(printed, at + 1, end)
    return found[0] if len(found) == 1 else None


def _insert_breaks(text: str, positions: list[int], mark: str = "\n") -> tuple[str, OffsetMap]:
    """``mark`` put in at each of ``positions`` (in order; one twice: two marks there)."""
    omap = OffsetMap()
    out: list[str] = []
    n = prev = 0
    for p in positions:
        omap.add(n, prev, p, True)
        out.append(text[prev:p])
        n += p - prev
        omap.add(n, p, p, False)
        out.append(mark)
        n += 1
        prev = p
    omap.add(n, prev, len(text), True)
    out.append(text[prev:])
    omap.length = n + len(text) - prev
    return "".join(out), omap


_ROUND_OR_SQUARE = re.compile(r"[(〔)〕]")


def _unclosed_bracket(line: str) -> bool:
    if "(" not in line and "〔" not in line:
        return False
    depth = 0
    for ch in _ROUND_OR_SQUARE.findall(line):  # the other characters change nothing
        if ch in "(〔":
            depth += 1
        elif ch in ")〕":
            depth = max(depth - 1, 0)
    return depth > 0


def _continues(prev: str, nxt: str) -> bool:
    """Does ``nxt`` continue the paragraph ``prev`` that a page break cut?"""
    # (each pattern of the first checks is tried only where the line opens, or is as short, as its matches: most
    # lines open with a character no number does, and the calls cost more than the lines are long)
    if (nxt[:1] in _MARKER_OPENERS or nxt[:1].isdecimal()) and MARKER.match(nxt):
        # a numbered line is never glued on (the commonest answer, asked first: every check below gives it,
        # the bracket one included, and no bare numeral's line can go on with one)
        return False
    if len(prev) <= _BARE_NUMERAL_MOST and _BARE_NUMERAL.match(prev) and nxt[0] in "、.．":
        return True  # "一\n、降低家庭生育成本": a marker broken by the line end
    if len(prev) <= 6 and _LONE_MARKER.match(prev) and _CJK_OPENING.match(nxt) and "\t" not in nxt:
        return True  # "1.\n加快建设产业园区。…": a number alone on its line, its text on the next
    if not prev or not nxt or "\t" in prev or "\t" in nxt or (prev[0] == "|" and _PIPE_ROW.match(prev)) \
            or (nxt[0] == "|" and _PIPE_ROW.match(nxt)):
        return False  # table rows are joined by the table reader, cell by cell
    if "年" in nxt and nxt.endswith(("日", "印发")) and _DATE_LINE.match(nxt):  # (its lazy head is tried at 31
        return False  # lengths: it is tried only on a line that names a year and ends as a date does)
    if _unclosed_bracket(prev):
        return True  # (``nxt`` opens with no marker: asked above)
    if prev[-1] in _TERMINAL:
        return False  # (as below: a finished sentence is not continued; most lines end so, before the searches)
    if "《" in prev and prev.rfind("《") > prev.rfind("》") and MARKER.match(prev):
        # a provision's first line cut inside a title it cites ("第十八条…应当按照《住房和城⏎乡建设部…通知》"), read
        # as a heading with its body below; an unnumbered line left so is a headline cut short, with no rest below
        return True
    if prev.startswith("附件") and _SIGNER_LINE.fullmatch(nxt):
        return False  # the attachments' list above the signature: its issuers sign on lines of their own
    # (each pattern below is tried only on a line that ends, or holds, what every match of it does)
    # (a label closes with a colon: a line without one is not matched against it)
    if ((":" in nxt or "：" in nxt) and _LABEL_LINE.match(nxt)) or (nxt[-1] == "号" and _DOC_NUMBER_LINE.match(nxt)) \
            or (nxt[-1] in ":：" and _ADDRESSEE.match(nxt)):
        return False
    prev_colon = ":" in prev or "：" in prev
    if (prev[-1] in _TITLE_LAST and ENDS_AS_TITLE.search(prev, max(len(prev) - _ENDS_AS_TITLE_REACH, 0))) \
            or (prev[-1] == "号" and _ends_with_doc_number(prev)) \
            or ("签发人" in prev and _SIGNED_NUMBER_LINE.match(prev)) \
            or (prev_colon and _PAGE_FACTS_LINE.search(prev)):
        return False
    label = _LABEL_LINE.match(prev) if prev_colon else None
    if label and not prev[label.end():].strip():
        return True  # "牵头单位:" alone on its line: its units are on the next one
    last = prev[-1]
    if last in _TERMINAL or last in ":)]】〕":
        return False
    if last in "”\"'" and len(prev) > 1 and prev[-2] in _TERMINAL:
        return False
    if label:
        # "牵头单位：市工业和信息" broken by a page break before "化局"; but a sentence on the next
        # line ("各部门要…落实…。") is the next paragraph, not the rest of the list
        return not re.search(r"[。\d]", nxt) and not clause_words().structure.search(nxt)
    if len(prev) < 20:
        return False
    # A heading ("（三）xxx") has no full stop; its body starts on the next line.
    if MARKER.match(prev) and "。" not in prev:
        return False
    return True


# A text taken from a PDF has its lines cut at the page's width (GB/T 9704: 28 characters a line): most of its lines
# are of one length, give or take a narrow character or an indent the converter dropped, none much longer, and a
# paragraph's last line is shorter. Such a line says nothing of where its paragraph ends: a sentence, a heading or
# a title may be cut right after a full stop or a word a title ends with (规划, 措施).
_WRAP_WIDTHS = (20, 50)  # the narrowest and the widest page line taken for one
_WRAP_SLACK = 2  # a full line's length either side of the width
_WRAP_LINES_MIN = 4  # the fewest full lines that tell a width
_WRAP_LONG_SHARE = 0.75  # of the lines as long as a full one or longer, the share that are full
_WRAP_GOES_ON_SHARE = 0.5  # of the full lines, the share that go on on the next line, unnumbered


def _cut_line_ends(text: str) -> tuple[list[int], list[int]]:
    """Where the lines of a hard-wrapped text that were cut at its width end: the offset of each one's last character
    that is not a space, where the next line goes on with its text (directly, or after a page's number: a page
    break); and where a page's bare number stands between two such lines (its digit: "…贷款购⏎2⏎买住房…"). Nothing
    for a text whose lines are not of one width (most: one paragraph a line)."""
    lines = text.split("\n")
    # (most texts are told by their lines' lengths alone, which Python counts without a look at their characters:
    # too few lines of one width, or too many longer ones, were every line up to twice as long of that width on
    # the page)
    # (a dict counted here: a Counter's construction runs as Python, more than a document's few dozen lines cost)
    counts: dict[int, int] = {}
    for line in lines:
        length = len(line)
        counts[length] = counts.get(length, 0) + 1
    if "\t" in text:  # (a table's rows are laid out as rows, whatever the page's width; their lengths kept at 0)
        for line in lines:
            if "\t" in line:
                length = len(line)
                counts[length] = counts.get(length, 0) - 1
    width = most = 0
    for length, k in counts.items():
        if _WRAP_WIDTHS[0] <= length <= _WRAP_WIDTHS[1] and (k > most or (k == most and length > width)):
            width, most = length, k
    low, high = width - _WRAP_SLACK, width + _WRAP_SLACK
    if sum(k for length, k in counts.items() if low <= length <= high) < _WRAP_LINES_MIN \
            or sum(k for length, k in counts.items() if low <= length <= 2 * high) \
            < _WRAP_LONG_SHARE * sum(k for length, k in counts.items() if length >= low):
        return [], []
    full = [low <= _page_width(line, high) <= high and "\t" not in line for line in lines]
    longer = sum(1 for line, is_full in zip(lines, full) if not is_full and len(line) > high and "\t" not in line)
    if sum(full) < _WRAP_LONG_SHARE * (sum(full) + longer):
        return [], []
    ends: list[int] = []
    numbers: list[int] = []
    goes_on = 0
    starts = [0] * len(lines)
    for i in range(1, len(lines)):
        starts[i] = starts[i - 1] + len(lines[i - 1]) + 1
    for i, line in enumerate(lines):
        following = _next_page_line(lines, i) if full[i] else None
        if following is None:
            continue
        ends.append(starts[i] + len(line.rstrip()) - 1)
        if following == i + 2:  # (a page's bare number between the two)
            numbers.append(starts[i + 1] + len(lines[i + 1]) - len(lines[i + 1].lstrip()))
        if not MARKER.match(lines[following].lstrip()):
            goes_on += 1
    return (ends, numbers) if goes_on >= _WRAP_GOES_ON_SHARE * sum(full) else ([], [])


def _page_width(line: str, high: int) -> int:
    """How many characters of a page ``line`` takes: its length, but a line longer than ``high`` counts a narrow
    character (a digit, a Latin letter) as half of one, as a PDF sets it (…≧144m2补贴5万元,100 takes 28)."""
    if len(line) <= high or len(line) > 2 * high:
        return len(line)  # (one more than twice as long takes more than ``high`` however narrow)
    return len(line) - len(line.encode("ascii", "ignore")) // 2


_BARE_PAGE_NUMBER = re.compile(r"[ \t]*\d{1,3}[ \t]*$")


def _next_page_line(lines: list[str], i: int) -> int | None:
    """The line after ``lines[i]`` where its page's text goes on: the next one, the one after a page's bare number
    between the two, or the first after a page's number between blank lines. None: a blank line after it ends its
    paragraph, or no line follows."""
    k = i + 1
    if k >= len(lines):
        return None
    if lines[k].strip():
        if k + 1 < len(lines) and lines[k + 1].strip() and lines[k + 1].lstrip()[0] not in "、.．" \
                and _BARE_PAGE_NUMBER.match(lines[k]):
            return k + 1
        return k
    while k < len(lines) and not lines[k].strip():
        k += 1
    if k >= len(lines) or not _PAGE_NUMBER.match(lines[k]):
        return None
    k += 1
    while k < len(lines) and not lines[k].strip():
        k += 1
    return k if k < len(lines) else None


# where a paragraph may end (its last line, shorter than the width, ends so); a short line after a full one that
# ends a sentence and ends otherwise is a line of its own (the issuer's name below the text, a date)
_PARAGRAPH_ENDS = _TERMINAL | set(")]】〕”\"'》:：")
_SENTENCE_MARK = re.compile("[,。;:、]")
_CLOSING = set(")]】〕")
_OPENING_BRACKETS = "([【〔"


def _headline_below(prev: str, lines: list[str], at: int) -> bool:
    """Is ``lines[at]`` a saved page's headline below its path to the page (``prev``), above the page's facts? It
    stands on its own, however long the path is; a path cut at a page's width goes on with its own rest. (Asked of a
    line that would go on with ``prev``, and of a ``prev`` as short as a path is: a paragraph grows line by line.)"""
    return len(prev) <= _PAGE_FACTS_MAX and is_breadcrumb(prev) \
        and is_page_facts(next((x for x in lines[at + 1:] if x.strip()), ""))


def _continues_after_cut(prev: str, nxt: str, nxt_cut: bool) -> bool:
    """Does ``nxt`` continue ``prev``, whose last line was cut at the width of a hard-wrapped text? It does, whatever
    ``prev`` ends with, unless it is a line that stands on its own whatever the width: a numbered provision or
    heading, a table row, a clause's label, a document number, a date; or ends a sentence, and ``nxt`` neither was
    cut (``nxt_cut``) nor ends as a paragraph's last line does."""
    if (nxt[:1] in _MARKER_OPENERS or nxt[:1].isdecimal()) and MARKER.match(nxt):
        return False
    if "\t" in prev or "\t" in nxt or (prev[0] == "|" and _PIPE_ROW.match(prev)) \
            or (nxt[0] == "|" and _PIPE_ROW.match(nxt)):
        return False
    if "年" in nxt and nxt.endswith(("日", "印发")) and _DATE_LINE.match(nxt) and not _SENTENCE_MARK.search(nxt):
        return False  # (a sentence's rest that ends with a date, "…,暂缓缴费至2023年12月31日", is no date line)
    if _unclosed_bracket(prev):
        return True  # ("…(⏎责任单位:市商务局)": a clause's bracket opened before the cut)
    if prev[-1] in _CLOSING and "。" not in prev and MARKER.match(prev) \
            and clause_words().structure.search(prev, max(0, *(prev.rfind(c) for c in _OPENING_BRACKETS))):
        return False  # a heading with its clause and no sentence ends with the clause: "三、…问题(责任单位:县教育局)"
    if _LABEL_LINE.match(nxt) or (nxt[-1] == "号" and _DOC_NUMBER_LINE.match(nxt)) \
            or (prev[-1] == "号" and _ends_with_doc_number(prev)) \
            or ("签发人" in prev and _SIGNED_NUMBER_LINE.match(prev)):
        return False
    ends_sentence = prev[-1] in _TERMINAL or (prev[-1] in "”\"'" and len(prev) > 1 and prev[-2] in _TERMINAL)
    return not ends_sentence or nxt_cut or nxt[-1] in _PARAGRAPH_ENDS


def _cells_follow(lines: list[str], i: int) -> bool:
    """Are the two lines with text after ``lines[i]`` short cells (no sentence, no number): a number alone on its
    line above them is a row's number in a table written one cell per line, not a provision's above its text."""
    cells = 0
    for line in lines[i + 1:]:
        if not line:
            continue
        if len(line) > _CELL_MAX or MARKER.match(line) or any(c in line for c in "。;,:"):
            return False
        cells += 1
        if cells == 2:
            return True
    return False


def _number_above_a_figure(lines: list[str], at: int, nxt: str) -> str | None:
    """The number alone on ``lines[at]`` as it opens its text on the next line, ``nxt``, which opens with a figure
    ("3.⏎2025年底前,建成…"), where the number counts on in its document's numbering: the nearest number of its kind
    that opens a line above is one less, or the nearest below one more (a column of figures, 12.⏎35.5⏎47., does
    not). A dot before the figure would read as a decimal point (3.2025年): the number takes 、 for it, one
    character for one. None: the number is not joined so."""
    lone = lines[at]
    if len(lone) > 6 or not nxt[:1].isdecimal() or "\t" in nxt or MARKER.match(nxt) or not _LONE_MARKER.match(lone):
        return None
    own = match_marker(lone)
    head = lone[:-1] + "、" if lone.endswith(".") else lone
    joined = match_marker(head + nxt)
    if own is None or joined is None or (joined.kind, joined.value) != (own.kind, own.value):
        return None  # ("1)⏎2025年": 1)2025 reads as no number)
    for others, value in ((reversed(lines[:at]), own.value - 1), (lines[at + 1:], own.value + 1)):
        for other in others:
            marker = match_marker(other)
            if marker is not None and marker.kind == own.kind:
                if marker.value == value:
                    return head
                break
    return None


def _join_broken_paragraphs(text: str, cuts: frozenset[int] = frozenset(),
                            page_numbers: frozenset[int] = frozenset()) -> tuple[str, OffsetMap]:
    """One paragraph a line. ``cuts``: where the lines of a hard-wrapped text cut at its width end (the offset of
    each one's last character, ``_cut_line_ends``): the line after one goes on with it (``_continues_after_cut``);
    ``page_numbers``: where the lines that are a page's bare number between two start, which are left out."""
    omap = OffsetMap()
    copy = _CopiedRuns(omap)
    parts: list[str] = []
    n = pos = 0
    paragraph: str | None = None
    paragraph_at = 0  # the line ``paragraph`` opens with
    cut = False  # (the line before was cut at the width)
    lines = text.split("\n")
    for i, line in enumerate(lines):
        start = pos
        pos += len(line) + 1
        if not line or (page_numbers and start in page_numbers):
            continue
        after_cut, cut = cut, bool(cuts) and start + len(line) - 1 in cuts
        # (a number alone on its line above a figure: asked only where the line opens with a digit)
        head = _number_above_a_figure(lines, paragraph_at, line) \
            if paragraph is not None and line[0].isdecimal() and paragraph == lines[paragraph_at] else None
        if head is not None and not _cells_follow(lines, i):
            parts[-1] = paragraph = head  # (its 、 for a dot: one character for one, the copied segment maps it)
            paragraph += line
            copy(n, start, start + len(line))
        elif paragraph is not None \
                and (_continues_after_cut(paragraph, line, cut) if after_cut else _continues(paragraph, line)) \
                and not (len(paragraph) <= 6 and _LONE_MARKER.match(paragraph) and _cells_follow(lines, i)) \
                and not _headline_below(paragraph, lines, i):
            paragraph += line
            copy(n, start, start + len(line))
        elif paragraph is not None:
            # the line break kept with its line: one copied segment, as the two would merge into
            copy(n, start - 1, start + len(line))
            parts.append("\n")
            n += 1
            paragraph, paragraph_at = line, i
        else:
            paragraph, paragraph_at = line, i
            copy(n, start, start + len(line))
        parts.append(line)
        n += len(line)
    copy.close()
    omap.length = n
    return "".join(parts), omap


class _CopiedRuns:
    """Copied segments added to a map, one that continues the last in both texts merged into it. Lines
    kept as they stand with their breaks are then one segment, not two a line, and a text no line of
    which is joined maps to itself (``OffsetMap.is_identity``: passed over when spans are mapped). A
    segment of one character copied maps every offset as one replaced by one character does."""

    def __init__(self, omap: OffsetMap) -> None:
        self.omap = omap
        self.run: list[int] | None = None  # [dst, src, src_end] of the run being extended

    def __call__(self, dst: int, src: int, src_end: int) -> None:
        run = self.run
        if run is not None and run[0] + (run[2] - run[1]) == dst and run[2] == src:
            run[2] = src_end
            return
        self.close()
        self.run = [dst, src, src_end]

    def close(self) -> None:
        if self.run is not None:
            dst, src, src_end = self.run
            self.omap.add(dst, src, src_end, True)
            self.run = None


def _aligned_rows(text: str, tables: list[AlignedTable]) -> tuple[str, OffsetMap, list[int]]:
    """Space-aligned tables (``tables.space_aligned_tables``) written as the tab reader's rows: each row one line,
    its cells in column order with a tab between two, the pieces of a wrapped cell one after another. The pieces
    are copied (a cell's offsets map to its characters in the source, on whichever line each stands); the runs
    of spaces between them, the indentation of the lines a row was wrapped onto and their breaks are left out.
    Also where each row's line starts in the text made."""
    omap = OffsetMap()
    out: list[str] = []
    rows: list[int] = []
    n = pos = 0
    for table in tables:
        if table.start > pos:
            omap.add(n, pos, table.start, True)
            out.append(text[pos:table.start])
            n += table.start - pos
        for k, (cells, (a, _)) in enumerate(zip(table.lines, table.spans)):
            if k:
                omap.add(n, a - 1, a, False)  # the line break before the line's first line
                out.append("\n")
                n += 1
            if len(cells) > 1:
                rows.append(n)
            last = a
            for i, cell in enumerate(cells):
                if i:
                    omap.add(n, last, last, False)
                    out.append("\t")
                    n += 1
                for x, y in cell:
                    if y > x:
                        omap.add(n, x, y, True)
                        out.append(text[x:y])
                        n += y - x
                        last = y
        pos = table.end
    if pos < len(text):
        omap.add(n, pos, len(text), True)
        out.append(text[pos:])
        n += len(text) - pos
    omap.length = n
    return "".join(out), omap, rows


def _forward(maps: list[OffsetMap], positions: list[int]) -> list[int]:
    """Where characters of a text stand in the text the passes of ``maps`` made of it, one after another (each
    map's segments in the order of the text it was made from, as every pass but the tables' makes them); a
    character a pass replaced or left out is left out."""
    for omap in maps:
        out = []
        for p in positions:
            k = bisect_right(omap.src, p) - 1
            if k >= 0 and omap.copied[k] and p < omap.src_end[k]:
                out.append(omap.dst[k] + p - omap.src[k])
        positions = out
    return positions


def clean_document(raw: str, catalog: DepartmentCatalog | None = None) -> CleanText:
    """Normalise a whole document (see the module docstring). ``catalog``: the department names the document is
    read with, which tell the rows of its tables apart (the bundled ones when None)."""
    maps: list[OffsetMap] = []
    text = raw

    def apply(pattern: re.Pattern[str], repl, starts: re.Pattern[str] | _LineOpening | None = None,
              needs: str | tuple[str, ...] | None = None) -> None:
        nonlocal text
        text, omap = rewrite(text, pattern, repl, starts, needs)
        maps.append(omap)

    # most documents hold no control character: told by a table lookup a character, not by the pattern's scan
    codes = classes_of(text, _CHARACTER_TABLE)
    if codes is None or (codes & _CONTROL_BIT).any():
        apply(_CONTROL, "")
    else:
        maps.append(OffsetMap.unchanged(len(text)))  # (the map the pass makes of a text it leaves)
    if (printed := _drop_browser_lines(text)) is not None:
        text, omap = printed
        maps.append(omap)
    if (headed := _drop_running_header(text)) is not None:
        text, omap = headed
        maps.append(omap)
    if (titled := _drop_page_titles(text)) is not None:
        text, omap = titled
        maps.append(omap)
    apply(_FIELD_BAR, _record_field_break, needs="|")  # few texts have one; runs of spaces made the search slow
    aligned = space_aligned_tables(text, catalog)  # (before folding: an ideographic space between two cells separates them)
    aligned_rows: list[int] = []
    after_aligned = 0
    if aligned:
        text, omap, aligned_rows = _aligned_rows(text, aligned)
        maps.append(omap)
        after_aligned = len(maps)
    # (before the spaces go: a line's length is its length on the page)
    cut_ends, page_numbers = _cut_line_ends(text)
    wrapped_from = len(maps)
    # (as most documents are: the two passes below would change nothing; the passes since ``codes`` were looked up
    # left characters out or added tabs and line breaks, none of which fold changes)
    if _nothing_to_fold(text, codes):
        maps.append(OffsetMap.unchanged(len(text)))  # (the map the expanding pass makes of a text it leaves)
    else:
        # (the characters that expand are told by the character table: the pattern of them, which opens with a
        # class, was tried at every character of a document that holds none, as most do)
        units = code_units(text)
        classes = None if units is None else _CHARACTER_TABLE.take(units)
        if classes is None or (classes & _EXPANDING_BIT).any():
            apply(_EXPAND_RE, lambda m: _FOLD_EXPAND[m.group()])
            units = classes = None
        else:
            maps.append(OffsetMap.unchanged(len(text)))  # (the map the expanding pass makes of a text it leaves)
        # one to one: offsets unchanged; only runs of foldable characters are translated
        text = _folded_one_to_one(text, units, classes)
    if " " in text and (spaced := _letter_spaced_runs(text)) is not None:
        text, omap = spaced
        maps.append(omap)
    if "<" in text:  # (one for one: the offsets stay)
        text = _ANGLE_PARENTHESES.sub(r"(\1)", text)
    apply(_MARKDOWN, "", _MARKDOWN_STARTS, _MARKDOWN_NEEDS)
    apply(_PAGE_NUMBER, "", _PAGE_NUMBER_STARTS, _PAGE_NUMBER_NEEDS)
    if _blank_at_a_line_edge(text):
        apply(_TRAILING_WS, "", _BLANKS)
    else:
        maps.append(OffsetMap.unchanged(len(text)))  # (the map the pass makes of a text it leaves)
    if " " in text:
        apply(_SPACED_NUMERAL, _spaced_numeral_marks(text), _NUMERAL_LINE_STARTS)
        # (tried at the spaces: a pattern that opens with a repeat is tried at every character)
        apply(_SPACES_BEFORE_NUMBER, _signer_apart(text), _SPACE, needs="签")
    if (marks := _unmarked_number_marks(text, frozenset(_forward(maps[wrapped_from:], cut_ends)))) is not None:
        apply(_UNMARKED_NUMBER, marks, _DIGIT_LINE_STARTS)
    apply(_SPACES, "", _SPACE, " ")
    text, omap = _collapse_blank_lines(text)
    maps.append(omap)
    text_wo_junk, junk_map = _drop_junk_header(text.lstrip("\n"))
    lead = len(text) - len(text.lstrip("\n"))
    if lead:
        omap = OffsetMap()
        omap.add(0, lead, len(text), True)
        omap.length = len(text) - lead
        maps.append(omap)
    text = text_wo_junk
    if junk_map is not None:
        maps.append(junk_map)
    cells, pads, cell_rows = cell_per_line_breaks(text, catalog)
    after_cells = len(maps)
    if cells:
        # one character for one: the offsets stay where they are
        chars = list(text)
        for k in cells:
            chars[k] = "\t"
        text = "".join(chars)
    if pads:
        # the empty cells of a row below a merged cell, each pointing where its row starts, and the one a last row
        # lost, where it stood: tabs put in
        text, omap = _insert_breaks(text, pads, "\t")
        maps.append(omap)
    breaks = sorted(set(_flattened_breaks(text)).union(_glued_after_clause_breaks(text)))
    if breaks:
        text, omap = _insert_breaks(text, breaks)
        maps.append(omap)
    if cut_ends:
        text, omap = _join_broken_paragraphs(text, frozenset(_forward(maps[wrapped_from:], cut_ends)),
                                             frozenset(_forward(maps[wrapped_from:], page_numbers)))
    else:
        text, omap = _join_broken_paragraphs(text)
    maps.append(omap)
    # (sought in whole paragraphs: a provision cut from the line it ran into is no heading line that stops a
    # hard-wrapped paragraph from being joined)
    if gaps := _gap_breaks(text):
        text, omap = _insert_breaks(text, gaps)
        maps.append(omap)
    whole_rows = _forward(maps[after_aligned:], aligned_rows) if aligned_rows else []
    if cell_rows:
        whole_rows += _forward(maps[after_cells:], cell_rows)
    return CleanText(raw=raw, text=text, maps=maps, whole_rows=whole_rows)


if __name__ == "__main__":  # pragma: no cover - a quick look at a file
    from pathlib import Path

    print(clean_document(Path(sys.argv[1]).read_text(encoding="utf-8")).text)
