"""Responsibility clauses: who leads a provision and who cooperates on it.

Styles handled (all seen in real documents):
  （牵头单位：市科技局；参与单位：各县区政府、管委会）
  (责任单位:省发展改革委、省科技厅会同省有关部门)
  （市发展改革委、市统计局等部门按职责分工负责）
  省发展改革委牵头,省有关部门配合      (a table cell)
  X牵头，Y、Z按职责分工负责              (Y and Z cooperate)
  (区商务局(牵头)、区财政局)             (the marked unit leads, the rest cooperate)
  牵头单位：… / 配合单位：… on lines of their own after the item.
The clause words (labels, closing verbs, marks, rule sentences) are data:
``data/clauses.toml`` through ``clause_words``. A document may state its own
rules ("排在第一位的为牵头单位", "以下均需各县政府落实,不再列出"); they
decide the roles of every later clause (``DocumentRules``).
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from operator import attrgetter
from typing import Final

from .clause_words import clause_words, last_chars, may_end_with
from .departments import DepartmentCatalog
from .regions import region_index

# (Final, as every constant of the module: the compiled build keeps them in C variables, where a module's name is
# looked up in its dict at each use)
LEAD: Final = "lead"
COOPERATE: Final = "cooperate"
RESPONSIBLE: Final = "responsible"

_PART_SEPARATORS: Final = ",，;；"
_SPLIT_PARTS: Final = re.compile(f"[{_PART_SEPARATORS}]")
_SEPARATORS: Final = "、,，;；/"
_OPEN: Final = "(〔[【“<〈"
_CLOSE: Final = ")〕]】”>〉"
_TRAILING_PAREN: Final = re.compile(r"[(〈<][^()〈〉<>]{2,20}[)〉>]$")
# A region-type word that continues a placeholder: 各区、县级市; 各县(市、区)
_REGION_WORD: Final = re.compile(r"^(?:各|有关|相关)?(?:县级市|市|县|区|特区|旗|州|盟|乡镇|乡|镇|街道|镇街|开发区|园区|功能区)"
                          r"(?:[(〔〈<][^()〔〕〈〉<>]{1,12}[)〕〉>])?$")
_PLACEHOLDER_HEAD: Final = re.compile(r"^(?:各|有关|相关|所属|其他|其余)")
# a placeholder that stops at a region word and waits for the rest: 各区、县级市; 各市〔州〕、各县〔…〕人民政府; a bare
# level word too, which names every government of that level as 各 does (县、区政府: the county and district ones)
_PLACEHOLDER_OPEN: Final = re.compile(r"^(?:(?:各|有关|相关|所属)(?:有关|相关)?)?(?:县级市|市|县|区|特区|旗|州|盟|乡镇|镇|乡|街道|县区|县市区|市州|区县)"
                               r"(?:[(〔〈<][^()〔〕〈〉<>]{1,12}[)〕〉>])?$")
_GOVERNMENT: Final = re.compile(r"(人民政府|政府|管委会|党委|党工委|办事处)$")
# the last piece of a placeholder that names the departments of every level it lists (市、[县人民政府有关部门]; 市、
# [区有关部门]): not a level's own units (市直有关部门 in 各区、市直有关部门 is the city's, apart from the districts)
_LEVEL_DEPARTMENTS: Final = re.compile(r"^(?:县级市|市|县|区|特区|旗|州|盟|乡镇|乡|镇|街道)(?:人民政府|政府)?(?:有关|相关|所属)"
                                r"(?:部门|单位|机构)(?:和单位|和部门)?$")
# the rest of a placeholder after its 、: a body no place names (管委会, 园区管委会 in 各县区政府、管委会); a named
# one (临川区政府, 湾里管理局) is a unit of its own
_PLACEHOLDER_BODY: Final = re.compile(r"^(?:县级市|市|县|区|特区|旗|乡镇|乡|镇|街道|镇街|开发区|园区|功能区)?"
                               r"(?:人民政府|政府|管委会|管委|党工委|办事处)$")
# A region name printed alone (钦南区 in 钦南区、钦北区人民政府)
_REGION_NAME: Final = re.compile(r"^[\u4e00-\u9fff]{1,8}(?P<level>省|市|州|盟|地区|县|区|旗|特区|新区|开发区|高新区|新城|园区|产业园|集聚区)$")
_REGION_NAME_ENDS: Final = last_chars(_REGION_NAME)
# Running text, not a unit: numbers, dates, sentences
_BRACKETED: Final = re.compile(r"\([^()]*\)")  # a remark about the rules, in parse_clause
_SHORT_BRACKETED: Final = re.compile(r"\([^()]{1,6}\)")  # a role mark: (牵头)
_REMARK_AT_END: Final = re.compile(r"\(([^()]*)\)$")
# (a middle dot joins the names of a zone and the district it is run with: 荆门高新区·掇刀区)
_HAN_AND_BRACKETS: Final = re.compile(r"[\u4e00-\u9fff“”()〔〕〈〉<>·・]+")
# "电话:0571-89540981(区住建局)": a unit in brackets right after a phone number says whose number it is
_PHONE_NUMBER_AT_END: Final = re.compile(r"(?:\d[-—–]?){5,}\s*$")
_NOT_A_NAME: Final = re.compile(r"[\d。:：!?！？]|年底|之前|以前|完成|开展|推进|加强|做好|实施|工作$|列出|下同|执行|以上|以下|规定|逗号|措施")


@dataclass
class UnitMention:
    written: str  # the unit's name as read (a bare name with its inherited prefix)
    start: int  # offsets in the text the clause was parsed from
    end: int
    role: str  # LEAD | COOPERATE
    printed: str = ""  # the surface form exactly as printed in the list
    position: int = 0  # 0-based index of the unit in the clause's printed list
    stated_at: tuple[int, int] | None = None  # a standing unit: where the document's rule names it (document offsets)

    # written out, the fields in their order: ``dataclass`` keeps a class's own __init__, which mypyc compiles,
    # where the one it generates stays interpreted Python (2,500 instructions a mention in the compiled build)
    def __init__(self, written: str, start: int, end: int, role: str, printed: str = "", position: int = 0,
                 stated_at: tuple[int, int] | None = None) -> None:
        self.written, self.start, self.end, self.role = written, start, end, role
        self.printed, self.position, self.stated_at = printed, position, stated_at


@dataclass
class StandingUnits:
    """Units a document names once for every later measure (…不再单独列出)."""

    at: int  # where the rule is stated, in the document's clean text
    end: int
    units: list[tuple[str, str]]  # (written, printed)
    role: str


@dataclass
class DocumentRules:
    """Rules a document states about its own clauses; each holds from where it is stated."""

    first_listed_leads_from: int | None = None
    leads_before_comma_from: int | None = None
    standing: list[StandingUnits] = field(default_factory=list)  # by ``at``, complete once ``document_rules`` returns
    # the rules in force for each count of them, with what a parse of a clause is kept under (``standing_with_key``)
    _in_force: dict[int, tuple[list[StandingUnits], tuple]] = field(default_factory=dict, repr=False)

    def first_listed_leads(self, at: int) -> bool:
        return self.first_listed_leads_from is not None and at >= self.first_listed_leads_from

    def leads_before_comma(self, at: int) -> bool:
        return self.leads_before_comma_from is not None and at >= self.leads_before_comma_from

    def standing_at(self, at: int) -> list[StandingUnits]:
        return self.standing_with_key(at)[0]

    def standing_with_key(self, at: int) -> tuple[list[StandingUnits], tuple]:
        """The rules stated at or before ``at``, and a key that tells them apart from any other rules: a document
        with many rules has clauses under each, and the rules in force are always the first of ``standing``."""
        count = bisect_right(self.standing, at, key=_stated_at)
        found = self._in_force.get(count)
        if found is None:
            rules = self.standing[:count]
            found = self._in_force[count] = (rules, tuple((s.at, s.end, tuple(s.units), s.role) for s in rules))
        return found


def _stated_at(rule: StandingUnits) -> int:
    return rule.at


def document_says_first_listed_leads(text: str) -> bool:
    return bool(clause_words().first_listed_leads.search(text))


def document_rules(text: str, catalog: DepartmentCatalog) -> DocumentRules:
    """The rules ``text`` states about its own clauses (offsets in ``text``)."""
    words = clause_words()
    rules = DocumentRules()
    m = words.first_listed_leads.search(text)
    if m:
        rules.first_listed_leads_from = _holds_from(text, m)
    m = words.leads_before_comma.search(text)
    if m:
        rules.leads_before_comma_from = _holds_from(text, m)
    for pattern in words.standing_units:
        for s in pattern.finditer(text):
            units = [(name, printed) for name, printed, *_ in _units(s.group("units"), 0, catalog, lenient=True)]
            if units:
                verb = s.groupdict().get("verb") or ""
                tail = words.closing(verb) if verb else None
                role = words.verb_role(tail) if tail else RESPONSIBLE
                rules.standing.append(StandingUnits(s.start(), s.end(), units, role))
    rules.standing.sort(key=lambda r: r.at)
    return rules


def _holds_from(text: str, rule: re.Match[str]) -> int:
    """Where a rule about the roles of listed units starts to hold. "(除标注…外,列第一位为牵头…,下同)" closes the list
    it stands in: the rule holds from that list on; a rule without 下同/以下 ("各项任务中排在第一位的为牵头单位", often
    a closing note) holds for all."""
    line_start = text.rfind("\n", 0, rule.start()) + 1
    line_end = text.find("\n", rule.end())
    sentence = text[line_start:line_end if line_end >= 0 else len(text)]
    return line_start if clause_words().from_here.search(sentence) else 0


def _depth_step(ch: str, depth: int) -> int:
    if ch in _OPEN and ch != "“":
        return depth + 1
    if ch in _CLOSE and ch != "”":
        return max(depth - 1, 0)
    return depth


@lru_cache(maxsize=4)
def _list_marks(joiner_heads: frozenset[str], with_separators: bool = True) -> re.Pattern[str]:
    """The characters ``_split_list`` acts on: brackets, separators and the first of a joining word
    (every other character leaves the depth alone and starts no cut); without the separators, those of them that
    do more than cut."""
    marks = set(_OPEN + _CLOSE + (_SEPARATORS if with_separators else "")) | joiner_heads
    return re.compile("[" + "".join(re.escape(c) for c in sorted(marks)) + "]")


# ``_list_marks`` without the separators, by joining words' heads (a dict, not a call of the cache, for every list)
_BEYOND_SEPARATORS: Final[dict[frozenset[str], re.Pattern[str]]] = {}


_SEPARATOR: Final = re.compile(r"[、,，;；/]")


def _split_list(text: str, catalog: DepartmentCatalog) -> list[tuple[str, int, int]]:
    """Pieces of a list of units at 、 , ; / and at 和/及/与 between two units; not inside brackets."""
    words = clause_words()
    heads = words.joiner_heads
    beyond = _BEYOND_SEPARATORS.get(heads)
    if beyond is None:
        beyond = _BEYOND_SEPARATORS[heads] = _list_marks(heads, with_separators=False)
    if beyond.search(text) is None:
        # most lists (市发展改革委、市财政局): no bracket, no joining word, so every separator cuts, as ``split`` cuts
        # in one call (the loop below takes a call for each mark it finds, and work in Python for each)
        pieces = []
        start = 0
        for piece in _SEPARATOR.split(text):
            end = start + len(piece)
            if piece.strip():
                pieces.append((piece, start, end))
            start = end + 1  # (past the separator: one character)
        return pieces
    return _split_marked_list(text, catalog)


def _split_marked_list(text: str, catalog: DepartmentCatalog) -> list[tuple[str, int, int]]:
    """``_split_list`` of any list, its brackets and joining words read."""
    words = clause_words()
    joiner = words.joiner
    cuts: list[tuple[int, int]] = []
    depth = 0
    for event in _list_marks(words.joiner_heads).finditer(text):
        i = event.start()
        ch = text[i]
        depth = _depth_step(ch, depth)
        if depth or ch in _OPEN:
            continue
        if ch in _SEPARATORS:
            cuts.append((i, i + 1))
            continue
        j = joiner.match(text, i)
        if j and i > 0:
            left_from = cuts[-1][1] if cuts else 0
            left = text[left_from:i].strip()
            right = _SEPARATOR.split(text[j.end():], maxsplit=1)[0].strip()
            if _looks_named(left, catalog) and (_looks_named(right, catalog) or _is_region_name(right)):
                cuts.append((i, j.end()))
    pieces, start = [], 0
    for a, b in cuts + [(len(text), len(text))]:
        if text[start:a].strip():
            pieces.append((text[start:a], start, a))
        start = b
    return pieces


def _looks_named(s: str, catalog: DepartmentCatalog) -> bool:
    s = catalog_trim(s)
    return bool(s) and (catalog.looks_like_unit(s) or catalog.bare_agency(s))


def catalog_trim(name: str) -> str:
    name = name.strip().rstrip("。.，,;；:：、")
    m = clause_words().trailing.search(name)
    if m and m.start() >= 2:
        name = name[:m.start()]
    return name


def _clean_piece(piece: str, a: int, b: int, catalog: DepartmentCatalog) -> tuple[str, int, int, str | None]:
    """One piece of a list: openers, trailing 等, remarks and role marks removed. Returns (name, a, b, mark role)."""
    words = clause_words()
    name = piece.strip()
    a += len(piece) - len(piece.lstrip())
    b = a + len(name)
    opener = words.openers.match(name)
    if opener and len(name) > 3:
        name = name[opener.end():]
        a += opener.end()
    mark_role = None
    for _ in range(3):
        stripped = name.rstrip("。.，,;；:：、 ")
        # a bracket closed that the name never opened: "((责任单位:…、住\n建局)" doubled its opener
        while stripped and stripped[-1] in _CLOSE and _OPEN[_CLOSE.index(stripped[-1])] not in stripped:
            stripped = stripped[:-1].rstrip("。.，,;；:：、 ")
        b -= len(name) - len(stripped)
        name = stripped
        trailing = words.trailing.search(name)
        if trailing and trailing.start() >= 2:
            b -= len(name) - trailing.start()
            name = name[:trailing.start()]
        mark = words.role_mark(name)
        if mark and mark.start() >= 2:
            mark_role = LEAD if mark.group(LEAD) else COOPERATE
            b -= len(name) - mark.start()
            name = name[:mark.start()]
            continue
        remark = _REMARK_AT_END.search(name) if ")" in name else None  # (most names hold no bracket)
        if remark and words.remark.search(remark.group(1)) and remark.start() >= 2:
            b -= len(name) - remark.start()
            name = name[:remark.start()]
            continue
        break
    # "市发展改革委(市服务业办)": the bracket gives another name of the same unit; not a government's "(管委会)",
    # which names the body that stands for it in a zone (属地人民政府(管委会)), kept as a placeholder keeps it
    paren = _TRAILING_PAREN.search(name) if ")" in name or "〉" in name or ">" in name else None
    if paren and not catalog.is_collective(name) and catalog.looks_like_unit(name[:paren.start()]) \
            and not (_GOVERNMENT.search(name, 0, paren.start()) and _GOVERNMENT.search(paren.group(), 1, paren.end() - paren.start() - 1)):
        b -= len(name) - paren.start()
        name = name[:paren.start()]
    return name, a, b, mark_role


def _cleaned_piece(piece: str, a: int, catalog: DepartmentCatalog) -> tuple[str, int, int, str | None]:
    """``_clean_piece`` of a piece at offset ``a``, each piece cleaned once per catalog: lists differ but
    their pieces repeat (市财政局 in many lists). Its offsets move with ``a`` (its end is ``a`` + len(piece))."""
    name, start, end, mark = _read_piece(piece, catalog)[:4]
    return name, a + start, a + end, mark


# a piece of a list as ``_read_units`` reads it: (name, start, end, mark role) as ``_clean_piece`` gives them, then
# what it asks of the name — placeholder opened (各区), first of named governments (钦南区), short name joining a
# collective before it (管委会), bare stem, a unit, a unit or a name in a known clause — or None for an empty name
_PieceFacts = tuple[bool, bool, bool, "str | None", bool, bool]
_PieceRead = tuple[str, int, int, "str | None", "_PieceFacts | None"]
_PIECES_MAX: Final = 50_000  # (a long-running server reads many lists: the tables are emptied when this full)


def _read_piece(piece: str, catalog: DepartmentCatalog, table: dict | None = None) -> _PieceRead:
    """A piece as ``_read_units`` reads it, from a table kept by the catalog (``table``: that table, fetched by
    the caller): documents print the same units in many lists, and each question of the loop asked one by one
    cost more than the lists' other work."""
    if table is None:
        table = catalog.kept(("pieces",), dict)
    found = table.get(piece)
    if found is None:
        name, start, end, mark = _clean_piece(piece, 0, len(piece), catalog)
        facts: _PieceFacts | None = None
        if name:
            looks = catalog.looks_like_unit(name)
            paren = _TRAILING_PAREN.search(name) if not looks and name.endswith((")", "〉", ">")) else None
            if paren and paren.start() >= 2:  # a government with its "(管委会)", which ``_clean_piece`` keeps
                looks = catalog.looks_like_unit(name[:paren.start()])
            facts = (_PLACEHOLDER_OPEN.match(name) is not None,
                     (_is_region_name(name) or _is_short_place_name(name)) and not _PLACEHOLDER_HEAD.match(name),
                     catalog.prefix_of(name) is None and _PLACEHOLDER_BODY.match(name) is not None,
                     catalog.bare_stem(name), looks,
                     looks or _could_be_name(name))  # (its patterns asked only of a name that is no unit's)
        if len(table) >= _PIECES_MAX:
            table.clear()
        found = table[piece] = (name, start, end, mark, facts)
    return found


