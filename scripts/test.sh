#!/usr/bin/env bash
# Set up (Python environment and Chromium) and run the whole test suite: lint, unit tests and
# end-to-end tests of the real app in headless Chromium with the internet cut off.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test
.venv/bin/ruff check .
.venv/bin/ruff format --check .
exec .venv/bin/pytest "$@"
