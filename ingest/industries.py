"""Industries and their hierarchy, as a document names them.

A document's industries are the sectors it promotes, not every sector it
mentions. Where the document lays them out as a catalogue, the catalogue is
the list:
- a heading that names a group ("巩固提升六大生产性服务业发展优势") whose
  sub-items are titled with industry names (现代物流, 现代金融 …);
- a heading that announces industries ("重点产业") whose sub-items are
  industries ("生物医药产业") with their own sub-industries (现代中药 …);
- a counted enumeration in running text ("聚焦A、B、C、D、E五大重点行业",
  "打造A…K 11个细分赛道"), taken only when the count agrees with the list.
A document with such a catalogue (headings, or counted lists of three or
more) is read from it alone: its other mentions are passing ones. Any other
document is read from its running text (``from_running_text``): a sector
named right after a verb that promotes it ("大力发展人才服务业",
"促进建筑业发展"), with the group the text puts it in ("先进计算、物联网、
网络安全等优势产业"); a sector a goal measures (``from_metrics``:
"大数据电子信息产业增加值增长20%以上"); and, under a heading that names a
group ("充分发挥特色优势产业支撑作用"), the sector each sub-item is about
(``from_groups``). A document whose opening says it promotes a market
("促进房地产市场平稳健康发展") is about that market's industry
(``from_purpose``).

The words live in ``data/industries.toml``.
"""
from __future__ import annotations

import re
import tomllib
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from .numerals import chinese_to_int
from .outline import Outline, Provision
from .regions import region_index
from .word_lists import alternation as _alt

DATA_FILE = Path(str(resources.files("policykg.ingest").joinpath("data", "industries.toml")))


@dataclass
class Industry:
    name: str
    parent: str | None
    provision: str | None  # the provision that is about this industry, if any


def _opening(words) -> str:
    """``_alt`` of ``words`` with the character they all open with (if they do) taken out in front: a pattern
    that opens with one character is skipped along a text at the speed of a character search, one that opens
    with a choice is tried at every character."""
    words = sorted(set(words))
    first = {w[0] for w in words}
    if len(first) == 1 and all(len(w) > 1 for w in words):
        return re.escape(words[0][0]) + f"(?:{_alt(w[1:] for w in words)})"
    return f"(?:{_alt(words)})"


def _by_opening(words: list[str], rest: str) -> tuple[re.Pattern[str], ...]:
    """``(?:words)rest`` as one pattern for each character the words open with (``_opening``): several
    searches each skipping along a text to one character cost less than one trying a choice at every
    character."""
    groups: dict[str, list[str]] = {}
    for w in words:
        groups.setdefault(w[0], []).append(w)
    return tuple(re.compile(_opening(ws) + rest) for _, ws in sorted(groups.items()))


@dataclass(frozen=True)
class _Lexicon:
    group_in_heading: re.Pattern[str]
    industry_section: re.Pattern[str]
    action: re.Pattern[str]
    trailing_word: re.Pattern[str]
    industry_word: str  # (产业: what ``trailing_word`` takes off)
    counted_list: re.Pattern[str]
    may_count: tuple[re.Pattern[str], ...]  # over the text reversed: see ``_may_count``
    # the running-text reader (``from_running_text``), over the text reversed: see ``_running_patterns``
    promoted: re.Pattern[str]
    promoted_quoted: re.Pattern[str]
    verb_at: re.Pattern[str]  # a promoting verb, reversed, at a place of the reversed text
    compound_after: re.Pattern[str]
    fused_after: re.Pattern[str]
    fused_pair: re.Pattern[str]  # after a name: a conjunction, a second sector, a word that joins them
    cluster_word: str
    leading: re.Pattern[str]
    count_lead: re.Pattern[str]
    inner: re.Pattern[str]
    category: re.Pattern[str]
    generic: frozenset[str]
    standing: re.Pattern[str]  # a name that is only words of standing and an industry word: generic
    not_groups: frozenset[str]
    generic_conjunct: re.Pattern[str]
    not_endings: tuple[str, ...]
    inner_ending: re.Pattern[str]  # an ending inside a name
    conjunctions: str
    quoted_group_endings: tuple[str, ...]
    trade_word: str
    trade_short: str
    endings: tuple[str, ...]
    group_heading: re.Pattern[str]
    metric: re.Pattern[str]  # over the text reversed: WORD [BETWEEN] NAME
    metric_after: re.Pattern[str]  # a number or a direction after the measure word
    metric_base: tuple[str, ...]
    metric_leading: re.Pattern[str]
    market: re.Pattern[str]
    market_word: str
    market_industries: dict[str, str]