def _unit_facts(name: str, catalog: DepartmentCatalog, table: dict) -> tuple[tuple[str, str] | None, str | None]:
    """(``_glued``, ``_printed_prefix``) of a unit's name, kept in ``table`` (the catalog's, fetched by the caller)."""
    found = table.get(name)
    if found is None:
        if len(table) >= _PIECES_MAX:
            table.clear()
        found = table[name] = (_glued(name, catalog), _printed_prefix(name, catalog))
    return found


def _is_region_name(name: str) -> bool:
    """``_REGION_NAME.match(name)``, tried only on a name that ends as a region's name can: most names in a
    list are agencies (…局, …委), which the pattern would try at each of its lengths of head."""
    return may_end_with(name, _REGION_NAME_ENDS) and _REGION_NAME.match(name) is not None


def _is_placeholder_part(name: str) -> bool:
    """A piece a placeholder cut at 、 goes on with: 各区、[县级市]; 各区、[县(市)人民政府]; 市、[县人民政府有关部门]."""
    if _PLACEHOLDER_HEAD.match(name) or _REGION_WORD.match(name) or _LEVEL_DEPARTMENTS.match(name):
        return True
    government = _GOVERNMENT.search(name)
    return bool(government and government.start() and _REGION_WORD.match(name[:government.start()]))


