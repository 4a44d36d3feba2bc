"""Department names: repair, canonicalise, classify.

The knowledge lives in ``data/departments.toml`` (and in any extra alias
files a user adds); this module only applies it. An unknown name is kept as
written and reported, never dropped.
"""
from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TypeVar

from .clause_words import clause_words, last_chars, may_end_with, sre_parse
from .normalize import compact
from .regions import region_index

T = TypeVar("T")

DATA_FILE = Path(str(resources.files("policykg.ingest").joinpath("data", "departments.toml")))
# the aliases a person records with `policykg departments --merge`, in the data directory
USER_ALIAS_FILE = "departments.user.toml"


def alias_files(data_dir: Path | None) -> list[Path]:
    """The bundled alias file, then the user's in ``data_dir`` when there is one (it wins: read last)."""
    user = Path(data_dir) / USER_ALIAS_FILE if data_dir else None
    return [DATA_FILE, user] if user is not None and user.is_file() else [DATA_FILE]
LEVEL_PREFIXES = {"省": "province", "市": "city", "州": "city", "盟": "city", "县": "county", "区": "county", "旗": "county"}

_NEVER = re.compile(r"(?!)")
_UNSEEN = object()  # a cached answer not there yet (None is an answer)
_HAN, _LEVEL_CHAR = "[\u4e00-\u9fff]", "[省市县区州旗]"  # (``dominant_prefix``)
# the answers kept per catalog: many documents name the same units, but a long-running server must not grow
_CACHE_MAX = 50_000
_FEW_WORDS = 12  # up to this many misprinted words are sought one by one, more with their pattern


@dataclass(frozen=True)
class Department:
    """A unit named in a responsibility clause, after repair and canonicalisation."""

    name: str  # canonical
    surface: str  # as written, whitespace removed
    level: str | None  # "province" | "city" | "county" | None when unknown
    known: bool
    collective: bool
    repairs: tuple[str, ...] = ()