# what is no character of a name besides ``stop_chars``: ASCII and Latin-1, punctuation (— … “”), list numbers
# (①), CJK symbols (、。〔〕《》【】), full-width forms
_NOT_NAME = r"\x00-\xff\u2000-\u206f\u2460-\u24ff\u3000-\u303f\uff00-\uffef"


def _name_char(names: dict) -> str:
    """A character of a name: one that is none of ``_NOT_NAME`` nor of ``stop_chars`` (where a clause goes on).
    Said by what it is not: a class of what it is, the ideographs, compiles to a table of their twenty thousand
    code points one at a time, a millisecond for each time a pattern names it, in every process that reads a
    document."""
    return f"[^{_NOT_NAME}{re.escape(names['stop_chars'])}]"


def _running_patterns(names: dict, running: dict) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """The promoted-sector patterns, written for the text reversed. Read forwards, a match is VERB NAME ENDING
    (or VERB ITEMS 等 GROUP …) and the verb is what makes it one, but the engine can skip along a text only to a
    match's first character: forwards that is a verb's, one of some twenty common characters, each tried with
    every name length up to the ending; reversed it is the 业 every ending closes with, skipped to at the speed
    of a character search, and most 业 (企业, 就业, 事业) fail on the next character."""
    endings = names["endings"]
    assert all(e.endswith("业") for e in endings), "every ending closes with 业"
    name_char = _name_char(names)
    stems = [e[:-1][::-1] for e in endings]
    stem_first = "".join(sorted({s[0] for s in stems}))
    verbs = [v[::-1] for v in running["verbs"]]
    verb_first = "".join(sorted({v[0] for v in verbs}))
    num = running["count_numerals"]
    count = (rf"(?:[{''.join(running['count_marks'])}](?:[{num}\d]{{1,3}}(?:{_alt(running['count_range'])}))?"
             rf"[{num}\d]{{1,3}})")
    item = rf"{name_char}{{2,12}}"
    first_item = item + "?"  # (the list's first, reversed its last: the shortest after the verb, not 发展预制菜)
    ending = rf"业(?=[{stem_first}])(?:{_alt(stems)})"
    verb = rf"(?=[{verb_first}])(?:{_alt(verbs)})"
    promoted = re.compile(
        rf"{ending}(?P<head>{name_char}{{0,10}}?)(?P<count>{count})?"
        # a list needs its 等 unless it is counted ("A、B两大产业集群")
        rf"(?:(?(count)等?|等)(?P<items>(?:{item}、){{0,30}}{first_item})"
        # or several named sectors: "支持十大新兴产业、未来产业培育"
        rf"|(?P<more>(?:、{ending}{name_char}{{0,10}}?){{1,5}}))?"
        rf"(?P<verb>{verb})")
    # "培育发展预制菜、绿色化工等“新赛道”": a group in quotes, found by its closing quote
    promoted_quoted = re.compile(
        rf"”(?P<group>{name_char}{{1,8}})“等(?P<items>(?:{item}、){{0,30}}{first_item}){verb}")
    return promoted, promoted_quoted, re.compile(verb)


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    data = tomllib.loads(DATA_FILE.read_text(encoding="utf-8"))
    outline, counted, names, running = data["outline"], data["counted"], data["names"], data["running"]
    groups, metrics, markets = data["groups"], data["metrics"], data["markets"]
    promoted, promoted_quoted, verb_at = _running_patterns(names, running)
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
        industry_word=outline["trailing_word"],
        counted_list=re.compile(
            rf"(?:{_alt(counted['verbs'])})((?:{item}、){{1,30}}{item})(\d{{1,2}}|[{numerals}]{{1,3}})"
            rf"(?:{_alt(counted['marks'])})(?:{_alt(counted['qualifiers'])})?({_alt(words)})"),
        may_count=_by_opening(
            [w[::-1] for w in words if not any(o != w and o in w for o in words)],
            rf"[\s\S]{{0,3}}?(?:{_alt(counted['marks'])})[{numerals}\d]"),
        promoted=promoted,
        promoted_quoted=promoted_quoted,
        verb_at=verb_at,
        compound_after=re.compile(_alt(running["compound_after"])),
        fused_after=re.compile(_alt(running["fused_after"])),
        fused_pair=re.compile(rf"[{names['conjunctions']}]{_name_char(names)}{{0,12}}?(?:{_alt(names['endings'])})"
                              rf"(?:{_alt(running['fused_after'])})"),
        cluster_word=running["cluster_word"],
        leading=re.compile(rf"^(?:{_alt(names['leading'])})+"),
        count_lead=re.compile(rf"^[{running['count_numerals']}\d]{{1,3}}(?:(?:{_alt(running['count_range'])})"
                              rf"[{running['count_numerals']}\d]{{1,3}})?(?:{_alt(running['count_marks'])})"),
        inner=re.compile(_alt(names["inner"])),
        category=re.compile(_alt(names["categories"])),
        generic=frozenset(names["generic"]),
        standing=re.compile(rf"(?:{_alt(names['standing'])})+(?:{_alt(names['standing_heads'])})"),
        not_groups=frozenset(names["not_groups"]),
        generic_conjunct=re.compile(rf"[{names['conjunctions']}](?:{_alt(names['generic'])})$"),
        not_endings=tuple(names["not_endings"]),
        inner_ending=re.compile(_alt(names["endings"])),
        conjunctions=names["conjunctions"],
        quoted_group_endings=tuple(running["quoted_group_endings"] + names["endings"]),
        trade_word=names["trade_word"],
        trade_short=names["trade_short"],
        endings=tuple(names["endings"]),
        group_heading=re.compile(
            rf"(?:{_alt(groups['qualifiers'])})+(?:{_alt(groups['heads'])})"),
        # (a name runs back to the measure word before it, no further: "A增加值占B增加值比重…")
        metric=re.compile(rf"{_opening(w[::-1] for w in metrics['words'])}"
                          rf"(?:{_alt(w[::-1] for w in metrics['between'])})?"
                          rf"(?P<name>(?:(?!{_alt(w[::-1] for w in metrics['words'])}){_name_char(names)}){{1,16}})"),
        market=re.compile(rf"(?:{_alt(markets['verbs'])})(?:{_alt(names['leading'])})?"
                          rf"(?P<market>{_alt(markets['industries'])}){re.escape(markets['word'])}"
                          rf"(?:{_alt(markets['states'])})"),
        market_word=markets["word"],
        market_industries=dict(markets["industries"]),
        metric_after=re.compile(rf"[^,，。;；:：\n]{{0,6}}?(?:\d|{_alt(metrics['directions'])})"),
        metric_base=tuple(metrics["base_before"]),
        metric_leading=re.compile(rf"^(?:{_alt(metrics['leading'] + names['leading'])})+"),
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


