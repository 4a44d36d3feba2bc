"""Industries and their hierarchy, as a document structures them.

Three shapes are read:
- a heading that names a group ("巩固提升六大生产性服务业发展优势") whose
  sub-items are titled with industry names (现代物流, 现代金融 …);
- a heading that announces industries ("重点产业") whose sub-items are
  industries ("生物医药产业") with their own sub-industries (现代中药 …);
- a counted enumeration in running text ("聚焦A、B、C、D、E五大重点行业",
  "打造A…K 11个细分赛道"), taken only when the count agrees with the list.

The words live in ``data/industries.toml``.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from .numerals import chinese_to_int
from .outline import Provision

DATA_FILE = Path(str(resources.files("policykg.ingest").joinpath("data", "industries.toml")))


@dataclass
class Industry:
    name: str
    parent: str | None
    provision: str | None  # the provision that is about this industry, if any


def _alt(words) -> str:
    """An alternation of literal words, longest first so a longer word wins."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True)) or "(?!)"


@dataclass(frozen=True)
class _Lexicon:
    group_in_heading: re.Pattern[str]
    industry_section: re.Pattern[str]
    action: re.Pattern[str]
    trailing_word: re.Pattern[str]
    counted_list: re.Pattern[str]
    count_words: tuple[str, ...]  # what every counted list ends with, none holding another
    count_marks: str
    count_numerals: str


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    data = tomllib.loads(DATA_FILE.read_text(encoding="utf-8"))
    outline, counted = data["outline"], data["counted"]
    numerals = counted["numerals"]
    section = (rf"^(?:{_alt(outline['section_qualifiers'])})?(?:{_alt(outline['section_heads'])})"
               rf"(?:{_alt(outline['section_middles'])})?(?:{_alt(outline['section_tails'])})?$"
               rf"|^(?:{_alt(outline['section_openings'])})")
    item = r"[\u4e00-\u9fff“”]{2,12}"
    words = counted["words"]
    return _Lexicon(
        group_in_heading=re.compile(
            rf"[{numerals}\d]+{re.escape(outline['group_mark'])}([\u4e00-\u9fff]{{2,10}}?(?:{_alt(outline['group_endings'])}))"),
        industry_section=re.compile(section),
        action=re.compile(rf"^(?:{_alt(outline['actions'])})"),
        trailing_word=re.compile(rf"(?<=[\u4e00-\u9fff]{{2}}){re.escape(outline['trailing_word'])}$"),
        counted_list=re.compile(
            rf"(?:{_alt(counted['verbs'])})((?:{item}、){{1,30}}{item})(\d{{1,2}}|[{numerals}]{{1,3}})"
            rf"(?:{_alt(counted['marks'])})(?:{_alt(counted['qualifiers'])})?({_alt(words)})"),
        count_words=tuple(w for w in words if not any(o != w and o in w for o in words)),
        count_marks="".join(counted["marks"]),
        count_numerals=numerals,
    )


def _industry_name(title: str | None) -> str | None:
    if not title:
        return None
    t = title.strip("。 ")
    if not 2 <= len(t) <= 12 or _lexicon().action.match(t) or re.search(r"[,，;；:：]", t):
        return None
    return t


def from_outline(provisions: list[Provision]) -> list[Industry]:
    lex = _lexicon()
    found: list[Industry] = []
    for p in provisions:
        if not p.children or not p.title:
            continue
        group = lex.group_in_heading.search(p.title)
        announces = lex.industry_section.match(p.title.strip("。"))
        if not group and not announces:
            continue
        names = [_industry_name(c.title) for c in p.children]
        if not names or sum(n is not None for n in names) < max(2, len(names) * 0.8):
            continue
        parent = group.group(1) if group else None
        if parent:
            found.append(Industry(parent, None, p.number))
        for child, name in zip(p.children, names):
            if name is None:
                continue
            short = lex.trailing_word.sub("", name) if announces else name
            found.append(Industry(short, parent, child.number))
            subs = [_industry_name(g.title) for g in child.children]
            if child.children and sum(s is not None for s in subs) >= max(2, len(subs) * 0.8):
                for grand, sub in zip(child.children, subs):
                    if sub:
                        found.append(Industry(sub, short, grand.number))
    return found


def _may_count(text: str) -> bool:
    """Can the counted-list pattern match in ``text``? Few texts count their industries ("五大重点行业"): the
    words are found by ``str.find`` (a few instructions a character), the pattern, which opens with a class of
    its verbs' first characters, is not tried at every character of the others. Every counted list ends with
    one of ``count_words``, a count mark (大/个/条) after a numeral in the four characters before it (a word of up
    to three between: 重点, 战略性)."""
    lex = _lexicon()
    marks, numerals = lex.count_marks, lex.count_numerals
    for word in lex.count_words:
        at = text.find(word)
        while at >= 0:
            for j in range(max(at - 4, 1), at):
                if text[j] in marks and (text[j - 1] in numerals or text[j - 1].isdecimal()):
                    return True
            at = text.find(word, at + 1)
    return False


def from_enumerations(text: str) -> list[Industry]:
    found: list[Industry] = []
    for m in _lexicon().counted_list.finditer(text) if _may_count(text) else ():
        items = [i.strip("“”") for i in m.group(1).split("、")]
        count = chinese_to_int(m.group(2))
        if count != len(items):
            continue
        found.extend(Industry(item, None, None) for item in items)
    return found


def merge(*lists: list[Industry]) -> list[Industry]:
    """One entry per name; a known parent beats none."""
    out: dict[str, Industry] = {}
    for industries in lists:
        for ind in industries:
            have = out.get(ind.name)
            if have is None:
                out[ind.name] = ind
            elif have.parent is None and ind.parent is not None:
                out[ind.name] = Industry(ind.name, ind.parent, have.provision or ind.provision)
            elif have.provision is None and ind.provision is not None:
                have.provision = ind.provision
    return list(out.values())
