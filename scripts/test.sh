#!/usr/bin/env bash
# The test command: set up (idempotent), the static checks (ruff, mypy, import contracts), then the whole suite.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/lint.sh
exec .venv/bin/python -m pytest "$@"
