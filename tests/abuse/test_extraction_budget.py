"""Documents built to amplify are refused while reading, with an error naming the file (not after gigabytes)."""
from __future__ import annotations

import pytest

from policykg.ingest.readers import extract_path, read_bytes
from policykg.ingest.readers.budget import OverBudget

from .hostile_files import empty_paragraphs_docx, huge_stream_pdf, many_text_operators_pdf, sparse_text


def test_a_docx_of_millions_of_empty_paragraphs_is_refused():
    data = empty_paragraphs_docx()
    assert len(data) < 1_000_000  # small zipped: the amplification is the point
    with pytest.raises(OverBudget, match=r"flood\.docx: more than [\d,]+ paragraphs"):
        read_bytes(data, "flood.docx")


def test_a_pdf_page_with_ten_thousand_text_operators_is_refused():
    data = many_text_operators_pdf(10_000)
    assert len(data) < 50_000
    with pytest.raises(OverBudget, match=r"ops\.pdf: page 1 has 10,000 text operators"):
        read_bytes(data, "ops.pdf")


def test_a_pdf_with_a_huge_compressed_stream_is_refused():
    data = huge_stream_pdf()
    assert len(data) < 1_000_000
    with pytest.raises(OverBudget, match=r"bomb\.pdf: a stream on page 1 inflates to more than"):
        read_bytes(data, "bomb.pdf")


def test_a_huge_sparse_text_file_is_refused_before_it_is_read(tmp_path):
    path = sparse_text(tmp_path / "huge.txt")
    with pytest.raises(OverBudget, match=r"huge\.txt: 1,073,741,824 bytes"):
        extract_path(path)


def test_ordinary_pdfs_and_docx_within_budget_still_read():
    assert "policykg" in read_bytes(many_text_operators_pdf(20), "small.pdf").text
    assert "总体要求" in read_bytes(empty_paragraphs_docx(100), "small.docx").text
