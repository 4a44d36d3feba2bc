"""What reading one document may cost, checked while reading: a file over budget is refused, naming the file.

Document formats amplify: an 867 KB .docx of five million empty paragraphs
became 5 GB in python-docx, a 4.9 KB PDF with 10,000 text operators 5 GB in
pdfminer, a 1 MB PDF a 1 GB stream. Each limit is checked before the
expensive step it guards (sizes from the zip directory and from a bounded
inflate, paragraphs by a streaming count, a PDF page's operators before the
page is laid out), so a hostile file costs little to refuse.
"""
from __future__ import annotations

import time
import zlib
from dataclasses import dataclass

from policykg.ingest.reading import ReadError


class OverBudget(ReadError):
    """The document would cost more to read than a document may."""


@dataclass(frozen=True)
class Budget:
    max_file_bytes: int = 64 << 20  # the file itself (a sparse 1 GB .txt is refused before it is read)
    max_inflated_bytes: int = 128 << 20  # one zip member or PDF stream, decompressed
    max_paragraphs: int = 200_000  # .docx paragraphs (a long real document has a few thousand)
    max_xml_elements: int = 4_000_000  # .docx elements of the body, counted while streaming
    max_pages: int = 2000
    max_page_text_ops: int = 8_000  # text-showing operators on one PDF page (one per glyph on a dense page: ~2,000)
    max_page_text_bytes: int = 400_000  # bytes of strings those operators show on one page
    seconds: float = 120.0  # wall time for reading one document


BUDGET = Budget()


class Clock:
    """The wall-time part of the budget for one document, checked between steps (pages, paragraphs)."""

    def __init__(self, name: str, budget: Budget = BUDGET):
        self.name = name
        self.budget = budget
        self.deadline = time.monotonic() + budget.seconds

    def check(self, where: str = "") -> None:
        if time.monotonic() > self.deadline:
            at = f" (at {where})" if where else ""
            raise OverBudget(f"{self.name}: reading it took longer than {self.budget.seconds:.0f} s{at}; "
                             "policykg refuses documents that cost this much")


def check_file_size(size: int, name: str, budget: Budget = BUDGET) -> None:
    if size > budget.max_file_bytes:
        raise OverBudget(f"{name}: {size:,} bytes; policykg reads documents of at most "
                         f"{budget.max_file_bytes:,} bytes")


def inflated_size(raw: bytes, limit: int, *, wbits: int = zlib.MAX_WBITS) -> int:
    """How many bytes ``raw`` (zlib data) inflates to, counting no further than ``limit + 1``.

    Inflates in slices, so memory stays at one slice however large the stream claims to be.
    """
    d = zlib.decompressobj(wbits)
    total, data = 0, raw
    while data and total <= limit:
        chunk = d.decompress(data, 1 << 20)
        total += len(chunk)
        data = d.unconsumed_tail
    return total
