"""One document's text to an ``ExtractedDocument``: the extraction pipeline.

clean → outline and tables → metadata → clauses and units → targets →
industries; every offset is mapped back to the source text for provenance.
"""
from __future__ import annotations

import gc
import hashlib
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final, TypeVar

from policykg.errors import PolicyKGError

from .clause_items import clause_items
from .clauses import (
    COOPERATE,
    LEAD,
    ClauseSpan,
    DocumentRules,
    StandingUnits,
    UnitMention,
    document_rules,
    find_clauses,
    holds_only_parens,
    parse_clause,
)
from .departments import Department, DepartmentCatalog, default_catalog, level_prefix
from .industries import Industry
from .industries import read as read_industries
from .metadata import read_metadata
from .normalize import CleanText, OffsetMap, clean_document, compact, compact_clean, rewrite
from .outline import Outline, Provision, build_outline
from .reading import DecodedText, ReadError, decode, read_text_file
from .records import (
    CascadeRecord,
    DocumentInfo,
    ExtractedDocument,
    IndustryRecord,
    ProvisionRecord,
    Span,
    TargetRecord,
    TaskRecord,
    UnitRef,
    maker,
)
from .references import reference_records
from .regions import Region
from .tables import LEVELS, Cell, Table, find_tables
from .target_documents import sets_goals
from .target_scope import deadline_in_clause, deadline_year, scope_of
from .target_years import document_year, package_year
from .targets import FoundTarget, QuantitySites, find_targets, year_handed_down

# the records made by the thousand per document (``maker``)
_new_provision = maker(ProvisionRecord)
_Made = TypeVar("_Made", UnitRef, TaskRecord)
# (Final: the compiled build keeps them in C variables, where a module's name is looked up in its dict at each use)
_new_instance: Final = object.__new__


def _slot_setter(name: str) -> Any:
    """The ``__set__`` of the slot ``name`` the records' pydantic base class declares, bound to its descriptor:
    what ``object.__setattr__(record, name, value)`` calls, without its look-up of the name in the record's
    class and its check that no class between overrides it (1,700 instructions less for a record's four)."""
    found = {next(vars(k)[name] for k in model.__mro__ if name in vars(k)) for model in (UnitRef, TaskRecord)}
    if len(found) != 1:
        raise TypeError(f"the records do not share their slot {name}")
    return found.pop().__set__


_set_dict: Final = _slot_setter("__dict__")
_set_fields_set: Final = _slot_setter("__pydantic_fields_set__")
_set_extra: Final = _slot_setter("__pydantic_extra__")
_set_private: Final = _slot_setter("__pydantic_private__")
_UNIT_REF_FIELDS: Final = frozenset(UnitRef.model_fields)
# the fields ``_provision_tasks`` gives a task (the others hold their defaults, empty lists)
_TASK_FIELDS_GIVEN: Final = frozenset(TaskRecord.model_fields) - {"implementers", "industries"}


def _made(model: type[_Made], fields: dict[str, Any], given: frozenset[str]) -> _Made:
    """``model(**{name: fields[name] for name in given})`` from a dict of all its fields, in their order, each of
    its declared type, the others their defaults: the instance pydantic's validation makes of it (the dict as its
    ``__dict__``, ``given`` as the fields set, no extra or private values), made the way ``model_construct`` makes
    one, without the validation. For the records made by the thousand of values of their types already: a unit
    named (10,544 in a pass, 8,600 instructions validated in the compiled build, 5,500 this way) and a task."""
    record = _new_instance(model)
    _set_dict(record, fields)
    _set_fields_set(record, set(given))
    _set_extra(record, None)
    _set_private(record, None)
    return record


# a unit a clause names, as parsed (offsets in the clause), with its start and end in the document's clean
# text: the parsed mention is kept for the clause's next appearance, so it is not copied to move it
_Placed = tuple[UnitMention, int, int]


class ExtractionError(PolicyKGError):
    """A document that yields nothing usable; the message names the file and the reason."""


