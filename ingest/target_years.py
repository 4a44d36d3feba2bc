"""When a document's goals fall due, when their own sentence names no year.

Two years are read from the whole document:

* the **package year**: a one-year package (a 2023 work plan, "2023年…若干措施",
  "…责任分解(2023年)", or a package that says it runs to 2023年12月31日 and was
  signed that year) makes its yearless goals due that year. A multi-year plan
  ("三年行动方案(2023—2025年)", "到2025年…") has none: its horizon is not spread
  onto goals whose sentence names no year.
* the **document year**: the year 年底 / 全年 / 年内 / 上半年 / 四季度 refer to: the
  package year, else the signing date's year, else the year the text names
  most often.

The words that say "this year" live in ``data/targets.toml`` ([years]).
"""
from __future__ import annotations

import re
from collections import Counter
from datetime import date
from typing import Final

from .numerals import DATE_PATTERN

# a year that is a date, a range end or start, or the horizon of a plan ("到2025年") says nothing
# about a one-year package
_SINGLE_YEAR: Final = re.compile(r"(?<![\d—\-–~～至到])(?P<y>20\d{2})\s*年(?![\d—\-–~～至到]|\s*\d{1,2}\s*月)")
_RANGE: Final = re.compile(r"20\d{2}\s*年?\s*[—\-–~～至到]\s*20\d{2}")
_HORIZON_BEFORE: Final = re.compile(r"(?:到|至|截至|截止|力争|以来|从|自)\s*$")
_TITLE_KIND: Final = re.compile(
    r"(?:若干措施|若干政策|政策措施|政策举措|具体措施|工作要点|工作方案|工作计划|行动方案|行动计划|实施方案|"
    r"重点工作|重点任务|工作任务|责任分解|任务分解|分工方案|措施|举措|方案|计划|要点|通知)"
)
# "本政策措施自印发之日起执行,有效期至2023年12月31日": the package's own term, not one measure's; it opens
# the text or follows a full stop or a line break
_TERM_BODY: Final = (r"\s*(?:本|以上|上述|此)[^。\n]{0,40}?(?:有效期|执行期限?|实施期限?|施行期限?|期限)?"
              r"(?:至|到|截至|截止)\s*(?P<y>20\d{2})\s*年\s*12\s*月\s*31\s*日")
# searched apart from the term that opens the text: a pattern that may open with ^ is tried at every
# character, this one only at each 。 and line break
_TERM: Final = re.compile(r"[。\n]" + _TERM_BODY)
_TERM_AT_START: Final = re.compile(_TERM_BODY)
# the date every term ends with: a text without it is not searched for a term (``_TERM`` is tried at
# every line and sentence start)
_YEAR_END: Final = re.compile(r"12\s*月\s*31\s*日")
# a year of the 2000s not preceded by a digit; the lookbehind follows the "20" so that the search skips
# to each "20" instead of trying the pattern at every character
_NAMED_YEAR: Final = r"(20(?<!\d20)\d{2})"


def head_lines(text: str, body_start: int) -> list[str]:
    """The title-like lines before the provisions: short, no full stop, not the addressee line."""
    head = text[:body_start] if body_start > 0 else text[:600]
    lines = [line.strip() for line in head.split("\n") if line.strip()][:20]
    return [line for line in lines if len(line) <= 80 and "。" not in line and not line.endswith((":", "："))]


def _title_year(lines: list[str]) -> int | None:
    """A single year in a title-like head line: "…2023年重点工作任务", "…责任分解(2023年)"."""
    for line in lines:
        if DATE_PATTERN.fullmatch(line) or _RANGE.search(line):
            continue
        if not _TITLE_KIND.search(line):
            continue
        years = {m.group("y") for m in _SINGLE_YEAR.finditer(line) if not _HORIZON_BEFORE.search(line[:m.start()])}
        if len(years) == 1:
            return int(years.pop())
    return None


def package_year(text: str, body_start: int, signed: date | None, plan_year: int | None = None) -> int | None:
    """The year a one-year package's yearless goals fall due, or None for a multi-year or open-ended one.

    ``text`` is the cleaned document, ``body_start`` where its provisions begin,
    ``signed`` its signing date and ``plan_year`` the year metadata found in a
    work plan's title.
    """
    lines = head_lines(text, body_start)
    if any(_RANGE.search(line) and _TITLE_KIND.search(line) for line in lines):
        return None  # "三年行动方案(2023—2025年)"
    if plan_year:
        return plan_year
    year = _title_year(lines)
    if year:
        return year
    terms = _term_years(text) if _YEAR_END.search(text) else set()
    if len(terms) == 1:
        year = terms.pop()
        # a package signed late in the year before runs for more than a year; without a
        # signing date, the year the text names most must be that year
        if (signed.year if signed else _most_named_year(text, dates=False)) == year:
            return year
    return None


# ``_TERM`` as two patterns that each open with their mark: a literal is sought a few instructions a character,
# the class of the two at 50 or more
_TERM_AFTER: Final = (re.compile("。" + _TERM_BODY), re.compile("\n" + _TERM_BODY))


def _term_years(text: str) -> set[int]:
    """The years the package's terms end in (see ``_TERM``)."""
    # (what ``_TERM.finditer`` finds: the first term at or after ``pos`` is the earlier one of each mark's)
    years: set[int] = set()
    pos = 0
    while found := [m for pattern in _TERM_AFTER if (m := pattern.search(text, pos))]:
        first = min(found, key=lambda m: m.start())
        years.add(int(first.group("y")))
        pos = first.end()
    opening = _TERM_AT_START.match(text)
    if opening:
        years.add(int(opening.group("y")))
    return years


def document_year(text: str, signed: date | None, package: int | None) -> int | None:
    """The year "年底 / 全年 / 年内" mean."""
    if package:
        return package
    if signed:
        return signed.year
    return _most_named_year(text)


def _most_named_year(text: str, dates: bool = True) -> int | None:
    """The year the text names most often; without ``dates``, only years that are not part of a
    date (the package's own term, "至2023年12月31日", does not vote for itself)."""
    pattern = _NAMED_YEAR + (r"\s*(?:年|[—\-–~～])" if dates else r"\s*年(?!\s*\d{1,2}\s*月)")
    years = Counter(int(m.group(1)) for m in re.finditer(pattern, text))
    if not years:
        return None
    best = max(years.values())
    return max(y for y, n in years.items() if n == best)