def _may_count(text: str, rev: str | None = None) -> bool:
    """Can the counted-list pattern match in ``text`` (``rev``: the text reversed, if the caller has it)? Few
    texts count their industries ("五大重点行业"), and every counted list ends with one of its words, a count
    mark (大/个/条) after a numeral in the four characters before it (a word of up to three between: 重点,
    战略性). That is sought in the text reversed, where it opens with the word (产业, 行业 …), found at the speed
    of a character search: the counted-list pattern opens with a class of its verbs' first characters and
    would be tried at every character of the texts that count nothing."""
    rev = text[::-1] if rev is None else rev
    return any(p.search(rev) for p in _lexicon().may_count)


def from_enumerations(text: str, rev: str | None = None) -> list[Industry]:
    found: list[Industry] = []
    for m in _lexicon().counted_list.finditer(text) if _may_count(text, rev) else ():
        items = [i.strip("“”") for i in m.group(1).split("、")]
        count = chinese_to_int(m.group(2))
        if count != len(items):
            continue
        found.extend(Industry(item, None, None) for item in items)
    return found


def _clean_name(lex: _Lexicon, name: str) -> str | None:
    """The industry's name in a promoted phrase, or None where it is none: a clause, a general word, an
    action, a place or a body, two industries joined. Scope, time and quantity words and the name of a region
    in front are taken off; a count too, unless the rest is a general word ("十大新兴产业" is the document's own
    set, "新兴产业" says nothing)."""
    if lex.inner.search(name) or lex.category.search(name) or name.endswith(lex.not_endings):
        return None
    name = _strip_scope(lex, name)
    bare = lex.count_lead.sub("", name)
    if not _generic(lex, bare):
        name = _strip_scope(lex, bare)
    elif bare == name:
        return None
    if len(name) < 2 or _generic(lex, name) or lex.action.match(name) or lex.generic_conjunct.search(name) \
            or _two_joined(lex, name):
        return None
    if name.endswith(lex.trade_word) and len(name) > len(lex.trade_word) + 1:
        name = name[: -len(lex.trade_word)] + lex.trade_short
    return name


