"""The extraction scored against the hand-checked gold files, with the project's scorer."""
from __future__ import annotations

import importlib.util
import json

import pytest



def _scorer(fixtures_dir):
    spec = importlib.util.spec_from_file_location("policykg_scorer", fixtures_dir / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def summary(extracted, fixtures_dir):
    score = _scorer(fixtures_dir)
    acc: dict = {}
    preds = {name: json.loads(doc.model_dump_json()) for name, doc in extracted.items()}
    for gold_path in sorted((fixtures_dir / "gold").glob("*.gold.json")):
        gold = json.loads(gold_path.read_text("utf-8"))
        score.score_doc(gold, preds.get(gold["file"]), acc)
    return {k: score.prf(*v) for k, v in acc.items()}


@pytest.mark.parametrize("measure, field, floor", [
    ("resp", "f1", 0.97),
    ("resp.named", "f1", 0.97),
    ("tasks", "r", 0.98),
    ("targets", "f1", 0.85),
    ("cascades", "f1", 0.97),
    ("meta", "p", 0.95),
    ("implements", "f1", 0.9),
    ("industries", "f1", 0.8),
])
def test_extraction_meets_the_gold_floor(summary, measure, field, floor):
    got = summary[measure][field]
    assert got >= floor, f"{measure} {field} = {got:.3f} < {floor} ({summary[measure]})"
