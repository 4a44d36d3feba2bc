"""Which documents set goals at all.

A plan (方案, 计划, 措施, 意见, and the notices that issue them) sets goals. A document whose title says it
reports — a press conference, an interview, a speech, a meeting's news, a circular of results — tells past
figures; an ordinance (办法, 细则, 规定 …, or a notice issuing one) states thresholds, caps and standards for
each case. Neither gives targets. The title words live in ``data/targets.toml`` ([report]).
"""
from __future__ import annotations

import re
import tomllib
from functools import lru_cache

from .target_years import head_lines
from .targets import DATA_FILE
from .word_lists import alternation

# a title may close with its quote and a bracketed note: "…答记者问》", "…通报(2022年)"
_NOTE = r"(?:[(（][^()（）]{1,20}[)）])?"


@lru_cache(maxsize=1)
def _titles() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(a report's title end, an ordinance's title end)."""
    words = tomllib.loads(DATA_FILE.read_text(encoding="utf-8"))["report"]
    report = re.compile(f"(?:{alternation(words['title_ends'])})[》”\"]?{_NOTE}$")
    # the kind may be the issued document's: "关于印发《…管理办法》的通知", "…实施细则(试行)"
    rules = re.compile(f"(?:{alternation(words['rule_kinds'])}){_NOTE}[》>〉”\"]?(?:的通知)?{_NOTE}$")
    return report, rules


def sets_goals(title: str | None, text: str, body_start: int) -> bool:
    """Can the document's figures be goals: is it neither a report nor an ordinance?"""
    return not (reports_results(title, text, body_start) or states_rules(title))


def reports_results(title: str | None, text: str, body_start: int) -> bool:
    """Does the title end as a press conference's, a speech's or a circular of results' does ("…答记者问",
    "…讲话", "…的通报")? ``title`` is the one metadata read; without one (a press conference's or a speech's
    heading ends with no kind of document), any title-like head line is read, but a page's label above a
    document that has a title ("中央经济工作会议" above a 通知) is not its kind."""
    report = _titles()[0]
    if title:
        return bool(report.search(title))
    return any(report.search(line) for line in head_lines(text, body_start))


def states_rules(title: str | None) -> bool:
    """Is the document an ordinance (its title, or the document it issues, is a 办法, 细则, 规定 …)?"""
    return title is not None and bool(_titles()[1].search(title))
