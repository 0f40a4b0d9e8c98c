#!/usr/bin/env bash
# Set up Marittimo Map on a fresh machine (Python 3.11+ with venv and pip).
#   scripts/setup.sh          Python environment in .venv, exactly as uv.lock pins it
#   scripts/setup.sh --test   the same, plus Debian's Chromium and nginx for the tests
#   scripts/setup.sh --serve  the same, plus Debian's nginx (scripts/serve.sh)
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

# Debian packages: Chromium for the browser tests, nginx for the tests and for serving
# replicas (scripts/serve.sh). Installed only when missing.
PACKAGES=()
case "${1:-}" in
  --test)
    [ -x /usr/bin/chromium ] || PACKAGES+=(chromium fonts-dejavu-core)
    command -v nginx >/dev/null || PACKAGES+=(nginx-light)
    ;;
  --serve)
    command -v nginx >/dev/null || PACKAGES+=(nginx-light)
    ;;
esac
if [ ${#PACKAGES[@]} -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${PACKAGES[@]}" >/dev/null
fi
