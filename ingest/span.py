"""A span of source text: the provenance every record of an extracted document carries.

A plain class, not a pydantic model: a document hands out one for every unit, task, provision and target it
names (some 110 a document), and pydantic's validation of each, some 4,000 instructions, was 3% of the
compiled extraction, where the compiled build makes a native class's instance in a few dozen. The records
(``records.py``) still validate and dump it as the model it was: from and to ``{"start": …, "end": …}``.
"""
from __future__ import annotations

from typing import Any

from pydantic import GetCoreSchemaHandler
from pydantic_core import core_schema


class Span:
    """Character offsets [start, end) into the source text as decoded."""

    __slots__ = ("start", "end")

    def __init__(self, start: int, end: int) -> None:
        self.start = start
        self.end = end

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Span):
            return NotImplemented
        return self.start == other.start and self.end == other.end

    def __repr__(self) -> str:
        return f"Span(start={self.start}, end={self.end})"

    def __reduce__(self) -> tuple[Any, ...]:
        # (the compiled build's class has no instance dict for pickle to restore: a reader process sends its
        # documents to the ingest pickled)
        return Span, (self.start, self.end)

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        fields = core_schema.typed_dict_schema({
            "start": core_schema.typed_dict_field(core_schema.int_schema()),
            "end": core_schema.typed_dict_field(core_schema.int_schema()),
        })
        from_fields = core_schema.no_info_after_validator_function(_from_fields, fields)
        return core_schema.json_or_python_schema(
            json_schema=from_fields,
            python_schema=core_schema.union_schema([core_schema.is_instance_schema(Span), from_fields]),
            serialization=core_schema.plain_serializer_function_ser_schema(_fields),
        )


def _from_fields(fields: dict[str, int]) -> Span:
    return Span(fields["start"], fields["end"])


def _fields(span: Span) -> dict[str, int]:
    return {"start": span.start, "end": span.end}
