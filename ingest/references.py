"""Document references: every 《title》 and document number a document cites, IMPLEMENTS or CITES.

``references(doc)`` reads the document's title, its header's ``implements`` and every provision's
text (or the whole source text when given) and returns one ``Reference`` per cited document:

* ``IMPLEMENTS`` when the clause that cites it says the document carries it out: 贯彻落实, 落实,
  根据, 按照, 依据… before the citation, in the same clause (up to the previous ，。；);
  the header's ``implements`` (read by ``ingest.metadata``) are IMPLEMENTS too;
* ``CITES`` otherwise (修订《菏泽市科学技术奖励办法》, 列入《“十四五”水安全保障规划》的水库).

A 《》 that does not name a document (a book series 《齐鲁文库》, a play 《巾帼云天》: no document kind
at its end — 规划, 方案, 意见, 办法…) is not a reference. A number in brackets right after a title
(《…若干政策措施》(发改外资〔2022〕1586号)) is the same document: one reference, by its number.
A short name the text gives a cited document ((以下简称《通知》)) stands for it where it is used
again; a short name given to none (《通知》, 《若干措施》: words of ``abbreviation_words`` and a kind) names
no document. The document's own title and number are never references. ``target`` is what ``graph.build``
resolves references by: the document number, else the title without 《》 (compacted), so the lead's
build can point the link at the ingested document or at a stub that is folded into it later —
whatever the order of ingestion.

Extraction runs this (``ExtractedDocument.references``, ``ReferenceRecord``): the graph build only
maps the records to IMPLEMENTS / CITES edges, and the extractor fingerprint covers these rules.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

from .char_classes import positions_of
from .metadata import DOC_NUMBER, NUMBER_TAIL, doc_numbers, is_short_name, mask_quoted, normalise_doc_number
from .normalize import DOC_KINDS, compact, fold
from .records import ExtractedDocument, ReferenceRecord

IMPLEMENT_VERBS = ("贯彻落实", "全面落实", "深入落实", "认真落实", "抓好落实", "贯彻执行", "贯彻", "落实", "根据", "按照",
                   "依据", "依照", "遵照", "执行")
_VERB = re.compile("|".join(IMPLEMENT_VERBS))
_CLAUSE_ENDS = "。；;，,！？!?\n"  # the characters that end a clause
_QUOTED = re.compile(r"《([^《》\n]{2,120})》")
_NUMBER_AFTER = re.compile(r"\s*[(（]\s*(" + DOC_NUMBER.pattern + r")\s*[)）]")
# a title that ends as a document's does: a kind (a draft's too), perhaps its remark in brackets (试行), or a law,
# a standard, a catalogue; written for the title reversed, matched at its start: searched forwards, the kinds'
# choice was tried at each character of the title's tail
_DOCUMENT_TITLE_REVERSED = re.compile(r"(?:[)）][^()（）]{2,20}[(（])?(?:稿)?(?:"
                                      + "|".join(kind[::-1] for kind in DOC_KINDS) + ")|法|准标|录目")


@dataclass(frozen=True)
class Reference:
    kind: str  # IMPLEMENTS | CITES
    target: str  # document number, else the title (compacted, without 《》)
    cited_as: tuple[str, ...] = ()  # every form it is written in: 《title》, number
    evidence: dict = field(default_factory=dict, compare=False)  # where: provision, clause, verb, count


def is_document_title(title: str) -> bool:
    return _DOCUMENT_TITLE_REVERSED.match(compact(title)[::-1]) is not None


def _mentions(text: str, named: dict[str, tuple[str, str | None]] | None = None):
    """(start, end, title or None, number or None) of every citation in ``text``, in order. A short name the text
    gives a document it cites (《…的通知》(以下简称《通知》)) stands for that document where it is used again, in
    ``text`` and in the passages read after it with the same ``named``; a short name it gives none (《若干措施》:
    ``is_short_name``) names no document."""
    taken: list[tuple[int, int]] = []
    named = {} if named is None else named  # a short name given → the document's title and number
    given_to = 0  # the end of the parenthesis that gave the last short name
    for q in _QUOTED.finditer(text):
        if q.start() < given_to:
            continue
        title = compact(q.group(1))
        end, number = q.end(), None
        m = _NUMBER_AFTER.match(text, q.end())
        if m:
            n = DOC_NUMBER.search(m.group(1))
            if n:
                number, end = normalise_doc_number(n), m.end()
        taken.append((q.start(), end))
        if title in named:
            yield (q.start(), end, *named[title])
        elif (is_document_title(title) or number) and not is_short_name(title):
            given = _GIVEN_NAME.match(text, end)
            if given:
                n = DOC_NUMBER.search(given.group(1)) if number is None else None
                number = normalise_doc_number(n) if n else number
                named[compact(given.group(2))] = (title, number)
                given_to = given.end()
                taken.append((end, given_to))  # (a number in that parenthesis is this document's)
            yield q.start(), end, title, number
    for n in doc_numbers(text):
        if any(s <= n.start() < e for s, e in taken):
            continue
        yield n.start(), n.end(), None, normalise_doc_number(n)


# (…号,以下简称《通知》) after a citation: the short name the text uses for it from there on
_GIVEN_NAME = re.compile(r"\s*[(（]([^()（）]{0,40}?)(?:以下)?简称[“\"《]([^”\"》()（）]{1,20})[”\"》][)）]")


def _citing(passages: list[tuple[str | None, str]]) -> list[tuple[str | None, str]]:
    """The passages that can cite a document (``_mentions`` finds something only where a 《 or a number's
    tail, 〔2023〕12号, is)."""
    return [(number, passage) for number, passage in passages if _may_cite(passage)]


def _may_cite(text: str) -> bool:
    """Does ``text`` hold a 《 or a number's tail? A document has hundreds of provisions, few of which cite:
    ``in`` passes over the others at once (every tail ends with 号, and most texts hold none)."""
    return "《" in text or "号" in text and NUMBER_TAIL.search(text) is not None


def _verb_before(text: str, start: int, clause_start: int) -> str | None:
    """The implementing verb of the clause from ``clause_start`` that holds the citation at ``start``, if any."""
    # a citation inside another's 《》 or right after a 、/和 list keeps the clause's verb
    head = mask_quoted(text[clause_start:start])
    verbs = list(_VERB.finditer(head))
    return verbs[-1].group() if verbs else None


_PROMULGATION = re.compile(r"关于印发[《<〈]?(.+?)[》>〉]?的通知$")
_ISSUER_FIRST = re.compile(r"^[^《》<>]{2,40}?(?:厅|局|委|办|政府|办公室|办公厅|委员会|部)(关于.{4,})$")


def titles_of(title: str | None) -> list[str]:
    """A document's own title, and for a notice that promulgates a text (关于印发《X》的通知) the text's title X."""
    if not title:
        return []
    title = compact(title)
    out = [title]
    m = _PROMULGATION.search(title)
    if m:
        out.append(m.group(1))
    m = _ISSUER_FIRST.match(title)
    if m and m.group(1) not in out:
        out.append(m.group(1))  # 福建省住房和城乡建设厅关于…的若干意见 is cited with its issuer, printed without
    return out


def core_title(title: str) -> str:
    """The title a document is printed under, from the way it is cited: the promulgated X of
    关于印发《X》的通知, else the title without its issuer (福建省住房和城乡建设厅关于… → 关于…)."""
    plain = compact(title).strip("《》")
    m = _PROMULGATION.search(plain)
    if m:
        return m.group(1)
    m = _ISSUER_FIRST.match(plain)
    return m.group(1) if m else plain


def references(doc: ExtractedDocument, text: str | None = None, head: str | None = None) -> list[Reference]:
    """The documents ``doc`` cites, one ``Reference`` each, IMPLEMENTS winning over CITES; sorted by target.
    ``head``: the text before the provisions (extraction passes it), where a header citation is written out
    in full — 《…关于印发<X>的通知》(桂政办发〔2024〕61号) — so the reference knows the title as well as the number."""
    own = {compact(doc.document.doc_number or "")} | {compact(t) for t in titles_of(doc.document.title)}
    own.discard("")
    found: dict[str, dict] = {}

    def add(kind: str, title: str | None, number: str | None, where: dict) -> None:
        target = number or title
        if not target or target in own or (title and title in own):
            return
        entry = found.get(target)
        if entry is None:
            entry = found[target] = {"kind": kind, "cited_as": [], "evidence": dict(where, count=0)}
        if kind == "IMPLEMENTS" and entry["kind"] != "IMPLEMENTS":
            entry["kind"], entry["evidence"] = kind, dict(where, count=entry["evidence"]["count"])
        for form in ([f"《{title}》"] if title else []) + ([number] if number else []):
            if form not in entry["cited_as"]:
                entry["cited_as"].append(form)
        entry["evidence"]["count"] += 1

    for ref in doc.document.implements:
        plain = compact(ref).strip("《》")
        if is_short_name(plain):
            continue
        is_number = bool(DOC_NUMBER.fullmatch(plain))
        add("IMPLEMENTS", None if is_number else plain, plain if is_number else None, {"where": "header"})

    passages: list[tuple[str | None, str]]
    if text is not None:
        passages = [(None, fold(text))]
    else:
        # (a provision's passage made only when its title or text may cite: no tail runs over the 。 between; each
        # field read once, a record's attributes are looked up by name)
        passages = [(None, doc.document.title or "")]
        provisions = doc.provisions
        for p in provisions:
            title, body = p.title, p.text
            if _may_cite(body) or title and _may_cite(title):
                passages.append((p.number, f"{title or ''}。{body}"))
        if not provisions:
            passages += [(t.number, f"{t.title or ''}。{t.text}") for t in doc.tasks]
        if head:
            passages.insert(0, (None, fold(head)))
    named: dict[str, tuple[str, str | None]] = {}  # (the short names the document gives, in reading order)
    for number, passage in _citing(passages):
        # where the passage's clauses end, found once: a header cites a dozen documents, and each citation's clause
        # was sought by a search from the passage's start
        clause_ends: list[int] | None = None
        for start, end, title, doc_number in _mentions(passage, named):
            if clause_ends is None:
                clause_ends = positions_of(passage, _CLAUSE_ENDS)
            before = bisect_left(clause_ends, start)
            clause_start = clause_ends[before - 1] + 1 if before else 0
            verb = _verb_before(passage, start, clause_start)
            after = bisect_left(clause_ends, end)
            clause = passage[clause_start: clause_ends[after] if after < len(clause_ends) else len(passage)]
            where = {"where": "provision" if number else "text", "provision": number, "verb": verb,
                     "clause": clause[:160]}
            add("IMPLEMENTS" if verb else "CITES", title, doc_number, where)
    return [Reference(e["kind"], t, tuple(e["cited_as"]), e["evidence"]) for t, e in sorted(found.items())]


def reference_records(doc: ExtractedDocument, head: str | None = None) -> list[ReferenceRecord]:
    """``references(doc, head=head)`` as the records extraction keeps on the document."""
    return [ReferenceRecord(kind=r.kind, target=r.target, cited_as=list(r.cited_as), where=r.evidence.get("where"),
                            provision=r.evidence.get("provision"), verb=r.evidence.get("verb"),
                            clause=r.evidence.get("clause"), count=r.evidence.get("count", 1))
            for r in references(doc, head=head)]