def _generic(lex: _Lexicon, name: str) -> bool:
    """Does ``name`` say not which industry: a bare word ("产业"), or only its standing ("优势制造业",
    "特色优势产业")?"""
    return name in lex.generic or lex.standing.fullmatch(name) is not None


def _strip_scope(lex: _Lexicon, name: str) -> str:
    """``name`` without the scope, time and region words in front ("来宾市房地产业", "绍兴越城区…", "本市…")."""
    while True:
        name = lex.leading.sub("", name)
        hit = region_index().prefix_match(name)
        if hit is None or len(name) - hit[1] < 2:
            return name
        name = name[hit[1]:]


def _two_joined(lex: _Lexicon, name: str) -> bool:
    """Is ``name`` two industries joined ("现代服务业与先进制造业", "物流业制造业"): an ending inside it, then a
    conjunction or one more ending alone? ("现代农业产业" is one: 产业 alone is no industry.)"""
    for m in lex.inner_ending.finditer(name, 0, len(name) - 1):
        first, rest = name[:m.end()], name[m.end():]
        if first in lex.generic:
            continue
        if (rest[:1] in lex.conjunctions and rest[1:].endswith(lex.endings)) \
                or (lex.inner_ending.fullmatch(rest) and rest not in lex.generic):
            return True
    return False


