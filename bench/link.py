"""Cross-level linking time: the sample corpus, and a synthetic 1,000 provincial × 10,000 city tasks.

    python bench/link.py [--provincial 1000] [--city 10000] [--seed 7] [--method char12/tfidf]

The synthetic corpus is made from the sample corpus's own provisions: each synthetic task takes a
sample provision's sentences, drops and reorders some, splices in a sentence of another provision
and changes the numbers; its departments are the template's, moved to the task's level
(省科技厅 ↔ 市科技局), its industries and target metrics are the template's. So the vocabulary,
the lengths and the overlap between tasks look like real documents', not like random characters.

Prints: the whole ``link_corpus`` on the sample corpus (extraction excluded), and ``rank_units``
on the synthetic corpus split into its stages (tokenise + vectorise, score + top-k + evidence).
"""
from __future__ import annotations

import argparse
import os
import random
import re
import time


from policykg.graph.linking import METHOD, link_corpus, rank_units
from policykg.graph.linking.units import DocumentIndex, LinkUnit, units_of
from policykg.ingest.extract import extract_file
from policykg.corpus import sample_corpus_files

_SENTENCE = re.compile(r"[^。;；]+[。;；]?")
_NUMBER = re.compile(r"\d+(\.\d+)?")
_LEVEL_SUFFIX = [("厅", "局"), ("委", "委"), ("办", "办")]


def _move(name: str, level: str) -> str:
    """A department name at another level: 省科技厅 → 市科技局 and back."""
    prefix = "省" if level == "province" else "市"
    if not name or name[0] not in "省市":
        return name
    stem = name[1:]
    if level == "city" and stem.endswith("厅"):
        stem = stem[:-1] + "局"
    elif level == "province" and stem.endswith("局") and not stem.endswith("监管局") and not stem.endswith("数据局"):
        stem = stem[:-1] + "厅"
    return prefix + stem


def synthetic_units(templates: list[LinkUnit], n: int, level: str, rng: random.Random, tag: str,
                    per_doc: int = 40) -> list[LinkUnit]:
    out = []
    for k in range(n):
        t = rng.choice(templates)
        other = rng.choice(templates)
        sentences = _SENTENCE.findall(t.text) or [t.text]
        if len(sentences) > 2:
            sentences = rng.sample(sentences, k=max(2, len(sentences) - rng.randint(0, 2)))
        extra = _SENTENCE.findall(other.text)
        if extra:
            sentences.insert(rng.randint(0, len(sentences)), rng.choice(extra))
        text = _NUMBER.sub(lambda m: str(max(1, int(float(m.group()) * rng.uniform(0.5, 1.5)))), "".join(sentences))
        doc = f"{tag}{k // per_doc:04d}"
        year = 2023 + rng.randint(0, 2)
        out.append(LinkUnit(
            id=f"task:{doc}:{k % per_doc}", doc_key=doc, level=level, date=f"{year}-0{rng.randint(1, 9)}-15",
            number=str(k % per_doc), title=t.title, text=text,
            departments=tuple(dict.fromkeys(_move(d, level) for d in t.departments)),
            industries=t.industries, metrics=t.metrics, source_doc=doc))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--provincial", type=int, default=1000)
    parser.add_argument("--city", type=int, default=10000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--method", default="/".join(METHOD), help="tokenizer/weighting of the text signal")
    args = parser.parse_args()
    method = tuple(args.method.split("/"))

    docs = [extract_file(f) for f in sample_corpus_files()]
    t0 = time.perf_counter()
    links = link_corpus(docs)
    cold = time.perf_counter() - t0
    t0 = time.perf_counter()
    links = link_corpus(docs)
    warm = time.perf_counter() - t0

    index = DocumentIndex.of(docs)
    templates = [u for d in docs for u in units_of(d, index) if len(u.text) > 40]
    rng = random.Random(args.seed)
    upper = synthetic_units(templates, args.provincial, "province", rng, "P")
    lower = synthetic_units(templates, args.city, "city", rng, "C")
    chars = sum(len(u.text) for u in [*upper, *lower])

    t0 = time.perf_counter()
    cands = rank_units(upper, lower, top_k=3, method=method)
    total = time.perf_counter() - t0
    t0 = time.perf_counter()
    bare = rank_units(upper, lower, top_k=3, with_evidence=False, method=method)
    no_evidence = time.perf_counter() - t0
    assert len(bare) == len(cands)

    print(f"{'run':52} {'units':>13} {'time':>9}  note")
    print(f"{'sample corpus: link_corpus, first call (jieba load)':52} {'5 docs':>13} {cold:>8.2f}s  "
          f"{len(links)} links")
    print(f"{'sample corpus: link_corpus':52} {'5 docs':>13} {warm:>8.2f}s")
    size = f"{args.provincial:,}×{args.city:,}"
    print(f"{'synthetic: rank_units top-3 with evidence':52} {size:>13} {total:>8.2f}s  "
          f"{len(cands):,} candidates, {chars / 1e6:.1f} M chars")
    print(f"{'synthetic: rank_units top-3, scores only':52} {size:>13} {no_evidence:>8.2f}s")
    print(f"text method: {'/'.join(method)}; cores: {os.cpu_count()}; budget: 60 s for the synthetic corpus")


if __name__ == "__main__":
    main()
