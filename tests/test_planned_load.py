"""A document's write planned before the store is asked anything (``plan_load``, made by the ingest's reader
processes) is the write the load would make, or is refused.

No store here: the plan is compared with ``document_statements`` of ``build_graph([doc], known_documents=…)``,
which is what ``GraphStore.load_document`` writes. A city notice carrying out 桂政办发〔2024〕61号 (the linking
fixtures' guangxi family) is built against the provincial document being stored and not.
"""
from __future__ import annotations

import copy
import pickle
from pathlib import Path

import pytest

from policykg.graph.build import build_graph
from policykg.graph.ids import document_key, titles_of
from policykg.graph.repository import PLANNED_MARKS, plan_load
from policykg.graph.stores.loading import document_statements
from policykg.ingest.extract import extract_bytes

LINKING = Path(__file__).parent / "fixtures" / "linking"
UPPER = "POL_098F28AD0250D614E533.txt"  # 广西推动房地产市场平稳健康发展工作措施 (桂政办发〔2024〕61号)
CITY = "POL_0D3BF4D29150BD4BD39D.txt"  # 桂林: carries it out, citing it by title and number
UNRELATED = "POL_273216F1CBEED1531204.txt"
MARKS = dict(zip(PLANNED_MARKS, ("fingerprint", "version:x@1@2026-01-01T00:00:00.000Z", "2026-01-01T00:00:00.000Z")))


def extracted(name: str):
    return extract_bytes((LINKING / name).read_bytes(), name)


def own(doc) -> tuple[str, str | None, str | None]:
    return document_key(doc), doc.document.doc_number, doc.document.title


def what_the_load_writes(doc, known) -> list:
    graph = build_graph([doc], known_documents=known)
    graph.nodes["doc:" + document_key(doc)].props.update(MARKS)
    return document_statements(graph, "doc:" + document_key(doc), doc.document.doc_number,
                               titles_of(doc.document.title))


@pytest.mark.parametrize("stored", [(), (UNRELATED,)])
def test_a_plan_is_the_write_when_no_stored_document_is_referred_to(stored):
    city = extracted(CITY)
    known = [own(extracted(name)) for name in stored]
    plan = pickle.loads(pickle.dumps(plan_load(city)))  # as a reader process hands it over
    assert plan.fits(known, MARKS)
    assert plan.marked(MARKS) == what_the_load_writes(city, known)


def test_a_plan_is_refused_when_a_reference_finds_a_stored_document():
    city, upper = extracted(CITY), extracted(UPPER)
    plan = plan_load(city)
    assert not plan.fits([own(upper)], MARKS)
    # and rightly: the load points the reference at the stored document, where the plan has a stub
    assert what_the_load_writes(city, [own(upper)]) != copy.deepcopy(plan).marked(MARKS)


def test_a_plan_is_refused_for_other_marks():
    city = extracted(CITY)
    plan = plan_load(city)
    assert not plan.fits([], {"extractor": "fingerprint"})  # the same content read again keeps its version
    assert not plan.fits([], {k: v for k, v in MARKS.items() if k != "extractor"})
