"""The compiled build (``POLICYKG_MYPYC=1 pip install .``, setup.py) extracts exactly what the interpreted modules do.

mypyc checks annotations at run time and compiles some operations differently, so a compiled build could raise or
answer differently where the interpreted one does not. scripts/test.sh builds one (scripts/build-compiled.sh,
.venv-compiled) and names its interpreter in POLICYKG_COMPILED_PYTHON; without that these tests are skipped.
"""
from __future__ import annotations

import importlib.machinery
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from policykg.corpus import sample_corpus_files

ROOT = Path(__file__).resolve().parents[1]
COMPILED_PYTHON = os.environ.get("POLICYKG_COMPILED_PYTHON", "")

pytestmark = pytest.mark.skipif(
    not COMPILED_PYTHON, reason="no compiled build named in POLICYKG_COMPILED_PYTHON (scripts/test.sh builds one)")

# Each file's extraction as JSON, or the error that refused it; and where the extraction module was loaded from.
EXTRACT_EACH = """
import json, sys
from pathlib import Path
from policykg.errors import PolicyKGError
from policykg.ingest import extract
out = {"module": extract.__file__, "documents": {}}
for name in sys.argv[1:]:
    try:
        out["documents"][name] = extract.extract_bytes(Path(name).read_bytes(), Path(name).name).model_dump_json()
    except PolicyKGError as error:
        out["documents"][name] = f"{type(error).__name__}: {error}"
print(json.dumps(out))
"""


def _texts() -> list[str]:
    files = list(sample_corpus_files()) + sorted((ROOT / "tests" / "fixtures").rglob("*.txt"))
    return [str(f) for f in files]


def _extract_with(python: str, texts: list[str], cwd: Path) -> dict:
    # run elsewhere than the checkout, whose ./policykg (the root folder alone) would be imported first
    done = subprocess.run([python, "-c", EXTRACT_EACH, *texts], cwd=cwd, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout)


@pytest.fixture(scope="module")
def both(tmp_path_factory) -> tuple[dict, dict]:
    texts = _texts()
    cwd = tmp_path_factory.mktemp("run")
    return _extract_with(sys.executable, texts, cwd), _extract_with(COMPILED_PYTHON, texts, cwd)


def test_the_compiled_build_runs_compiled_extraction(both):
    interpreted, compiled = both
    assert compiled["module"].endswith(tuple(importlib.machinery.EXTENSION_SUFFIXES)), compiled["module"]
    assert interpreted["module"].endswith(".py")


def test_the_compiled_build_extracts_what_the_interpreted_modules_extract(both):
    interpreted, compiled = both
    assert len(interpreted["documents"]) >= 30
    differ = [name for name, out in interpreted["documents"].items() if compiled["documents"].get(name) != out]
    assert not differ, differ