def _units(text: str, offset: int, catalog: DepartmentCatalog, lenient: bool = False, carry: dict | None = None
           ) -> list[tuple[str, str, int, int, str | None]]:
    """Units of a list: (written, printed, start, end, mark role).

    Placeholders are kept whole (各区、县级市; 各市〔州〕、各县〔市、区、特区〕人民政府);
    named governments sharing a suffix get it each (钦南区、钦北区人民政府); a bare name
    takes the last printed level prefix (省发展改革委、事管局 → 省事管局). With ``lenient``
    (the text is known to be a clause) a piece with no agency suffix is kept as a unit
    (广元国际铁路港, 属地乡镇) unless it reads as running text. ``carry`` holds the last printed
    prefix from one list of a clause to the next (A、B牵头,C配合).

    A list is read once per catalog and prefix carried in: documents repeat their lists.
    """
    carry = {} if carry is None else carry
    prefix = carry.get("prefix")
    units, prefix_after = catalog.kept(("units", text, lenient, prefix), _read_units, text, catalog, lenient, prefix)
    if prefix_after != prefix:
        carry["prefix"] = prefix_after
    return [(n, p, offset + a, offset + b, m) for n, p, a, b, m in units]


def _read_units(text: str, catalog: DepartmentCatalog, lenient: bool, prefix: str | None
                ) -> tuple[list[tuple[str, str, int, int, str | None]], str | None]:
    """``_units`` of ``text`` at offset 0 with ``prefix`` carried in, and the prefix it carries out."""
    raw: list[tuple[str, int, int, str | None, _PieceFacts]] = []  # each piece with a name
    pieces: dict = catalog.kept(("pieces",), dict)
    for piece, at, _ in _split_list(text, catalog):
        name, a, b, mark, facts = _read_piece(piece, catalog, pieces)
        if facts is not None:  # (it has a name)
            raw.append((name, at + a, at + b, mark, facts))
    out: list[tuple[str, str, int, int, str | None]] = []
    units: dict = catalog.kept(("unit facts",), dict)
    i = 0
    while i < len(raw):
        name, a, b, mark, facts = raw[i]
        placeholder_open, region_head, joins_collective, stem, looks, could = facts
        # a placeholder cut at an inner 、: join up to the piece that carries the suffix
        if placeholder_open:
            k = i + 1
            while k < len(raw) and _is_placeholder_part(raw[k][0]) and not catalog.has_agency_suffix(raw[k][0]):
                k += 1
            if k < len(raw) and _is_placeholder_part(raw[k][0]) and catalog.has_agency_suffix(raw[k][0]):
                k += 1
            joined = text[raw[i][1]:raw[k - 1][2]] if k > i + 1 else ""
            # (a bare level word opens one only where the whole reads as a placeholder: 县、区政府, not 区、开发区管委会)
            if joined and (_PLACEHOLDER_HEAD.match(name) or catalog.is_collective(joined)):
                out.append((joined, joined, a, raw[k - 1][2], mark))
                i = k
                continue
        # named governments sharing one suffix: 钦南区、钦北区人民政府; 广州、深圳市政府
        if region_head:
            k = i
            while k < len(raw) and (_is_region_name(raw[k][0]) or _is_short_place_name(raw[k][0])):
                k += 1
            if k < len(raw) and k > i:
                last = raw[k][0]
                suffix = _GOVERNMENT.search(last)
                head = _REGION_NAME.match(last, 0, suffix.start()) if suffix else None
                if suffix and head:
                    for n2, a2, b2, m2, _ in raw[i:k]:
                        out.append((_with_level(n2, head.group("level")) + suffix.group(), n2, a2, b2, m2))
                    out.append((last, last, raw[k][1], raw[k][2], raw[k][3]))
                    i = k + 1
                    continue
        i += 1
        # "各县区政府、管委会" is one collective unit
        if joins_collective and out and catalog.is_collective(out[-1][0]):
            prev, printed, pa, _, pm = out.pop()
            out.append((prev + "、" + name, printed + "、" + name, pa, b, pm))
            continue
        printed = name
        if stem is not None and prefix:
            name = prefix + stem if stem != name else prefix + name
        elif not looks:
            if not (lenient and could):
                continue
        glued, own = _unit_facts(name, catalog, units)
        if glued:  # "市住房城乡建设局市自然资源和规划局": a separator lost in conversion
            out.append((glued[0], glued[0], a, a + len(glued[0]), mark))
            name, printed, a = glued[1], glued[1], a + len(glued[0])
            own = _unit_facts(name, catalog, units)[1]
        if own and stem is None:
            prefix = own
        out.append((name, printed, a, b, mark))
    return out, prefix


