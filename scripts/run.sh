#!/usr/bin/env bash
# Set up (if needed) and start the app on the bundled data: http://localhost:8501
# Extra arguments go to `streamlit run`, e.g. scripts/run.sh --server.port 8600
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/streamlit run app.py "$@"
