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
    title = title.strip().strip("《》")
    return "\n".join(x for x in (label, title, "", rec["text"]) if x is not None) + "\n"


def write(rec: dict, folder: Path) -> Path:
    path = folder / f"{rec['id']}.txt"
    path.write_text(record_text(rec), encoding="utf-8")
    return path