def _is_short_place_name(name: str) -> bool:
    """A province's or city's name printed without its level word (广州 for 广州市), as the region data knows it."""
    region = region_index().get(name) if 2 <= len(name) <= 8 else None
    return region is not None and region.name != name


def _with_level(place: str, level: str) -> str:
    """A place printed bare in a list whose last name carries the level word (广州、深圳市政府), with that word:
    广州市, where the region data knows the name so made for the same place; otherwise as printed."""
    index = region_index()
    region = index.get(place)
    if region is not None and region.name != place and index.get(place + level) == region:
        return place + level
    return place


def _glued(name: str, catalog: DepartmentCatalog) -> tuple[str, str] | None:
    """Two known units printed without a separator, split where the second's level prefix or region name starts
    (人民银行东乡支行抚州银保监分局东乡监管组: a bank's branch and a regulator's group, each named with its region)."""
    if len(name) < 6 or catalog.resolve(name).known or catalog.is_collective(name):
        return None
    regions = region_index()
    for k in range(3, len(name) - 2):
        if (catalog.head_prefix(name[k:]) or regions.prefix_match(name, k)) \
                and catalog.resolve(name[:k]).known and catalog.resolve(name[k:]).known:
            return name[:k], name[k:]
    return None


def _printed_prefix(name: str, catalog: DepartmentCatalog) -> str | None:
    if catalog.is_collective(name):
        return None
    return catalog.prefix_of(name)


