"""Chinese text similarity without a network model: tokenisers and term weightings as sparse matrices.

Tokenisers (``TOKENIZERS``):

* ``char1``, ``char2``, ``char12``, ``char23``: character n-grams inside runs of Chinese characters
  (numbers, Latin letters and punctuation split runs; "5G" stays one token);
* ``jieba``: jieba's precise mode; ``jieba_search``: jieba's search mode (a long word and the
  dictionary words inside it: 互联网 → 互联, 联网, 互联网), both without single characters and
  a short list of function words.

Weightings (``weigh``): ``tfidf`` (sublinear tf × smoothed idf, L2-normalised rows: the product of
two matrices is the cosine) and ``bm25`` (Okapi BM25 document weights, k1=1.2, b=0.75, with the
query side as idf-weighted binary terms; a row is normalised by the query's score against itself
so it stays comparable across queries).

Everything is a pure function of its inputs: the vocabulary and the idf are computed over the
texts given, sorted, so the same texts give the same matrices in any order of arrival.
"""
from __future__ import annotations

import math
import operator
import re
import threading
from collections import Counter
from collections.abc import Callable, Sequence
from functools import lru_cache

import numpy as np
from scipy import sparse

_RUN = re.compile(r"[\u4e00-\u9fff]+|[A-Za-z0-9]*[A-Za-z][A-Za-z0-9]*")
_CJK = re.compile(r"[\u4e00-\u9fff]")
# function words and boilerplate that carry no subject (jieba tokens)
STOPWORDS = frozenset("""
的 和 与 及 等 在 为 以 对 从 向 将 把 被 由 于 其 之 或 并 且 也 都 已 更 再 又 要 是 有
一批 一个 一些 左右 以上 以下 以内 达到 力争 争取 全面 进一步 不断 持续 积极 大力 深入 切实 加快 加强 推进 推动
开展 实施 支持 鼓励 引导 完善 提升 提高 强化 做好 抓好 建立 健全 优化 深化 促进 加大 着力 努力 有序 统筹 扎实 稳步
年 个 家 名 项 场 亿元 万 亿 % 各类 有关 相关 重点 我市 全市 全省 我省 省级 市级 县级 国家 省 市 县 区
""".split())


@lru_cache(maxsize=1)
def _jieba():
    import jieba

    jieba.setLogLevel(60)
    tk = jieba.Tokenizer()
    tk.initialize()
    return tk


_jieba_lock = threading.Lock()


def _runs(text: str) -> list[str]:
    return _RUN.findall(text)


def char_ngrams(text: str, sizes: Sequence[int]) -> list[str]:
    out: list[str] = []
    for run in _runs(text):
        if not _CJK.match(run):
            out.append(run)
            continue
        for n in sizes:
            if n == 1:
                out.extend(run)
            elif n == 2:  # run[i:i + 2], without a slice per position (most of a relink's tokenising)
                out.extend(map(operator.add, run, run[1:]))
            else:
                out += [run[i:i + n] for i in range(len(run) - n + 1)]
    return out


def jieba_tokens(text: str, search: bool = False, memo: dict[str, tuple[str, ...]] | None = None) -> list[str]:
    """``memo``: the words of the runs already cut (of one mode), filled here. jieba cuts a run alone, and policy
    texts repeat their clauses: a relink segmenting many provisions keeps one (``words.UnitWords``)."""
    tk = _jieba()
    out: list[str] = []
    with _jieba_lock:  # jieba's Tokenizer is not documented as thread-safe
        for run in _runs(text):
            words = memo.get(run) if memo is not None else None
            if words is None:
                if not _CJK.match(run):
                    out.append(run)
                    continue
                cut = tk.lcut_for_search(run, HMM=False) if search else tk.lcut(run, HMM=False)
                words = tuple(w for w in cut if len(w) > 1 and w not in STOPWORDS)
                if memo is not None:
                    memo[run] = words
            out += words
    return out


TOKENIZERS: dict[str, Callable[[str], list[str]]] = {
    "char1": lambda t: char_ngrams(t, (1,)),
    "char2": lambda t: char_ngrams(t, (2,)),
    "char12": lambda t: char_ngrams(t, (1, 2)),
    "char23": lambda t: char_ngrams(t, (2, 3)),
    "jieba": lambda t: jieba_tokens(t, search=False),
    "jieba_search": lambda t: jieba_tokens(t, search=True),
}


