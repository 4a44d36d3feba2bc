"""Every responsibility edge can be traced to its text: the span holds the name as written."""
from __future__ import annotations

from policykg.ingest.normalize import compact


def test_every_unit_span_holds_its_surface_form(extracted, corpus_files):
    raw_by_name = {f.name: f.read_text(encoding="utf-8") for f in corpus_files}
    checked = 0
    for name, doc in extracted.items():
        raw = raw_by_name[name]
        units = [u for t in doc.tasks for u in t.units] + [u for c in doc.cascades for u in c.units]
        for unit in units:
            written = compact(raw[unit.span.start:unit.span.end])
            assert unit.surface in written, f"{name}: span {unit.span} reads {written!r}, not {unit.surface!r}"
            assert unit.printed and unit.printed in written, f"{name}: span {unit.span} reads {written!r}, not {unit.printed!r}"
            checked += 1
    assert checked > 600


def test_task_and_target_spans_point_at_their_text(extracted, corpus_files):
    raw_by_name = {f.name: f.read_text(encoding="utf-8") for f in corpus_files}
    for name, doc in extracted.items():
        raw = raw_by_name[name]
        for task in doc.tasks:
            source = compact(raw[task.span.start:task.span.end])
            if task.text_start:
                assert compact(task.text_start)[:6] in source, (name, task.number)
            assert task.clause_span is None or task.clause_span.end <= task.span.end
        for target in doc.targets:
            assert compact(target.text) in compact(raw[target.span.start:target.span.end]), (name, target.text)
