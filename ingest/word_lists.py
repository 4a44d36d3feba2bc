"""Word lists from the data files as regular expressions: shared by the readers that load them."""
from __future__ import annotations

import re
from collections.abc import Iterable


def alternation(words: Iterable[str]) -> str:
    """An alternation of literal words, longest first so a longer word wins; one that matches nothing when there
    are no words (an empty alternation would match everywhere)."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True)) or "(?!)"
