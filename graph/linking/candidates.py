"""Candidate links between provisions of different levels, ranked, with their evidence.

For every higher-level unit (a provincial measure, or a provincial task a city table quotes) the
lower-level units (city or county provisions) are scored on five signals, each in [0, 1]:

``text``        cosine of the TF-IDF vectors of title + text (``METHOD``: character unigrams and
                bigrams, chosen by measuring, see ``tests/linking/compare.py``);
``title``       cosine of the higher unit's title against the lower unit's title + text (the
                heading names the subject: 加速推进科技成果转化);
``industries``  cosine of the industries the two provisions are about (char bigrams of the names,
                so 检验检测认证 meets 检验检测服务);
``metrics``     cosine of their target metrics (char bigrams);
``departments`` idf-weighted cosine of the lines of work of their departments, through the
                counterpart table (省工业和信息化厅 ↔ 市工业和信息化局; 发展改革 is common and weighs little).

score = (0.8·text + 0.2·title) × (1 + 1.0·departments + 0.5·industries + 0.25·metrics) / 2.75
(``Weights``): what the texts say is the base, the structured evidence raises it. All signals are sparse matrix products over the
whole corpus at once, so 1,000 × 10,000 units take seconds. The evidence of a candidate names what
the two share: key terms, industries, metrics, department pairs.

A pair is considered only when the region tree allows it (``scope``: the lower document names the
upper one, or the upper one's region contains the lower one's, or it is national), the upper unit's
level is above the lower one's and the lower unit is not from the document that states the upper one
(a table's own rows are explicit links). Each candidate's evidence says which rule let it in.
Everything is a pure function of the units: their order does not change the result.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from scipy import sparse

from policykg.ingest.records import ExtractedDocument
from policykg.ingest.regions import region_index

from .counterparts import CounterpartTable, default_table
from .scope import DocumentPlace, Scope, places
from .text import Vocabulary, char_ngrams, shared_terms, similarity, tfidf, tokenize
from .units import LEVEL_RANK, DocumentIndex, LinkUnit, quoted_units, units_of

METHOD = ("char12", "tfidf")  # (tokenizer, weighting) of the text signal: measured, tests/linking/compare.py


@dataclass(frozen=True)
class Weights:
    """score = (text·s_text + title·s_title) × (1 + Σ boost·s_boost) / (1 + Σ boost).

    Text and title make the base (what the provisions say); departments, industries and metrics
    only raise it: a shared department alone (省发展改革委 leads half of everything) never makes a
    link. The score stays in [0, 1]."""

    text: float = 0.8
    title: float = 0.2
    departments: float = 1.0
    industries: float = 0.5
    metrics: float = 0.25

    def as_dict(self) -> dict[str, float]:
        return {"text": self.text, "title": self.title, "industries": self.industries,
                "metrics": self.metrics, "departments": self.departments}

    def combine(self, parts: dict[str, np.ndarray]) -> np.ndarray:
        base = self.text * parts["text"] + self.title * parts["title"]
        boosts = (self.departments, self.industries, self.metrics)
        boost = 1.0 + self.departments * parts["departments"] + self.industries * parts["industries"] \
            + self.metrics * parts["metrics"]
        return base * boost / (1.0 + sum(boosts))


DEFAULT_WEIGHTS = Weights()


@dataclass(frozen=True)
class Candidate:
    upper_task_id: str
    lower_task_id: str
    score: float
    rank: int  # 1 = the best lower unit for this upper unit
    evidence: dict = field(default_factory=dict, compare=False)


def _cosine_pair(upper_tokens, lower_tokens, binary: bool = False) -> tuple[sparse.csr_matrix, sparse.csr_matrix]:
    """Row-normalised tf-idf matrices of both sides over a shared vocabulary (idf over both sides)."""
    vocab = Vocabulary([*upper_tokens, *lower_tokens])
    idf = vocab.idf()
    uc, lc = vocab.counts(upper_tokens), vocab.counts(lower_tokens)
    if binary:
        for m in (uc, lc):
            m.data[:] = 1.0
    return tfidf(uc, idf), tfidf(lc, idf)


def _bigrams(names: Iterable[str]) -> list[str]:
    out: list[str] = []
    for n in names:
        out += char_ngrams(n, (2,))
    return out


class _Signals:
    """The five signal matrices' factors: score block = Σ w × (U_s @ L_s.T)."""

    def __init__(self, upper: Sequence[LinkUnit], lower: Sequence[LinkUnit], method: tuple[str, str],
                 table: CounterpartTable):
        tok, weighting = method
        self.tokenizer = tok
        self.weighting = weighting
        full = lambda u: f"{u.title}。{u.text}"  # noqa: E731
        self.upper_tokens = tokenize([full(u) for u in upper], tok)
        self.lower_tokens = tokenize([full(u) for u in lower], tok)
        self.upper_title_tokens = tokenize([u.title for u in upper], tok)
        self.text: tuple[Any, Any] | None
        if weighting == "tfidf":
            self.text = _cosine_pair(self.upper_tokens, self.lower_tokens)
        else:
            self.text = None  # dense, computed per block by text.similarity
        # title of the upper unit against the whole lower unit (idf of the whole collection)
        vocab = Vocabulary([*self.upper_tokens, *self.lower_tokens])
        idf = vocab.idf()
        self.title = (tfidf(vocab.counts(self.upper_title_tokens), idf), self.text[1] if self.text else
                      tfidf(vocab.counts(self.lower_tokens), idf))
        self.idf = dict(zip(vocab.terms, idf.tolist()))
        self.industries = _cosine_pair([_bigrams(u.industries) for u in upper], [_bigrams(u.industries) for u in lower])
        self.metrics = _cosine_pair([_bigrams(u.metrics) for u in upper], [_bigrams(u.metrics) for u in lower])
        self.upper_lines = [table.lines_of(u.departments, upper=True) for u in upper]
        self.lower_lines = [table.lines_of(u.departments, upper=False) for u in lower]
        self.departments = _cosine_pair(self.upper_lines, self.lower_lines, binary=True)
        self.words: dict[str, list[str]] = {}  # jieba words of a unit, for the evidence (by unit id)

    def words_of(self, u: LinkUnit) -> list[str]:
        words = self.words.get(u.id)
        if words is None:
            words = self.words[u.id] = tokenize([f"{u.title}。{u.text}"], "jieba")[0]
        return words

    def block(self, rows: np.ndarray, cols: np.ndarray) -> dict[str, np.ndarray]:
        """Every signal for the upper units ``rows`` against the lower units ``cols`` (index arrays)."""
        out: dict[str, np.ndarray] = {}
        if self.text is not None:
            out["text"] = (self.text[0][rows] @ self.text[1][cols].T).toarray()
        else:
            out["text"] = similarity([], [], self.tokenizer, self.weighting,
                                     upper_tokens=[self.upper_tokens[i] for i in rows],
                                     lower_tokens=[self.lower_tokens[j] for j in cols])
        for name in ("title", "industries", "metrics", "departments"):
            u, lo = getattr(self, name)
            out[name] = (u[rows] @ lo[cols].T).toarray()
        return out


