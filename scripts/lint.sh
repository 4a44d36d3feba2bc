#!/usr/bin/env bash
# Static checks: ruff on the source tree, then mypy and the import-layer contracts on the package as pip installs
# it. The design's folders (ingest/, graph/, api/, queries/, viz/) become policykg.* only through the package-dir
# mapping, which neither mypy nor import-linter can follow in an editable install: they read a staged copy in
# build/lint, so their messages name build/lint/policykg/ingest/x.py for ingest/x.py.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
echo "== ruff"
.venv/bin/ruff check .
stage=build/lint
rm -rf "$stage" build/lib  # a stale build/lib would put deleted modules in the staged copy
"$PY" -m pip install --quiet --no-deps --no-build-isolation --target "$stage" . 2>/dev/null \
  || "$PY" -m pip install --no-deps --no-build-isolation --target "$stage" .  # again, to show why
# both tools also look in the working directory, where ./policykg lacks the mapped folders: run them in the stage
cd "$stage"
echo "== mypy"
../../.venv/bin/mypy --config-file ../../pyproject.toml -p policykg
echo "== import contracts"
../../.venv/bin/lint-imports --no-cache --config ../../pyproject.toml
