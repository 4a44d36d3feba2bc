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
(``Weights``): what the texts say is the base, the structured evidence raises it. The evidence of a
candidate names what the two share: key terms, industries, metrics, department pairs.

A pair is considered only when the region tree allows it (``scope``: the lower document names the
upper one, or the upper one's region contains the lower one's, or it is national), the upper unit's
level is above the lower one's and the lower unit is not from the document that states the upper one
(a table's own rows are explicit links). Each candidate's evidence says which rule let it in.

The work is done per lower document, against the higher documents in its scope only (its
*neighbourhood*): the signals are matrix products over that neighbourhood (the higher units, sparse, against
the lower document's few terms, dense: ``_against``; the text's terms counted on arrays, ``char12``), and their
idf is taken over it too (the lower document's units and the higher units in its scope). A pair's score therefore
depends on its neighbourhood alone, not on what else the store holds: relinking the neighbourhoods a
new document touches gives the links a full relink gives (``incremental``), and a full relink costs the
sum of the neighbourhoods, near-linear in the corpus.
Everything is a pure function of the units: their order does not change the result.
"""
from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import chain

import numpy as np
from scipy import sparse

from policykg.ingest.records import ExtractedDocument
from policykg.ingest.regions import region_index

from .char12 import Char12Terms
from .counterparts import CounterpartTable, default_table
from .scope import DocumentPlace, Scope, places
from .text import char_ngrams, shared_terms, similarity, tokenize
from .units import LEVEL_RANK, DocumentIndex, LinkUnit, quoted_units, units_of
from .words import UnitWords

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


def _bigrams(names: Iterable[str]) -> tuple[str, ...]:
    return _names_bigrams(tuple(names))


@lru_cache(maxsize=100_000)
def _names_bigrams(names: tuple[str, ...]) -> tuple[str, ...]:
    """The character bigrams of some names (a unit's industries, its metrics: the same few sets recur)."""
    return tuple(chain.from_iterable(map(_word_bigrams, names)))


class _Counts:
    """Raw term counts of one signal for the upper and the lower units, over one term index (sparse).

    Terms are numbered in sorted order, so a row's terms come in the same order whatever else was read:
    a pair scores the same, to the last bit, in a full and in an incremental relink."""

    def __init__(self, upper_tokens: Sequence[Sequence[str]], lower_tokens: Sequence[Sequence[str]],
                 binary: bool = False, upper_extra: Sequence[Sequence[str]] | None = None):
        lists = [upper_tokens, lower_tokens, upper_extra or []]
        terms = sorted(set(chain.from_iterable(chain.from_iterable(lists))))
        self.index: Mapping[str, int] | Char12Terms = {t: i for i, t in enumerate(terms)}
        self.upper = self._matrix(upper_tokens, binary)
        self.lower = self._matrix(lower_tokens, binary)
        self.upper_extra = self._matrix(upper_extra, binary) if upper_extra is not None else None
        self._caches()

    @classmethod
    def of_char12(cls, terms: Char12Terms) -> _Counts:
        """The counts of ``terms``' three lists of texts: upper, lower, upper extra (``Char12Terms``: the same
        matrices as from the token lists, made on arrays)."""
        self = cls.__new__(cls)
        self.index = terms
        (up_rows, up_terms), (low_rows, low_terms), (extra_rows, extra_terms) = terms.counts
        self.upper = self._csr(up_rows, up_terms, terms.sizes[0], False)
        self.lower = self._csr(low_rows, low_terms, terms.sizes[1], False)
        self.upper_extra = self._csr(extra_rows, extra_terms, terms.sizes[2], False)
        self._caches()
        return self

    def _caches(self) -> None:
        # the last upper units taken and counted: the groups that meet the same higher documents come one after
        # the other (rank_units), and weigh the same rows again
        self._upper_rows: dict[int, tuple[bytes, _Rows]] = {}
        self._upper_df: tuple[bytes, np.ndarray, np.ndarray] | None = None
        self._scratch: np.ndarray | None = None
        self._positions: np.ndarray | None = None  # term number → its place among a lower side's terms, else -1

    def _matrix(self, token_lists: Sequence[Sequence[str]], binary: bool) -> sparse.csr_matrix:
        index = self.index
        assert not isinstance(index, Char12Terms)  # token lists come with a dict of their terms
        lengths = [len(toks) for toks in token_lists]
        cols = np.fromiter(map(index.__getitem__, chain.from_iterable(token_lists)), dtype=np.int64,
                           count=sum(lengths))
        rows = np.repeat(np.arange(len(token_lists)), lengths)
        return self._csr(rows, cols, len(token_lists), binary)

    def _csr(self, rows: np.ndarray, cols: np.ndarray, n_rows: int, binary: bool) -> sparse.csr_matrix:
        """Row ``rows[k]`` has a token ``cols[k]``: the counts, as tf."""
        m = sparse.csr_matrix((np.ones(len(cols)), (rows, cols)), shape=(n_rows, len(self.index)))
        m.sum_duplicates()  # counts, indices sorted
        m.data = np.ones_like(m.data) if binary else 1.0 + np.log(m.data)  # sublinear tf, as text.tfidf
        return m

    def rows_of(self, m: sparse.csr_matrix, rows: np.ndarray) -> "_Rows":
        """The rows ``rows`` of ``m`` (``upper`` or ``upper_extra``: the last ones taken of each are kept)."""
        key = rows.tobytes()
        kept = self._upper_rows.get(id(m))
        if kept is None or kept[0] != key:
            kept = self._upper_rows[id(m)] = (key, _Rows(m, rows))
        return kept[1]

    def idf(self, rows: np.ndarray, cols: np.ndarray) -> "_Idf":
        """Smoothed idf over the upper units ``rows`` and the lower units ``cols`` (text.Vocabulary.idf's
        formula): the neighbourhood of one lower document."""
        # a row's indices are distinct (sum_duplicates): counting them counts the units using a term. Only the
        # terms the group uses are counted and weighed (the index holds every term read, far more)
        key = rows.tobytes()
        if self._upper_df is None or self._upper_df[0] != key:
            counts = np.bincount(self.rows_of(self.upper, rows).indices, minlength=len(self.index))
            self._upper_df = (key, np.flatnonzero(counts), counts)
        _, up_used, up_counts = self._upper_df
        low_used, low_df = np.unique(self.lower.indices[_take(self.lower, cols)[0]], return_counts=True)
        # the few terms only the lower units use go in among the upper ones (both sorted)
        only_low = low_used[up_counts[low_used] == 0]
        used = np.insert(up_used, np.searchsorted(up_used, only_low), only_low) if len(only_low) else up_used
        df = up_counts[used]
        df[np.searchsorted(used, low_used)] += low_df
        if self._scratch is None:
            self._scratch = np.empty(len(self.index))
        return _Idf(1.0 + len(rows) + len(cols), used, df, self._scratch, low_used)

    def positions(self) -> np.ndarray:
        """A scratch array of -1 per term, for ``_against`` (which puts it back as it found it)."""
        if self._positions is None:
            self._positions = np.full(len(self.index), -1, dtype=np.int32)
        return self._positions


class _Rows:
    """Some rows of a csr matrix, taken out once: where they sit, their term numbers and values."""

    def __init__(self, m: sparse.csr_matrix, rows: np.ndarray):
        take, self.indptr, self.lengths = _take(m, rows)
        self.indices = m.indices[take].astype(np.intp)  # as numpy indexes with them (once, not per lookup)
        self.data = m.data[take]
        self.shape = (len(rows), m.shape[1])
        self._row_of: np.ndarray | None = None

    @property
    def row_of(self) -> np.ndarray:
        """The row of each value taken."""
        if self._row_of is None:
            self._row_of = np.repeat(np.arange(len(self.lengths), dtype=np.intp), self.lengths)
        return self._row_of


class _Idf:
    """One group's idf of one signal: the terms its units use (sorted term numbers) and their weights; a term no
    unit of the group uses weighs what the formula gives a count of zero."""

    def __init__(self, n: float, used: np.ndarray, df: np.ndarray, scratch: np.ndarray, lower_terms: np.ndarray):
        self.used = used
        self.lower_terms = lower_terms  # the terms the group's lower units use (sorted)
        self.values = np.log(n / (1.0 + df)) + 1.0
        self.unused = np.log(n / 1.0) + 1.0
        self._scratch = scratch  # shared by the groups of one signal: valid only while one weighs its units

    def at(self, indices: np.ndarray) -> np.ndarray:
        """The weights of ``indices``, every one a term the group uses (while its units are weighed)."""
        self._scratch[self.used] = self.values
        return self._scratch[indices]

    def of_array(self, ids: np.ndarray) -> np.ndarray:
        """``of`` of each term number, 0.0 for -1 (a term no unit read has)."""
        out = np.zeros(len(ids))
        known = ids >= 0
        if not known.any():
            return out
        if not len(self.used):
            out[known] = self.unused
            return out
        ask = ids[known]
        pos = np.minimum(np.searchsorted(self.used, ask), len(self.used) - 1)
        out[known] = np.where(self.used[pos] == ask, self.values[pos], self.unused)
        return out

    def of(self, i: int) -> float:
        pos = int(np.searchsorted(self.used, i))
        return float(self.values[pos]) if pos < len(self.used) and self.used[pos] == i else float(self.unused)


def _take(m: sparse.csr_matrix, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Where the rows ``rows`` of ``m`` sit in its data: (positions, their indptr, each row's length)."""
    starts = m.indptr[rows]
    lengths = m.indptr[rows + 1] - starts
    indptr = np.zeros(len(rows) + 1, dtype=np.int64)
    np.cumsum(lengths, out=indptr[1:])
    return np.repeat(starts - indptr[:-1], lengths) + np.arange(indptr[-1]), indptr, lengths


def _weigh(m: sparse.csr_matrix, idf: _Idf, rows: np.ndarray) -> sparse.csr_matrix:
    """The rows ``rows`` of ``m`` as tf × idf, L2-normalised: the product of two such matrices is the cosine
    (text.tfidf; written out on the arrays, as this runs once per group and signal)."""
    taken = _Rows(m, rows)
    data, norms = _weighed(taken, idf)
    data /= np.repeat(norms, taken.lengths)
    return sparse.csr_matrix((data, taken.indices, taken.indptr), shape=taken.shape)


def _weighed(taken: _Rows, idf: _Idf) -> tuple[np.ndarray, np.ndarray]:
    """tf × idf of the rows taken, and each row's L2 norm (1.0 for an empty row)."""
    data = taken.data * idf.at(taken.indices)
    sums = np.zeros(len(taken.lengths))
    filled = taken.lengths > 0
    if filled.any():
        sums[filled] = np.add.reduceat(data * data, taken.indptr[:-1][filled])
    norms = np.sqrt(sums)
    norms[norms == 0] = 1.0
    return data, norms


def _against(upper: _Rows, idf: _Idf, lower: sparse.csr_matrix, positions: np.ndarray
             ) -> tuple[sparse.csr_matrix, np.ndarray]:
    """The upper rows weighed as ``_weigh`` does, keeping only the terms the (weighed) ``lower`` rows use, and
    ``lower`` dense over those terms, transposed: their product is ``_weigh(upper) @ lower.T`` to the last bit
    (each cell adds the same products in the same term order; a term the lower unit lacks adds 0.0), at the cost
    of the lower side's few terms instead of a sparse product over every upper term. ``positions``: -1 per term,
    put back so."""
    terms = idf.lower_terms  # those of ``lower``: its rows weighed with this idf
    if not len(terms):  # the lower units have none of this signal (no metric, say): every cell is 0.0
        return sparse.csr_matrix((len(upper.lengths), 0)), np.zeros((0, lower.shape[0]))
    positions[terms] = np.arange(len(terms))
    try:
        data, norms = _weighed(upper, idf)
        pos = positions[upper.indices]
        hit = np.flatnonzero(pos >= 0)
        row_of = upper.row_of[hit]
        indptr = np.zeros(len(upper.lengths) + 1, dtype=np.int32)
        np.cumsum(np.bincount(row_of, minlength=len(upper.lengths)), out=indptr[1:])
        kept = data[hit] / norms[row_of]
        up = sparse.csr_matrix((kept, pos[hit], indptr), shape=(len(upper.lengths), len(terms)))
        dense = np.zeros((len(terms), lower.shape[0]))
        dense[positions[lower.indices], np.repeat(np.arange(lower.shape[0]), np.diff(lower.indptr))] = lower.data
    finally:
        positions[terms] = -1
    return up, dense


class _Features:
    """Every unit's tokens and term counts per signal, computed once; ``group`` weighs them for one group."""

    def __init__(self, upper: Sequence[LinkUnit], lower: Sequence[LinkUnit], method: tuple[str, str],
                 table: CounterpartTable, words: UnitWords | None = None):
        tok, weighting = method
        self.tokenizer = tok
        self.weighting = weighting
        full = lambda u: f"{u.title}。{u.text}"  # noqa: E731
        if (tok, weighting) == ("char12", "tfidf"):  # METHOD: on arrays (char12), the tokens never made
            self.text = _Counts.of_char12(Char12Terms([[full(u) for u in upper], [full(u) for u in lower],
                                                       [u.title for u in upper]]))
        else:
            self.upper_tokens = tokenize([full(u) for u in upper], tok)
            self.lower_tokens = tokenize([full(u) for u in lower], tok)
            self.text = _Counts(self.upper_tokens, self.lower_tokens,
                                upper_extra=tokenize([u.title for u in upper], tok))  # extra: the upper titles
        self.industries = _Counts([_bigrams(u.industries) for u in upper], [_bigrams(u.industries) for u in lower])
        self.metrics = _Counts([_bigrams(u.metrics) for u in upper], [_bigrams(u.metrics) for u in lower])
        self.departments = _Counts([table.lines_of(u.departments, upper=True) for u in upper],
                                   [table.lines_of(u.departments, upper=False) for u in lower], binary=True)
        self.words = words if words is not None else UnitWords()  # jieba words of the units, for the evidence

    def words_of(self, u: LinkUnit) -> list[str]:
        return self.words.of(u)


_BLOCK_CELLS = 1 << 20
_BLANK = LinkUnit(id="", doc_key="", level=None, date=None, number=None, title="", text="")


class _Group:
    """The signal factors of one group: the upper units ``rows`` and the lower units ``cols`` they may reach.
    Each signal's idf is taken over ``rows`` (the upper units in scope), so a pair's score depends only on
    the group's upper units and the pair: what else the store holds does not move it."""

    def __init__(self, f: _Features, rows: np.ndarray, cols: np.ndarray):
        self.f = f
        self.rows, self.cols = rows, cols
        # per signal: the upper units weighed, over the lower units' terms only, and the lower units (dense, those
        # terms × units): their product is the signal (_against)
        self.factors: dict[str, tuple[sparse.csr_matrix, np.ndarray]] = {}
        text_idf = f.text.idf(rows, cols)
        self._text_idf = text_idf
        self._word_weights: dict[str, float] = {}
        low_text = _weigh(f.text.lower, text_idf, cols)
        self.factors["text"] = _against(f.text.rows_of(f.text.upper, rows), text_idf, low_text, f.text.positions())
        assert f.text.upper_extra is not None
        self.factors["title"] = _against(f.text.rows_of(f.text.upper_extra, rows), text_idf, low_text,
                                         f.text.positions())
        for name in ("industries", "metrics", "departments"):
            counts: _Counts = getattr(f, name)
            if not (counts.lower.indptr[cols + 1] - counts.lower.indptr[cols]).any():
                # the lower units have none of this signal (no metric, say): every cell is 0.0, as _against makes
                # it, without weighing the upper units
                self.factors[name] = (sparse.csr_matrix((len(rows), 0)), np.zeros((0, len(cols))))
                continue
            idf = counts.idf(rows, cols)
            self.factors[name] = _against(counts.rows_of(counts.upper, rows), idf,
                                          _weigh(counts.lower, idf, cols), counts.positions())

    def release(self) -> None:
        """Drop the weighted matrices once the group is scored: the candidates keep their group for the evidence
        (its text idf), and a full relink holds thousands of groups."""
        self.factors = {}

    def word_weight(self, word: str) -> float:
        """A word's weight for the evidence: the mean idf of its character bigrams over the group (cached: the
        pairs of a group share most of their words)."""
        weight = self._word_weights.get(word)
        if weight is None:
            self.weigh_words([word])
            weight = self._word_weights[word]
        return weight

    def weigh_words(self, words: Iterable[str]) -> None:
        """``word_weight`` of many words at once (those the group's linked pairs share), on arrays. The mean of a
        word's bigram weights is ``np.mean``'s to the last bit: numpy adds fewer than eight values one after the
        other, as the loop below does (longer words go through numpy)."""
        todo = sorted(set(words) - self._word_weights.keys())
        if not todo:
            return
        index = self.f.text.index
        grams = [_word_bigrams(w) for w in todo]
        lengths = np.fromiter(map(len, grams), dtype=np.int64, count=len(todo))
        flat = [g for gs in grams for g in gs]
        ids = index.numbers(flat) if isinstance(index, Char12Terms) else \
            np.fromiter((index.get(g, -1) for g in flat), dtype=np.int64, count=len(flat))
        values = self._text_idf.of_array(ids)
        starts = np.zeros(len(todo), dtype=np.int64)
        np.cumsum(lengths[:-1], out=starts[1:])
        totals = np.zeros(len(todo))
        for k in range(min(7, int(lengths.max()))):
            has = lengths > k
            totals[has] += values[starts[has] + k]
        means = (totals / np.maximum(lengths, 1)).tolist()
        for n in np.flatnonzero(lengths >= 8).tolist():  # long words: through numpy's mean
            means[n] = float(np.mean(values[starts[n]:starts[n] + lengths[n]]))
        self._word_weights.update(zip(todo, means))

    def idf_of(self, term: str) -> float:
        """The text signal's idf of ``term`` in this group (for the evidence's key terms)."""
        i = self.f.text.index.get(term)
        return self._text_idf.of(i) if i is not None else 0.0

    def block(self, a: int, b: int) -> dict[str, np.ndarray]:
        """Every signal for the group's upper units ``a:b`` against all its lower units (dense)."""
        out: dict[str, np.ndarray] = {}
        whole = a == 0 and b == len(self.rows)
        for name, (u, lo) in self.factors.items():
            out[name] = np.asarray((u if whole else u[a:b]) @ lo)
        if self.f.weighting != "tfidf":  # another weighting (tests/linking/compare.py): over the group's texts
            out["text"] = similarity([], [], self.f.tokenizer, self.f.weighting,
                                     upper_tokens=[self.f.upper_tokens[i] for i in self.rows[a:b]],
                                     lower_tokens=[self.f.lower_tokens[j] for j in self.cols])
        return out


def rank_units(upper: Sequence[LinkUnit], lower: Sequence[LinkUnit], *, top_k: int = 3, min_score: float = 0.0,
               method: tuple[str, str] = METHOD, weights: Weights = DEFAULT_WEIGHTS,
               counterparts: CounterpartTable | None = None, block_rows: int = 256,
               with_evidence: bool = True, per_document: bool = False,
               select: Callable[[list[Candidate]], list[Candidate]] | None = None,
               lower_docs: Collection[str] | None = None, per_lower: int | None = None,
               explicit: Collection[tuple[str, str]] = (), words: UnitWords | None = None) -> list[Candidate]:
    """The ``top_k`` lower units of every upper unit, best first (ties broken by id); with ``per_document``,
    the ``top_k`` of every lower document (a provincial measure is carried out once in each city).

    Only pairs the region tree allows are scored (``scope.Scope``): the lower documents are grouped by the
    set of higher documents they may be linked to, and each group is one sparse product, never the whole
    corpus. ``lower_docs`` limits the work to those lower documents (an incremental relink): their
    candidates are the same as in a run over everything. With ``per_document``, ``per_lower`` drops, before
    any candidate is made, what ``links.select`` would drop anyway (each lower unit's ``per_lower`` best,
    pairs in ``explicit`` left out). ``select`` picks among the candidates before their evidence is
    gathered (the costly part), so only kept links pay for it; with ``per_document`` it is handed one lower
    document's candidates at a time, so it must decide a lower unit's candidates from those alone (as
    ``links.select`` does). ``words`` holds the units' evidence words already segmented (a store keeps them,
    ``words``) and takes those segmented here."""
    upper = sorted({u.id: u for u in upper}.values(), key=lambda u: u.id)
    lower = sorted({u.id: u for u in lower}.values(), key=lambda u: u.id)
    if not upper or not lower:
        return []
    table = counterparts or default_table()
    up_places, low_places = places(upper), places(lower)
    scope = Scope(up_places, low_places)
    rows_of: dict[str, list[int]] = {}
    for i, u in enumerate(upper):
        rows_of.setdefault(u.doc_key, []).append(i)
    cols_of: dict[str, list[int]] = {}
    for j, lo in enumerate(lower):
        if not lo.stub and (lower_docs is None or lo.doc_key in lower_docs):
            cols_of.setdefault(lo.doc_key, []).append(j)
    # lower documents with the same higher documents in reach form one group
    groups: dict[tuple[str, tuple[str, ...]], list[tuple[str, dict[str, str]]]] = {}
    for doc in sorted(cols_of):
        reach = {k: why for k, why in scope.upper_of(doc).items() if k in rows_of}
        if reach:
            groups.setdefault((doc, tuple(sorted(reach))), []).append((doc, reach))
    if not groups:
        return []
    # only the units some group compares are tokenised (an incremental relink reads more than it scores)
    used_rows = {i for (_, up_docs) in groups for d in up_docs for i in rows_of[d]}
    used_cols = {j for members in groups.values() for doc, _ in members for j in cols_of[doc]}
    features = _Features([u if i in used_rows else _BLANK for i, u in enumerate(upper)],
                         [lo if j in used_cols else _BLANK for j, lo in enumerate(lower)], method, table, words)
    up_rank = np.array([LEVEL_RANK.get(u.level or "", 9) for u in upper])
    low_rank = np.array([LEVEL_RANK.get(lo.level or "", 9) for lo in lower])
    doc_no = {k: n for n, k in enumerate(sorted({*rows_of, *cols_of, *(u.source_doc for u in upper)}))}
    up_source = np.array([doc_no.get(u.source_doc, -1) for u in upper])
    up_index = {u.id: i for i, u in enumerate(upper)}
    low_index = {lo.id: j for j, lo in enumerate(lower)}
    stated = np.array(sorted(up_index[a] * len(lower) + low_index[b] for a, b in explicit
                             if a in up_index and b in low_index), dtype=np.int64)

    out: list[Candidate] = []  # with per_document: the finished candidates of the groups scored so far
    pending: list[tuple] = []  # (i, j, score, parts, rule, group[, candidate]): without per_document, ranked at the end
    finish = _Finisher(upper, lower, features, table, up_places, low_places, with_evidence)
    # by the higher documents they meet: consecutive groups share their upper counts (_Counts.idf); the order of
    # the groups changes nothing else (candidates are ranked per group and sorted at the end)
    for (_, up_docs), members in sorted(groups.items(), key=lambda g: (g[0][1], g[0][0])):
        rows = np.array(sorted(i for d in up_docs for i in rows_of[d]))
        cols = np.array([j for doc, _ in members for j in cols_of[doc]])
        col_doc = np.array([doc_no[doc] for doc, _ in members for _ in cols_of[doc]])
        col_member = np.array([m for m, (doc, _) in enumerate(members) for _ in cols_of[doc]])
        named = np.array([all(w == "implements" for w in reach.values())
                          for doc, reach in members for _ in cols_of[doc]], dtype=bool)
        group = _Group(features, rows, cols)
        # blocks of about a million cells (a group's lower units are one document's: few columns, so usually one
        # block); ranking is per upper unit and per lower document, so the cut changes no candidate
        step = max(block_rows, _BLOCK_CELLS // max(1, len(cols)))
        for a in range(0, len(rows), step):
            b = min(a + step, len(rows))
            parts = group.block(a, b)
            score = weights.combine(parts)
            r_idx = rows[a:b]
            # a table's own rows are explicit links: never pair a quoted task with the table that quotes it;
            # the region tree ranks levels itself; a document that names another carries it out whatever
            # their levels say (either may be unknown)
            valid = (up_source[r_idx][:, None] != col_doc[None, :]) \
                & ((up_rank[r_idx][:, None] < low_rank[cols][None, :]) | named[None, :]) \
                & (score > 0) & (score >= min_score)
            r, c = np.nonzero(valid)
            s = score[r, c]
            if not per_document:
                for rr, cc, ss in zip(r.tolist(), c.tolist(), s.tolist()):
                    doc, reach = members[col_member[cc]]
                    pending.append((int(r_idx[rr]), int(cols[cc]), ss, {n: float(v[rr, cc]) for n, v in parts.items()},
                                    reach[upper[int(r_idx[rr])].doc_key], group))
                continue
            # rank within (upper unit, lower document): best first, equal scores by lower id
            key_doc = col_member[c]
            order = np.lexsort((cols[c], -np.round(s, 9), key_doc, r))
            r, c, s, key_doc = r[order], c[order], s[order], key_doc[order]
            new = np.ones(len(r), dtype=bool)
            new[1:] = (r[1:] != r[:-1]) | (key_doc[1:] != key_doc[:-1])
            starts = np.maximum.accumulate(np.where(new, np.arange(len(r)), 0))
            rank = np.arange(len(r)) - starts + 1
            keep = rank <= top_k
            if per_lower is not None:
                keep &= _best_per_lower(r_idx[r], cols[c], s, keep, stated, len(lower), per_lower)
            for k in np.nonzero(keep)[0].tolist():
                rr, cc = int(r[k]), int(c[k])
                i, j = int(r_idx[rr]), int(cols[cc])
                doc, reach = members[col_member[cc]]
                cand = Candidate(upper[i].id, lower[j].id, round(float(s[k]), 4), int(rank[k]))
                pending.append((i, j, float(s[k]), {n: float(v[rr, cc]) for n, v in parts.items()},
                                reach[upper[i].doc_key], group, cand))
        group.release()
        if per_document:
            # a group is one lower document: every candidate of its units is here, so select (which keeps each lower
            # unit's best) and the evidence are done now and the group let go (a province's groups held their text
            # idf until the end: gigabytes at 100,000 documents)
            group_out = [p[6] for p in pending]
            out += finish(select(group_out) if select is not None else group_out, pending)
            pending = []
    if not per_document:
        ranked, pending = _rank_across(pending, upper, lower, top_k)
        out = finish(select(ranked) if select is not None else ranked, pending)
    return sorted(out, key=_order(upper, lower, up_index, low_index, per_document))


class _Finisher:
    """The evidence of the candidates kept (the costly part, so only for those: ``rank_units``' ``select``)."""

    def __init__(self, upper: Sequence[LinkUnit], lower: Sequence[LinkUnit], features: _Features,
                 table: CounterpartTable, up_places: dict[str, DocumentPlace], low_places: dict[str, DocumentPlace],
                 with_evidence: bool):
        self.upper, self.lower, self.features, self.table = upper, lower, features, table
        self.up_places, self.low_places = up_places, low_places
        self.with_evidence = with_evidence

    def __call__(self, cands: list[Candidate], pending: list[tuple]) -> list[Candidate]:
        """``cands`` with their evidence, from ``pending`` (what was kept of each pair when it was scored)."""
        if not self.with_evidence or not cands:
            return cands
        upper, lower, features = self.upper, self.lower, self.features
        where = {(upper[p[0]].id, lower[p[1]].id): p for p in pending}
        if not features.tokenizer.startswith("jieba"):  # the words each group's pairs share, weighed at once
            shared: dict[int, tuple[_Group, set[str]]] = {}
            for cand in cands:
                i, j, *_, group = where[(cand.upper_task_id, cand.lower_task_id)][:6]
                both = set(features.words_of(upper[i])).intersection(features.words_of(lower[j]))
                shared.setdefault(id(group), (group, set()))[1].update(both)
            for group, common in shared.values():
                group.weigh_words(common)
        out = []
        for cand in cands:
            i, j, _, parts, rule, group = where[(cand.upper_task_id, cand.lower_task_id)][:6]
            ev = _evidence(upper[i], lower[j], parts, features, group, self.table)
            ev["region"] = _region_evidence(self.up_places[upper[i].doc_key], self.low_places[lower[j].doc_key], rule)
            out.append(Candidate(cand.upper_task_id, cand.lower_task_id, cand.score, cand.rank, ev))
        return out


def _order(upper, lower, up_index, low_index, per_document):
    """Candidates in a fixed order: by higher document and unit, then lower document, then rank."""
    def key(c: Candidate):
        i, j = up_index[c.upper_task_id], low_index[c.lower_task_id]
        return (upper[i].doc_key, upper[i].id, lower[j].doc_key if per_document else "", c.rank, lower[j].id)
    return key


def _best_per_lower(up: np.ndarray, low: np.ndarray, score: np.ndarray, keep: np.ndarray, stated: np.ndarray,
                    n_lower: int, n: int) -> np.ndarray:
    """Which entries can be among each lower unit's ``n`` best (``links.select``): not a stated pair, and
    within rounding of the ``n``-th best score of its lower unit (select decides exactly among those)."""
    ok = keep & ~_in_sorted(up.astype(np.int64) * n_lower + low, stated)
    rounded = np.where(ok, np.round(score, 4), -np.inf)
    order = np.lexsort((up, -rounded, low))
    low_sorted, r_sorted = low[order], rounded[order]
    new = np.ones(len(order), dtype=bool)
    new[1:] = low_sorted[1:] != low_sorted[:-1]
    starts = np.maximum.accumulate(np.where(new, np.arange(len(order)), 0))
    pos = np.arange(len(order)) - starts
    # the n-th best of each lower unit (or its last, when it has fewer)
    ends = np.r_[np.nonzero(new)[0][1:], len(order)]
    group_of = np.cumsum(new) - 1
    nth = r_sorted[np.minimum(starts + n - 1, ends[group_of] - 1)]
    out_sorted = np.isfinite(r_sorted) & ((pos < n) | (r_sorted >= nth - 2e-4))
    out = np.zeros(len(order), dtype=bool)
    out[order] = out_sorted
    return out


def _in_sorted(keys: np.ndarray, table: np.ndarray) -> np.ndarray:
    """``np.isin(keys, table)`` for a sorted ``table``: one binary search per key. ``np.isin`` hashes the whole
    table on every call, and the stated pairs of a corpus are many (at 10,000 documents a third of a full relink
    went there, once per group)."""
    if not len(table) or not len(keys):
        return np.zeros(len(keys), dtype=bool)
    at = np.minimum(np.searchsorted(table, keys), len(table) - 1)
    return table[at] == keys


def _rank_across(pending: list[tuple], upper, lower, top_k: int) -> tuple[list[Candidate], list[tuple]]:
    """Without ``per_document``: each upper unit's ``top_k`` over every lower unit it may reach."""
    by_upper: dict[int, list[tuple]] = {}
    for p in pending:
        by_upper.setdefault(p[0], []).append(p)
    out, kept = [], []
    for i in sorted(by_upper):
        ranked = sorted(by_upper[i], key=lambda p: (-round(p[2], 9), p[1]))[:top_k]
        for rank, p in enumerate(ranked, start=1):
            out.append(Candidate(upper[i].id, lower[p[1]].id, round(p[2], 4), rank))
            kept.append(p)
    return out, kept


def _region_evidence(up: DocumentPlace, low: DocumentPlace, why: str) -> dict:
    """Why the two documents may be linked at all: the rule, and each side's region and what gave it."""
    ri = region_index()

    def name(place: DocumentPlace) -> str | None:
        r = ri.by_code.get(place.region) if place.region else None
        return r.name if r is not None else place.level if place.level == "national" else None

    return {"rule": why, "upper": name(up), "upper_basis": up.region_basis,
            "lower": name(low), "lower_basis": low.region_basis}


def _evidence(u: LinkUnit, lo: LinkUnit, parts: dict[str, float], f: _Features, group: _Group,
              table: CounterpartTable) -> dict:
    idf = _GroupIdf(group)
    terms = shared_terms(tokenize([f"{u.title}。{u.text}"], f.tokenizer)[0],
                         tokenize([f"{lo.title}。{lo.text}"], f.tokenizer)[0], idf) \
        if f.tokenizer.startswith("jieba") else _shared_words(f.words_of(u), f.words_of(lo), group.word_weight)
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


@lru_cache(maxsize=200_000)
def _word_bigrams(word: str) -> tuple[str, ...]:
    return tuple(char_ngrams(word, (2,)))


class _GroupIdf(dict):
    """A group's text idf looked up like a dict (``text.shared_terms`` takes one)."""

    def __init__(self, group: _Group):
        super().__init__()
        self.group = group

    def get(self, term, default=0.0):
        i = self.group.f.text.index.get(term)
        return self.group._text_idf.of(i) if i is not None else default


def _shared_words(a: list[str], b: list[str], word_weight: Callable[[str], float]) -> list[str]:
    """Key terms for people: jieba words the two texts share, rarest first (whatever the text signal's tokens)."""
    return shared_terms(a, b, {t: word_weight(t) for t in set(a) & set(b)})


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
