"""Fixtures for the ingest tests: the sample corpus written as .docx, .pdf, .html and GB18030 during the run."""
from __future__ import annotations

from pathlib import Path

import pytest

from .ingest_helpers import FORMATS, make


@pytest.fixture(scope="session")
def converted(tmp_path_factory, corpus_files, extracted) -> dict[str, dict[str, Path]]:
    """format -> {sample file name -> the file built from it}, one folder per format."""
    root = tmp_path_factory.mktemp("formats")
    out: dict[str, dict[str, Path]] = {}
    for fmt in FORMATS:
        folder = root / fmt
        folder.mkdir()
        out[fmt] = {f.name: make(fmt, f.read_text(encoding="utf-8"), folder / f.stem, extracted[f.name].document)
                    for f in corpus_files}
    return out
