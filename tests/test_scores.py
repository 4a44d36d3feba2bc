"""The extraction scored with the project's scorer (tests/fixtures/score.py) on both annotated sets.

* the sample corpus (policykg/sample_corpus, gold in tests/fixtures/gold): the documents the rules
  were first written on; every measure must stay at 0.99 or above, but industry precision (see
  ``SAMPLE_FLOORS``);
* the development set (tests/fixtures/dev: eleven documents from other provinces, their gold and
  NOTES.md, the annotation conventions): documents the rules were not written for.

The development floors are what the extraction reaches today; raise them when it improves. The
goals of issue 11 are written beside them.
"""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

SAMPLE_FLOOR = 0.99
# but for the sample's industry precision: the gold of 001 and 003 lists no industry ("no heading names an
# industry as the organising unit"), where the development set's convention (its NOTES.md, item 13) takes the
# sectors a text names and promotes, as 003 does in its headings (培育发展大数据产业, 加快发展文化产业); the
# extraction follows the later convention, which costs the sample's precision in those two documents
SAMPLE_FLOORS = {("industries", "p"): 0.80, ("industries", "f1"): 0.89}

# development set: (measure, field) -> floor reached now (issue 11's goals beside them)
DEV_RESP_F1 = 0.99           # goal 0.97
DEV_NAMED_RESP_F1 = 0.99     # goal 0.97
DEV_TASKS_R = 0.99           # goal 0.98
DEV_META = 0.98              # goal 0.90
DEV_DEPARTMENTS_F1 = 0.99
DEV_IMPLEMENTS_F1 = 0.99
DEV_TARGETS_F1 = 0.97         # 0.984 (P 0.973, R 0.996)
DEV_TARGETS_PLACED_F1 = 0.97  # 0.988
DEV_INDUSTRIES_F1 = 0.86     # 0.879 (P 0.911, R 0.850): the gold is lower confidence here (NOTES.md, item 13)

DEV_FLOORS = [
    ("resp", "f1", DEV_RESP_F1),
    ("resp.named", "f1", DEV_NAMED_RESP_F1),
    ("tasks", "r", DEV_TASKS_R),
    ("meta", "p", DEV_META),
    ("departments", "f1", DEV_DEPARTMENTS_F1),
    ("implements", "f1", DEV_IMPLEMENTS_F1),
    ("targets", "f1", DEV_TARGETS_F1),
    ("targets.placed", "f1", DEV_TARGETS_PLACED_F1),
    ("industries", "f1", DEV_INDUSTRIES_F1),
]
# the measures every set reports; a scorer that stops computing one must fail here, not pass silently
SAMPLE_MEASURES = ["resp", "resp.exact", "resp.named", "resp.lead", "resp.cooperate", "resp.implement", "tasks",
                   "targets", "targets.loose", "targets.placed", "cascades", "meta", "implements", "industries",
                   "departments"]


def _scorer(fixtures_dir: Path):
    spec = importlib.util.spec_from_file_location("policykg_scorer", fixtures_dir / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _summary(fixtures_dir: Path, gold_dir: Path, extracted: dict) -> dict:
    score = _scorer(fixtures_dir)
    acc: dict = {}
    preds = {name: json.loads(doc.model_dump_json()) for name, doc in extracted.items()}
    golds = sorted(gold_dir.glob("*.gold.json"))
    assert golds, f"no gold files in {gold_dir}"
    for gold_path in golds:
        gold = json.loads(gold_path.read_text("utf-8"))
        assert gold["file"] in preds, f"{gold['file']} was not extracted"
        score.score_doc(gold, preds[gold["file"]], acc)
    return {k: score.prf(*v) for k, v in acc.items()}


@pytest.fixture(scope="module")
def sample_summary(extracted, fixtures_dir):
    return _summary(fixtures_dir, fixtures_dir / "gold", extracted)


@pytest.fixture(scope="module")
def dev_summary(fixtures_dir):
    from policykg.ingest.extract import extract_file

    files = sorted((fixtures_dir / "dev" / "corpus").glob("*.txt"))
    assert len(files) == 11, "the development set has eleven documents"
    return _summary(fixtures_dir, fixtures_dir / "dev" / "gold", {f.name: extract_file(f) for f in files})


@pytest.mark.parametrize("measure", SAMPLE_MEASURES)
def test_the_sample_corpus_meets_every_measure(sample_summary, measure):
    got = sample_summary[measure]
    for field in ("p", "r", "f1"):
        floor = SAMPLE_FLOORS.get((measure, field), SAMPLE_FLOOR)
        assert got[field] >= floor, f"sample {measure} {field} = {got[field]:.3f} < {floor:.3f} ({got})"


@pytest.mark.parametrize("measure, field, floor", DEV_FLOORS)
def test_the_development_set_keeps_its_level(dev_summary, measure, field, floor):
    got = dev_summary[measure][field]
    assert got >= floor, f"dev {measure} {field} = {got:.3f} < {floor} ({dev_summary[measure]})"
