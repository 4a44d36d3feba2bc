"""Measure the text methods and the full scorer on the two evaluation sets (``eval_sets.py``).

    .venv/bin/python -m tests.linking.compare

prints recall@1 and recall@3 for (a) 002's measures → 000 and (b) 001's quoted provincial tasks → 003,
each twice: against the one lower document ("pair") and against every city provision of the corpus
("corpus": the other city documents compete too).
"""
from __future__ import annotations

import time
from functools import lru_cache

from policykg.corpus import sample_corpus_files
from policykg.graph.ids import document_key, task_id
from policykg.graph.linking.candidates import METHOD, Weights, rank_units
from policykg.graph.linking.text import TOKENIZERS
from policykg.graph.linking.units import DocumentIndex, quoted_units, units_of
from policykg.ingest.extract import extract_file
from policykg.ingest.normalize import compact

from .eval_sets import MEASURES_TO_HEZE, TABLE_TASKS_TO_KEY_TASKS, recall


@lru_cache(maxsize=1)
def sample_docs():
    return tuple(extract_file(f) for f in sample_corpus_files())


def eval_units():
    """(a) and (b): upper units, lower units of the one document, lower units of the corpus, gold pairs of ids."""
    docs = sample_docs()
    by_name = {d.file.rsplit("/", 1)[-1][:3]: d for d in docs}
    index = DocumentIndex.of(docs)
    city_units = [u for d in docs if d.document.level != "province" for u in units_of(d, index)]
    d000, d001, d002, d003 = (by_name[k] for k in ("000", "001", "002", "003"))
    k000, k002, k003 = document_key(d000), document_key(d002), document_key(d003)
    a_pairs = [(task_id(k002, up), task_id(k000, low)) for up, low in MEASURES_TO_HEZE]
    quoted = quoted_units(d001, index)
    by_title = {u.title: u.id for u in quoted}
    b_pairs = [(by_title[compact(up)], task_id(k003, low)) for up, low, _ in TABLE_TASKS_TO_KEY_TASKS]
    a = (units_of(d002, index), units_of(d000, index), city_units, a_pairs)
    b = (quoted, units_of(d003, index), city_units, b_pairs)
    return a, b


def ranked(cands) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for c in sorted(cands, key=lambda c: (c.upper_task_id, c.rank)):
        out.setdefault(c.upper_task_id, []).append(c.lower_task_id)
    return out


def measure(method, weights, scope: str = "pair") -> dict[str, float]:
    out = {}
    for name, (upper, lower, corpus, pairs) in zip("ab", eval_units()):
        cands = rank_units(upper, lower if scope == "pair" else corpus, top_k=3, method=method, weights=weights,
                           with_evidence=False)
        r = ranked(cands)
        out[f"{name}@1"] = recall(r, pairs, 1)
        out[f"{name}@3"] = recall(r, pairs, 3)
    return out


def main() -> None:
    text_only = Weights(text=1, title=0, industries=0, metrics=0, departments=0)
    base_only = Weights(text=0.8, title=0.2, industries=0, metrics=0, departments=0)
    print(f"{'method':28} {'scope':6} {'a@1':>5} {'a@3':>5} {'b@1':>5} {'b@3':>5}  ms")
    rows = [(f"text {t}/{w}", (t, w), text_only) for t in TOKENIZERS for w in ("tfidf", "bm25")]
    full = Weights()
    rows += [(f"full {METHOD[0]}/{METHOD[1]}", METHOD, full)]
    for sig in full.as_dict():
        changed = {**full.as_dict(), sig: 0.0}
        if sig == "title":
            changed["text"] = 1.0
        rows.append((f"  without {sig}", METHOD, Weights(**changed)))
    rows.append(("  text+title, no boosts", METHOD, base_only))
    for t in ("char1", "char2", "char23", "jieba", "jieba_search"):
        rows.append((f"full {t}/tfidf", (t, "tfidf"), full))
    for label, method, weights in rows:
        for scope in ("pair", "corpus"):
            t0 = time.perf_counter()
            m = measure(method, weights, scope)
            ms = (time.perf_counter() - t0) * 1000
            print(f"{label:28} {scope:6} {m['a@1']:5.2f} {m['a@3']:5.2f} {m['b@1']:5.2f} {m['b@3']:5.2f}  {ms:4.0f}")


if __name__ == "__main__":
    main()