@dataclass
class _Context:
    clean: CleanText
    catalog: DepartmentCatalog
    rules: DocumentRules
    date: str | None = None  # the document's date: which renamings apply to its names
    prefix: str | None = None  # the issuing government's level prefix (省/市/县/区…): bare names take it
    level: str | None = None  # the document's level (province, city, county): a table quoting a plan above cascades to it
    departments: dict[str, list[str]] = field(default_factory=dict)
    unknown: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # spans handed out in clean-text offsets, moved into the source's by ``map_spans`` all at once (a
    # document's few hundred spans mapped together cost less than mapping every offset or each span alone)
    _unmapped: list[Span] = field(default_factory=list)
    _unmapped_starts: list[int] = field(default_factory=list)  # theirs, as handed out (read back from a
    _unmapped_ends: list[int] = field(default_factory=list)  # model each time cost more)
    _ends_from: list[tuple[Span, Span]] = field(default_factory=list)
    _widen: list[tuple[Span, list[Span]]] = field(default_factory=list)
    # a unit as a clause names it (written, printed) → its department and printed form, once its names are
    # noted in ``departments`` and ``unknown``: a document names the same units under many points
    # (with a UnitRef's fields for the unit, its position, role and span to be set: a copy of it set there cost
    # less than a dict built of all nine for each of some 20,000 units in a pass)
    _units: dict[tuple[str, str], tuple[Department, dict[str, Any]]] = field(default_factory=dict)

    def span(self, start: int, end: int) -> Span:
        """The span of clean-text [start, end): in clean-text offsets until ``map_spans``."""
        span = Span(start, end)
        self._unmapped.append(span)
        self._unmapped_starts.append(start)
        self._unmapped_ends.append(end)
        return span

    def span_to_end_of(self, start: int, other: Span) -> Span:
        """From clean-text ``start`` to where ``other`` ends in the source, once both are mapped."""
        span = self.span(start, start)
        self._ends_from.append((span, other))
        return span

    def row_span(self, start: int, end: int, pieces: list[tuple[int, int]]) -> Span:
        """The span of clean-text [start, end), a table row, widened once mapped to every one of ``pieces`` (its
        cells) in the source: a space-aligned row's wrapped cells stand on the lines below its first, where its
        last cell's end need not be its last character."""
        span = self.span(start, end)
        if pieces:
            self._widen.append((span, [self.span(a, b) for a, b in pieces]))
        return span

    def map_spans(self) -> None:
        """Every span handed out since the last call, moved into source offsets (``CleanText.raw_spans``)."""
        if not self._unmapped:
            return
        mapped = self.clean.raw_spans(self._unmapped_starts, self._unmapped_ends)
        for span, (a, b) in zip(self._unmapped, mapped):
            span.start, span.end = a, b
        for span, other in self._ends_from:
            span.end = other.end
        for span, parts in self._widen:
            span.start = min(span.start, *(p.start for p in parts))
            span.end = max(span.end, *(p.end for p in parts))
        self._widen.clear()
        self._unmapped.clear()
        self._unmapped_starts.clear()
        self._unmapped_ends.clear()
        self._ends_from.clear()

    def resolve(self, placed: _Placed, role: str) -> tuple[Department, UnitRef]:
        mention, start, end = placed
        key = (mention.written, mention.printed)
        seen = self._units.get(key)
        if seen is None:
            dept = self.catalog.resolve(mention.written, self.date)
            surfaces = self.departments.setdefault(dept.name, [])
            printed = compact(mention.printed or mention.written)
            for form in (dept.surface, printed):
                if form not in surfaces:
                    surfaces.append(form)
            if not dept.known and not dept.collective and dept.name not in self.unknown:
                self.unknown.append(dept.name)
            # (in the fields' order, as the record's dict holds them)
            seen = self._units[key] = (dept, {"name": dept.name, "surface": dept.surface, "printed": printed,
                                              "position": 0, "role": "", "level": dept.level, "known": dept.known,
                                              "collective": dept.collective, "span": None})
        dept, unit_fields = seen
        fields = unit_fields.copy()
        fields["position"] = mention.position
        fields["role"] = role
        fields["span"] = self.span(start, end)
        return dept, _made(UnitRef, fields, _UNIT_REF_FIELDS)

    def units_of(self, text: str, start: int, default_role: str = "responsible") -> list[_Placed]:
        """Parse a clause found at clean-text offset ``start``: each unit it names, with where it stands in
        the clean text."""
        omap: OffsetMap | None = None  # None: nothing repaired, offsets stay (as far as the text's end)
        repaired = text
        if self.catalog.has_misprint(text):
            repaired, omap = rewrite(text, self.catalog.keyword_pattern(),
                                     lambda m: self.catalog.keyword_repairs[m.group()])
        end = start + len(text)
        leads = self.rules.first_listed_leads(end)
        before_comma = self.rules.leads_before_comma(end)
        standing, standing_key = self.rules.standing_with_key(end)
        # a clause as parsed, kept by the catalog under everything its parse depends on: documents repeat
        # their clauses (责任单位:市商务局 under many points), and documents of one government each other's
        key = ("clause", repaired, leads, before_comma, default_role, self.prefix, standing_key)
        parsed = self.catalog.kept(key, _parse_clause, repaired, self.catalog, leads, before_comma, default_role,
                                   standing, self.prefix)
        n = len(text)
        placed = []
        for m in parsed:  # (the parsed ones, in the clause's own offsets, serve its next appearance)
            if m.stated_at is not None:
                a, b = m.stated_at
            elif omap is None:
                a, b = m.start, m.end
                a, b = start + (a if a < n else n), start + (b if b < n else n)  # (min's call cost more)
            else:
                a, b = start + omap.start(m.start), start + omap.end(m.end)
            placed.append((m, a, b))
        return placed


