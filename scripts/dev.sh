#!/usr/bin/env bash
# Run the app for development: files are watched and the page reruns when one is saved.
# (scripts/run.sh and scripts/serve.sh turn watching off: it costs every visitor.)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/streamlit run app.py --server.fileWatcherType auto --server.runOnSave true "$@"
