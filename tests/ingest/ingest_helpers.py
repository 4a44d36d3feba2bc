"""Helpers of the ingest tests (edges, the official scorer, building a sample in another format)."""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

from . import recipes

FORMATS = ("docx", "pdf", "html", "gb18030")


def edges(doc) -> set[tuple]:
    """The responsibility edges of an extraction: (provision, role, department)."""
    out = set()
    for t in doc.tasks:
        for role, names in (("lead", t.leads), ("cooperate", t.cooperates), ("implement", t.implementers)):
            out.update((t.number, role, n) for n in names)
    return out


def scorer(fixtures_dir: Path):
    spec = importlib.util.spec_from_file_location("policykg_scorer_ingest", fixtures_dir / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def score(fixtures_dir: Path, docs_by_gold_file: dict) -> dict:
    """The official scorer's summary over the gold files, for extractions keyed by the gold file name."""
    module = scorer(fixtures_dir)
    acc: dict = {}
    for gold_path in sorted((fixtures_dir / "gold").glob("*.gold.json")):
        gold = json.loads(gold_path.read_text("utf-8"))
        doc = docs_by_gold_file.get(gold["file"])
        pred = None
        if doc is not None:
            pred = json.loads(doc.model_dump_json())
            pred["file"] = gold["file"]
        module.score_doc(gold, pred, acc)
    return {k: module.prf(*v) for k, v in acc.items()}


def make(fmt: str, text: str, path_stem: Path, info) -> Path:
    if fmt == "docx":
        return recipes.to_docx(text, path_stem.with_suffix(".docx"))
    if fmt == "pdf":
        return recipes.to_pdf(text, path_stem.with_suffix(".pdf"))
    if fmt == "html":
        return recipes.to_html(text, path_stem.with_suffix(".html"), encoding="gb18030",
                               title=info.title or "", number=info.doc_number or "")
    if fmt == "gb18030":
        return recipes.to_gb18030(text, path_stem.with_suffix(".txt"))
    raise ValueError(fmt)


# properties that say when or from which file a version was ingested: they differ between two runs
WHEN_AND_WHERE = {"ingested_at", "reread_at", "superseded_at", "superseded_by", "version", "previous", "path",
                  "file_hash"}


def dump(store, ignore: set[str] = WHEN_AND_WHERE) -> tuple[set, set]:
    """The whole store as comparable sets: nodes (labels, properties) and relationships (ends, type, properties)."""
    def frozen(props: dict, drop: set[str]) -> str:
        return json.dumps({k: v for k, v in sorted(props.items()) if k not in drop}, ensure_ascii=False,
                          sort_keys=True, default=str)

    nodes = set()
    for r in store.rows("MATCH (n) RETURN labels(n) AS labels, properties(n) AS props", row_cap=10_000_000):
        label = ",".join(sorted(r["labels"]))
        drop = ignore | ({"id"} if label == "DocumentVersion" else set())  # a version's id holds its date
        nodes.add((label, frozen(r["props"], drop)))
    rels = set()
    for r in store.rows("MATCH (a)-[r]->(b) RETURN a.id AS a, type(r) AS type, b.id AS b, properties(r) AS props",
                        row_cap=10_000_000):
        rels.add((r["a"], r["type"], r["b"], frozen(r["props"], ignore)))
    return nodes, rels