def _parse_clause(text: str, catalog: DepartmentCatalog, leads: bool, before_comma: bool, default_role: str,
                  standing: list[StandingUnits], prefix: str | None) -> list[UnitMention]:
    """``parse_clause`` of a clause at offset 0, its arguments in order: what ``_Context.units_of`` keeps (a
    function of the module, where a closure made for each clause held its variables in cells)."""
    return parse_clause(text, 0, catalog, first_listed_leads=leads, leads_before_comma=before_comma,
                        default_role=default_role, standing=standing, default_prefix=prefix)


_FEW_TO_UNIQUE: Final = 16  # up to this many items, each is compared with those kept before it


def _unique(xs: list[str]) -> list[str]:
    # (most lists of a task's leads or cooperating units name one unit or none: copied without a dict; a short
    # list is kept item by item: a call of ``dict.fromkeys`` and the list made of the dict cost some 3,000)
    if len(xs) > _FEW_TO_UNIQUE:
        return list(dict.fromkeys(xs))
    kept: list[str] = []
    for x in xs:
        if x not in kept:
            kept.append(x)
    return kept


def _text_start(body: str) -> str:
    return body.strip()[:12]


# what may follow a clause and still close the sentence it stands in: "…给予补助。(牵头部门:区住建局)。\n自…"
_CLAUSE_SENTENCE_END: Final = "。．.;；,，、 \t\u3000\n"


def _past_clause(text: str, at: int, end: int) -> int:
    """Where the text after a clause ending at ``at`` begins: past the 。 that ends the clause's own sentence, which
    is no part of the next sentence group (its task's text_start had begun with that 。)."""
    while at < end and text[at] in _CLAUSE_SENTENCE_END:
        at += 1
    return at


def _provision_tasks(ctx: _Context, text: str, p: Provision, clauses: list[ClauseSpan]) -> list[TaskRecord]:
    # (``clauses`` typed: an untyped list's items had each offset added, and the text sliced, as Python objects)
    tasks: list[TaskRecord] = []
    cursor = p.body_start
    for k, clause in enumerate(clauses, start=1):
        c_start, c_end = p.start + clause.start, p.start + clause.end
        after = _past_clause(text, c_end, p.end)
        mentions = ctx.units_of(text[p.start + clause.content_start:p.start + clause.content_end],
                                p.start + clause.content_start)
        if not mentions:
            ctx.warnings.append(f"provision {p.number}: a responsibility clause names no unit: "
                                f"{compact(text[c_start:c_end])[:60]}")
            continue
        body = text[cursor:c_start] if cursor < c_start else ""
        untitled = False
        if not body.strip():
            # the clause stands on the heading line; the body follows it
            following = clauses[k].start + p.start if k < len(clauses) else p.end
            body = text[after:following]
            if not body.strip() and k == len(clauses):
                if p.children:
                    # a heading with its clause and nothing else: its text is what its sub-items say
                    body = text[c_end:c_end + 40]
                else:
                    # one sentence and its clause ("1.推进试点。(省科技厅牵头负责)"): the sentence is the
                    # text, no heading of one (the 40 characters after it are the next provision's)
                    body, untitled = text[p.title_start:c_start], True
        leads: list[str] = []
        cooperates: list[str] = []
        units: list[UnitRef] = []
        for placed in mentions:
            role = placed[0].role
            dept, ref = ctx.resolve(placed, role)
            (leads if role == LEAD else cooperates).append(dept.name)
            units.append(ref)
        deadline = deadline_in_clause(text[c_start:c_end])
        # the record made once, whole: each assignment to a model after it is made costs a call of its __setattr__
        tasks.append(_made(TaskRecord, {
            "number": p.number, "title": p.title if k == 1 and not untitled else None, "text_start": _text_start(body),
            # (the lists are this task's own: one of one unit or none is kept as it is, not copied)
            "leads": leads if len(leads) < 2 else _unique(leads),
            "cooperates": cooperates if len(cooperates) < 2 else _unique(cooperates),
            "implementers": [], "text": compact_clean(body),
            "clause": k, "parent": p.parent_number, "span": ctx.span(p.start if k == 1 else cursor, c_end),
            "clause_span": ctx.span(c_start, c_end), "units": units, "industries": [], "deadline": deadline,
            "deadline_year": deadline_year(deadline)}, _TASK_FIELDS_GIVEN))
        cursor = after
    return tasks