def _could_be_name(name: str) -> bool:
    """A piece of a recognised clause with no agency suffix: a unit (广元国际铁路港) or running text?"""
    if not 2 <= len(name) <= 30 or _NOT_A_NAME.search(name) or clause_words().structure.search(name):
        return False
    return bool(_HAN_AND_BRACKETS.fullmatch(name))


def parse_clause(text: str, offset: int, catalog: DepartmentCatalog, *, first_listed_leads: bool = False,
                 leads_before_comma: bool = False, default_role: str = RESPONSIBLE, standing: list[StandingUnits] | None = None,
                 default_prefix: str | None = None) -> list[UnitMention]:
    """Units and their roles in one clause. ``text`` must be keyword-repaired already.

    ``default_prefix``: the level prefix of the issuing government (县 for a county's text): a bare
    agency name takes it when its clause prints no prefix before it."""
    words = clause_words()
    text = _without_rule_sentences(text, first_listed_leads)
    stop = words.stop.search(text)
    while stop:  # "责任单位:市税务局咨询电话:12366": no unit follows it, up to the next label if any
        # ("牵头单位:市商务局,完成时限:2023年底;配合单位:市财政局"; "牵头领导:张三;牵头单位:…")
        after = words.first_label(text[stop.end():])
        end = stop.end() + after.start() if after else len(text)
        text = text[:stop.start()] + " " * (end - stop.start()) + text[end:]
        stop = words.stop.search(text, end)
    # "(除标注“分别牵头”外,列第一位为牵头…,下同)": a remark about the rules, not a unit or a role
    if "(" in text:
        text = _BRACKETED.sub(lambda m: " " * len(m.group()) if words.remark.search(m.group()) else m.group(), text)
    sections: list[tuple[str, int, int]] = []  # (role, start, end) within text
    labels = words.clause_labels(text)
    if labels:
        if labels[0].start() > 0 and text[: labels[0].start()].strip(" ,，;；"):
            sections.append((default_role, 0, labels[0].start()))
        for k, m in enumerate(labels):
            end = labels[k + 1].start() if k + 1 < len(labels) else len(text)
            sections.append((words.role_of_label(m), m.end(), end))
    else:
        sections.append((default_role, 0, len(text)))

    mentions: list[tuple[str, str, str, int, int, str | None]] = []  # (role, written, printed, start, end, mark)
    carry: dict = {"prefix": default_prefix}
    for role, a, b in sections:
        mentions.extend(_parse_section(text, a, b, role, catalog, carry))
    stated: dict[int, tuple[int, int]] = {}
    for standing_rule in standing or []:
        for written, printed in standing_rule.units:
            stated[len(mentions)] = (standing_rule.at, standing_rule.end)
            mentions.append((standing_rule.role, written, printed, -1, -1, None))

    marked = {m[5] for m in mentions if m[5]}  # (by index: a starred target builds a list for every mention)
    if marked:
        # 区商务局(牵头)、区财政局: the marked unit has its role, the unmarked ones of the list the other
        other = COOPERATE if marked == {LEAD} else LEAD
        mentions = [(mark or (other if role == RESPONSIBLE else role), w, p, a, b, mark)
                    for role, w, p, a, b, mark in mentions]
    has_explicit_lead = LEAD in {m[0] for m in mentions}
    # (asked only of a clause whose first-listed unit would lead: the others never read it)
    all_lead = first_listed_leads and not has_explicit_lead and bool(words.all_listed_lead.search(text))
    comma = _first_comma(text, min((m[3] for m in mentions if m[3] >= 0), default=0)) \
        if leads_before_comma and not has_explicit_lead else None
    out: list[UnitMention] = []
    responsible_seen = 0
    for position, (role, name, printed, a, b, _) in enumerate(mentions):
        if role == RESPONSIBLE:
            if has_explicit_lead:
                role = COOPERATE
            elif comma is not None:
                role = LEAD if 0 <= a < comma else COOPERATE
            elif first_listed_leads and not all_lead:
                role = LEAD if responsible_seen == 0 else COOPERATE
                responsible_seen += 1
            else:
                role = LEAD
        start, end = (offset + a, offset + b) if a >= 0 else (-1, -1)
        out.append(UnitMention(name, start, end, role, printed, position, stated.get(position)))
    return _dedupe(out)


_PART_MARKS: Final = re.compile("[" + re.escape(_OPEN + _CLOSE) + ",，;；]")


def _blanked(m: re.Match[str]) -> str:
    """A match's text as spaces: what it says goes, its offsets stay."""
    return " " * len(m.group())


def _without_rule_sentences(text: str, first_listed: bool = True) -> str:
    """A clause with the sentences that state a document's rule blanked out ("以下政策均需各县政府落实,不再单独列出",
    "逗号前为牵头单位,下同"): the rule's units come through ``standing`` and its roles through the parse's
    arguments; the sentence is not a part of the clause's own list (its 牵头 made every unit before it lead)."""
    words = clause_words()
    if first_listed:
        # "(A、B,以黑体字标注的为牵头部门、单位,下同)": the rule's words end in 为牵头…, which would make A and B lead.
        # (Sought only where the document states the rule, or where a clause is yet to be told from a remark:
        # its 牵头 is in most clauses' labels)
        for m in words.first_listed_leads.finditer(text):
            tail = words.first_listed_tail.match(text, m.end())
            end = tail.end() if tail else m.end()
            text = text[:m.start()] + " " * (end - m.start()) + text[end:]
    needs = words.rule_sentence_needs
    if needs is not None:
        for word in needs:
            if word in text:
                break
        else:
            return text  # (most clauses state no rule: told by one look for each literal, not by each pattern's)
    for rule in words.standing_units:
        text = rule.sub(_blanked, text)
    return words.leads_before_comma.sub(_blanked, text)


def _first_comma(text: str, start: int) -> int:
    """Where the first comma outside brackets at or after ``start`` stands; the text's end if none does."""
    depth = 0
    for event in _PART_MARKS.finditer(text, start):
        ch = event.group()
        depth = _depth_step(ch, depth)
        if depth == 0 and ch in ",，":
            return event.start()
    return len(text)