@dataclass
class DepartmentCatalog:
    keyword_repairs: dict[str, str] = field(default_factory=dict)
    name_repairs: dict[str, str] = field(default_factory=dict)
    renames: list[tuple[re.Pattern[str], str, str | None]] = field(default_factory=list)  # (pattern, to, since)
    agencies: dict[str, str] = field(default_factory=dict)  # alias stem -> canonical stem
    organisations: dict[str, tuple[str, str | None]] = field(default_factory=dict)  # alias -> (name, level)
    collective_patterns: list[re.Pattern[str]] = field(default_factory=list)
    known_patterns: list[re.Pattern[str]] = field(default_factory=list)
    suffixes: list[str] = field(default_factory=list)
    long_prefixes: dict[str, str] = field(default_factory=dict)  # 地区, 示范区 … -> level
    agency_suffix: re.Pattern[str] = _NEVER  # what the end of an organisation's name looks like
    _suffix_words: tuple[str, ...] = field(default=(), repr=False)  # the same words, for ``str.endswith``
    _resolved: dict[tuple[str, tuple[bool, ...]], "Department"] = field(default_factory=dict, repr=False)
    _skipped: dict[str | None, tuple[bool, ...]] = field(default_factory=dict, repr=False)  # (``_renamings_skipped``)
    _stems: re.Pattern[str] | None = field(default=None, repr=False)
    # answers that depend only on the catalog's data, kept until ``extend`` changes it
    _looks: dict[str, bool] = field(default_factory=dict, repr=False)
    _collective: dict[str, bool] = field(default_factory=dict, repr=False)
    _prefixes: dict[str, str | None] = field(default_factory=dict, repr=False)  # (``prefix_of``)
    _bare_stems: dict[str, str | None] = field(default_factory=dict, repr=False)  # (``bare_stem``)
    _lookups: dict[str, tuple[str, str | None] | None] = field(default_factory=dict, repr=False)  # (``_lookup``)
    _keywords: re.Pattern[str] | None = field(default=None, repr=False)
    # (``has_misprint``: each probe with its words; () when many)
    _keyword_words: tuple[tuple[str, tuple[str, ...]], ...] | None = field(default=None, repr=False)
    # the pattern lists as one alternation each (``_one_of``), built when first asked for
    _collective_any: re.Pattern[str] | _EachOf | None = field(default=None, repr=False)
    # words one of which every collective's name holds (``is_collective``), built with ``_collective_any``; None: any
    _collective_words: tuple[str, ...] | None = field(default=None, repr=False)
    _known_any: _ByLastCharacter | None = field(default=None, repr=False)
    _long_prefixes_longest_first: list[tuple[str, str]] | None = field(default=None, repr=False)
    # answers other modules work out from the catalog's data alone (``kept``)
    _kept: dict[tuple, object] = field(default_factory=dict, repr=False)

    @classmethod
    def load(cls, *paths: Path) -> "DepartmentCatalog":
        catalog = cls()
        for path in paths:
            catalog.extend(tomllib.loads(path.read_text(encoding="utf-8")), path)
        return catalog

    def extend(self, data: dict, source: Path | str = "<data>") -> None:
        self._resolved.clear()
        self._skipped.clear()
        self._looks.clear()
        self._collective.clear()
        self._prefixes.clear()
        self._bare_stems.clear()
        self._lookups.clear()
        self._kept.clear()
        self._stems = None
        self._keywords = self._keyword_words = None
        self._collective_any = self._known_any = None
        self._collective_words = None
        self._long_prefixes_longest_first = None
        self.keyword_repairs.update(data.get("keyword_repairs", {}))
        self.name_repairs.update(data.get("name_repairs", {}))
        for rule in data.get("rename", []):
            try:
                self.renames.append((re.compile(rule["pattern"]), rule["to"], _iso(rule.get("since"))))
            except (KeyError, re.error, ValueError) as exc:
                raise ValueError(f"{source}: bad [[rename]] entry {rule!r}: {exc}") from exc
        for canonical, aliases in data.get("agencies", {}).items():
            self.agencies[canonical] = canonical
            for alias in aliases:
                self.agencies[alias] = canonical
        for org in data.get("organisation", []):
            for alias in [org["name"], *org.get("aliases", [])]:
                self.organisations[alias] = (org["name"], org.get("level"))
        for pattern in data.get("collectives", {}).get("patterns", []):
            self.collective_patterns.append(re.compile(pattern))
        for pattern in data.get("known_patterns", {}).get("patterns", []):
            self.known_patterns.append(re.compile(pattern))
        self.long_prefixes.update(data.get("long_prefixes", {}))
        added = data.get("shapes", {}).get("suffixes", [])
        if added:
            self.suffixes.extend(added)
            words = sorted(set(self.suffixes), key=len, reverse=True)
            self.agency_suffix = re.compile("(" + "|".join(re.escape(w) for w in words) + ")$")
            self._suffix_words = tuple(words)

    # -- clause words ---------------------------------------------------------
    def keyword_pattern(self) -> re.Pattern[str]:
        """Any misprinted clause word of ``keyword_repairs`` (longest first), compiled once."""
        if self._keywords is None:
            words = sorted(self.keyword_repairs, key=len, reverse=True) or ["(?!)"]
            self._keywords = re.compile("|".join(re.escape(w) for w in words))
        return self._keywords

    def kept(self, key: tuple, compute: Callable[..., T], *args: object) -> T:
        """``compute(*args)``, kept under ``key`` until ``extend`` changes the data: for an answer that depends
        on nothing but the catalog's data and what ``key`` holds (a list of units read by clauses.py, which
        documents repeat: 市发展改革委、市财政局)."""
        found = self._kept.get(key, _UNSEEN)  # (one lookup: a tuple's hash is worked out anew for each)
        if found is not _UNSEEN:
            return found  # type: ignore[return-value]
        found = compute(*args)
        _remember(self._kept, key, found)
        return found

    def has_misprint(self, text: str) -> bool:
        """``keyword_pattern().search(text)``: a few words are sought one by one (a scan for a word costs a few
        instructions a character, the pattern, which opens with a choice of characters, some 70), each only in a
        text that holds one of its characters, the one least likely to be there (a scan for one character costs
        a fraction of an instruction a character)."""
        words = self._keyword_words
        if words is None:
            words = self._keyword_words = _probed(self.keyword_repairs) if len(self.keyword_repairs) <= _FEW_WORDS else ()
        if not words:
            return bool(self.keyword_repairs) and self.keyword_pattern().search(text) is not None
        for probe, probed in words:
            if probe in text:
                for word in probed:
                    if word in text:
                        return True
        return False

    def repair_keywords(self, text: str) -> str:
        if not self.has_misprint(text):
            return text  # no misprint in it: none of the replacements can start
        for wrong, right in self.keyword_repairs.items():
            text = text.replace(wrong, right)
        return text

    # -- names -----------------------------------------------------------------
    def is_collective(self, name: str) -> bool:
        found = self._collective.get(name)
        if found is None:
            # "各县区政府、管委会", "省直有关部门、单位": the head before 、 decides
            head = name.split("、", 1)[0]
            if self._collective_any is None:
                self._collective_any = _one_of(self.collective_patterns)
                self._collective_words = _words_one_of_needs(self.collective_patterns)
            # (the head searched apart only when it is not the whole name: most names hold no 、, and the second
            # search of the same name was half of this test's cost)
            found = _holds_one_of(name, self._collective_words) and \
                bool(self._collective_any.search(name) or (head != name and self._collective_any.search(head)))
            _remember(self._collective, name, found)
        return found

    def looks_like_unit(self, name: str) -> bool:
        """Could ``name`` be an organisation (rather than a piece of running text)?"""
        found = self._looks.get(name)
        if found is None:
            found = self._looks_like_unit(compact(name))
            _remember(self._looks, name, found)
        return found

    def _looks_like_unit(self, name: str) -> bool:
        if not 2 <= len(name) <= 40:
            return False
        if self.is_collective(name):  # 各项目牵头单位: a clause word inside a placeholder's name
            return True
        if clause_words().structure.search(name):
            return False
        if self._lookup(name) is not None:
            return True
        return self.has_agency_suffix(name) and "。" not in name and "," not in name

    def has_agency_suffix(self, name: str) -> bool:
        # what ``agency_suffix.search`` finds, without a scan: its ``$`` also matches before a final newline
        return name.endswith(self._suffix_words) or (name.endswith("\n") and name[:-1].endswith(self._suffix_words))

    def resolve(self, written: str, on: str | None = None) -> Department:
        """``on``: the ISO date of the text that names the unit; a renaming applies to texts from its date on."""
        # kept by which renamings the date passes over, not by the date: documents of every date share it
        key = (written, self._renamings_skipped(on))
        found = self._resolved.get(key)
        if found is None:
            found = self._resolve(written, on)
            _remember(self._resolved, key, found)
        return found

    def _renamings_skipped(self, on: str | None) -> tuple[bool, ...]:
        """For each renaming, whether ``_resolve`` passes over it for a text of date ``on``: all it asks of the date."""
        found = self._skipped.get(on)
        if found is None:
            found = self._skipped[on] = tuple(bool(since and on and on < since) for _, _, since in self.renames)
        return found

    def _resolve(self, written: str, on: str | None = None) -> Department:
        surface = compact(written)
        name = surface
        repairs: list[str] = []
        for wrong, right in self.name_repairs.items():
            if wrong in name:
                name = name.replace(wrong, right)
                repairs.append(f"{wrong}→{right}")
        for pattern, to, since in self.renames:
            if since and on and on < since:
                continue  # the text is older than the new name: it names the body as it then was
            if not pattern.search(name):
                continue  # (most names match no renaming: a search costs a fraction of a sub with a template)
            renamed = pattern.sub(to, name)
            if renamed != name:
                repairs.append(f"{name}→{renamed}")
                name = renamed
        collective = self.is_collective(name)
        found = None if collective else self._lookup(name)
        if found is not None:
            canonical, level = found
            return Department(canonical, surface, level, True, False, tuple(repairs))
        return Department(name, surface, self._level(name), collective, collective, tuple(repairs))

    def _level(self, name: str) -> str | None:
        """The level a name's head says, a longer level word included (地区有关部门, 自治区人民政府)."""
        for long, level in self._long_prefixes_first():
            if name.startswith(long) and len(name) > len(long) and not long.endswith("政府"):
                return level
        return _level_of(name)

    def _lookup(self, name: str) -> tuple[str, str | None] | None:
        # kept: a name is looked up when it is first read (``looks_like_unit``) and again when it is resolved
        found = self._lookups.get(name, _UNSEEN)
        if found is _UNSEEN:
            found = self._look_up(name)
            _remember(self._lookups, name, found)
        return found  # type: ignore[return-value]

    def _look_up(self, name: str) -> tuple[str, str | None] | None:
        if name in self.organisations:
            return self.organisations[name]
        prefix, stem = _split_prefix(name)
        if prefix and stem in self.agencies:
            return prefix + self.agencies[stem], LEVEL_PREFIXES[prefix]
        if self._known_any is None:
            self._known_any = _ByLastCharacter(self.known_patterns)
        if self._known_any.match(name):
            return name, self._level(name)
        if name in self.agencies:  # 市场监管局 standing alone: an agency with no level printed
            return self.agencies[name], None
        for long, level in self._long_prefixes_first():
            if name.startswith(long) and name[len(long):] in self.agencies:  # (the rest cut only after a head that fits)
                return long + self.agencies[name[len(long):]], level
        region = region_index().get(name)
        if region is not None:  # a district or county named alone: its government
            return name, region.level
        # "山东省发展和改革委员会" is written "省发展改革委" inside a clause
        region = region_index().prefix(name)
        if region is not None and name.startswith(region.name):
            stem = name[len(region.name) :]
            level_char = region.name[-1] if region.name[-1] in LEVEL_PREFIXES else None
            if level_char and stem in self.agencies:
                return level_char + self.agencies[stem], region.level
        return None

    def _long_prefixes_first(self) -> list[tuple[str, str]]:
        """``long_prefixes`` longest first (a longer one wins), sorted once."""
        if self._long_prefixes_longest_first is None:
            self._long_prefixes_longest_first = sorted(self.long_prefixes.items(), key=lambda kv: -len(kv[0]))
        return self._long_prefixes_longest_first

    def prefix_of(self, name: str) -> str | None:
        """The level prefix printed at the head of ``name``: 省/市/县/区…, or a longer level word (地区)."""
        # (a dict of its own, asked without a key or a function made per call: clauses ask it of every unit)
        found = self._prefixes.get(name, _UNSEEN)
        if found is _UNSEEN:
            found = self._prefix_of(compact(name))
            _remember(self._prefixes, name, found)
        return found  # type: ignore[return-value]

    def head_prefix(self, name: str) -> str | None:
        """``prefix_of`` not kept: for a piece of a name (``clauses._glued`` asks it of every tail of an
        unknown name), which is seldom asked again."""
        return self._prefix_of(compact(name))

    def _prefix_of(self, name: str) -> str | None:
        prefix = _split_prefix(name)[0]
        if prefix:
            return prefix
        for long, _ in self._long_prefixes_first():
            if name.startswith(long) and len(name) >= len(long) + 2 and not long.endswith("政府"):
                return long
        return None

    def dominant_prefix(self, text: str) -> str | None:
        """The level prefix a text prints most before agency names (县 in 县财政局、县税务局…): the
        government whose units a bare 财政局 in its clauses belongs to."""
        if self._stems is None:
            stems = sorted(self.agencies, key=len, reverse=True)
            # at the head of a name only: 安庆市住房公积金管理中心 is no 市 unit of this text. (The prefix is matched
            # before the look back at the character before it: a pattern that opens with its characters is
            # sought by them, where one that opens with the look back is tried at every character.)
            self._stems = re.compile(f"({_LEVEL_CHAR})(?<!{_HAN}{_LEVEL_CHAR})(?:{_by_first_character(stems)})")
        counts: dict[str, int] = {}
        # (``findall``: the pattern's one group, the prefix, of each match, without a match object made and asked)
        for prefix in self._stems.findall(text):
            counts[prefix] = counts.get(prefix, 0) + 1
        if not counts:
            return None
        best = max(counts, key=lambda stem: counts[stem])
        return best

    def bare_agency(self, name: str) -> bool:
        """An agency written without its level prefix (住房城乡建设厅 in 省商务厅、住房城乡建设厅;
        市场监管局 is one, not 市 + 场监管局)."""
        return self.bare_stem(name) is not None

    def bare_stem(self, name: str) -> str | None:
        """The agency stem a prefix-less name stands for: 住房城乡建设厅, or 委宣传部 for 宣传部 (a party organ)."""
        found = self._bare_stems.get(name, _UNSEEN)  # (as ``prefix_of``)
        if found is _UNSEEN:
            found = self._bare_stem(compact(name))
            _remember(self._bare_stems, name, found)
        return found  # type: ignore[return-value]

    def _bare_stem(self, name: str) -> str | None:
        prefix, stem = _split_prefix(name)
        if prefix is not None and stem in self.agencies:
            return None
        for candidate in (name, "委" + name):
            if candidate in self.agencies:
                return candidate
        return None