def _attachment_as_body(outline: Outline, by_provision: dict[int, list[TaskRecord]]) -> None:
    """An attachment is numbered apart (附件/一) so that it does not collide with the body; when the
    body's numbered points carry no clause (a notice's own requirements) and one attachment holds
    the measures, nothing collides: the attachment's numbering is the document's."""
    labels = {p.path[0] for p in outline.provisions if _is_attachment(p)}
    if len(labels) != 1:
        return
    if any(by_provision[id(p)] for p in outline.provisions if not _is_attachment(p)):
        return
    for p in outline.provisions:
        if _is_attachment(p):
            p.path = p.path[1:]
            for task in by_provision[id(p)]:
                task.number, task.parent = p.number, p.parent_number


def _is_attachment(p: Provision) -> bool:
    return len(p.path) > 1 and p.path[0].startswith("附件")


def _lift_enumeration_clause(ctx: _Context, text: str, p: Provision, by_provision: dict[int, list[TaskRecord]],
                             split_depths: frozenset[int] = frozenset()) -> None:
    """"(一)实行购房补贴。补贴标准为:\n1.…\n2.…〔责任单位:…〕": items that enumerate what their parent
    introduces with a colon, closed by one clause after the last: the clause is the parent's.

    So too where the parent does not end with a colon ("一、强化信贷支持\n(一)…\n(二)…\n(责任单位:…)", the
    clause often on a line of its own below the group): the items before the last name no unit, and one clause
    closes the last, nothing after it — unless the document gives the sub-items of another parent at this depth
    clauses of their own (``split_depths``): there a lone clause at the last is that item's."""
    kids = p.children
    if len(kids) < 2 or by_provision[id(p)] or kids[-1].children:
        return
    last = by_provision[id(kids[-1])]
    if not last or any(_holds_tasks(k, by_provision) for k in kids[:-1]):
        return
    colon = text[p.body_start:p.end].rstrip().endswith((":", "："))
    if not colon:
        if len(last) != 1 or len(p.path) in split_depths:
            return
        clause = last[0].clause_span  # (in clean-text offsets still: spans are mapped once the tasks are made)
        if clause is None or text[clause.end:kids[-1].end].strip(" \t\u3000\n。;；"):
            return  # the clause stands inside the last item, not after it
    for k, task in enumerate(last):
        task.number, task.parent = p.number, p.parent_number
        if k == 0:
            task.title = p.title
            own = text[p.body_start:p.end]
            # a heading above its items: its text is what the items say (as a heading closed by its clause)
            task.text_start = _text_start(own if own.strip() else text[p.end:p.end + 40])
            if not colon:
                # the parent's own text, as its provision's (a heading's is empty), not the last item's: the items
                # keep theirs, and the group is not made a second copy of its last item (the linker reads a
                # provision's task text as the provision's)
                task.text = compact_clean(own)
            task.span = ctx.span_to_end_of(p.start, task.span)
    by_provision[id(p)], by_provision[id(kids[-1])] = last, []


def _holds_tasks(p: Provision, by_provision: dict[int, list[TaskRecord]]) -> bool:
    return bool(by_provision[id(p)]) or any(_holds_tasks(k, by_provision) for k in p.children)


def _split_depths(outline: Outline, by_provision: dict[int, list[TaskRecord]]) -> frozenset[int]:
    """The depths of the parents two or more of whose sub-items carry clauses of their own."""
    return frozenset(len(p.path) for p in outline.provisions
                     if sum(1 for k in p.children if by_provision[id(k)]) >= 2)


def _split_title(content: str) -> tuple[str | None, str, int]:
    """(title, body, body offset) of a table's content cell."""
    stop = content.find("。")
    if stop < 0:
        return (content or None), "", len(content)
    return content[:stop], content[stop + 1:], stop + 1


# a piece of text that ends with one of these has closed its sentence or goes on into the next piece
_CLOSED = ("。", ";", "；", ",", "，", ":", "：", "!", "！", "?", "？", "、")


def _joined_sentences(pieces: list[str]) -> str:
    """The pieces of a task's text that cells of their own give (the task cell's sentences after its title, the
    measures beside it), one after another: a cell leaves out the 。 that ends its last sentence, which is put
    back before the next piece, lest the two run together as one sentence."""
    out = ""
    for piece in pieces:
        piece = piece.strip()
        if not piece:
            continue
        if out and not out.endswith(_CLOSED):
            out += "。"
        out += piece
    return out


# the fields a table row's task is given (``_table_tasks``): a deadline with its year where the row has one, the
# implementers where the table cascades
_TABLE_TASK_FIELDS: Final = frozenset({"number", "title", "text_start", "text", "span", "clause", "leads",
                                       "cooperates"})
_TABLE_TASK_FIELDS_DUE: Final = _TABLE_TASK_FIELDS | {"deadline", "deadline_year"}
_IMPLEMENTERS: Final = frozenset({"implementers"})


