"""Chinese numerals and dates, on top of cn2an."""
from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

import cn2an

_CN_DIGITS = "〇零○一二三四五六七八九"
_DIGIT_OF = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "○": 0}


@lru_cache(maxsize=8192)  # cn2an compiles its patterns on every call; the same numerals recur
def chinese_to_int(s: str) -> int | None:
    """一 → 1, 十一 → 11, 二〇二四 → 2024, 12 → 12; None when it is no number."""
    s = s.strip()
    if not s:
        return None
    if s.isdigit():
        return int(s)
    if all(c in _DIGIT_OF for c in s) and len(s) >= 2:
        # digit by digit, as in years: 二〇二四
        return int("".join(str(_DIGIT_OF[c]) for c in s))
    try:
        value = cn2an.cn2an(s, "smart")
    except (ValueError, KeyError, TypeError):
        return None
    return int(value) if float(value).is_integer() else None


@lru_cache(maxsize=256)
def int_to_chinese(n: int) -> str:
    """1 → 一, 10 → 十, 29 → 二十九: a provision number as documents print it."""
    return str(cn2an.an2cn(n))


def to_number(s: str) -> float | None:
    """A quantity as printed: 2.5, 1万 stays 1 (万 belongs to the unit), 三十 → 30."""
    s = s.strip().replace(",", "")
    if not s:
        return None
    try:
        return float(s)
    except ValueError:
        pass
    n = chinese_to_int(s)
    return float(n) if n is not None else None


# a year in Chinese numerals typed with a Latin O or a zero for 〇 (二O二三年, 二0二三年): NFKC made Ｏ an O
_ZERO_LOOKALIKES = "Oo0"
_DATE = re.compile(
    r"(\d{4}|[" + _CN_DIGITS + _ZERO_LOOKALIKES + r"]{4})\s*年\s*([\d一二三四五六七八九十]{1,3})\s*月\s*([\d一二三四五六七八九十]{1,3})\s*日"
)


def parse_date(s: str) -> date | None:
    m = _DATE.search(s)
    if not m:
        return None
    year = m.group(1) if m.group(1).isdigit() else re.sub(f"[{_ZERO_LOOKALIKES}]", "〇", m.group(1))
    y, mo, d = chinese_to_int(year), chinese_to_int(m.group(2)), chinese_to_int(m.group(3))
    try:
        return date(y, mo, d) if y and mo and d else None
    except ValueError:
        return None


DATE_PATTERN = _DATE
