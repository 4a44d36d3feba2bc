"""The links a relink writes do not move when its code is made faster: every inferred link of two small corpora
(the sample documents with the linking fixtures, and 200 documents of bench/corpus.py's national generator, whose
counties share their higher documents as a national store's do), with every property, against what the linker
wrote when this file was made (``same_links.json``: one digest per lower document, so a failure names them).

After a change that is meant to move links (a new signal, a weight, a threshold), write the file again:

    .venv/bin/python -m tests.linking.test_same_links --write
"""
from __future__ import annotations

import hashlib
import json
import sys
from functools import lru_cache
from pathlib import Path

from policykg.graph.linking import corpus_units, explicit_pairs, link_units
from policykg.ingest.extract import extract_bytes, extract_file

from .compare import sample_docs

HERE = Path(__file__).resolve().parent
GOLDEN = HERE / "same_links.json"
FIXTURES = HERE.parents[0] / "fixtures" / "linking"
BENCH = HERE.parents[1] / "bench"


@lru_cache(maxsize=1)
def _corpora() -> dict[str, list]:
    if str(BENCH) not in sys.path:
        sys.path.insert(0, str(BENCH))
    import corpus  # bench/corpus.py, as tests/bench imports it

    generated = [extract_bytes(text.encode("utf-8"), Path(rel).name) for rel, text in corpus.generate(200, seed=5)]
    samples = [*sample_docs(), *(extract_file(f) for f in sorted(FIXTURES.glob("*.txt")))]
    return {"samples": samples, "generated": generated}


def digests(docs) -> dict[str, str]:
    """Lower document key → a digest of its inferred links (source, type, target, every property), sorted."""
    per_doc: dict[str, list[str]] = {}
    for link in link_units(corpus_units(docs), explicit_pairs(docs)):
        line = json.dumps([link.source, link.type, link.target, link.props], ensure_ascii=False, sort_keys=True)
        per_doc.setdefault(link.source.split(":")[1], []).append(line)
    return {doc: hashlib.sha256("\n".join(sorted(lines)).encode()).hexdigest()[:16]
            for doc, lines in sorted(per_doc.items())}


def test_the_links_are_those_written_before():
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    for name, docs in _corpora().items():
        now = digests(docs)
        assert len(now) > 10, name
        changed = sorted(k for k in now.keys() | golden[name].keys() if now.get(k) != golden[name].get(k))
        assert not changed, f"{name}: the links of {len(changed)} lower documents changed: {changed[:5]}"


if __name__ == "__main__" and sys.argv[1:] == ["--write"]:
    GOLDEN.write_text(json.dumps({name: digests(docs) for name, docs in _corpora().items()}, ensure_ascii=False,
                                 indent=0, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {GOLDEN}")
