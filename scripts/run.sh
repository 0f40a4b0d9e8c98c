#!/usr/bin/env bash
# Set up (if needed) and start the app on the bundled data: http://localhost:8501
# Extra arguments go to `streamlit run`, e.g. scripts/run.sh --server.port 8600
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# The data is loaded before the first visitor: one protocol session once the app answers.
.venv/bin/python scripts/protocol.py "$@" &
exec .venv/bin/streamlit run app.py "$@"
