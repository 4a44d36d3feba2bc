"""``bisect.bisect_left`` and ``bisect_right`` on a list of ints, by loops the compiled build runs on machine
integers: bisect's C functions, called through Python's protocol and comparing Python ints, cost several times as
much, and span mapping and target finding ask them of every offset and candidate."""
from __future__ import annotations


def bisect_left(values: list[int], x: int) -> int:
    lo, hi = 0, len(values)
    while lo < hi:
        mid = (lo + hi) >> 1  # (// of a Python int is a call in the compiled build, a shift an instruction)
        if values[mid] < x:
            lo = mid + 1
        else:
            hi = mid
    return lo


def bisect_right(values: list[int], x: int) -> int:
    lo, hi = 0, len(values)
    while lo < hi:
        mid = (lo + hi) >> 1
        if x < values[mid]:
            hi = mid
        else:
            lo = mid + 1
    return lo
