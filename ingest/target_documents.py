"""Which documents set goals at all.

A plan (方案, 计划, 措施, 意见, and the notices that issue them) sets goals. A document whose title says it
reports — a press conference, an interview, a speech, a meeting's news, a circular of results — tells past
figures; an ordinance (办法, 细则, 规定 …, or a notice issuing one) states thresholds, caps and standards for
each case. Neither gives targets. Nor does a web feed's item, headed by a time stamp ("2022-09-21 00:00:00") with no
title of its own: an article, a Q&A, a rumour. The title words live in ``data/targets.toml`` ([report]).
"""
from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from typing import Final

from .target_years import head_lines
from .targets import DATA_FILE
from .word_lists import alternation

# a title may close with its quote and a bracketed note: "…答记者问》", "…通报(2022年)"
_NOTE: Final = r"(?:[(（][^()（）]{1,20}[)）])?"


# a web feed's time stamp: "2022-09-21 00:00:00" (a printed document's date has no clock time)
_STAMP: Final = re.compile(r"\d{4}-\d{1,2}-\d{1,2}\s*\d{1,2}:\d{2}(?::\d{2})?")
# the first clause of a line: a title the converter glued to the paragraph after it ends before its first mark
_CLAUSE_MARK: Final = re.compile(r"[,，。;；:：!！?？]")
_HEAD_TITLE_LINES: Final = 3  # the title is among the first lines of the text


@lru_cache(maxsize=1)
def _titles() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """(a report's title end, an ordinance's title end, a report's words anywhere in a title)."""
    words = tomllib.loads(DATA_FILE.read_text(encoding="utf-8"))["report"]
    report = re.compile(f"(?:{alternation(words['title_ends'])})[》”\"]?{_NOTE}$")
    # the kind may be the issued document's: "关于印发《…管理办法》的通知", "…实施细则(试行)"
    rules = re.compile(f"(?:{alternation(words['rule_kinds'])}){_NOTE}[》>〉”\"]?(?:的通知)?{_NOTE}$")
    return report, rules, re.compile(alternation(words["title_words"]))


def sets_goals(title: str | None, text: str, body_start: int) -> bool:
    """Can the document's figures be goals: is it neither a report nor an ordinance?"""
    return not (reports_results(title, text, body_start) or states_rules(title))


def reports_results(title: str | None, text: str, body_start: int) -> bool:
    """Does the title end as a press conference's, a speech's or a circular of results' does ("…答记者问",
    "…讲话", "…的通报")? ``title`` is the one metadata read; without one (a press conference's or a speech's
    heading ends with no kind of document), any title-like head line is read, but a page's label above a
    document that has a title ("中央经济工作会议" above a 通知) is not its kind."""
    report, _, inside = _titles()
    if title:
        return bool(report.search(title) or inside.search(title) or _STAMP.match(title))
    lines = head_lines(text, body_start)
    if lines and _STAMP.fullmatch(lines[0]):
        return True  # a web feed's item (an article, a Q&A, a rumour) under its time stamp, with no title of its own
    if any(report.search(line) for line in lines):
        return True
    # a title glued to the paragraph after it ("…新闻发布会4月16日,青岛市政府新闻办举行…"): its words before the
    # first clause mark of one of the first lines
    head = text[:body_start] if body_start > 0 else text[:600]
    firsts = [line.strip() for line in head.split("\n") if line.strip()][:_HEAD_TITLE_LINES]
    return any(inside.search(_CLAUSE_MARK.split(line, maxsplit=1)[0]) for line in firsts)


def states_rules(title: str | None) -> bool:
    """Is the document an ordinance (its title, or the document it issues, is a 办法, 细则, 规定 …)?"""
    return title is not None and bool(_titles()[1].search(title))