def rank_units(upper: Sequence[LinkUnit], lower: Sequence[LinkUnit], *, top_k: int = 3, min_score: float = 0.0,
               method: tuple[str, str] = METHOD, weights: Weights = DEFAULT_WEIGHTS,
               counterparts: CounterpartTable | None = None, block_rows: int = 256,
               with_evidence: bool = True, per_document: bool = False,
               select: Callable[[list[Candidate]], list[Candidate]] | None = None) -> list[Candidate]:
    """The ``top_k`` lower units of every upper unit, best first (ties broken by id); with ``per_document``,
    the ``top_k`` of every lower document (a provincial measure is carried out once in each city).

    Only pairs the region tree allows are scored (``scope.Scope``): a higher document meets the lower
    documents that name it or lie in its region, never the whole corpus. ``select`` picks among the
    candidates before their evidence is gathered (the costly part), so only kept links pay for it."""
    upper = sorted({u.id: u for u in upper}.values(), key=lambda u: u.id)
    lower = sorted({u.id: u for u in lower}.values(), key=lambda u: u.id)
    if not upper or not lower:
        return []
    table = counterparts or default_table()
    signals = _Signals(upper, lower, method, table)
    up_places, low_places = places(upper), places(lower)
    scope = Scope(up_places, low_places)
    rows_of: dict[str, list[int]] = {}
    for i, u in enumerate(upper):
        rows_of.setdefault(u.doc_key, []).append(i)
    cols_of: dict[str, list[int]] = {}
    for j, lo in enumerate(lower):
        if not lo.stub:
            cols_of.setdefault(lo.doc_key, []).append(j)
    out: list[Candidate] = []
    where: dict[tuple[str, str], tuple] = {}  # candidate → (upper index, lower index, rule, its signals)
    for doc in sorted(rows_of):
        reach = {k: why for k, why in scope.lower_of(doc).items() if k in cols_of}
        if not reach:
            continue
        docs = sorted(reach)
        col_doc = [k for k in docs for _ in cols_of[k]]
        cols = np.array([j for k in docs for j in cols_of[k]])
        bounds = np.cumsum([0] + [len(cols_of[k]) for k in docs])
        segments = list(zip(bounds[:-1], bounds[1:])) if per_document else [(0, len(cols))]
        named = np.array([reach[k] == "implements" for k in col_doc], dtype=bool)
        doc_rows = rows_of[doc]
        for start in range(0, len(doc_rows), block_rows):
            rows = np.array(doc_rows[start:start + block_rows])
            parts = signals.block(rows, cols)
            score = weights.combine(parts)
            # a table's own rows are explicit links: never pair a quoted task with the table that quotes it
            valid = np.array([[upper[i].source_doc != k for k in col_doc] for i in rows], dtype=bool)
            up_rank = np.array([LEVEL_RANK.get(upper[i].level or "", 9) for i in rows])
            low_rank = np.array([LEVEL_RANK.get(lower[j].level or "", 9) for j in cols])
            # the region tree ranks levels itself; a document that names another carries it out whatever
            # their levels say (either may be unknown)
            valid &= (up_rank[:, None] < low_rank[None, :]) | named[None, :]
            score = np.where(valid & (score > 0) & (score >= min_score), score, -1.0)
            for a, b in segments:
                seg = score[:, a:b]
                k = min(top_k, b - a)
                top = np.argpartition(-seg, k - 1, axis=1)[:, :k] + a if k < b - a else \
                    np.tile(np.arange(a, b), (seg.shape[0], 1))
                for r in range(score.shape[0]):
                    # best first; equal scores by id (lower is sorted by id, so by column)
                    picked = sorted(top[r].tolist(), key=lambda c: (-round(float(score[r, c]), 9), int(cols[c])))
                    i = int(rows[r])
                    rank = 0
                    for c in picked:
                        if score[r, c] < 0:
                            continue
                        rank += 1
                        j = int(cols[c])
                        out.append(Candidate(upper[i].id, lower[j].id, round(float(score[r, c]), 4), rank))
                        where[(upper[i].id, lower[j].id)] = (i, j, reach[col_doc[c]],
                                                             {n: float(v[r, c]) for n, v in parts.items()})
    if select is not None:
        out = select(out)
    if not with_evidence:
        return out
    withev = []
    for c in out:
        i, j, rule, parts = where[(c.upper_task_id, c.lower_task_id)]
        ev = _evidence(upper[i], lower[j], parts, signals, table, i, j)
        ev["region"] = _region_evidence(up_places[upper[i].doc_key], low_places[lower[j].doc_key], rule)
        withev.append(Candidate(c.upper_task_id, c.lower_task_id, c.score, c.rank, ev))
    return withev


