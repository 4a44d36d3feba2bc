#!/usr/bin/env bash
# The main job on a fresh clone: set up, then ingest the bundled sample corpus and print a summary.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
exec .venv/bin/policykg ingest "$@"