def _table_tasks(ctx: _Context, text: str, table: Table) -> tuple[list[TaskRecord], list[CascadeRecord]]:
    content_col, measures_col = table.column("content"), table.column("measures")
    unit_cols = table.unit_columns()
    cascade = table.cascade_levels(ctx.level)
    cascading = cascade is not None
    levels = list(cascade[:2]) if cascade else []
    tasks, cascades = [], []
    for row in table.rows:
        content = row.cells[content_col.index] if content_col else None
        title, body, _ = _split_title(content.text if content else "")
        pieces = [body]
        if measures_col is not None and measures_col.index < len(row.cells):
            pieces.append(row.cells[measures_col.index].text)  # 重点任务 | 具体措施: the measures are the task's text
        body = _joined_sentences(pieces)
        number = str(row.ordinal)
        # (a row below a merged cell spans its own line: the cells it takes from the merged row stand above it)
        own = [c for i, c in enumerate(row.cells) if i not in row.inherited]
        start = row.cells[0].start if row.cells[0].start >= 0 and not row.inherited else \
            min((c.start for c in own if c.start >= 0), default=content.start if content else 0)
        end = max(c.end for c in own if c.end >= 0)
        span = ctx.row_span(start, end, [(c.start, c.end) for c in own if c.end > c.start >= 0]) \
            if row.whole else ctx.span(start, end)
        # (the start as printed: within the first cell that gives the text, not across the mark put after it)
        text_start = _text_start(next((p for p in pieces if p.strip()), ""))
        deadline: str | None = None
        due = table.column("deadline")
        if due is not None and due.index < len(row.cells) and row.cells[due.index].text:
            deadline = compact(row.cells[due.index].text)  # 完成时限 column
        units: list[UnitRef] = []
        roles: dict[str, dict[str, list[str]]] = {}
        cascade_units: list[UnitRef] = []
        for col in unit_cols:
            cell = row.cells[col.index] if col.index < len(row.cells) else None
            if cell is None or not cell.text:
                continue
            default = COOPERATE if col.cooperate else "responsible"
            # (a table that quotes an upper level's tasks prints its own units under columns without a level)
            col_level = col.level or (levels[1] if cascade and cascade[2] else None)
            level = col_level or "any"
            for placed in ctx.units_of(cell.text, cell.start, default):
                m = placed[0]
                upper = not cascading or col_level == levels[0]
                role = m.role if upper else ("implement" if m.role == LEAD else COOPERATE)
                dept, ref = ctx.resolve(placed, role)
                roles.setdefault(level, {}).setdefault(m.role, []).append(dept.name)
                if upper or role == "implement":
                    units.append(ref)
                cascade_units.append(ref)
        upper_roles = roles.get(levels[0], {}) if cascading else _merge_roles(roles)
        implementers: list[str] = []
        lower: dict[str, list[str]] = {}
        if cascading:
            lower = roles.get(levels[1], {})
            # (a third level's units carry the task out below the second's: 县级责任单位 beside 市级落实单位)
            implementers = _unique(lower.get(LEAD, []) + [name for level in LEVELS[LEVELS.index(levels[1]) + 1:]
                                                          for name in roles.get(level, {}).get(LEAD, [])])
        # the record made once, whole, with the fields given as the model's validation and assignments set them
        given = _TABLE_TASK_FIELDS if deadline is None else _TABLE_TASK_FIELDS_DUE
        task = _made(TaskRecord, {
            "number": number, "title": title, "text_start": text_start,
            "leads": _unique(upper_roles.get(LEAD, [])), "cooperates": _unique(upper_roles.get(COOPERATE, [])),
            "implementers": implementers, "text": compact_clean(body), "clause": row.part, "parent": None,
            "span": span, "clause_span": None, "units": units, "industries": [], "deadline": deadline,
            "deadline_year": None if deadline is None else deadline_year(deadline)},
            given if not cascading else given | _IMPLEMENTERS)
        if cascading:
            cascades.append(CascadeRecord(
                number=number, clause=row.part, province_task=title or compact_clean(body)[:30],
                province_leads=task.leads, province_cooperates=task.cooperates,
                city_leads=_unique(lower.get(LEAD, [])), city_cooperates=_unique(lower.get(COOPERATE, [])),
                upper_level=levels[0], lower_level=levels[1], span=task.span, units=cascade_units))
        if task.leads or task.cooperates or task.implementers:
            tasks.append(task)
        else:
            ctx.warnings.append(f"table row {number}: no responsible unit recognised")
    ctx.warnings.extend(table.warnings)
    return tasks, cascades