def _parse_section(text: str, a: int, b: int, role: str, catalog: DepartmentCatalog, carry: dict):
    """One labelled (or unlabelled) section: verb-closed parts, 会同, lists."""
    words = clause_words()
    section = text[a:b]
    parts: list[tuple[int, int]] = []
    start = 0
    depth = 0
    for event in _PART_MARKS.finditer(section):  # the other characters change nothing
        i = event.start()
        ch = section[i]
        depth = _depth_step(ch, depth)
        if depth == 0 and ch in _PART_SEPARATORS:
            parts.append((start, i))
            start = i + 1
    parts.append((start, len(section)))

    out = []
    pending: list[tuple[int, int]] = []  # parts without a verb of their own: a list split by commas
    for pa, pb in parts:
        part = section[pa:pb].strip()
        if not part:
            continue
        # "A、B按职责分工负责。以下均需…不再列出": the sentence ends after the verb (the rule is blanked out)
        tail = words.closing(part.rstrip("。 "))
        if tail and tail.start() > 0:
            part_role = words.verb_role(tail)
            if role in (LEAD, COOPERATE) and part_role == RESPONSIBLE:
                part_role = role  # 配合单位：A、B按职责分工负责 stays cooperation
            pb = pa + section[pa:pb].rstrip().rfind(tail.group())
            for qa, qb in pending:
                out.extend(_with_counterpart(section, qa, qb, part_role, a, catalog, carry))
            pending = []
            out.extend(_with_counterpart(section, pa, pb, part_role, a, catalog, carry))
        else:
            pending.append((pa, pb))
    for qa, qb in pending:
        out.extend(_with_counterpart(section, qa, qb, role, a, catalog, carry))
    return out


def _with_counterpart(section: str, pa: int, pb: int, role: str, base: int, catalog: DepartmentCatalog,
                      carry: dict):
    """A、B会同C: A and B keep the role, C cooperates."""
    part = section[pa:pb]
    words = clause_words()
    m = words.counterpart.search(part) if words.holds_counterpart(part) else None
    chunks = [(pa, pa + m.start(), role), (pa + m.end(), pb, COOPERATE)] if m and m.start() > 0 else [(pa, pb, role)]
    out = []
    for ca, cb, r in chunks:
        for name, printed, ua, ub, mark in _units(section[ca:cb], base + ca, catalog, lenient=True, carry=carry):
            out.append((r, name, printed, ua, ub, mark))
    return out


def _dedupe(mentions: list[UnitMention]) -> list[UnitMention]:
    """Each unit once per role; a unit a clause also names as its lead only leads ("A、B负责,其中A为牵头单位")."""
    if len(mentions) < 2:
        return mentions  # (a fresh list of the caller's: nothing to drop)
    names = {m.written for m in mentions}
    if len(names) == len(mentions):
        return mentions  # (most clauses: no unit named twice, so none is dropped; no tuple made for each)
    leads = {m.written for m in mentions if m.role == LEAD}
    seen: set[tuple[str, str]] = set()
    out = []
    for m in mentions:
        key = (m.written, m.role)
        if key not in seen and (m.role == LEAD or m.written not in leads):
            seen.add(key)
            out.append(m)
    return out


# --- where clauses are ----------------------------------------------------------

@dataclass
class ClauseSpan:
    start: int  # the clause, brackets included, in the provision's text coordinates
    end: int
    content_start: int
    content_end: int

    def __init__(self, start: int, end: int, content_start: int, content_end: int) -> None:  # (as ``UnitMention``'s)
        self.start, self.end, self.content_start, self.content_end = start, end, content_start, content_end


def _strip_marks(text: str) -> tuple[str, bool]:
    """Text with unit role marks "(牵头)" removed, and whether there was one."""
    if "(" not in text:
        return text, False  # (most texts: told before the closure below and the cell it writes to are made)
    return _strip_bracketed_marks(text)


def _strip_bracketed_marks(text: str) -> tuple[str, bool]:
    words = clause_words()
    found = False

    def drop(m: re.Match[str]) -> str:
        nonlocal found
        if words.mark.search(m.group()):
            found = True
            return ""
        return m.group()

    return _SHORT_BRACKETED.sub(drop, text), found


def _is_clause(content: str, catalog: DepartmentCatalog, at_paragraph_end: bool) -> bool:
    words = clause_words()
    repaired = catalog.repair_keywords(content)
    if words.clause_labels(repaired):  # (kept: ``parse_clause`` reads the clause by them next)
        return True
    # "(市财政局、市科技局按职责分工负责。以下政策均需…落实,不再单独列出)": judged as ``parse_clause`` reads it (the
    # rule's own 落实 had closed the clause's last part, whose units then began with the rule sentence)
    repaired, marked = _strip_marks(_without_rule_sentences(repaired))
    parts = [p.strip() for p in _SPLIT_PARTS.split(repaired) if p.strip()]
    if not parts:
        return False
    for part in parts:
        tail = words.closing(part.rstrip("。 "))  # (as ``_parse_section`` reads a part: the sentence may end after it)
        if tail and tail.start() > 0:
            units = _split_list(words.as_one_list(part[: tail.start()]), catalog)
            first = units[0][0].strip() if units else ""
            if first and (_looks_named(first, catalog)):
                return True
    if at_paragraph_end or marked:
        names = [catalog_trim(u) for u, *_ in _split_list(words.as_one_list(repaired), catalog)]
        looks = [catalog.looks_like_unit(u) or catalog.bare_agency(u) for u in names]
        # one unit at least must be an agency of a level (市财政局), not only a shape (…公司, 越秀区):
        # "(以下简称“城投公司”)" closing a paragraph is no clause. A list of two or more may instead hold an
        # agency named with its region (青岛金融监管局, 人民银行无锡市分行): one such name alone is as often
        # a remark (…医学学科(厦门医学院))
        if not names or not any(_agency_with_prefix(u, catalog) or (len(names) > 1 and _regional_agency(u, catalog))
                                for u in names):
            return False
        return all(looks) or (marked and sum(looks) >= 1)
    return False


def _agency_with_prefix(name: str, catalog: DepartmentCatalog) -> bool:
    return catalog.resolve(name).known and bool(catalog.prefix_of(name) or catalog.bare_agency(name))


def _regional_agency(name: str, catalog: DepartmentCatalog) -> bool:
    dept = catalog.resolve(name)
    return dept.known and dept.level is not None and catalog.has_agency_suffix(name)


