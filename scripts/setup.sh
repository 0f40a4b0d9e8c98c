#!/usr/bin/env bash
# Set up Marittimo Map on a fresh machine (Python 3.11+ with venv and pip).
#   scripts/setup.sh          Python environment in .venv, exactly as uv.lock pins it
#   scripts/setup.sh --test   the same, plus Debian's Chromium for the browser tests
# uv lives in its own small venv (.tools) so it never depends on, or touches, the system Python.
set -euo pipefail
cd "$(dirname "$0")/.."

UV_VERSION=0.13.9
PYTHON=${PYTHON:-python3}

if [ ! -x .tools/bin/uv ] || ! .tools/bin/uv --version | grep -q "$UV_VERSION"; then
  "$PYTHON" -m venv .tools
  .tools/bin/python -m pip install --quiet --disable-pip-version-check "uv==$UV_VERSION"
fi
.tools/bin/uv sync --frozen --python "$PYTHON"
# npm packages the page needs (Supercluster), fetched from the npm registry and checked
# against their pinned integrity hash; no Node.js needed.
.venv/bin/python -m geo assets

if [ "${1:-}" = "--test" ] && [ ! -x /usr/bin/chromium ]; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq \
    chromium fonts-dejavu-core >/dev/null
fi
