#!/usr/bin/env bash
# The test command: set up (idempotent), the static checks (ruff, mypy, import contracts), then the whole suite.
# The suite includes the compiled build's check (tests/test_compiled_build.py): scripts/build-compiled.sh builds it
# when the sources changed (a minute or two); POLICYKG_SKIP_COMPILED=1 skips the build and so those tests.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/lint.sh
if [ "${POLICYKG_SKIP_COMPILED:-}" != 1 ]; then
  scripts/build-compiled.sh
  export POLICYKG_COMPILED_PYTHON="$PWD/.venv-compiled/bin/python"
fi
exec .venv/bin/python -m pytest "$@"
