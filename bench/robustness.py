"""Extraction scored on the annotated sets in other layouts: the same documents as a PDF converter, a page
layout or another editor hands them over (``bench/layouts.py``), and as Word and PDF files read by the readers
(made by the tests' recipes, tests/ingest/recipes.py: python-docx, reportlab), against the same gold.

    python bench/robustness.py [--layout NAME …] [--set samples|dev] [--no-files] [--per-doc]

The sets: the sample corpus (gold in tests/fixtures/gold) and the development set (tests/fixtures/dev), scored
by the project's copy of the scorer (tests/fixtures/score.py). Printed, per set and layout: resp F1, named-resp
F1, tasks R, targets F1, cascades F1, meta (the scorer's summary line), then the documents whose figures fall
below the same set as given (``--per-doc``: every measure of each). A layout changes line breaks and spacing,
not what the text says, so a fall is the extraction's.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
SUMMARY = (("resp", "f1"), ("resp.named", "f1"), ("tasks", "r"), ("targets", "f1"), ("cascades", "f1"), ("meta", "p"))


def _scorer():
    spec = importlib.util.spec_from_file_location("policykg_scorer", FIXTURES / "score.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def sets() -> dict[str, tuple[list[tuple[str, str]], Path]]:
    """Each set's (file name, text) and its gold folder."""
    from policykg.corpus import sample_corpus_files

    samples = [(f.name, f.read_text("utf-8")) for f in sample_corpus_files()]
    dev = [(f.name, f.read_text("utf-8")) for f in sorted((FIXTURES / "dev" / "corpus").glob("*.txt"))]
    return {"samples": (samples, FIXTURES / "gold"), "dev": (dev, FIXTURES / "dev" / "gold")}


# a file format, and the recipe that writes a text as such a file (``tests/ingest/recipes.py``)
FILES = {"as .docx": "to_docx", "as .pdf": "to_pdf"}


def _extracted(docs: list[tuple[str, str]], recipe: str | None) -> dict[str, dict]:
    """Each document's extraction, by its name: of its text, or of the file ``recipe`` writes, read as
    ``policykg ingest`` reads a file. A document that gives nothing is left out."""
    from policykg.ingest.extract import ExtractionError, extract_bytes
    from policykg.ingest.readers import extract_path

    preds = {}
    with tempfile.TemporaryDirectory(prefix="policykg-robustness-") as tmp:
        for name, text in docs:
            try:
                if recipe is None:
                    doc = extract_bytes(text.encode("utf-8"), name)
                else:
                    from tests.ingest import recipes

                    path = Path(tmp) / f"{Path(name).stem}.{recipe.removeprefix('to_')}"
                    doc = extract_path(getattr(recipes, recipe)(text, path))
            except ExtractionError:
                continue  # scored as a document that gave nothing
            preds[name] = json.loads(doc.model_dump_json())
    return preds


def score(docs: list[tuple[str, str]], gold_dir: Path, recipe: str | None = None) -> tuple[dict, dict]:
    """(summary, per document) of the documents extracted as they are (or written by ``recipe`` first), by the
    scorer."""
    scorer = _scorer()
    preds = _extracted(docs, recipe)
    acc: dict = {}
    per = {}
    for path in sorted(gold_dir.glob("*.gold.json")):
        gold = json.loads(path.read_text("utf-8"))
        per[gold["file"]] = scorer.score_doc(gold, preds.get(gold["file"]), acc)
    return {k: scorer.prf(*v) for k, v in acc.items()}, per


def _figure(value) -> float | None:
    if isinstance(value, dict):
        return value["f1"]
    if isinstance(value, bool):
        return 1.0 if value else 0.0
    return value if isinstance(value, (int, float)) else None


def main() -> None:
    from layouts import LAYOUTS

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--layout", action="append", choices=list(LAYOUTS) + list(FILES),
                        help="only these layouts (repeatable)")
    parser.add_argument("--set", action="append", choices=["samples", "dev"], help="only these sets (repeatable)")
    parser.add_argument("--no-files", action="store_true", help="the layouts of the text only, not the files")
    parser.add_argument("--per-doc", action="store_true", help="every measure of each document that falls")
    args = parser.parse_args()
    chosen = args.layout or list(LAYOUTS) + ([] if args.no_files else list(FILES))
    width = max(map(len, chosen))
    head = f"{'set':8} {'layout':{width}} " + " ".join(f"{m + ' ' + f.upper():>14}" for m, f in SUMMARY)
    print(head)
    falls = []
    for set_name, (docs, gold_dir) in sets().items():
        if args.set and set_name not in args.set:
            continue
        base_summary, base_per = score(docs, gold_dir)
        for layout in chosen:
            if layout == "as given":
                summary, per = base_summary, base_per
            elif layout in FILES:
                summary, per = score(docs, gold_dir, FILES[layout])
            else:
                summary, per = score([(n, LAYOUTS[layout](t)) for n, t in docs], gold_dir)
            cells = []
            for m, f in SUMMARY:
                got = summary.get(m)
                cells.append(f"{got[f]:14.3f}" if got and got["gold"] + got["pred"] else f"{'—':>14}")
            print(f"{set_name:8} {layout:{width}} " + " ".join(cells))
            for doc, figures in per.items():
                fallen = {k: v for k, v in figures.items()
                          if (g := _figure(v)) is not None and (b := _figure(base_per[doc].get(k))) is not None
                          and g < b}
                if fallen:
                    shown = figures if args.per_doc else fallen
                    falls.append((set_name, layout, doc, {k: _figure(v) for k, v in shown.items()}))
    if falls:
        print("\ndocuments below their figures as given:")
        for set_name, layout, doc, figures in falls:
            print(f"  {set_name} · {layout} · {doc}: {json.dumps(figures, ensure_ascii=False)}")


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    sys.path.insert(0, str(ROOT))  # the tests' document recipes: tests.ingest.recipes
    main()
