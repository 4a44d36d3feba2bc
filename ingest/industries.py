"""Industries and their hierarchy, as a document structures them.

Three shapes are read:
- a heading that names a group ("巩固提升六大生产性服务业发展优势") whose
  sub-items are titled with industry names (现代物流, 现代金融 …);
- a heading that announces industries ("重点产业") whose sub-items are
  industries ("生物医药产业") with their own sub-industries (现代中药 …);
- a counted enumeration in running text ("聚焦A、B、C、D、E五大重点行业",
  "打造A…K 11个细分赛道"), taken only when the count agrees with the list.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .numerals import chinese_to_int
from .outline import Provision

_GROUP_IN_HEADING = re.compile(r"[一二三四五六七八九十\d]+大([\u4e00-\u9fff]{2,10}?(?:服务业|产业|行业|制造业|农业))")
_INDUSTRY_SECTION = re.compile(r"^(?:重点|主导|优势|特色|新兴|主要)?(?:产业|行业|领域)(?:发展)?(?:重点|方向|布局)?$|^重点(?:产业|行业)")
_COUNTED_LIST = re.compile(
    r"(?:聚焦|打造|培育|发展|壮大|围绕|重点发展|做强|突出)"
    r"((?:[\u4e00-\u9fff“”]{2,12}、){1,30}[\u4e00-\u9fff“”]{2,12})"
    r"(\d{1,2}|[一二三四五六七八九十]{1,3})(?:大|个|条)(?:重点|细分|主导|优势|战略性|新兴)?(行业|产业|赛道|领域|产业链)"
)
# an action heading ("加快推进…") is not an industry's name
_ACTION = re.compile(
    r"^(加快|推动|推进|实施|强化|提升|促进|培育|建设|完善|深化|加强|打造|构建|发展|优化|健全|开展|支持|鼓励|落实|"
    r"坚持|巩固|补齐|做强|做大|提高|扩大|引导|推广|创新|抓好|聚焦|着力|全面|大力|积极|持续|深入|统筹|狠抓|筑牢|"
    r"严格|规范|保障|健全|建立|探索|组织|加速|突破|提速|激发|拓展|畅通)"
)
_TRAILING_INDUSTRY_WORD = re.compile(r"(?<=[\u4e00-\u9fff]{2})产业$")


@dataclass
class Industry:
    name: str
    parent: str | None
    provision: str | None  # the provision that is about this industry, if any


def _industry_name(title: str | None) -> str | None:
    if not title:
        return None
    t = title.strip("。 ")
    if not 2 <= len(t) <= 12 or _ACTION.match(t) or re.search(r"[,，;；:：]", t):
        return None
    return t


def from_outline(provisions: list[Provision]) -> list[Industry]:
    found: list[Industry] = []
    for p in provisions:
        if not p.children or not p.title:
            continue
        group = _GROUP_IN_HEADING.search(p.title)
        announces = _INDUSTRY_SECTION.match(p.title.strip("。"))
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
            short = _TRAILING_INDUSTRY_WORD.sub("", name) if announces else name
            found.append(Industry(short, parent, child.number))
            subs = [_industry_name(g.title) for g in child.children]
            if child.children and sum(s is not None for s in subs) >= max(2, len(subs) * 0.8):
                for grand, sub in zip(child.children, subs):
                    if sub:
                        found.append(Industry(sub, short, grand.number))
    return found


# every counted list ends with one of these words (产业链 holds 产业), a count mark 大/个/条 after a numeral in
# the four characters before it (a word of up to three between: 重点, 战略性)
_COUNT_WORDS = ("行业", "产业", "赛道", "领域")
_COUNT_NUMERALS = "一二三四五六七八九十"  # (or a decimal digit)


def _may_count(text: str) -> bool:
    """Can ``_COUNTED_LIST`` match in ``text``? Few texts count their industries ("五大重点行业"): the words are
    found by ``str.find`` (a few instructions a character), the pattern, which opens with a class of its verbs'
    first characters, is not tried at every character of the others."""
    for word in _COUNT_WORDS:
        at = text.find(word)
        while at >= 0:
            for j in range(max(at - 4, 1), at):
                if text[j] in "大个条" and (text[j - 1] in _COUNT_NUMERALS or text[j - 1].isdecimal()):
                    return True
            at = text.find(word, at + 1)
    return False


def from_enumerations(text: str) -> list[Industry]:
    found: list[Industry] = []
    for m in _COUNTED_LIST.finditer(text) if _may_count(text) else ():
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