def _region_evidence(up: DocumentPlace, low: DocumentPlace, why: str) -> dict:
    """Why the two documents may be linked at all: the rule, and each side's region and what gave it."""
    ri = region_index()

    def name(place: DocumentPlace) -> str | None:
        r = ri.by_code.get(place.region) if place.region else None
        return r.name if r is not None else place.level if place.level == "national" else None

    return {"rule": why, "upper": name(up), "upper_basis": up.region_basis,
            "lower": name(low), "lower_basis": low.region_basis}


def _evidence(u: LinkUnit, lo: LinkUnit, parts: dict[str, float], signals: _Signals, table: CounterpartTable,
              i: int, j: int) -> dict:
    terms = shared_terms(signals.upper_tokens[i], signals.lower_tokens[j], signals.idf) \
        if signals.tokenizer.startswith("jieba") else _shared_words(signals.words_of(u), signals.words_of(lo),
                                                                     signals.idf)
    industries = [[a, b] for a in u.industries for b in lo.industries
                  if a == b or set(_bigrams([a])) & set(_bigrams([b]))]
    metrics = [[a, b] for a in u.metrics for b in lo.metrics if _overlap(a, b) >= 0.4]
    return {
        "signals": {k: round(v, 4) for k, v in parts.items()},
        "terms": terms,
        "industries": industries,
        "metrics": metrics[:5],
        "departments": [list(p) for p in table.matches(u.departments, lo.departments)],
    }


