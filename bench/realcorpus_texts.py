"""The real corpus (``records.jsonl.gz``: one public policy text per line) as text files policykg reads.

A record has the page's title, often with the site's label in front (【河南省商丘市】《关于…》), and
the text, which often starts with the body. A file gets the label on its own line (a place or an
issuer: where the document comes from, as a letterhead says), then the title without 《》, then the
text — the head a printed document has. Nothing else from the record (its ``region`` or ``level``
fields) is given to policykg: the region must come from the text.
"""
from __future__ import annotations

import gzip
import json
import re
from collections.abc import Iterator
from pathlib import Path

DEFAULT = Path("/work/shared/realcorpus/records.jsonl.gz")
_IN_TITLE_MARKS = re.compile(r"^《([^《》]*)》")
CLAUSE_MARKERS = re.compile(r"(牵头单位|责任单位|配合单位|参与单位|牵头部门|责任部门)")


def records(path: Path = DEFAULT) -> Iterator[dict]:
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            if rec.get("text"):
                yield rec


def record_text(rec: dict) -> str:
    title = (rec.get("title") or "").strip()
    label = ""
    m = re.match(r"^【([^】]*)】\s*", title)
    if m:
        label, title = m.group(1), title[m.end():]
    # the 《》 a page sets its title in, as a pair where a note follows them (《关于…的通知》(征求意见稿)), else each end's:
    # a site's title may have lost one of the two (龙南市…若干措施》), and a 》 left between a title and the document's
    # number after it keeps them apart, as the line's end does in a printed head
    title = title.strip()
    marks = _IN_TITLE_MARKS.match(title)
    title = marks.group(1) + title[marks.end():] if marks and title[marks.end():marks.end() + 1] in ("(", "（") \
        else title.strip("《》")
    return "\n".join(x for x in (label, title, "", rec["text"]) if x is not None) + "\n"


def write(rec: dict, folder: Path) -> Path:
    path = folder / f"{rec['id']}.txt"
    path.write_text(record_text(rec), encoding="utf-8")
    return path
