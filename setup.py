"""Build hook: ``POLICYKG_MYPYC=1 pip install .`` compiles the extraction modules with mypyc.

Everything else about the package is in pyproject.toml; without the variable this adds nothing and the package is
pure Python. Compiled, extraction runs about 1.4x faster and gives the same output (``tests/test_compiled_build.py``
compares the two); it needs a C compiler and takes a minute or two to build.

Only for installs that copy the sources (a wheel, ``pip install .``): in an editable install a compiled module would
sit beside its source and go on shadowing it after the source is edited, so that is refused.

mypyc names a module after the folders above its file, and the extraction code lives in ``ingest/`` but is imported
as ``policykg.ingest``: the modules are compiled from a copy laid out as they are imported.
"""
from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from setuptools import setup

ROOT = Path(__file__).resolve().parent
COMPILE_VARIABLE = "POLICYKG_MYPYC"
MYPY_REQUIREMENT = "mypy>=1.10"
# The typed libraries the extraction modules call: with their types known, mypyc emits direct calls and checks
# (about 6% faster extraction than with them seen as Any). Kept in step with pyproject.toml's dependencies.
TYPED_DEPENDENCIES = ["pydantic>=2.6", "numpy>=1.26"]

# Modules left interpreted, with the reason.
NOT_COMPILED = {
    "__init__.py": "empty",
    # mypyc cannot compile classes pydantic builds with its metaclass (the generated C names a pydantic module that
    # does not exist), and validation runs in pydantic's own compiled core anyway.
    "records.py": "pydantic models",
}
STAGE = ROOT / "build" / "mypyc-src"


def _staged_sources() -> list[str]:
    """Copy ingest/ under policykg/ingest/ (with the root package's modules it imports) and name what to compile."""
    shutil.rmtree(STAGE, ignore_errors=True)
    package = STAGE / "policykg"
    shutil.copytree(ROOT / "ingest", package / "ingest", ignore=shutil.ignore_patterns("__pycache__", "data"))
    for name in ("__init__.py", "errors.py"):
        shutil.copy2(ROOT / "policykg" / name, package / name)
    return [
        str(path.relative_to(ROOT)) for path in sorted((package / "ingest").glob("*.py"))
        if path.name not in NOT_COMPILED
    ]


def _compiled_extensions() -> list | None:
    try:
        from mypyc.build import mypycify
    except ImportError:
        if {"egg_info", "dist_info"} & set(sys.argv):
            return None  # the build backend is asking for build requirements: setup_requires names mypy
        raise SystemExit(f"{COMPILE_VARIABLE}=1 needs mypy ({MYPY_REQUIREMENT}) where the package is built; "
                         "pip's isolated build installs it, --no-build-isolation needs it installed first") from None
    paths = _staged_sources()
    # the project's mypy settings (ignore_missing_imports: cn2an and the like have no types)
    options = ["--config-file", str(ROOT / "pyproject.toml")]
    # the modules share one library, at the top level of site-packages: placed inside the package, it gave the
    # compiled modules a __file__ under a doubled policykg/ingest/, and the data files beside them were not found
    return mypycify(options + paths, target_dir=str(ROOT / "build" / "mypyc-c"), group_name="policykg_ingest")


def _settings() -> dict:
    if os.environ.get(COMPILE_VARIABLE, "") not in {"1", "true", "yes"}:
        return {}
    if "editable_wheel" in sys.argv:
        raise SystemExit(f"{COMPILE_VARIABLE}=1 is for installs that copy the sources (pip install ., a wheel): "
                         "in an editable install a compiled module would shadow its source after an edit")
    settings: dict = {"setup_requires": [MYPY_REQUIREMENT, *TYPED_DEPENDENCIES]}
    extensions = _compiled_extensions()
    if extensions is not None:
        settings["ext_modules"] = extensions
    return settings


setup(**_settings())
