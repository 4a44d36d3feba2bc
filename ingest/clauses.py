"""Responsibility clauses: who leads a provision and who cooperates on it.

Styles handled (all seen in real documents):
  （牵头单位：市科技局；参与单位：各县区政府、管委会）
  (责任单位:省发展改革委、省科技厅会同省有关部门)
  （市发展改革委、市统计局等部门按职责分工负责）
  省发展改革委牵头,省有关部门配合      (a table cell)
  X牵头，Y、Z按职责分工负责              (Y and Z cooperate)
  牵头单位：… / 配合单位：… on lines of their own after the item.
A document may state its own rule ("排在第一位的为牵头单位"); then the first
unit of an unlabelled or 责任单位 list leads and the others cooperate.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .departments import DepartmentCatalog

LEAD, COOPERATE = "lead", "cooperate"

_LABEL = re.compile(
    r"(?P<label>[【\[]?(?:省级|市级|县级|区级)?(?P<kind>牵头|责任|主责|主办|配合|参与|协办|协助|协同|支持|实施|落实)(?:单位|部门))"
    r"(?:\s*[:：]|[】\]]\s*[:：]?)"
)
_LABEL_ROLE = {"牵头": LEAD, "责任": "responsible", "主责": LEAD, "主办": LEAD, "实施": "responsible", "落实": "responsible",
               "配合": COOPERATE, "参与": COOPERATE, "协办": COOPERATE, "协助": COOPERATE, "协同": COOPERATE, "支持": COOPERATE}

# The verb that closes an unlabelled list, and what it makes of the list.
_TAIL = re.compile(
    r"(?P<closer>等(?:各?(?:有关|相关)?(?:部门|单位|县区|机构)?)?)?"
    r"(?P<verb>(?:为|作为)牵头(?:单位|部门)|(?:为|作为)(?:配合|参与)(?:单位|部门)|(?:为|作为)责任(?:单位|部门)"
    r"|(?:分别|共同|各自)?(?:按照?|根据)?(?:各自|工作)?职责(?:分工)?(?:分别|共同|协同)?(?:负责|落实|推进|配合)"
    r"|(?:分别|共同|具体)?牵头(?:负责|落实|推进)?|(?:分别|共同|具体|协同)?(?:负责|落实)(?:推进|实施)?"
    r"|(?:协同|共同)?(?:配合|参与|协助)(?:推进|实施|落实)?)$"
)
_SPLIT_PARTS = re.compile(r"[,，;；]")
_SPLIT_UNITS = re.compile(r"[、,，;；/]|(?<=[厅局委办会门位府])(?:和|及|以及|与)(?=[省市县区各有])")
_FIRST_LISTED_LEADS = re.compile(r"(?:排在|列在?|位列|排名|排)(?:第一|首)(?:位|个)?的?(?:单位|部门)?(?:为|是)牵头|第一(?:个|位)?(?:单位|部门)为牵头|首位(?:单位|部门)?为牵头")
_OPENERS = re.compile(r"^(?:由|请|与|和|及)")


@dataclass
class UnitMention:
    written: str
    start: int  # offsets in the text the clause was parsed from
    end: int
    role: str  # LEAD | COOPERATE


def document_says_first_listed_leads(text: str) -> bool:
    return bool(_FIRST_LISTED_LEADS.search(text))


def _verb_role(verb: str) -> str:
    if "牵头" in verb:
        return LEAD
    if any(w in verb for w in ("配合", "参与", "协助")):
        return COOPERATE
    if "责任" in verb:
        return "responsible"
    return "responsible"


def _units(text: str, offset: int, catalog: DepartmentCatalog) -> list[tuple[str, int, int]]:
    """Split a list of units; keep 各县区政府、管委会 whole; give bare agencies their level prefix."""
    pieces: list[tuple[str, int, int]] = []
    depth = 0
    start = 0
    for i, ch in enumerate(text + "、"):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(depth - 1, 0)
        if depth == 0 and (i == len(text) or _SPLIT_UNITS.match(text, i)):
            m = _SPLIT_UNITS.match(text, i) if i < len(text) else None
            piece = text[start:i]
            if piece.strip():
                pieces.append((piece, offset + start, offset + i))
            start = i + (len(m.group()) if m else 1)
    out: list[tuple[str, int, int]] = []
    for piece, a, b in pieces:
        name = piece.strip()
        lead_trim = _OPENERS.match(name)
        if lead_trim and len(name) > 3:
            name = name[lead_trim.end():]
            a += lead_trim.end()
        stripped = name.rstrip("。.，,;；:：、")
        b -= len(name) - len(stripped)
        name, b = _strip_closer(stripped, b)
        # "市发展改革委(市服务业办)": the bracket gives another name of the same unit
        paren = _TRAILING_PAREN.search(name)
        if paren and not catalog.is_collective(name) and catalog.looks_like_unit(name[:paren.start()]):
            b -= len(name) - paren.start()
            name = name[:paren.start()]
        if not name or not catalog.looks_like_unit(name):
            continue
        if out and catalog.is_collective(out[-1][0]) and catalog.prefix_of(name) is None and len(name) <= 5 \
                and not catalog.bare_agency(name) and name[0] not in "各有":
            # "各县区政府、管委会" is one collective unit
            prev, pa, _ = out.pop()
            out.append((prev + "、" + name, pa, b))
            continue
        if out and catalog.bare_agency(name):
            prefix = catalog.prefix_of(out[-1][0])
            if prefix:
                name = prefix + name
        out.append((name, a, b))
    return out


_TRAILING_PAREN = re.compile(r"\([^()]{2,20}\)$")
_CLOSER = re.compile(r"等(?:各?(?:有关|相关|其他)?(?:部门|单位|机构))?$")


def _strip_closer(name: str, end: int) -> tuple[str, int]:
    m = _CLOSER.search(name)
    if m and m.start() >= 2:
        return name[: m.start()], end - (len(name) - m.start())
    return name, end


def parse_clause(text: str, offset: int, catalog: DepartmentCatalog, *, first_listed_leads: bool = False,
                 default_role: str = "responsible") -> list[UnitMention]:
    """Units and their roles in one clause. ``text`` must be keyword-repaired already."""
    sections: list[tuple[str, int, int]] = []  # (role, start, end) within text
    labels = list(_LABEL.finditer(text))
    if labels:
        if labels[0].start() > 0 and text[: labels[0].start()].strip(" ,，;；"):
            sections.append((default_role, 0, labels[0].start()))
        for k, m in enumerate(labels):
            end = labels[k + 1].start() if k + 1 < len(labels) else len(text)
            sections.append((_LABEL_ROLE[m.group("kind")], m.end(), end))
    else:
        sections.append((default_role, 0, len(text)))

    mentions: list[tuple[str, str, int, int]] = []  # (role, name, start, end)
    for role, a, b in sections:
        mentions.extend(_parse_section(text, a, b, role, catalog))

    has_explicit_lead = any(role == LEAD for role, *_ in mentions)
    out: list[UnitMention] = []
    responsible_seen = 0
    for role, name, a, b in mentions:
        if role == "responsible":
            if has_explicit_lead:
                role = COOPERATE
            elif first_listed_leads:
                role = LEAD if responsible_seen == 0 else COOPERATE
                responsible_seen += 1
            else:
                role = LEAD
        out.append(UnitMention(name, offset + a, offset + b, role))
    return _dedupe(out)


def _parse_section(text: str, a: int, b: int, role: str, catalog: DepartmentCatalog) -> list[tuple[str, str, int, int]]:
    """One labelled (or unlabelled) section: verb-closed parts, 会同, lists."""
    section = text[a:b]
    parts: list[tuple[int, int]] = []
    start = 0
    depth = 0
    for i, ch in enumerate(section):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(depth - 1, 0)
        elif depth == 0 and _SPLIT_PARTS.match(ch):
            parts.append((start, i))
            start = i + 1
    parts.append((start, len(section)))

    out: list[tuple[str, str, int, int]] = []
    pending: list[tuple[int, int]] = []  # parts without a verb of their own: a list split by commas
    for pa, pb in parts:
        part = section[pa:pb].strip()
        if not part:
            continue
        tail = _TAIL.search(part)
        part_role = role
        if tail and tail.start() > 0:
            part_role = _verb_role(tail.group("verb")) if tail.group("verb") else role
            if role in (LEAD, COOPERATE) and part_role == "responsible":
                part_role = role  # 配合单位：A、B按职责分工负责 stays cooperation
            pb = pa + section[pa:pb].rstrip().rfind(tail.group()) if tail.group() else pb
            for qa, qb in pending:
                out.extend(_with_hui_tong(section, qa, qb, part_role, a, catalog))
            pending = []
            out.extend(_with_hui_tong(section, pa, pb, part_role, a, catalog))
        else:
            pending.append((pa, pb))
    for qa, qb in pending:
        out.extend(_with_hui_tong(section, qa, qb, role, a, catalog))
    return out


def _with_hui_tong(section: str, pa: int, pb: int, role: str, base: int, catalog: DepartmentCatalog):
    """A、B会同C: A and B keep the role, C cooperates."""
    part = section[pa:pb]
    k = part.find("会同")
    chunks = [(pa, pa + k, role), (pa + k + 2, pb, COOPERATE)] if k > 0 else [(pa, pb, role)]
    out = []
    for ca, cb, r in chunks:
        for name, ua, ub in _units(section[ca:cb], base + ca, catalog):
            out.append((r, name, ua, ub))
    return out


def _dedupe(mentions: list[UnitMention]) -> list[UnitMention]:
    seen: set[tuple[str, str]] = set()
    out = []
    for m in mentions:
        key = (m.written, m.role)
        if key not in seen:
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


def _is_clause(content: str, catalog: DepartmentCatalog, at_paragraph_end: bool) -> bool:
    repaired = catalog.repair_keywords(content)
    if _LABEL.search(repaired):
        return True
    parts = [p.strip() for p in _SPLIT_PARTS.split(repaired) if p.strip()]
    if not parts:
        return False
    for part in parts:
        tail = _TAIL.search(part)
        if tail and tail.start() > 0:
            units = _SPLIT_UNITS.split(part[: tail.start()].replace("会同", "、"))
            first = units[0].strip()
            if first and catalog.looks_like_unit(_strip_closer(first, 0)[0] or first):
                return True
    if at_paragraph_end:
        units = [u for u in _SPLIT_UNITS.split(repaired) if u.strip()]
        return bool(units) and all(catalog.looks_like_unit(_strip_closer(u.strip(), 0)[0]) for u in units) \
            and any(catalog.resolve(u).known for u in units)
    return False


def find_clauses(text: str, catalog: DepartmentCatalog) -> list[ClauseSpan]:
    """Responsibility clauses inside one provision's text, in order."""
    spans: list[ClauseSpan] = []
    masked = list(text)
    for a, b, ca, cb in _bracket_groups(text):
        after = text[b:b + 1]
        at_end = after in ("", "\n", "。", ";", "；")
        if _is_clause(text[ca:cb], catalog, at_end):
            spans.append(ClauseSpan(a, b, ca, cb))
            for i in range(a, b):
                masked[i] = " "
    rest = "".join(masked)
    # labelled clauses outside brackets: "牵头单位：…" on its own line or after a full stop
    for m in _LABEL.finditer(catalog.repair_keywords(rest)):
        if any(s.start <= m.start() < s.end for s in spans):
            continue
        before = rest[:m.start()].rstrip(" ")
        if before and before[-1] not in "\n。;；:：":
            continue
        end = len(text)
        for stop in ("\n", "。"):
            k = rest.find(stop, m.end())
            if k >= 0:
                end = min(end, k)
        # consecutive label lines form one clause
        if spans and spans[-1].content_end >= 0 and rest[spans[-1].end:m.start()].strip(" \n;；。") == "" \
                and spans[-1].start >= 0 and _LABEL.match(catalog.repair_keywords(text[spans[-1].content_start:spans[-1].content_end])):
            prev = spans.pop()
            spans.append(ClauseSpan(prev.start, end, prev.content_start, end))
        else:
            spans.append(ClauseSpan(m.start(), end, m.start(), end))
    # a closing sentence that is nothing but units and a verb: "市财政局、市税务局按职责分工负责。"
    for m in re.finditer(r"[^。\n]+(?=。?(?:\n|$))", rest):
        sentence = m.group().strip()
        if sentence and not any(s.start <= m.start() < s.end for s in spans) and _is_bare_clause(sentence, catalog):
            a = m.start() + (len(m.group()) - len(m.group().lstrip()))
            spans.append(ClauseSpan(a, a + len(sentence), a, a + len(sentence)))
    spans.sort(key=lambda s: s.start)
    return spans


