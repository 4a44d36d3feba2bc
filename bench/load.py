"""Loading speed: UNWIND batches against one MERGE per row, and a 1,000,000-relationship graph.

    python bench/load.py [--relationships 1000000] [--per-row 3000] [--batch 5000]

Runs on the embedded store (a fresh data dir under /tmp) and, when NEO4J_URI
is set, on Neo4j too. Prints one table; the goals are batches at least 25×
faster than per-row MERGE, and at least 50,000 relationships/s embedded.
"""
from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import time
from pathlib import Path

NODE_Q = "UNWIND $rows AS row MERGE (n:Task {id: row.id}) SET n.title = row.title"
REL_Q = ("UNWIND $rows AS row MATCH (a:Task {id: row.src}) MATCH (b:Task {id: row.dst}) "
         "MERGE (a)-[r:UNDER {key: row.key}]->(b)")
NODE_ONE = "MERGE (n:Task {id: $id}) SET n.title = $title"
REL_ONE = "MATCH (a:Task {id: $src}) MATCH (b:Task {id: $dst}) MERGE (a)-[r:UNDER {key: $key}]->(b)"


def synthetic(n_rels: int, fanout: int = 10):
    n_nodes = n_rels // fanout + fanout
    nodes = [{"id": f"t{i}", "title": f"任务{i}"} for i in range(n_nodes)]
    rels = [{"src": f"t{i}", "dst": f"t{(i * 7919 + k) % n_nodes}", "key": str(k)}
            for i in range(n_rels // fanout) for k in range(fanout)]
    return nodes, rels


class Embedded:
    name = "embedded FalkorDB"

    def __init__(self):
        from policykg.graph.stores.factory import embedded_store

        self.dir = Path(tempfile.mkdtemp(prefix="policykg-bench-"))
        self.store = embedded_store(self.dir)
        self.store.ensure_schema()

    def run(self, query, params):
        self.store.backend.client.write(query, params)

    def reset(self):
        self.store.clear()
        self.store.ensure_schema()

    def close(self):
        self.store.backend.server.stop(force=True)
        shutil.rmtree(self.dir, ignore_errors=True)


class Neo4j:
    name = "Neo4j"

    def __init__(self):
        from policykg.graph.stores.factory import open_store
        from policykg.settings import Settings

        self.store = open_store(Settings.from_env(store_kind="neo4j"))
        self.store.ensure_schema()

    def run(self, query, params):
        self.store.backend.write_atomic([(query, params)])

    def reset(self):
        self.store.clear()

    def close(self):
        self.store.close()


def timed(fn) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def bench(backend, n_rels: int, per_row: int, batch: int) -> list[tuple[str, str, str]]:
    rows = []
    nodes, rels = synthetic(per_row * 20)  # per_row * 2 nodes, per_row * 20 relationships
    backend.reset()
    t_nodes_one = timed(lambda: [backend.run(NODE_ONE, r) for r in nodes[:per_row]])
    backend.reset()
    t_nodes_batch = timed(lambda: [backend.run(NODE_Q, {"rows": nodes[i:i + batch]}) for i in range(0, len(nodes), batch)])
    one_rate, batch_rate = min(per_row, len(nodes)) / t_nodes_one, len(nodes) / t_nodes_batch
    rows.append(("nodes, one MERGE per row", f"{one_rate:,.0f} rows/s", ""))
    rows.append((f"nodes, UNWIND batches of {batch}", f"{batch_rate:,.0f} rows/s", f"{batch_rate / one_rate:.0f}× per-row"))
    t_rel_one = timed(lambda: [backend.run(REL_ONE, r) for r in rels[:per_row]])
    backend.reset()
    backend.run(NODE_Q, {"rows": nodes})
    t_rel_batch = timed(lambda: [backend.run(REL_Q, {"rows": rels[i:i + batch]}) for i in range(0, len(rels), batch)])
    one_rate, batch_rate = min(per_row, len(rels)) / t_rel_one, len(rels) / t_rel_batch
    rows.append(("relationships, one MERGE per row", f"{one_rate:,.0f} rows/s", ""))
    rows.append((f"relationships, UNWIND batches of {batch}", f"{batch_rate:,.0f} rows/s", f"{batch_rate / one_rate:.0f}× per-row"))

    nodes, rels = synthetic(n_rels)
    backend.reset()
    t_nodes = timed(lambda: [backend.run(NODE_Q, {"rows": nodes[i:i + batch]}) for i in range(0, len(nodes), batch)])
    t_rels = timed(lambda: [backend.run(REL_Q, {"rows": rels[i:i + batch]}) for i in range(0, len(rels), batch)])
    rate = len(rels) / t_rels
    rows.append((f"synthetic graph: {len(nodes):,} nodes", f"{len(nodes) / t_nodes:,.0f} nodes/s", f"{t_nodes:.1f} s"))
    rows.append((f"synthetic graph: {len(rels):,} relationships", f"{rate:,.0f} rels/s",
                 f"{t_rels:.1f} s; goal ≥ 50,000 rels/s: {'met' if rate >= 50_000 else 'MISSED'}"))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--relationships", type=int, default=1_000_000)
    parser.add_argument("--per-row", type=int, default=3000)
    parser.add_argument("--batch", type=int, default=5000)
    args = parser.parse_args()
    backends = [Embedded] + ([Neo4j] if os.environ.get("NEO4J_URI") else [])
    print(f"{'store':18} {'run':42} {'rate':>18}  note")
    for make in backends:
        backend = make()
        try:
            for run, rate, note in bench(backend, args.relationships, args.per_row, args.batch):
                print(f"{backend.name:18} {run:42} {rate:>18}  {note}")
        finally:
            backend.close()
    if not os.environ.get("NEO4J_URI"):
        print("(Neo4j: set NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD to include it)")


if __name__ == "__main__":
    main()