def _overlap(a: str, b: str) -> float:
    x, y = set(_bigrams([a])), set(_bigrams([b]))
    return len(x & y) / max(1, min(len(x), len(y)))


def _shared_words(a: list[str], b: list[str], char_idf: dict[str, float]) -> list[str]:
    """Key terms for people: jieba words the two texts share, rarest first (whatever the text signal's tokens).
    A word's weight is the mean idf of its character bigrams over the whole collection."""
    weight = {t: float(np.mean([char_idf.get(g, 0.0) for g in char_ngrams(t, (2,))] or [0.0])) for t in set(a) & set(b)}
    return shared_terms(a, b, weight)


def upper_and_lower_units(upper_docs: Sequence[ExtractedDocument], lower_docs: Sequence[ExtractedDocument],
                          known_documents: Iterable[tuple[str, str | None, str | None]] = ()
                          ) -> tuple[list[LinkUnit], list[LinkUnit]]:
    """Units of the higher-level side (its provisions and any higher-level task a table of either side
    quotes) and of the lower-level side (its provisions)."""
    index = DocumentIndex.of([*upper_docs, *lower_docs], known_documents)
    upper = [u for d in upper_docs for u in units_of(d, index)]
    upper += [u for d in [*upper_docs, *lower_docs] for u in quoted_units(d, index)]
    lower = [u for d in lower_docs for u in units_of(d, index)]
    return upper, lower


def candidates(upper_docs: Sequence[ExtractedDocument], lower_docs: Sequence[ExtractedDocument], *,
               top_k: int = 3, min_score: float = 0.0, method: tuple[str, str] = METHOD,
               weights: Weights = DEFAULT_WEIGHTS, counterparts: CounterpartTable | None = None,
               known_documents: Iterable[tuple[str, str | None, str | None]] = ()) -> list[Candidate]:
    """For each higher-level task of ``upper_docs`` (and each one a table quotes), the ``top_k`` lower-level
    provisions of ``lower_docs`` on the same subject, ranked, with evidence."""
    upper, lower = upper_and_lower_units(upper_docs, lower_docs, known_documents)
    return rank_units(upper, lower, top_k=top_k, min_score=min_score, method=method, weights=weights,
                      counterparts=counterparts)