def find_clauses(text: str, catalog: DepartmentCatalog, *, only_parens: bool = False) -> list[ClauseSpan]:
    """Responsibility clauses inside one provision's text, in order. ``only_parens``: the text holds no bracket but
    ( and ) (``holds_only_parens`` of the document it is cut from, asked once for all its provisions)."""
    words = clause_words()
    repaired_text: str | None = None  # ``repair_keywords(text)``, where it was needed before the brackets were read
    if not _holds_group_opener(text):
        repaired_text = catalog.repair_keywords(text)
        if not _may_hold_clause_unbracketed(repaired_text):
            return []
    spans: list[ClauseSpan] = []
    masked: list[str] = []  # the text with its bracketed clauses blanked out
    for a, b, ca, cb in (_paren_groups(text) if only_parens else _bracket_groups(text)):
        if a and text[a - 1].isdigit() and _PHONE_NUMBER_AT_END.search(text, max(0, a - 24), a) \
                and not words.first_label(text[ca:cb]):
            continue
        after = text[b:b + 1]
        at_end = after in ("", "\n", "。", ";", "；")
        # (documents repeat their bracketed remarks and clauses: each is judged once per catalog)
        content = text[ca:cb]
        if catalog.kept(("is clause", content, at_end), _is_clause, content, catalog, at_end):
            masked += [text[spans[-1].end if spans else 0:a], " " * (b - a)]
            spans.append(ClauseSpan(a, b, ca, cb))
    rest = "".join(masked) + text[spans[-1].end if spans else 0:]
    # labelled clauses outside brackets: "牵头单位：…" on its own line or after a full stop
    organisers: set[int] = set()  # (by start) label lines that name only an event's organisers: no clause
    # (no clause blanked out: the text, whose repair may have been made already)
    repaired_rest = repaired_text if repaired_text is not None and not spans else catalog.repair_keywords(rest)
    for m in words.labels(repaired_rest):
        if any(s.start <= m.start() < s.end for s in spans):
            continue
        before = rest[:m.start()].rstrip(" ")
        if before and before[-1] not in "\n。;；:：":
            continue
        # "二、组织机构\n主办单位:…协会。\n承办单位:…公司": organiser lines under a heading or a colon, not after a
        # sentence of the provision that they would close
        organiser = words.names_organisers(m) and not before.rstrip(" \n").endswith(("。", ";", "；"))
        end = len(text)
        for stop in ("\n", "。"):
            k = rest.find(stop, m.end())
            if k >= 0:
                end = min(end, k)
        # consecutive label lines form one clause
        if spans and spans[-1].content_end >= 0 and rest[spans[-1].end:m.start()].strip(" \n;；。") == "" \
                and spans[-1].start >= 0 and words.label.match(catalog.repair_keywords(text[spans[-1].content_start:spans[-1].content_end])):
            prev = spans.pop()
            spans.append(ClauseSpan(prev.start, end, prev.content_start, end))
            if not words.names_organisers(m):
                organisers.discard(prev.start)  # (主责:… then 协办:…: a clause)
        else:
            spans.append(ClauseSpan(m.start(), end, m.start(), end))
            if organiser:
                organisers.add(m.start())
    if organisers:
        spans = [s for s in spans if s.start not in organisers]
    # a closing sentence that is nothing but units and a verb: "市财政局、市税务局按职责分工负责。"
    for start, last in _last_sentences(rest):
        sentence = last.strip()
        if sentence and not any(s.start <= start < s.end for s in spans) and _is_bare_clause(sentence, catalog):
            a = start + (len(last) - len(last.lstrip()))
            spans.append(ClauseSpan(a, a + len(sentence), a, a + len(sentence)))
    spans.sort(key=_start_of)
    return spans


_start_of: Final = attrgetter("start")


def _may_hold_clause(text: str, catalog: DepartmentCatalog) -> bool:
    """Could ``find_clauses`` find a clause in ``text``? Not without a bracket (a bracketed clause, or a
    role mark in a closing sentence), a label, or a place a closing verb can end a part of a sentence at
    (the end of the sentence, where 。 or the line's end follows it)."""
    return _holds_group_opener(text) or _may_hold_clause_unbracketed(catalog.repair_keywords(text))


def _holds_group_opener(text: str) -> bool:
    for opener in _GROUP_OPEN:  # (a search for each character scans faster than a pattern of them)
        if opener in text:
            return True
    return False


def _may_hold_clause_unbracketed(repaired: str) -> bool:
    """``_may_hold_clause`` of a text without a bracket, its keywords repaired."""
    words = clause_words()
    if words.core_at(repaired) >= 0:
        return True
    closable = _sentence_part_closable(words.tail_last)
    return closable is None or closable.search(repaired) is not None


@lru_cache(maxsize=4)
def _sentence_part_closable(last: frozenset[str] | None) -> re.Pattern[str] | None:
    """``_part_closable`` of every sentence of a text at once: a part also ends where its sentence does."""
    if last is None:
        return None
    return re.compile("[" + "".join(re.escape(c) for c in sorted(last)) + r"]\s*(?:[,，;；。\n]|$)")


def _last_sentences(text: str) -> list[tuple[int, str]]:
    """(offset, text) of the last sentence of each line, a closing 。 left out: what
    ``[^。\n]+(?=。?(?:\n|$))`` matches, found in linear time (that pattern backtracks quadratically in a
    long line whose sentences do not end it). (A list: a generator is a class of its own in the compiled build,
    each of its steps a call. The lines found by ``str.find``, not cut by ``split``: most texts are one line, which
    ``split`` scanned at a few instructions a character and copied.)"""
    found = []
    offset = 0
    while True:
        line_end = text.find("\n", offset)
        end = line_end if line_end >= 0 else len(text)
        body_end = end - 1 if end > offset and text[end - 1] == "。" else end
        last_stop = text.rfind("。", offset, body_end)
        cut = last_stop + 1 if last_stop >= 0 else offset
        if cut < body_end:
            found.append((cut, text[cut:body_end]))
        if line_end < 0:
            return found
        offset = line_end + 1


