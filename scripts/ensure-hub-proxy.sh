#!/usr/bin/env bash
# Make sure configurable-http-proxy (JupyterHub's proxy, from the npm registry) is there for the hub
# tests (tests/hub, pytest -m hub).
#
# Installed once into .hub-proxy/ in the course folder, at the version pinned below, and used from
# there offline afterwards. Without node and npm, say that the hub tests will be skipped and carry on
# (exit 0): pytest's summary lists them as skipped, with the reason.
set -u
VERSION=5.3.0
HERE="$(cd "$(dirname "$0")/.." && pwd)"
PREFIX="$HERE/.hub-proxy"
BIN="$PREFIX/node_modules/.bin/configurable-http-proxy"

if [ -x "$BIN" ] && [ "$(cat "$PREFIX/version" 2>/dev/null)" = "$VERSION" ]; then
    exit 0
fi
if ! command -v npm >/dev/null 2>&1 && [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "ensure-hub-proxy: npm not found; installing Debian's nodejs and npm with apt-get" >&2
    DEBIAN_FRONTEND=noninteractive apt-get update -q \
        && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends nodejs npm
fi
if command -v npm >/dev/null 2>&1; then
    mkdir -p "$PREFIX"
    if npm install --silent --no-audit --no-fund --prefix "$PREFIX" "configurable-http-proxy@$VERSION" >&2 \
        && [ -x "$BIN" ]; then
        echo "$VERSION" > "$PREFIX/version"
        exit 0
    fi
    echo "ensure-hub-proxy: npm could not install configurable-http-proxy@$VERSION." >&2
fi
cat >&2 <<'MSG'
******************************************************************************
WARNING: configurable-http-proxy is not installed, so the class hub tests
(tests/hub, marker `hub`) will be SKIPPED: pytest's summary lists them with
the reason. To run them, install node and npm (e.g. sudo apt-get install -y
nodejs npm) and run `make test` again.
******************************************************************************
MSG
exit 0