def _is_bare_clause(sentence: str, catalog: DepartmentCatalog) -> bool:
    repaired = catalog.repair_keywords(sentence)
    if len(repaired) > 200 or "\t" in repaired:
        return False
    saw_verb = False
    for part in (p.strip() for p in _SPLIT_PARTS.split(repaired)):
        if not part:
            continue
        tail = _TAIL.search(part)
        listed = part[: tail.start()] if tail else part
        if tail:
            saw_verb = True
        units = [_strip_closer(u.strip(), 0)[0] for u in _SPLIT_UNITS.split(listed.replace("会同", "、")) if u.strip()]
        if not units or not all(catalog.looks_like_unit(u) for u in units):
            return False
    return saw_verb


# 〔责任单位:…〕 and 【牵头单位:…】 close a provision as (…) does
_OPEN, _CLOSE = "(〔【", ")〕】"


def _bracket_groups(text: str):
    """Top-level (...) groups: (start, end, content_start, content_end); an unclosed one runs to the line end."""
    depth = 0
    start = -1
    for i, ch in enumerate(text):
        if ch in _OPEN:
            if depth == 0:
                start = i
            depth += 1
        elif ch in _CLOSE and depth > 0:
            depth -= 1
            if depth == 0:
                yield start, i + 1, start + 1, i
        elif ch == "\n" and depth > 0:
            yield start, i, start + 1, i
            depth = 0
    if depth > 0:
        yield start, len(text), start + 1, len(text)
