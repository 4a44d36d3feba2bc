#!/usr/bin/env bash
# .venv-compiled: policykg installed as `POLICYKG_MYPYC=1 pip install .` installs it, with the extraction modules
# compiled by mypyc (setup.py), beside the editable .venv the tests and the sample job use. scripts/test.sh builds it
# so that tests/test_compiled_build.py can compare the two builds' extraction; `.venv-compiled/bin/python
# bench/extract.py` measures the compiled one. Built again only when a file that goes into the package changed.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
VENV=.venv-compiled
stamp="$VENV/policykg-sources.sha256"
sources=$(find setup.py pyproject.toml policykg ingest graph api queries viz -type f \
            -not -path '*/__pycache__/*' -not -path '*/node_modules/*' | LC_ALL=C sort | xargs sha256sum | sha256sum)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$sources" ]; then
  exit 0
fi
if [ ! -x "$VENV/bin/python" ]; then
  "$PYTHON" -m venv "$VENV"
fi
"$VENV/bin/python" -m pip install --quiet --upgrade pip
# setuptools reuses build/lib, where a module deleted from the sources would linger; mypyc's copies are setup.py's
rm -rf build/lib build/lib.* build/temp.* build/bdist.* build/mypyc-src build/mypyc-c
POLICYKG_MYPYC=1 "$VENV/bin/python" -m pip install --quiet .
# from inside the venv: here, ./policykg (the package's root folder alone) would be imported instead
(cd "$VENV" && bin/python - <<'PY'
import importlib.machinery
import sys

import policykg.ingest.extract as extract

if not extract.__file__.endswith(tuple(importlib.machinery.EXTENSION_SUFFIXES)):
    sys.exit(f"scripts/build-compiled.sh: policykg.ingest.extract is not compiled ({extract.__file__})")
PY
)
echo "$sources" > "$stamp"