def tokenize(texts: Sequence[str], tokenizer: str) -> list[list[str]]:
    fn = TOKENIZERS[tokenizer]
    cache: dict[str, list[str]] = {}
    out = []
    for t in texts:
        toks = cache.get(t)
        if toks is None:
            toks = cache[t] = fn(t)
        out.append(toks)
    return out


class Vocabulary:
    """Term ids and document frequencies over a collection of token lists."""

    def __init__(self, token_lists: Sequence[Sequence[str]]):
        df: Counter[str] = Counter()
        for toks in token_lists:
            df.update(set(toks))
        self.terms = sorted(df)
        self.index = {t: i for i, t in enumerate(self.terms)}
        self.df = np.array([df[t] for t in self.terms], dtype=np.float64)
        self.n_docs = len(token_lists)

    def idf(self) -> np.ndarray:
        return np.log((1.0 + self.n_docs) / (1.0 + self.df)) + 1.0

    def counts(self, token_lists: Sequence[Sequence[str]]) -> sparse.csr_matrix:
        indptr = [0]
        indices: list[int] = []
        data: list[float] = []
        index = self.index
        for toks in token_lists:
            c = Counter(t for t in toks if t in index)
            for term, n in sorted(c.items()):
                indices.append(index[term])
                data.append(float(n))
            indptr.append(len(indices))
        return sparse.csr_matrix((np.array(data, dtype=np.float64), np.array(indices, dtype=np.int64),
                                  np.array(indptr, dtype=np.int64)), shape=(len(token_lists), len(self.terms)))


def l2_normalise(m: sparse.csr_matrix) -> sparse.csr_matrix:
    norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.csr_matrix(sparse.diags(1.0 / norms) @ m)


def tfidf(counts: sparse.csr_matrix, idf: np.ndarray) -> sparse.csr_matrix:
    m = counts.copy()
    m.data = 1.0 + np.log(m.data)
    return l2_normalise(sparse.csr_matrix(m @ sparse.diags(idf)))


def bm25_documents(counts: sparse.csr_matrix, idf: np.ndarray, k1: float = 1.2, b: float = 0.75) -> sparse.csr_matrix:
    lengths = np.asarray(counts.sum(axis=1)).ravel()
    avg = lengths.mean() if len(lengths) and lengths.mean() > 0 else 1.0
    m = counts.tocoo(copy=True)
    denom = m.data + k1 * (1 - b + b * lengths[m.row] / avg)
    m.data = m.data * (k1 + 1) / denom
    return sparse.csr_matrix(m) @ sparse.diags(idf)


def similarity(upper_texts: Sequence[str], lower_texts: Sequence[str], tokenizer: str = "char2",
               weighting: str = "tfidf", upper_tokens: Sequence[Sequence[str]] | None = None,
               lower_tokens: Sequence[Sequence[str]] | None = None) -> np.ndarray:
    """Dense (upper × lower) similarity in [0, 1]. The idf is taken over both sides together."""
    ut = upper_tokens if upper_tokens is not None else tokenize(upper_texts, tokenizer)
    lt = lower_tokens if lower_tokens is not None else tokenize(lower_texts, tokenizer)
    vocab = Vocabulary([*ut, *lt])
    idf = vocab.idf()
    uc, lc = vocab.counts(ut), vocab.counts(lt)
    if weighting == "tfidf":
        s = tfidf(uc, idf) @ tfidf(lc, idf).T
        return np.clip(s.toarray(), 0.0, 1.0)
    if weighting == "bm25":
        q = uc.copy()
        q.data[:] = 1.0
        docs = bm25_documents(lc, idf)
        s = (q @ docs.T).toarray()
        # the best a document could score for this query: every query term at saturation (k1 + 1)
        best = np.asarray(q @ (idf * 2.2)).ravel()
        best[best == 0] = 1.0
        return np.clip(s / best[:, None], 0.0, 1.0)
    raise ValueError(f"unknown weighting {weighting!r}")


def idf_weights(token_lists: Sequence[Sequence[str]]) -> dict[str, float]:
    vocab = Vocabulary(token_lists)
    return dict(zip(vocab.terms, vocab.idf().tolist()))


def shared_terms(a: Sequence[str], b: Sequence[str], idf: dict[str, float], limit: int = 8) -> list[str]:
    """The terms two token lists share, rarest first; a term inside a longer shared one is left out."""
    common = set(a) & set(b)
    ranked = sorted(common, key=lambda t: (-idf.get(t, 0.0) * math.sqrt(len(t)), t))
    out: list[str] = []
    for t in ranked:
        if any(t in longer for longer in out):
            continue
        out.append(t)
        if len(out) == limit:
            break
    return out
