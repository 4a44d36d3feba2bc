#!/usr/bin/env bash
# Create .venv with policykg and everything its tests need. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
# setuptools says "Editable installation: folders named like the package may take precedence" on every
# editable install with a package-dir mapping; it is information, not a problem, and it buried real output.
PYTHONWARNINGS="ignore:Editable installation" .venv/bin/python -m pip install --quiet -e '.[test,lint]'
if [ -f queries/lint/package-lock.json ] && command -v npm >/dev/null 2>&1; then
  npm ci --silent --no-audit --no-fund --prefix queries/lint >/dev/null
fi