def _is_bare_clause(sentence: str, catalog: DepartmentCatalog) -> bool:
    words = clause_words()
    repaired = catalog.repair_keywords(sentence)
    if len(repaired) > 200 or "\t" in repaired:
        return False
    repaired, saw_verb = _strip_marks(repaired)
    closable = _part_closable(words.tail_last)
    if not saw_verb and closable is not None and not closable.search(repaired):
        return False  # (as below, sooner: no part ends with a character a closing verb can end with)
    parts = []  # (a loop: a generator inside the comprehension was a class of its own in the compiled build)
    for piece in _SPLIT_PARTS.split(repaired):
        part = piece.strip()
        if part:
            parts.append((part, words.closing(part)))
    if not saw_verb and not any(tail for _, tail in parts):
        return False  # no verb and no role mark: no clause, whatever its parts name
    for part, tail in parts:
        listed = part[: tail.start()] if tail else part
        if tail:
            saw_verb = True
        units = [catalog_trim(u) for u, *_ in _split_list(words.as_one_list(listed), catalog)]
        if not units or not all(catalog.looks_like_unit(u) or catalog.bare_agency(u) for u in units):
            return False
    return saw_verb


@lru_cache(maxsize=4)
def _part_closable(last: frozenset[str] | None) -> re.Pattern[str] | None:
    """Where a part of a sentence (cut at , ; as ``_SPLIT_PARTS`` cuts) ends with one of ``last``, the
    characters a closing verb can end with; None when any character can end one."""
    if last is None:
        return None
    return re.compile("[" + "".join(re.escape(c) for c in sorted(last)) + r"]\s*(?:[,，;；]|$)")


# 〔责任单位:…〕, [责任单位:…] and 【牵头单位:…】 close a provision as (…) does
_GROUP_OPEN: Final = "(〔[【"
_GROUP_CLOSE: Final = ")〕]】"
_GROUP_MARKS: Final = _GROUP_OPEN + _GROUP_CLOSE + "《\n"


def _line_end(text: str, i: int) -> int:
    end = text.find("\n", i)
    return len(text) if end < 0 else end


def _bracket_groups(text: str) -> list[tuple[int, int, int, int]]:
    """Top-level (...), 〔...〕 or [...] groups: (start, end, content_start, content_end); an unclosed one runs to the line end."""
    return _paren_groups(text) if holds_only_parens(text) else _any_bracket_groups(text)


_OTHER_BRACKETS: Final = "〔【[〕】]"


def holds_only_parens(text: str) -> bool:
    """No bracket in ``text`` but ( and ): most documents, whose groups are then sought by ``str.find``."""
    for ch in _OTHER_BRACKETS:
        if ch in text:
            return False
    return True


def _paren_groups(text: str) -> list[tuple[int, int, int, int]]:
    """``_bracket_groups`` of a text whose only brackets are ( and ): each group's brackets found by ``str.find``
    and ``str.count`` (a scan for one character costs a fraction of an instruction a character, a pattern's set of
    characters some 50). The brackets nested in a group are counted up to each ) in it."""
    if "《" in text:  # a title's brackets are its own (``_any_bracket_groups``): rare in a provision
        return _any_bracket_groups(text)
    groups = []
    start = text.find("(")
    while start >= 0:
        line_end = text.find("\n", start)
        stop = line_end if line_end >= 0 else len(text)
        depth, at = 1, start + 1
        while depth:
            close = text.find(")", at, stop)
            if close < 0:  # unclosed: the group runs to the line's end, unless a labelled clause's own bracket ends it
                inner = text.find("(", start + 1, stop)
                if inner >= 0 and _cut_short_before_clause(text, start, inner):
                    at = inner
                else:
                    groups.append((start, stop, start + 1, stop))
                    at = stop
                break
            depth += text.count("(", at, close) - 1
            at = close + 1
        else:
            groups.append((start, at, start + 1, at - 1))
        start = text.find("(", at)
    return groups


def _any_bracket_groups(text: str) -> list[tuple[int, int, int, int]]:
    """``_bracket_groups`` of a text that holds other brackets than ( and )."""
    groups = []
    depth = 0
    start = -1
    title_end = -1
    for i in _places_of(text, _GROUP_MARKS):  # the other characters change nothing
        if i < title_end:
            continue
        ch = text[i]
        if ch == "《":
            # a title's brackets are its own: 《关于印发(<X〉的通知》 (OCR) must not open a group that swallows
            # the clause after it
            close = text.find("》", i, _line_end(text, i))
            title_end = close if close > 0 else -1
        elif ch in _GROUP_OPEN:
            if depth == 0:
                start = i
            depth += 1
        elif ch in _GROUP_CLOSE and depth > 0:
            depth -= 1
            if depth == 0:
                groups.append((start, i + 1, start + 1, i))
        elif ch == "\n" and depth > 0:
            groups += _unclosed_group(text, start, i)
            depth = 0
    if depth > 0:
        groups += _unclosed_group(text, start, len(text))
    return groups


def _places_of(text: str, chars: str) -> list[int]:
    """Where each of ``chars`` stands in ``text``, in order: what a pattern of the class of them finds, found by
    ``str.find`` (a scan for one character costs a fraction of an instruction a character, the pattern's some 50,
    and each of its matches an object)."""
    places: list[int] = []
    for ch in chars:
        at = text.find(ch)
        while at >= 0:
            places.append(at)
            at = text.find(ch, at + 1)
    places.sort()
    return places


_GROUP_OPENER: Final = re.compile("[" + re.escape(_GROUP_OPEN) + "]")


def _unclosed_group(text: str, start: int, stop: int) -> list[tuple[int, int, int, int]]:
    """The group a bracket never closed opens: up to ``stop`` (the line's end), or, where it was cut short before a
    labelled clause's own bracket, the groups from that bracket on."""
    inner = _GROUP_OPENER.search(text, start + 1, stop)
    if inner is None or not _cut_short_before_clause(text, start, inner.start()):
        return [(start, stop, start + 1, stop)]
    at = inner.start()
    return [(a + at, b + at, ca + at, cb + at) for a, b, ca, cb in _any_bracket_groups(text[at:stop])]


def _cut_short_before_clause(text: str, start: int, inner: int) -> bool:
    """Whether the bracket at ``start``, never closed on its line, holds words cut short before a labelled
    clause's own bracket at ``inner`` (印花税(不含证(牵头单位:…): a remark that lost its end): such words are
    running text, not the clause's first unit. A bracket doubled ("((责任单位:…)") cut nothing short: it stays the
    clause's."""
    words = clause_words()
    cut = text[start + 1:inner]
    return bool(cut.strip()) and words.label.match(text, inner + 1) is not None and words.first_label(cut) is None


__all__ = ["COOPERATE", "LEAD", "ClauseSpan", "DocumentRules", "UnitMention", "document_rules",
           "document_says_first_listed_leads", "find_clauses", "holds_only_parens", "parse_clause"]
