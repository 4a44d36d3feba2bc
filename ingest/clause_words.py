"""The words of responsibility clauses, compiled once from ``data/clauses.toml``.

Every parser that needs a clause word takes it from here, so the clause
parser, the table reader, the label-line joiner of ``normalize`` and the
department classifier agree on what a label or a closing verb is.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from re import _parser as _sre_parse  # type: ignore[attr-defined]  # a pattern's widths: no public API gives them
from typing import Final, Iterator

from .word_lists import alternation as _alt

DATA_FILE = Path(str(resources.files("policykg.ingest").joinpath("data", "clauses.toml")))
ROLES = ("lead", "cooperate", "responsible")


_UNBOUNDED = 1 << 30
_KEPT_LABELS_MAX: Final = 20_000  # (``clause_labels``: emptied when this full, in a long-running server)


# a date a 完成时限 cell prints: a year, or a month, and what follows it (2023年12月31日, 2023—2025年, 6月底)
_DATED = r"(?:(?:\d{4}\s*[—–\-~至到]\s*)?\d{4}\s*年(?:\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?)?|\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?)"


def _any(patterns) -> str:
    return "|".join(f"(?:{p})" for p in patterns) or "(?!)"


class AnyOf:
    """Whether a text holds one of some words, by a look for one character of them: each word is found where its
    character (``anchor``) is, so only the places that character stands at are compared with the words. A search
    for one character skips along a text at a fraction of an instruction a character, one for a word of two or
    three characters at some four: the rules sought in whole documents (为牵头, 是牵头 … 不再, 逗号) were each such a
    scan of every document. The words of one character in common are found by one look for it, that character
    the one the most words hold, the later in the first of them when they tie; at each place it stands, the words
    that hold it as far into them and are as long are compared at once, as one piece of the text cut there."""

    def __init__(self, words: tuple[str, ...]) -> None:
        groups: dict[str, dict[tuple[int, int], set[str]]] = {}
        left = list(dict.fromkeys(words))
        while left:
            anchor = max(reversed(left[0]), key=lambda ch: sum(ch in word for word in left))
            shapes = groups[anchor] = {}
            for word in left:
                if anchor in word:
                    shapes.setdefault((word.index(anchor), len(word)), set()).add(word)
            left = [word for word in left if anchor not in word]
        # (anchor, and the words that hold it by where they hold it first and their length)
        self.groups: tuple[tuple[str, tuple[tuple[int, int, frozenset[str]], ...]], ...] = tuple(
            (anchor, tuple((offset, length, frozenset(same)) for (offset, length), same in shapes.items()))
            for anchor, shapes in groups.items())

    def found_in(self, text: str) -> bool:
        for anchor, shapes in self.groups:
            at = text.find(anchor)
            while at >= 0:
                for offset, length, same in shapes:
                    start = at - offset
                    if start >= 0 and text[start:start + length] in same:
                        return True
                at = text.find(anchor, at + 1)
        return False


class Sought:
    """A pattern sought in whole documents and in every clause, with the literals one of which each of its
    matches holds (``needed_literals``): a text that holds none is passed over at the speed of ``in``, where
    the pattern would try each of its characters. Searched as the pattern is: ``search``, ``finditer``, ``sub``."""

    def __init__(self, pattern: re.Pattern[str], widen_needs: bool = False) -> None:
        self.pattern = pattern
        self.needs = needed_literals(pattern, widen_needs)
        self._needs_found = AnyOf(self.needs) if self.needs is not None else None
        # the characters a match can start with, as a pattern the engine skips along the text to: a pattern
        # that opens with a choice of groups (排在|列在?|位列…) has no such skip of its own and is tried at
        # every character of a document
        firsts = _first_chars(pattern)
        self.openers = re.compile("[" + "".join(re.escape(c) for c in sorted(firsts)) + "]") if firsts else None
        # the most characters a match holds: a match holds one of ``needs``, so it starts no more than this many
        # before the first of them found
        self.reach = _reach(pattern) if self.needs is not None else _UNBOUNDED

    def may_match(self, text: str) -> bool:
        needs = self._needs_found
        return needs is None or needs.found_in(text)

    def search(self, text: str) -> re.Match[str] | None:
        if not self.may_match(text):
            return None
        return self.pattern.search(text) if self.openers is None else next(self._from_openers(text), None)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        if not self.may_match(text):
            return iter(())
        return self.pattern.finditer(text) if self.openers is None else self._from_openers(text)

    def _from_openers(self, text: str) -> Iterator[re.Match[str]]:
        """``pattern.finditer(text)``, the pattern tried only where a match can start (it matches nothing empty)."""
        if self.reach < _UNBOUNDED:
            return self._before_needed(text)
        return self._at_every_opener(text)

    def _before_needed(self, text: str) -> Iterator[re.Match[str]]:
        """``_at_every_opener`` with the openers sought only within ``reach`` before each needed literal: a match
        holds one, so none starts farther before the first found from where the last match ended. The openers of
        a rule's pattern are common characters (以, 各, 第), sought along a whole document at some 50 instructions
        a character, its literals (不再, 牵头) by ``str.find`` at about one."""
        needs = self.needs or ()
        next_at = [text.find(word) for word in needs]  # where each literal is next found (-1: no more)
        pos = 0
        while True:
            at = -1
            for k, word in enumerate(needs):
                found = next_at[k]
                if 0 <= found < pos:
                    found = next_at[k] = text.find(word, pos)
                if found >= 0 and (at < 0 or found < at):
                    at = found
            if at < 0:
                return
            for opener in self.openers.finditer(text, max(pos, at - self.reach), at + 1):  # type: ignore[union-attr]
                m = self.pattern.match(text, opener.start())  # (with the whole text, as ``_at_every_opener``)
                if m:
                    yield m
                    pos = m.end()
                    break
            else:
                pos = at + 1  # no match starts at or before this literal: the next starts after it

    def _at_every_opener(self, text: str) -> Iterator[re.Match[str]]:
        pos = 0
        for opener in self.openers.finditer(text):  # type: ignore[union-attr]  # (only asked when there are openers)
            at = opener.start()
            if at < pos:
                continue
            m = self.pattern.match(text, at)  # (with the whole text: a lookbehind sees what stands before)
            if m:
                yield m
                pos = m.end()

    def sub(self, repl, text: str) -> str:
        return self.pattern.sub(repl, text) if self.may_match(text) else text


def needed_literals(pattern: re.Pattern[str], widen: bool = False) -> tuple[str, ...] | None:
    """Literals one of which every match of ``pattern`` holds: the longest run of fixed characters of each of
    its alternatives, read from its parsed form; None when an alternative has none (or case is ignored).
    ``widen``: a run that stands in its alternative after something that must end with one of a few characters
    is sought with each of them in front (为牵头, 是牵头: a rule's 牵头 alone is in nearly every document's
    labels, each a place where the pattern is tried), and a literal that holds another is dropped."""
    if pattern.flags & re.IGNORECASE:
        return None
    found = []
    for branch in _alternatives(list(_sre_parse.parse(pattern.pattern, pattern.flags))):
        run = _longest_run(branch)
        if not run:
            return None
        found.extend(_widened(branch, run) if widen else [run])
    needs = list(dict.fromkeys(found))
    if widen:
        needs = [word for word in needs if not any(other != word and other in word for other in needs)]
    return tuple(needs)


_WIDEN_MAX = 6  # the most characters a run is widened by (each a literal sought along the text)


def _widened(branch: list, run: str) -> list[str]:
    """``run``, or each character that must stand before it in ``branch`` and ``run`` (when ``run`` is a run of
    the branch's own literals, not of a group's, and what stands before it can end with a few characters only)."""
    start = 0
    for k, (op, _) in enumerate(branch + [(None, None)]):
        if str(op) == "LITERAL":
            continue
        if k - start == len(run) and "".join(chr(av) for _, av in branch[start:k]) == run:
            before = _edge(branch[:start], from_end=True)
            if before is None or before[1] or not before[0] or len(before[0]) > _WIDEN_MAX:
                return [run]
            return [c + run for c in sorted(before[0])]
        start = k + 1
    return [run]


def _alternatives(items: list) -> list[list]:
    """The alternatives of a pattern that is one alternation (perhaps in a group), else the pattern alone."""
    if len(items) == 1:
        op, av = items[0]
        if str(op) == "BRANCH":
            return [list(b) for b in av[1]]
        if str(op) == "SUBPATTERN":
            return _alternatives(list(av[-1]))
    return [items]


def _longest_run(items: list) -> str:
    """The longest run of literals a sequence must match, its groups (matched once) looked into."""
    best = run = ""
    for op, av in items:
        name = str(op)
        if name == "LITERAL":
            run += chr(av)
        else:
            inner = _longest_run(list(av[-1])) if name == "SUBPATTERN" else ""
            best = max(best, run, inner, key=len)
            run = ""
    return max(best, run, key=len)


@dataclass(frozen=True)
class ClauseWords:
    label: re.Pattern[str]  # groups: label, and kind (牵头单位) or short (牵头:)
    label_line: re.Pattern[str]  # a line that opens with a label
    label_kinds: dict[str, str]
    tail: re.Pattern[str]  # groups: closer, verb, and one group per role
    trailing: re.Pattern[str]
    mark: re.Pattern[str]  # "(牵头)" right after a unit; groups: lead, cooperate
    counterpart: re.Pattern[str]
    counterpart_words: tuple[str, ...]  # ``counterpart``'s words (会同): a text without one is passed over by ``in``
    openers: re.Pattern[str]
    joiners: str  # alternation of joining words
    joiner: re.Pattern[str]  # ``joiners`` compiled
    joiner_heads: frozenset[str]  # the characters a joining word starts with
    first_listed_leads: Sought
    first_listed_tail: re.Pattern[str]  # what may follow the words of a first_listed_leads rule in a clause
    all_listed_lead: re.Pattern[str]
    leads_before_comma: Sought  # the units before a list's first comma lead, the others cooperate
    from_here: re.Pattern[str]  # a rule that holds from where it is stated on (下同), not for the whole text
    standing_units: tuple[Sought, ...]
    # a literal one of which each sentence that states a rule about a clause's units holds (``standing_units``,
    # ``leads_before_comma``); None: any text may hold one
    rule_sentence_needs: tuple[str, ...] | None
    remark: re.Pattern[str]
    stop: re.Pattern[str]  # words that end a clause's list of units
    unit_header: re.Pattern[str]  # a table header's cell that names a column of units (单位, 部门)
    deadline_header: re.Pattern[str]  # … its deadline (完成时限)
    content_header: re.Pattern[str]  # … a text column (重点任务, 具体措施)
    unit_header_words: tuple[str, ...]  # ``unit_header``'s words: each header has one (a cheap test before a search)
    # a unit column header's level: the words it opens with (group ``opens``: 省级, 市直) or names in brackets
    # (group ``named``: 牵头单位(省级)); ``header_levels`` gives each word's level
    header_level: re.Pattern[str]
    header_levels: dict[str, str]
    footer_row: re.Pattern[str]  # a table row's first cell that totals or notes the rows (合计, 注:)
    lead_header: re.Pattern[str]
    cooperate_header: re.Pattern[str]
    whole_deadline: re.Pattern[str]  # a 完成时限 cell that holds a whole deadline (2023年6月, 2024年底前, 持续推进)
    # a whole deadline and nothing after its words (2023年12月底前, 持续推进; not 持续推进保障措施): what the pieces of a
    # wrapped one join into
    bare_deadline: re.Pattern[str]
    goal_header: re.Pattern[str]  # a table's text column that holds a task's goals (预期目标)
    measures_header: re.Pattern[str]  # a table's text column that spells a task out (具体措施) beside its name
    implement_verb: re.Pattern[str]
    not_bare_kinds: frozenset[str]  # document kinds a name printed without 《》 may not end with
    generic_reference: re.Pattern[str]  # a bare name with these words means rules in general
    abbreviation_words: tuple[str, ...]  # what a document's short name holds besides its kind (《若干措施》)
    structure: re.Pattern[str]  # a clause word: never part of a unit's name
    # the longest text ``tail`` / ``mark`` can match: both end at the text's end, so a search need not
    # try the starts before that reach (a long sentence is otherwise tried at every character)
    tail_reach: int = _UNBOUNDED
    tail_last: frozenset[str] | None = None  # the characters a match of ``tail`` can end with (None: any)
    tail_first: frozenset[str] | None = None  # the characters a match of ``tail`` can start with (None: any)
    tail_openers: re.Pattern[str] | None = None  # a class of ``tail_first`` (None: none or any)
    # a label's kind and noun as they stand together (牵头单位), or a short kind and its colon (牵头:): a text
    # without them holds no label, and a search for it skips along the text to the characters a kind starts with
    # where ``label`` (its bracket and level optional) tries every character
    label_core: re.Pattern[str] = re.compile("(?!)")
    label_lead: int = _UNBOUNDED  # the most characters a label holds before its ``label_core`` (【省级)
    label_first: frozenset[str] | None = None  # the characters a match of ``label`` can start with (None: any)
    label_needs: tuple[str, ...] | None = None  # words one of which every match of ``label_core`` holds (None: any)
    mark_reach: int = _UNBOUNDED
    mark_last: frozenset[str] | None = None
    organiser_kinds: frozenset[str] = frozenset()  # label kinds that also name who holds an event (主办单位:…)
    _kept_labels: dict[str, list[re.Match[str]]] = field(default_factory=dict, repr=False)  # (``clause_labels``)

    def core_at(self, text: str, pos: int = 0) -> int:
        """Where ``label_core.search(text, pos)`` finds a match, or -1."""
        if not self._may_hold_core(text):
            return -1
        core = self.label_core.search(text, pos)
        return -1 if core is None else core.start()

    def _may_hold_core(self, text: str) -> bool:
        """Whether ``text`` holds one of ``label_needs``, as every match of ``label_core`` does: most texts asked
        (a provision's running text, its bracketed clauses blanked) hold no noun of a label and no colon, which
        ``in`` tells at a fraction of an instruction a character, where the search for the core tries the many
        common characters a kind opens with (实, 服, 支, 主 …) at some 60 a character."""
        needs = self.label_needs
        if needs is None:
            return True
        for word in needs:
            if word in text:
                return True
        return False

    def labels(self, text: str) -> list[re.Match[str]]:
        """``list(label.finditer(text))``, tried only in front of each kind and noun that stand together (牵头单位):
        ``label``, which opens with optional parts, is otherwise tried at every character of the text. (A list, not
        a generator: the compiled build makes a generator an object of a class of its own, and its every step a
        call.)"""
        found: list[re.Match[str]] = []
        if not self._may_hold_core(text):
            return found
        m = self._label_from(text, 0)
        while m is not None:
            found.append(m)
            m = self._label_from(text, m.end())  # (a label is never empty)
        return found

    def _label_from(self, text: str, pos: int) -> re.Match[str] | None:
        """The first match of ``label`` that starts at or after ``pos``. A label that starts there holds a
        ``label_core`` at most ``label_lead`` characters after its start, so it starts no earlier than that many
        before the first core found from ``pos``."""
        core_pattern, label, firsts = self.label_core, self.label, self.label_first
        while True:
            core = core_pattern.search(text, pos)
            if core is None:
                return None
            at = core.start()
            for start in range(max(pos, at - self.label_lead), at + 1):
                # (tried only where a label can start: a core mostly follows a bracket or a comma, none of the
                # characters a label opens with, and a match tried cost more than the search for the core)
                if firsts is None or text[start] in firsts:
                    m = label.match(text, start)
                    if m:
                        return m
            pos = at + 1  # no label holds this core: the next starts after it

    def clause_labels(self, text: str) -> list[re.Match[str]]:
        """``labels`` of a clause's text, kept (a list shared by every caller: never to be changed). A bracketed
        clause is judged by its labels (``clauses._is_clause``), then parsed by them, and documents repeat their
        clauses; a provision's running text, seldom seen twice, is asked ``labels`` itself."""
        found = self._kept_labels.get(text)
        if found is None:
            if len(self._kept_labels) >= _KEPT_LABELS_MAX:
                self._kept_labels.clear()
            found = self._kept_labels[text] = self.labels(text)
        return found

    def first_label(self, text: str) -> re.Match[str] | None:
        """``label.search(text)``."""
        if not self._may_hold_core(text):
            return None
        return self._label_from(text, 0)

    def closing(self, text: str) -> re.Match[str] | None:
        """``tail.search(text)``: the closing verb at the end of ``text``."""
        if not _may_end_with(text, self.tail_last):
            return None
        reach = max(0, len(text) - self.tail_reach - 1)  # - 1: ``$`` before a final \n
        firsts = self.tail_first
        if firsts is None:
            return self.tail.search(text, reach)
        # tried only where a match can start: ``tail`` opens with optional groups, so the engine has no character
        # to skip along to and tries its every alternative at each character within the reach. The starts are found
        # by a search for the class of them, which the engine skips along: a loop over the characters looked each
        # one up (a string made for each, and its hash) at some ten times the cost
        openers = self.tail_openers
        if openers is None:
            return None  # (no character can start a match)
        for opener in openers.finditer(text, reach):
            m = self.tail.match(text, opener.start())  # (with the whole text: ``$`` is its end)
            if m:
                return m
        return None

    def holds_counterpart(self, text: str) -> bool:
        """Whether ``counterpart`` can match in ``text``: it is an alternation of ``counterpart_words``."""
        for word in self.counterpart_words:
            if word in text:
                return True
        return False

    def as_one_list(self, text: str) -> str:
        """``counterpart.sub("、", text)``: a list whose units a 会同 joins read as one list."""
        return self.counterpart.sub("、", text) if self.holds_counterpart(text) else text

    def role_mark(self, text: str) -> re.Match[str] | None:
        """``mark.search(text)``: a role mark (牵头) at the end of ``text``."""
        if not _may_end_with(text, self.mark_last):
            return None
        return self.mark.search(text, max(0, len(text) - self.mark_reach - 1))

    def label_role(self, kind: str) -> str:
        return self.label_kinds[kind]

    def names_organisers(self, label: re.Match[str]) -> bool:
        """Whether a match of ``label`` is one an event's notice prints for who holds it (主办单位:, 承办单位:)."""
        return (label.group("kind") or label.group("short")) in self.organiser_kinds

    def role_of_label(self, label: re.Match[str]) -> str:
        """The role a match of ``label`` gives the units after it."""
        return self.label_kinds[label.group("kind") or label.group("short")]

    @staticmethod
    def verb_role(tail: re.Match[str]) -> str:
        return next(r for r in ROLES if tail.group(r))


def compile_words(data: dict) -> ClauseWords:
    labels = data["labels"]
    kinds: dict[str, str] = dict(labels["kinds"])
    level = f"(?:{_alt(labels['levels'])})?"
    lead = rf"[【\[]?{level}"  # what a label holds before its kind and noun
    noun = f"(?:{_alt(labels['nouns'])})"
    # a colon closes a label, or 【】; right after a clause's bracket or separator a label the colon was lost
    # from runs straight into its first unit's level or 各: (责任单位市住建局), ,配合单位各商业银行
    after_opening = r"(?P<opening>^|(?<=[(（,，;；]))?"
    ends = r"\s*[:：]|[】\]]\s*[:：]?"
    # a short label is its kind and a colon, without the noun: "(牵头:市发展改革委;配合:市财政局)"
    short = labels.get("short", [])
    short_label = rf"|(?P<short>{_alt(short)})(?=\s*[:：])" if short else ""
    label = re.compile(rf"{after_opening}(?P<label>{lead}(?:(?P<kind>{_alt(kinds)}){noun}{short_label}))"
                       rf"(?(opening)(?:{ends}|(?=[省市县区州各]))|(?:{ends}))")
    label_line = re.compile(rf"^{level}(?:{_alt(kinds)}){noun}\s*[:：]")

    by_role: dict[str, list[str]] = {r: [] for r in ROLES}
    for entry in data.get("closing", []):
        by_role[entry["role"]].extend(entry["patterns"])
    verbs = "|".join(f"(?P<{r}>{_any(by_role[r])})" for r in ROLES)
    filler = data.get("closing_filler", {}).get("pattern", "(?!)")
    tail = re.compile(rf"(?P<closer>{filler})?(?P<verb>{verbs})$")

    marks = data.get("marks", {})
    # (in any of the brackets a clause may print: 市住建局(牵头), 市住建局〔牵头〕, 市住建局【牵头】)
    mark = re.compile(rf"[(〔【\[〈<](?:(?P<lead>{_alt(marks.get('lead', []))})|(?P<cooperate>{_alt(marks.get('cooperate', []))}))"
                      rf"[)〕】\]〉>]$")

    rules = data.get("rules", {})
    tables = data.get("tables", {})
    level_of = {word: level for level, words in tables.get("header_levels", {}).items() for word in words}
    structure = re.compile(f"({_alt(data.get('not_in_names', {}).get('words', []))})")
    standing_units = tuple(Sought(re.compile(p)) for p in rules.get("standing_units", []))
    leads_before_comma = Sought(re.compile(_any(rules.get("leads_before_comma", []))))
    return ClauseWords(
        label=label, label_line=label_line, label_kinds=kinds, tail=tail,
        organiser_kinds=frozenset(labels.get("organisers", [])),
        trailing=re.compile(_any(data.get("trailing", {}).get("patterns", []))),
        mark=mark,
        counterpart=re.compile(_alt(data.get("counterpart", {}).get("cooperate", []))),
        counterpart_words=tuple(w for w in data.get("counterpart", {}).get("cooperate", []) if w),
        openers=re.compile(rf"^(?:{_alt(data.get('openers', {}).get('words', []))})"),
        joiners=_alt(data.get("joiners", {}).get("words", [])),
        joiner=re.compile(_alt(data.get("joiners", {}).get("words", []))),
        joiner_heads=frozenset(w[0] for w in data.get("joiners", {}).get("words", []) if w),
        first_listed_leads=Sought(re.compile(_any(rules.get("first_listed_leads", []))), widen_needs=True),
        first_listed_tail=re.compile(rules.get("first_listed_tail", "")),
        all_listed_lead=re.compile(_any(rules.get("all_listed_lead", []))),
        leads_before_comma=leads_before_comma,
        from_here=re.compile(_any(rules.get("from_here", []))),
        standing_units=standing_units,
        rule_sentence_needs=_needs_of_all((*standing_units, leads_before_comma)),
        remark=re.compile(_any(data.get("remarks", {}).get("patterns", []))),
        stop=re.compile(_alt(data.get("stops", {}).get("words", []))),
        unit_header=re.compile(_alt(tables.get("unit_header", []))),
        deadline_header=re.compile(_alt(tables.get("deadline_header", []))),
        content_header=re.compile(_alt(tables.get("content_header", []))),
        unit_header_words=tuple(tables.get("unit_header", [])),
        header_level=re.compile(rf"^(?P<opens>{_alt(level_of)})|[(（](?P<named>{_alt(level_of)})[)）]"),
        header_levels=level_of,
        footer_row=re.compile(rf"(?:{_alt(tables.get('footer_rows', []))})(?:\s*[:：].*)?", re.S),
        lead_header=re.compile(_any(tables.get("lead_header", []))),
        cooperate_header=re.compile(_any(tables.get("cooperate_header", []))),
        whole_deadline=re.compile(rf"(?:{_DATED}(?:{_alt(tables.get('deadline_tails', []))})?"
                                  rf"|(?:{_alt(tables.get('standing_deadlines', []))}).{{0,6}})$"),
        bare_deadline=re.compile(rf"(?:{_DATED}(?:{_alt(tables.get('deadline_tails', []))})?"
                                 rf"|(?:{_alt(tables.get('standing_deadlines', []))}))$"),
        goal_header=re.compile(rf"(?:{_alt(tables.get('goal_header_ends', []))})$"),
        measures_header=re.compile(rf"^(?:{_alt(tables.get('measures_header_opens', []))})"
                                   rf"|(?:{_alt(tables.get('measures_header_ends', []))})$"),
        implement_verb=re.compile(f"({_alt(data.get('implements', {}).get('verbs', []))})"),
        not_bare_kinds=frozenset(data.get("implements", {}).get("not_bare_kinds", [])),
        generic_reference=re.compile(_alt(data.get("implements", {}).get("generic_words", []))),
        abbreviation_words=tuple(data.get("implements", {}).get("abbreviation_words", [])),
        structure=structure,
        tail_reach=_reach(tail), mark_reach=_reach(mark), tail_last=_last_chars(tail), tail_first=_first_chars(tail),
        tail_openers=_class_of(_first_chars(tail)), mark_last=_last_chars(mark), label_core=_label_core(kinds, noun, short),
        label_lead=_reach(re.compile(lead)), label_first=_first_chars(label),
        # (a core is a kind and its noun, or a short kind and its colon)
        label_needs=tuple(labels["nouns"]) + ((":", "：") if short else ()) if labels["nouns"] else None,
    )


def _class_of(chars: frozenset[str] | None) -> re.Pattern[str] | None:
    """A pattern of one character of ``chars``; None when there are none (or any)."""
    return re.compile("[" + "".join(re.escape(c) for c in sorted(chars)) + "]") if chars else None


def _needs_of_all(sought: tuple[Sought, ...]) -> tuple[str, ...] | None:
    """The literals one of which each match of any of ``sought`` holds; None when one of them needs none."""
    if any(s.needs is None for s in sought):
        return None
    return tuple(dict.fromkeys(word for s in sought for word in s.needs or ()))


def _label_core(kinds, noun: str, short) -> re.Pattern[str]:
    """``label_core``: each kind with the nouns after it, and each short kind with its colon, as one flat
    alternation. Every alternative opens with a literal, so the engine skips along the text to the characters a
    kind starts with; ``(?:kinds)nouns|(?:short)colon`` opens with a group, which gives it no such skip: it was
    tried at every character. The search beats seeking the nouns and short labels as words with ``str.find`` too
    (one search for each of eight words from where the last label ended)."""
    alternatives = [f"{re.escape(k)}{noun}" for k in sorted(set(kinds), key=len, reverse=True)]
    alternatives += [f"{re.escape(k)}[:：]" for k in sorted(set(short), key=len, reverse=True)]
    return re.compile("|".join(alternatives) or "(?!)")


def _reach(pattern: re.Pattern[str]) -> int:
    """The most characters ``pattern`` can match (``_UNBOUNDED`` when a repeat has no bound)."""
    return min(_sre_parse.parse(pattern.pattern, pattern.flags).getwidth()[1], _UNBOUNDED)


def _may_end_with(text: str, last: frozenset[str] | None) -> bool:
    """Can a match that ends at the end of ``text`` (``$``: or before its final newline) end with one of
    ``last``?"""
    if last is None:
        return True
    return text[-1:] in last or (text.endswith("\n") and text[-2:-1] in last)


def _last_chars(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """The characters a non-empty match of ``pattern`` can end with, read from its parsed form; None when
    the pattern is not made of literals, groups, alternatives, repeats and anchors only (any may end it)."""
    if pattern.flags & re.IGNORECASE:
        return None
    found = _edge(_sre_parse.parse(pattern.pattern, pattern.flags), from_end=True)
    return None if found is None or found[1] else frozenset(found[0])


def _edge(sub, from_end: bool) -> tuple[set[str], bool] | None:
    """(the characters a sequence's match can end with, or start with when not ``from_end``; whether it can match
    nothing), or None."""
    out: set[str] = set()
    for op, av in (reversed(list(sub)) if from_end else list(sub)):
        name = str(op)
        if name == "LITERAL":
            item: tuple[set[str], bool] | None = ({chr(av)}, False)
        elif name == "AT" or name in ("ASSERT", "ASSERT_NOT"):
            item = (set(), True)  # matches no character
        elif name == "SUBPATTERN":
            item = _edge(av[-1], from_end)
        elif name == "BRANCH":
            branches = [_edge(b, from_end) for b in av[1]]
            item = None if any(b is None for b in branches) else (
                set().union(*(b[0] for b in branches if b)), any(b[1] for b in branches if b))
        elif name in ("MAX_REPEAT", "MIN_REPEAT"):
            inner = _edge(av[2], from_end)
            item = None if inner is None else (inner[0], av[0] == 0 or inner[1])
        elif name == "IN" and all(str(o) == "LITERAL" for o, _ in av):
            item = ({chr(c) for _, c in av}, False)
        else:
            return None
        if item is None:
            return None
        out |= item[0]
        if not item[1]:
            return out, False
    return out, True


def _first_chars(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """The characters a match of ``pattern`` can start with, read from its parsed form; None when the pattern
    can match nothing or is not made of literals, sets of them, groups, alternatives, repeats and anchors."""
    if pattern.flags & re.IGNORECASE:
        return None
    found = _edge(_sre_parse.parse(pattern.pattern, pattern.flags), from_end=False)
    return None if found is None or found[1] else frozenset(found[0])


# what other modules read a pattern's ends with (``departments``: the known-organisation patterns)
last_chars, may_end_with, first_chars = _last_chars, _may_end_with, _first_chars


def sre_parse(pattern: str, flags: int = 0):
    """A pattern's parsed form (``re._parser``: no public API gives it)."""
    return _sre_parse.parse(pattern, flags)


@lru_cache(maxsize=1)
def clause_words() -> ClauseWords:
    return compile_words(tomllib.loads(DATA_FILE.read_text(encoding="utf-8")))
