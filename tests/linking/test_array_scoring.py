"""A relink scores on arrays, with the results of the plain forms to the last bit: the char12 terms counted on
code points (``char12.Char12Terms``) are those ``text.char_ngrams`` makes as strings (the same term matrices), and a
group's signals (``candidates._against``) are the products of its weighed units."""
from __future__ import annotations

import importlib

import numpy as np

from policykg.graph.linking.char12 import Char12Terms
from policykg.graph.linking.text import tokenize

from .compare import sample_docs

candidates = importlib.import_module("policykg.graph.linking.candidates")

# edges: letters and digits next to Chinese, a run of digits alone (no token), characters outside the range
# (。, ㈠, 𠀀 beyond the basic plane), one character alone, empty texts, the same text twice
EDGES = ["5G基站建设，2025年达到100个", "AI+制造", "㈠加快推进科技成果转化。", "𠀀中𠀀文", "区", "", "ab12cd 3",
         "推进数字经济发展", "推进数字经济发展"]


def _texts() -> list[list[str]]:
    units = [p for d in sample_docs() for p in d.provisions]
    texts = [f"{p.title or ''}。{p.text}" for p in units]
    return [texts[::2] + EDGES, texts[1::2] + EDGES[::-1], [p.title or "" for p in units[::2]] + EDGES]


def test_the_terms_on_arrays_are_those_of_the_strings():
    lists = _texts()
    by_strings = candidates._Counts(*(tokenize(t, "char12") for t in lists[:2]),
                                    upper_extra=tokenize(lists[2], "char12"))
    by_arrays = candidates._Counts.of_char12(Char12Terms(lists))
    assert len(by_arrays.index) == len(by_strings.index) > 1000
    for name in ("upper", "lower", "upper_extra"):
        a, b = getattr(by_arrays, name), getattr(by_strings, name)
        assert a.shape == b.shape
        assert np.array_equal(a.indptr, b.indptr) and np.array_equal(a.indices, b.indices)
        assert np.array_equal(a.data, b.data)  # bit for bit
    for term, number in list(by_strings.index.items())[::37] + [("5G", by_strings.index["5G"])]:
        assert by_arrays.index.get(term) == number
    absent = ["。", "数字经济", "𠀀", "2025", "zz", "鿿鿿"]
    for term in absent:
        assert by_arrays.index.get(term) is None and term not in by_strings.index
    asked = [*list(by_strings.index)[::53], *absent]
    assert by_arrays.index.numbers(asked).tolist() == [by_strings.index.get(t, -1) for t in asked]


def test_a_group_signal_is_the_cosine_of_its_weighed_units_to_the_last_bit():
    """``_against`` multiplies the upper units against the lower units' terms only, on a dense lower side: the
    product is that of the two weighed matrices, bit for bit, for every signal."""
    from policykg.graph.linking.counterparts import default_table
    from policykg.graph.linking.units import LOWER_LEVELS, UPPER_LEVELS, corpus_units

    units = corpus_units(list(sample_docs()))
    upper = sorted((u for u in units if u.level in UPPER_LEVELS), key=lambda u: u.id)
    lower = sorted((u for u in units if not u.stub and u.level in LOWER_LEVELS), key=lambda u: u.id)
    features = candidates._Features(upper, lower, candidates.METHOD, default_table())
    rows, cols = np.arange(len(upper)), np.arange(0, len(lower), 3)
    group = candidates._Group(features, rows, cols)
    signals = group.block(0, len(rows))
    compared = 0
    for name, counts, up in (("text", features.text, features.text.upper),
                             ("title", features.text, features.text.upper_extra),
                             ("industries", features.industries, features.industries.upper),
                             ("metrics", features.metrics, features.metrics.upper),
                             ("departments", features.departments, features.departments.upper)):
        idf = counts.idf(rows, cols)
        sparse_product = (candidates._weigh(up, idf, rows) @ candidates._weigh(counts.lower, idf, cols).T).toarray()
        assert np.array_equal(signals[name], sparse_product), name
        compared += np.count_nonzero(sparse_product)
    assert compared > 1000