def from_running_text(text: str, rev: str | None = None) -> list[tuple[int, Industry]]:
    """The sectors ``text`` promotes, each with where it is named: a name right after a promoting verb ("积极培育
    健康产业"), the items of a list closed by a group ("大力发展A、B、C等优势产业": A, B and C, parent 优势产业),
    several named sectors ("支持十大新兴产业、未来产业培育"). A name followed by a compound noun (产业链, 行业协会)
    is none."""
    found: list[tuple[int, Industry]] = []
    quoted = "等“" in text
    if "业" not in text and not quoted:
        return found
    lex = _lexicon()
    rev = text[::-1] if rev is None else rev
    n = len(text)
    for m in lex.promoted.finditer(rev):
        end = n - m.start()  # where the (last) ending closes, in ``text``
        if lex.compound_after.match(text, end):
            continue
        at = n - m.start("verb")  # the verb's end
        head = rev[m.start():m.end("head")][::-1]  # the name before the ending, and the ending
        count = (m.group("count") or "")[::-1]
        if m.group("items") is not None:
            found.extend(_listed(lex, m, text, rev, at, end, count + head))
            continue
        if (lex.fused_after.match(text, end) and (m.group("more") or any(c in head for c in lex.conjunctions))) \
                or lex.fused_pair.match(text, end):
            continue  # (sectors joined: "推动A与B深度融合", "促进A、B深度融合", "推进A和B深度融合": 和 ends a name)
        # (several named sectors are reversed, each its ending then its name)
        more = [p[::-1] for p in m.group("more").split("、")[1:]] if m.group("more") else []
        if more and any(_generic(lex, _strip_scope(lex, p)) for p in [*more, head]):
            continue  # (sectors named together are of one kind: "发展科技农业、绿色农业、质量农业" names qualities)
        for piece in [*more, count + head]:
            name = _clean_name(lex, piece)
            if name:
                found.append((at, Industry(name, None, None)))
    if quoted:
        for m in lex.promoted_quoted.finditer(rev):
            group = m.group("group")[::-1]
            if not group.endswith(lex.quoted_group_endings) or lex.compound_after.match(text, n - m.start()):
                continue
            names = [_clean_name(lex, i[::-1]) for i in m.group("items").split("、")[::-1]]
            if None not in names:
                found.extend((n - m.end("items"), Industry(name, f"“{group}”", None)) for name in names if name)
    found.sort(key=lambda f: f[0])  # (found from the end: in the text's order again)
    return found


def _listed(lex: _Lexicon, m: re.Match[str], text: str, rev: str, at: int, end: int,
            group: str) -> list[tuple[int, Industry]]:
    """The items of a list ``m`` matched, each with its group as parent: none where an item is no name or the
    group groups nothing (…等行业)."""
    names = [_clean_name(lex, i[::-1]) for i in m.group("items").split("、")[::-1]]
    count = m.group("count")
    if count and "等" not in m.group(0) and not _counts(count[::-1], len(names)):
        # no list: "打造5—8个省级战略性新兴产业", where the count's verb stands before it, not before "打造"
        start = end - len(group)
        name = _clean_name(lex, group) if lex.verb_at.match(rev, len(text) - start) else None
        return [(start, Industry(name, None, None))] if name else []
    group = lex.leading.sub("", lex.count_lead.sub("", group))
    if text.startswith(lex.cluster_word, end):
        group += lex.cluster_word
    if group in lex.not_groups or None in names or lex.inner.search(group) or lex.action.match(group):
        return []
    return [(at, Industry(name, group, None)) for name in names if name]


def _counts(count: str, items: int) -> bool:
    return chinese_to_int(count[:-1]) == items  # (a range, "5—8个", reads as None: it counts no list)


def from_metrics(text: str, rev: str | None = None) -> list[tuple[int, str, bool]]:
    """The sectors ``text``'s goals measure ("烟草行业年度增加值增长7%以上"), each with where it is named and
    whether its name ends as an industry's does (白酒增加值 does not: a sector only where a group says so)."""
    lex = _lexicon()
    n = len(text)
    rev = text[::-1] if rev is None else rev
    found: list[tuple[int, str, bool]] = []
    for m in lex.metric.finditer(rev):
        if not lex.metric_after.match(text, n - m.start()):
            continue
        raw = m.group("name")[::-1]
        if raw.startswith(lex.metric_base):
            continue
        name = lex.metric_leading.sub("", raw)
        strict = name.endswith(lex.endings)
        cleaned = _clean_name(lex, name) if strict else _loose_name(lex, name)
        if cleaned:
            found.append((n - m.end("name") + len(raw) - len(name), cleaned, strict))
    return found


def from_purpose(head: str) -> list[Industry]:
    """The industry of the market a document's title or preamble (``head``) says it promotes ("促进我县房地产
    市场平稳健康发展")."""
    lex = _lexicon()
    if lex.market_word not in head:
        return []
    return [Industry(lex.market_industries[m.group("market")], None, None) for m in lex.market.finditer(head)]


