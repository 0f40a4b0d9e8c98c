#!/usr/bin/env bash
# Set up (Python environment and nginx) and serve the app for a crowd: N replicas behind
# nginx with sticky sessions. Options go to scripts/serve.py, e.g.
#   bash scripts/serve.sh --replicas 2 --address 0.0.0.0 --port 8080
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --serve
exec .venv/bin/python scripts/serve.py "$@"