def _merge_roles(roles: dict[str, dict[str, list[str]]]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for by_role in roles.values():
        for role, names in by_role.items():
            out.setdefault(role, []).extend(names)
    return out


def _table_span(text: str, table: Table) -> tuple[int, int]:
    """From the start of the first row's line to the end of the last row."""
    starts = [c.start for r in table.rows[:1] for c in r.cells if c.start >= 0]
    ends = [c.end for r in table.rows for c in r.cells if c.end >= 0]
    if not starts or not ends:
        return 0, 0
    return text.rfind("\n", 0, min(starts)) + 1, max(ends)


def _outside(a: int, b: int, holes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """[a, b) without the ``holes``: a provision's text that runs over a table holds no table row."""
    parts = [(a, b)]
    for ha, hb in holes:
        parts = [p for x, y in parts for p in ((x, min(y, ha)), (max(x, hb), y)) if p[1] > p[0]]
    return parts


@dataclass(init=False)
class _TargetRegion:
    number: str
    start: int
    end: int
    handed_year: int | None = None  # the year a heading or the row's deadline gives
    quoted_level: str | None = None  # a table's content column quotes the plan of this level
    clause: int = 0  # a table row's part (``TableRow.part``): the task its goals belong to; 0: told by the clauses

    # (its own __init__: the compiled build makes it a C function, where the dataclass's generated one runs as Python,
    # for each provision or cell with a quantity)
    def __init__(self, number: str, start: int, end: int, handed_year: int | None = None,
                 quoted_level: str | None = None, clause: int = 0) -> None:
        self.number = number
        self.start = start
        self.end = end
        self.handed_year = handed_year
        self.quoted_level = quoted_level
        self.clause = clause


_new_target = maker(TargetRecord)  # (a long plan states hundreds: see ``maker``)


def _targets(ctx: _Context, text: str, outline: Outline, tables: list[Table], preamble_start: int,
             package: int | None, this_year: int | None, region: Region | None,
             tasks: list[TaskRecord]) -> list[TargetRecord]:
    holes = [_table_span(text, t) for t in tables]
    # most provisions hold no number with a unit: they are not read for targets, nor for the year they hand on
    sites = QuantitySites(text)
    regions: list[_TargetRegion] = []
    if outline.provisions:
        for a, b in _outside(preamble_start, outline.provisions[0].start, holes):
            if sites.may_hold(a, b):
                regions.append(_TargetRegion("", a, b))
    latest: dict[str, Provision] = {}  # the provision of each number so far
    handed: dict[int, int | None] = {}  # by id(provision): the year it hands down, read when asked

    def year_handed_by(p: Provision | None) -> int | None:
        if p is None:
            return None
        if id(p) not in handed:
            handed[id(p)] = year_handed_down(text[p.title_start:p.end])
        return handed[id(p)]

    for p in outline.provisions:
        # (most documents have no table: a provision is then one piece)
        pieces = [(a, b) for a, b in (_outside(p.title_start, p.end, holes) if holes else ((p.title_start, p.end),))
                  if sites.may_hold(a, b)]
        if pieces:
            # "到2025年，主要目标是：" above numbered items gives them its year
            inherited = next((y for a in reversed(_ancestry(p.number)[:-1]) if (y := year_handed_by(latest.get(a)))),
                             None)
            regions.extend(_TargetRegion(p.number, a, b, inherited) for a, b in pieces)
        latest[p.number] = p
    for table in tables:
        due = table.column("deadline")
        # the task's text columns: its name (and measures), the measures of their own column, its goals (预期目标)
        cols = [c for c in (table.column("content"), table.column("measures"), table.column("goals")) if c is not None]
        cascade = table.cascade_levels(ctx.level)
        quoted = cascade[0] if cascade else None  # 省级方案内容 | 省级牵头单位 | 市级落实单位
        for row in table.rows:
            deadline = row.cells[due.index].text if due is not None and due.index < len(row.cells) else None
            for col in cols:
                if col.index in row.inherited or col.index >= len(row.cells):
                    continue  # a merged cell's goals are read once, on the row it is printed on
                for a, b in _cell_pieces(text, row.cells[col.index]):
                    if sites.may_hold(a, b):
                        regions.append(_TargetRegion(str(row.ordinal), a, b, deadline_year(deadline), quoted, row.part))
    found = []
    for r in regions:
        if r.end <= r.start:
            continue
        own = text[r.start:r.end]
        for t in find_targets(own, default_year=r.handed_year, package_year=package, document_year=this_year,
                              tails=sites.tails_in(r.start, r.end)):
            scope, scope_level = scope_of(_clause_before(own, t), region, r.quoted_level)
            found.append((r, t, scope, scope_level, ctx.span(r.start + t.start, r.start + t.end)))
    ctx.map_spans()  # a target's clause is told by where the clauses end in the source
    clause_ends: dict[str, list[tuple[int, int]]] = {}
    for task in tasks:
        if task.clause_span is not None:
            clause_ends.setdefault(task.number, []).append((task.clause_span.end, task.clause))
    for ends in clause_ends.values():
        ends.sort()  # (once a task, not for each of its targets)
    out: list[TargetRecord] = []
    for r, t, scope, scope_level, span in found:
        # the responsibility clause that closes the sentence group it sits in
        clause = r.clause or _clause_closing(clause_ends.get(r.number), span.end)
        out.append(_new_target({"task": r.number, "clause": clause, "text": t.text, "metric": t.metric,
                                "value": t.value, "unit": t.unit, "qualifier": t.qualifier, "year": t.year,
                                "year_basis": t.year_basis, "scope": scope, "scope_level": scope_level, "span": span}))
    return out


def _clause_closing(ends: list[tuple[int, int]] | None, at: int) -> int:
    """The first of a task's clauses, (end, clause) in order, that ends at or after ``at``; 1 when none does. (A
    loop, not a generator: the compiled build makes a generator an object, for each target.)"""
    if ends is not None:
        for end, clause in ends:
            if end >= at:
                return clause
    return 1


def _cell_pieces(text: str, cell: Cell) -> list[tuple[int, int]]:
    """Where a table cell's text stands: a cell broken across lines in pieces, the cells of its row that stand
    between them left out (a goal in the 具体措施 cell beside a wrapped 重点任务 cell is the measures' alone); pieces
    with nothing but a line break between them are one (a goal wrapped in the last column)."""
    out: list[tuple[int, int]] = []
    for a, b in cell.spans():
        if a < 0:
            continue
        if out and not text[out[-1][1]:a].strip():
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


# the text up to the last of what ends the clause a target's scope is read from (a comma between digits too)
_TO_LAST_CUT: Final = re.compile(r"(?s).*[。\n,;:，；：]")


def _clause_before(text: str, t: FoundTarget) -> str:
    """A target's own clause up to its end: "全省…达到120家" in "到2025年,全省…达到120家", from after the last cut at
    or before its first character. (One match, which runs to the end and steps back to the last cut: searches back
    for each cut character cost more in their calls than the few characters read.)"""
    cut = _TO_LAST_CUT.match(text, 0, t.start + 1)
    return text[cut.end() if cut is not None else 0:t.end]


def _preamble_start(text: str, body_start: int) -> int:
    """The preamble begins after the addressee line (各县区人民政府…：) or the last title line."""
    head = text[:body_start]
    k = max(head.rfind(":\n"), head.rfind("：\n"))
    return k + 2 if k >= 0 else 0


def extract_text(decoded: DecodedText, name: str, catalog: DepartmentCatalog | None = None,
                 where: str | None = None) -> ExtractedDocument:
    """``name`` is the file name recorded in the result; ``where`` names the file in error messages."""
    with _collector_paused():
        return _extract(decoded, name, catalog or default_catalog(), where)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector off while one document is read. Extraction makes some hundred thousand
    short-lived objects, which reference counting frees; the collector, run after every 700 allocations,
    walked them again for nothing, and every tenth run the catalogs and caches too (6% of the CPU time).
    Extraction makes no reference cycles (a raised error's traceback aside), so nothing waits for it."""
    if not gc.isenabled():  # (a caller that turned it off keeps it off)
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _extract(decoded: DecodedText, name: str, catalog: DepartmentCatalog, where: str | None) -> ExtractedDocument:
    raw = decoded.text
    clean = clean_document(raw, catalog)
    text = clean.text
    outline = build_outline(text)
    tables = find_tables(text, clean.whole_rows, catalog)
    if not outline.provisions and not tables:
        items = clause_items(text, 0, catalog)
        if items:
            outline = Outline(items, items[0].start, items[-1].end)
    if not outline.provisions and not tables:
        raise ExtractionError(f"{where or name}: no numbered provisions or division-of-labour table found "
                              f"({len(text)} characters of text)")
    table_start = min((r.cells[0].start for t in tables for r in t.rows[:1] if r.cells[0].start >= 0), default=len(text))
    body_start = min(outline.body_start if outline.provisions else len(text), table_start)
    meta = read_metadata(text, body_start)
    ctx = _Context(clean, catalog, document_rules(text, catalog), meta.date.isoformat() if meta.date else None,
                   level_prefix(meta.region.name if meta.region else None), level=meta.level)
    ctx.warnings.extend(meta.warnings)

    tasks: list[TaskRecord] = []
    only_parens = holds_only_parens(text)  # (then so does each provision: asked once)
    found = [(p, find_clauses(text[p.start:p.end], catalog, only_parens=only_parens)) for p in outline.provisions]
    # the prefix the clauses print (县财政局、县税务局) says whose units their bare names are, more
    # surely than the issuer read from the header
    printed = catalog.dominant_prefix("\n".join(text[p.start + c.content_start:p.start + c.content_end]
                                                for p, cs in found for c in cs))
    ctx.prefix = printed or ctx.prefix
    by_provision = {id(p): _provision_tasks(ctx, text, p, clauses) for p, clauses in found}
    _attachment_as_body(outline, by_provision)
    split = _split_depths(outline, by_provision)
    for p in outline.provisions:
        _lift_enumeration_clause(ctx, text, p, by_provision, split)
    for p in outline.provisions:
        tasks.extend(by_provision[id(p)])
    cascades: list[CascadeRecord] = []
    for table in tables:
        t_tasks, t_cascades = _table_tasks(ctx, text, table)
        tasks.extend(t_tasks)
        cascades.extend(t_cascades)

    industries = read_industries(text, outline)
    if industries:  # (most documents name none: their tasks keep the empty list they were made with)
        _assign_industries(tasks, industries)

    info = DocumentInfo(
        doc_number=meta.doc_number, title=meta.title, issuer=meta.issuer,
        region=meta.region.name if meta.region else None, level=meta.level,
        date=meta.date.isoformat() if meta.date else None, implements=meta.implements,
        region_code=meta.region.code if meta.region else None, region_basis=meta.region_basis,
        plan_year=meta.plan_year)
    provisions = [_new_provision({"number": p.number, "title": p.title, "parent": p.parent_number,
                                  "text": compact_clean(text[p.body_start:p.end]), "span": ctx.span(p.start, p.end)})
                  for p in _parents_first(outline)]
    package = package_year(text, body_start, meta.date, meta.plan_year)
    targets: list[TargetRecord] = []
    if sets_goals(meta.title, text, body_start):  # (a report's figures are past results, an ordinance's rules)
        targets = _targets(ctx, text, outline, tables, _preamble_start(text, body_start), package,
                           document_year(text, meta.date, package), meta.region, tasks)
    ctx.map_spans()  # (``_targets`` has mapped them all; none is left in clean-text offsets)
    if ctx.unknown:
        ctx.warnings.append("departments not in the alias file (kept as written): " + "、".join(ctx.unknown))
    doc = ExtractedDocument(
        file=name, content_hash=hashlib.sha256(raw.encode("utf-8")).hexdigest(), encoding=decoded.encoding,
        document=info, tasks=tasks, cascades=cascades, targets=targets,
        industries=[IndustryRecord(name=i.name, parent=i.parent, provision=i.provision) for i in industries],
        departments=ctx.departments, provisions=provisions, unknown_departments=ctx.unknown,
        ignored_columns=list(dict.fromkeys(compact(c.header) for t in tables for c in t.columns
                                           if c.role == "other" and compact(c.header))),
        warnings=ctx.warnings)
    doc.references = reference_records(doc, head=text[:body_start])
    return doc


def _assign_industries(tasks: list[TaskRecord], industries: list[Industry]) -> None:
    """Each task's industries: the one its provision or an ancestor is about, then those its title names."""
    industry_of = {i.provision: i.name for i in industries if i.provision}
    names = [i.name for i in industries]
    for task in tasks:
        fields = task.__dict__
        chosen: list[str] = []
        if industry_of:
            # the deepest of the number's ancestors (itself first) that is about one: its path cut at each "/"
            number: str = fields["number"]
            end = len(number)
            while end > 0:
                ancestor = number[:end]
                if ancestor in industry_of:
                    chosen.append(industry_of[ancestor])
                    break
                end = number.rfind("/", 0, end)
        title: str | None = fields["title"]
        if title:
            chosen += [n for n in names if n in title]
        # stored as pydantic's own assignment stores a field (it validates no assignment), without its per-call cost
        fields["industries"] = _unique(chosen)
        task.__pydantic_fields_set__.add("industries")


def _ancestry(number: str) -> list[str]:
    parts = number.split("/")
    return ["/".join(parts[: i + 1]) for i in range(len(parts))]


def extract_file(path: Path, catalog: DepartmentCatalog | None = None) -> ExtractedDocument:
    decoded = read_text_file(path)
    return extract_text(decoded, path.name, catalog, where=str(path))


def _parents_first(outline: Outline) -> list[Provision]:
    """The provisions and the attachments they are numbered under (附件/一 under 附件), in text order: a
    provision's parent stands before it."""
    if not outline.attachments:
        return outline.provisions
    return sorted(outline.provisions + outline.attachments, key=lambda p: p.start)


def extract_bytes(data: bytes, name: str, catalog: DepartmentCatalog | None = None) -> ExtractedDocument:
    return extract_text(decode(data, name), name, catalog)


__all__ = ["ExtractionError", "ReadError", "extract_file", "extract_bytes", "extract_text"]