def _loose_name(lex: _Lexicon, name: str) -> str | None:
    """A measured thing's name that does not end as an industry's ("白酒"): a name all the same, unless a
    clause or an action."""
    if len(name) < 2 or lex.inner.search(name) or lex.action.match(name):
        return None
    return name


def from_groups(provisions: list[Provision], named: list[tuple[int, str]]) -> list[Industry]:
    """The industries of a heading that names a group ("(四)充分发挥特色优势产业支撑作用"): of each sub-item,
    the first industry it names (``named``: where each is named, in text order), where most sub-items name
    one."""
    lex = _lexicon()
    found: list[Industry] = []
    starts = [at for at, _ in named]
    for p in provisions:
        if not p.children or not p.title or not named:
            continue
        g = lex.group_heading.search(p.title)
        if not g or lex.compound_after.match(p.title, g.end()):
            continue
        firsts = []
        for child in p.children:
            k = bisect_left(starts, child.start)
            firsts.append(named[k][1] if k < len(named) and starts[k] < child.end else None)
        if sum(f is not None for f in firsts) >= max(2, 0.6 * len(firsts)):
            found.extend(Industry(f, g.group(), c.number) for f, c in zip(firsts, p.children) if f)
    return found


# a counted list this long is a catalogue ("聚焦A、B、C、D、E五大重点行业"); two ("做大A、B两大产业集群") may
# be one promotion among others
_CATALOGUE = 3


def read(text: str, outline: Outline) -> list[Industry]:
    """The industries of a document whose cleaned text is ``text``: its catalogue (headings, counted lists)
    where it has one, else the sectors its running text promotes."""
    body = text[:outline.body_end]
    rev = body[::-1]
    headed = from_outline(outline.provisions)
    counted = from_enumerations(body, rev)
    if headed or len(counted) >= _CATALOGUE:
        return merge(headed, counted)
    running = from_running_text(body, rev)
    measured = from_metrics(body, rev)
    named = sorted([(at, ind.name) for at, ind in running] + [(at, name) for at, name, _ in measured])
    grouped = from_groups(outline.provisions, named)
    # a sub-item a group gives an industry is about that one: a goal there measures it, though by the name of
    # a part ("支持健康医药产业发展…四季度医药制造产业增加值实现正增长")
    about = {ind.provision for ind in grouped}
    spans = [(p.start, p.end) for p in outline.provisions if p.number in about]
    return merge(grouped, counted, from_purpose(text[:outline.body_start]),
                 _in_headings(outline.provisions, running),
                 [Industry(name, None, None) for at, name, strict in measured
                  if strict and not any(start <= at < end for start, end in spans)])


def _in_headings(provisions: list[Provision], found: list[tuple[int, Industry]]) -> list[Industry]:
    """The industries found, a heading's ("15.促进建筑业发展") with that provision: it is about the industry."""
    if not found:
        return []
    starts = [p.title_start for p in provisions]  # (in text order)
    for at, ind in found:
        k = bisect_right(starts, at) - 1
        if k >= 0 and provisions[k].title and at < provisions[k].body_start:
            ind.provision = provisions[k].number
    return [ind for _, ind in found]


def _same_key(name: str) -> str:
    """An industry's name as told apart: "铝基新材料产业" is 铝基新材料 (a list names it short, a sentence
    whole)."""
    word = _lexicon().industry_word
    return name[: -len(word)] if name.endswith(word) and len(name) > len(word) + 2 else name


def merge(*lists: list[Industry]) -> list[Industry]:
    """One entry per industry (X产业 and X are one, named as first found); a known parent beats none."""
    out: dict[str, Industry] = {}
    for industries in lists:
        for ind in industries:
            key = _same_key(ind.name)
            have = out.get(key)
            if have is None:
                out[key] = ind
            elif have.parent is None and ind.parent is not None:
                out[key] = Industry(ind.name, ind.parent, have.provision or ind.provision)
            elif have.provision is None and ind.provision is not None:
                have.provision = ind.provision
    return list(out.values())