def _probed(repairs: dict[str, str]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Each character a text is sought for first, with the misprinted words it stands for: of each word, one the
    right words do not hold (率 of 率头, the space of 牵 头), as a misprint is rarer than what it stands for, the last
    such; the word's last character when all of its are in the right words. Words of one such character are sought
    after one look for it (牵 头 and 配 合: one scan for the space, not two)."""
    right = set("".join(repairs.values()))
    by_probe: dict[str, list[str]] = {}
    for word in repairs:
        by_probe.setdefault(next((ch for ch in reversed(word) if ch not in right), word[-1:]), []).append(word)
    return tuple((probe, tuple(words)) for probe, words in by_probe.items())


def _holds_one_of(text: str, words: tuple[str, ...] | None) -> bool:
    """Whether ``text`` holds one of ``words`` (any text may when they are None)."""
    if words is None:
        return True
    for word in words:
        if word in text:
            return True
    return False


def _words_one_of_needs(patterns: list[re.Pattern[str]]) -> tuple[str, ...] | None:
    """Words one of which every match of any of ``patterns`` holds (``_needed_words``); None when one of them has
    none. A name that holds none is passed over at the speed of ``in``: the collective patterns (^各…, ^.{0,4}各…,
    (有关|相关|所属)…) are tried at each character of a name and each of their heads' lengths, and most names
    (市财政局) hold none of 各, 有关, 相关, 所属, 其他, 属地, 成员单位…"""
    found: list[str] = []
    for pattern in patterns:
        words = _needed_words(pattern)
        if words is None:
            return None
        found += words
    return tuple(dict.fromkeys(found))


def _needed_words(pattern: re.Pattern[str]) -> tuple[str, ...] | None:
    """Words one of which every match of ``pattern`` holds, read from its parsed form: a run of literals, or the
    alternatives of a group (有关|相关|所属), that every match goes through; None when no such part is found."""
    if pattern.flags & re.IGNORECASE:
        return None
    return _needed_in(list(sre_parse(pattern.pattern, pattern.flags)))


def _needed_in(items: list) -> tuple[str, ...] | None:
    """``_needed_words`` of a sequence of parsed items: of the parts every match of it goes through, the one of
    fewest words (each is a look for a word), of the longest shortest word when they tie."""
    parts: list[tuple[str, ...]] = []
    run = ""
    for op, av in items:
        name = str(op)
        if name == "LITERAL":
            run += chr(av)
            continue
        if run:
            parts.append((run,))
            run = ""
        found: tuple[str, ...] | None = None
        if name == "SUBPATTERN" and not av[1] & re.IGNORECASE:
            found = _needed_in(list(av[-1]))
        elif name == "BRANCH":
            branches = [_needed_in(list(b)) for b in av[1]]
            if all(branches):
                found = tuple(dict.fromkeys(w for b in branches for w in b or ()))
        elif name in ("MAX_REPEAT", "MIN_REPEAT") and av[0] >= 1:  # (matched once at least)
            found = _needed_in(list(av[2]))
        if found:
            parts.append(found)
    if run:
        parts.append((run,))
    return max(parts, key=lambda words: (-len(words), min(map(len, words)))) if parts else None


def _by_first_character(words: list[str]) -> str:
    """An alternation of ``words`` (longest first: the first that matches is the longest) grouped by their first
    character: the engine tries the alternatives of a choice one by one, so each place is tried against the few
    words that open with its character rather than all of them (hundreds of stems at each level character). At
    one place only the words of one first character can match, and among them the longest still comes first.
    (Grouped deeper, the pattern took longer to compile than it saved in a pass.)"""
    if not words or not all(words):
        return "|".join(re.escape(w) for w in words)
    rests: dict[str, list[str]] = {}
    for word in words:
        rests.setdefault(word[0], []).append(word[1:])
    return "|".join(re.escape(first) + "(?:" + "|".join(re.escape(rest) for rest in group) + ")"
                    for first, group in rests.items())


def _one_of(patterns: list[re.Pattern[str]]) -> re.Pattern[str] | _EachOf:
    """One pattern that matches (or is found) where any of ``patterns`` does: one scan of a name, not one per
    pattern. Only truth is asked of it, so the groups' numbers may change; a pattern whose meaning hangs on
    its own numbering or flags (a backreference, a named group, inline flags) keeps the list tried one by one."""
    if not patterns:
        return _NEVER
    if any(p.groupindex or p.flags & ~re.UNICODE or re.search(r"\\\d|\(\?[aiLmsux]", p.pattern) for p in patterns):
        return _EachOf(patterns)
    return re.compile("|".join(f"(?:{p.pattern})" for p in patterns))


class _ByLastCharacter:
    """``_one_of(patterns)`` asked of a name with only the patterns that can match it, chosen by the name's last
    character: a pattern closed by ``$`` matches a name only if the name ends with a character its match can end
    with (``clause_words.last_chars``). The known-organisation patterns (^.{2,4}(海关)$, ^.{0,16}(监管组|…)$ …)
    are each tried at many lengths of their open head, and a name is asked of them all when it is first
    looked up; most can be passed over at once. A pattern whose end cannot be told is tried for every name.
    The few chosen are tried one by one: joining them costs a compilation for every new end, more than
    the names a pass reads save by it."""

    def __init__(self, patterns: list[re.Pattern[str]]) -> None:
        self.patterns = list(patterns)
        self.ends = [_end_characters(p) for p in self.patterns]
        self._for_end: dict[str, _EachOf] = {}  # a name's end -> the patterns it is asked of

    def match(self, name: str) -> bool:
        return self._for(name).match(name)

    def search(self, name: str) -> bool:
        return self._for(name).search(name)

    def _for(self, name: str) -> _EachOf:
        end = name[-2:] if name.endswith("\n") else name[-1:]  # (``$`` also matches before a final newline)
        found = self._for_end.get(end)
        if found is None:
            found = _EachOf([p for p, ends in zip(self.patterns, self.ends) if ends is None or may_end_with(end, ends)])
            _remember(self._for_end, end, found)
        return found


def _end_characters(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """The characters a text ``pattern`` matches can end with, when the pattern is closed by ``$`` (its match
    ends at the text's end); None when it is not, or they cannot be told."""
    if pattern.flags & re.MULTILINE:
        return None  # its $ also matches before every line break inside the text
    items = list(sre_parse(pattern.pattern, pattern.flags))
    if not items or str(items[-1][0]) != "AT" or str(items[-1][1]) != "AT_END":
        return None
    return last_chars(pattern)


class _EachOf:
    """The patterns tried one by one (``match`` and ``search`` only): ``_one_of``'s fallback, and the few
    ``_ByLastCharacter`` chooses for a name."""

    def __init__(self, patterns: list[re.Pattern[str]]) -> None:
        self.patterns = list(patterns)

    def match(self, text: str) -> bool:
        return any(p.match(text) for p in self.patterns)

    def search(self, text: str) -> bool:
        return any(p.search(text) for p in self.patterns)


def _remember(cache: dict, key, value) -> None:
    if len(cache) >= _CACHE_MAX:
        cache.clear()
    cache[key] = value


def level_prefix(region_name: str | None) -> str | None:
    """The prefix a government's own units carry: 宿松县 → 县, 菏泽市 → 市, 河南省 → 省, 阿勒泰地区 → 地区,
    广西壮族自治区 → 自治区."""
    if not region_name:
        return None
    for ending, prefix in (("自治区", "自治区"), ("地区", "地区"), ("自治州", "州"), ("自治县", "县"), ("自治旗", "旗")):
        if region_name.endswith(ending):
            return prefix
    return region_name[-1] if region_name[-1] in LEVEL_PREFIXES else None


def _iso(value) -> str | None:
    if value is None:
        return None
    text = str(value)
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise ValueError(f"since must be an ISO date, not {value!r}")
    return text


def _split_prefix(name: str) -> tuple[str | None, str]:
    if len(name) >= 3 and name[0] in LEVEL_PREFIXES:
        return name[0], name[1:]
    return None, name


def _level_of(name: str) -> str | None:
    prefix, _ = _split_prefix(name)
    if prefix:
        return LEVEL_PREFIXES[prefix]
    hit = region_index().first_in(name, places_only=False)
    if hit is not None:
        return hit[1].level
    if "省" in name:
        return "province"
    if "市" in name:
        return "city"
    return None


@lru_cache(maxsize=1)
def default_catalog() -> DepartmentCatalog:
    return DepartmentCatalog.load(DATA_FILE)
