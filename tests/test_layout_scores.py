"""The extraction scored on both annotated sets in every layout of bench/layouts.py (lines cut at the official
page's 28 characters or at 34 or 40, those lines in pages of 22 with the page's number, indented as the official
page, with a line repeated above every page but the first or above every page, with or without blank lines around
the page's number, a site's line above every page with or without its number, or printed from a browser with its time, title, address and page count
on every page, full-width punctuation, lines spaced out a character at a time, CRLF) and as Word and PDF files the tests' recipes write and the readers read, by the scorer and the gold of
tests/test_scores.py: a layout changes where lines break and how
characters are spaced, not what the text says, so the floors are those the sets reach as given
(``bench/robustness.py`` prints every layout's figures and the documents that fall).
"""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench"
sys.path.insert(0, str(BENCH))
import layouts  # noqa: E402
import robustness  # noqa: E402

LAYOUTS = [name for name in layouts.LAYOUTS if name != "as given"] + list(robustness.FILES)
# (measure, field) -> floor, per set; what each reaches now in every layout, as given
FLOORS = {
    "samples": {("resp", "f1"): 0.99, ("resp.named", "f1"): 0.99, ("tasks", "r"): 0.99, ("targets", "f1"): 0.99,
                ("cascades", "f1"): 0.99, ("meta", "p"): 0.99},
    "dev": {("resp", "f1"): 0.99, ("resp.named", "f1"): 0.99, ("tasks", "r"): 0.99, ("targets", "f1"): 0.97,
            ("meta", "p"): 0.99},
}


@pytest.fixture(scope="module")
def sets():
    return robustness.sets()


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("set_name", list(FLOORS))
def test_a_document_in_another_layout_scores_as_it_does_as_given(sets, set_name, layout):
    docs, gold_dir = sets[set_name]
    if layout in robustness.FILES:
        summary, per_doc = robustness.score(docs, gold_dir, robustness.FILES[layout])
    else:
        summary, per_doc = robustness.score([(name, layouts.LAYOUTS[layout](text)) for name, text in docs], gold_dir)
    low = {f"{m} {f}": round(summary[m][f], 3) for (m, f), floor in FLOORS[set_name].items() if summary[m][f] < floor}
    # (a meta P of 0.99 is every field of every document: one missed falls below it)
    missed = {doc: [k for k, v in figures.items() if k.startswith("meta.") and v is False]
              for doc, figures in per_doc.items()}
    assert not low, f"{set_name} {layout}: {low}; metadata missed: { {d: k for d, k in missed.items() if k} }"
