"""The sample corpus bundled with policykg: five real Heze and Shandong documents."""
from __future__ import annotations

from importlib import resources
from pathlib import Path


def sample_corpus_dir() -> Path:
    return Path(str(resources.files("policykg").joinpath("sample_corpus")))


def sample_corpus_files() -> list[Path]:
    return sorted(sample_corpus_dir().glob("*.txt"))
