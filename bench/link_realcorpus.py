"""Inferred links on the real corpus: does any join documents of unrelated regions?

    python bench/link_realcorpus.py [--records /work/shared/realcorpus/records.jsonl.gz] [--all] [--keep DIR]

Writes the documents with at least three responsibility-clause markers (``--all``: every policy text)
as text files (``bench/realcorpus_texts.py``), runs ``policykg ingest`` and ``policykg link`` on them into a
temporary embedded store (its own ``POLICYKG_DATA``, stopped at the end), and prints:

* how the documents got their region (``region_basis``), and how many have none;
* the inferred links by type, and how long ``policykg link`` took;
* how many inferred links join documents whose regions do not contain one another (the rule: none);
* how many involve a document of unknown region (allowed only when the text names what it implements).
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from realcorpus_texts import CLAUSE_MARKERS, DEFAULT, records, write  # noqa: E402

from policykg.graph.linking.scope import ancestors  # noqa: E402

LINKS = """
MATCH (low:Task)-[c:CASCADES_FROM|RELATES_TO]->(up:Task)
WHERE c.basis = 'inferred'
MATCH (low)-[:IN_DOCUMENT]->(ld:Document)
MATCH (up)-[:IN_DOCUMENT]->(ud:Document)
RETURN type(c) AS type, c.region_rule AS rule, c.score AS score,
       ld.id AS low_doc, ld.region AS low_region, ld.region_code AS low_code, ld.level AS low_level,
       ud.id AS up_doc, ud.region AS up_region, ud.region_code AS up_code, ud.level AS up_level
"""
DOCUMENTS = """
MATCH (d:Document) WHERE NOT coalesce(d.stub, false)
RETURN d.id AS id, d.region AS region, d.level AS level, d.region_basis AS basis
"""


def related(up_code: str | None, up_level: str | None, low_code: str | None) -> bool | None:
    """Whether the higher document's region contains the lower one's; None when a region is unknown."""
    if up_level == "national":
        return True if low_code else None
    if not up_code or not low_code:
        return None
    return up_code in ancestors(low_code)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=Path, default=DEFAULT)
    parser.add_argument("--all", action="store_true", help="every policy text, not only those with clauses")
    parser.add_argument("--keep", type=Path, help="write the texts here and keep them")
    args = parser.parse_args()

    policykg = str(Path(sys.executable).with_name("policykg"))
    with tempfile.TemporaryDirectory(prefix="policykg-realcorpus-") as tmp:
        folder = args.keep or Path(tmp) / "texts"
        folder.mkdir(parents=True, exist_ok=True)
        chosen = [r for r in records(args.records) if r.get("type") == "policy_document"
                  and (args.all or len(CLAUSE_MARKERS.findall(r["text"])) >= 3)]
        for rec in chosen:
            write(rec, folder)
        env = dict(os.environ, POLICYKG_DATA=str(Path(tmp) / "data"))
        env.pop("NEO4J_URI", None)
        try:
            t0 = time.perf_counter()
            # exits 1 when some files fail (no numbered provisions, two texts under one title): they are counted
            subprocess.run([policykg, "ingest", str(folder), "--report", str(Path(tmp) / "ingest.json")], env=env,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            ingest_s = time.perf_counter() - t0
            t0 = time.perf_counter()
            subprocess.run([policykg, "link"], env=env, check=True, stdout=subprocess.DEVNULL)
            link_s = time.perf_counter() - t0

            from policykg.graph.stores.factory import embedded_store

            store = embedded_store(Path(tmp) / "data")
            try:
                docs = store.rows(DOCUMENTS, row_cap=1_000_000)
                links = store.rows(LINKS, row_cap=10_000_000)
            finally:
                store.close()
        finally:
            subprocess.run([policykg, "store", "stop"], env=env, stdout=subprocess.DEVNULL)

    bases = Counter(d["basis"] or "unknown" for d in docs)
    print(f"documents: {len(chosen)} texts, {len(docs)} ingested ({ingest_s:.0f} s); "
          f"region from: {', '.join(f'{k} {v}' for k, v in bases.most_common())}")
    kinds = Counter(link["type"] for link in links)
    unrelated = [lk for lk in links if related(lk["up_code"], lk["up_level"], lk["low_code"]) is False]
    unknown = [lk for lk in links if related(lk["up_code"], lk["up_level"], lk["low_code"]) is None]
    print(f"policykg link: {link_s:.1f} s")
    print(f"{'inferred links':52} {len(links):>6}  {dict(kinds)}")
    print(f"{'  joining regions that do not contain one another':52} {len(unrelated):>6}  (must be 0)")
    share = len(unknown) / len(links) if links else 0.0
    print(f"{'  involving a document of unknown region':52} {len(unknown):>6}  {share:.1%} (must be ≤ 20%)")
    print(f"{'  by rule':52} {'':>6}  {dict(Counter(lk['rule'] for lk in links))}")
    pairs = Counter((lk["up_region"] or lk["up_level"] or "?", lk["low_region"] or "?") for lk in links)
    print("largest groups (higher region ← lower region): "
          + "; ".join(f"{u} ← {lo} {n}" for (u, lo), n in pairs.most_common(8)))
    for lk in unrelated[:10]:
        print("  unrelated:", lk["up_doc"], lk["up_region"], "←", lk["low_doc"], lk["low_region"], lk["rule"])


if __name__ == "__main__":
    main()
