#!/usr/bin/env bash
# Make sure Debian's `chromium` is there for the browser tests (tests/browser, pytest -m browser).
#
# The browser tests drive the system Chromium with Playwright (never `playwright install`, which
# downloads a browser build). If chromium is missing and we are root with apt-get, install it;
# otherwise say loudly that the browser tests will be skipped, and carry on (exit 0): the suite
# then reports them as skipped, with the reason, in pytest's summary.
set -u

if command -v chromium >/dev/null 2>&1; then
    exit 0
fi

if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "ensure-chromium: chromium not found; installing Debian's chromium package with apt-get" >&2
    if DEBIAN_FRONTEND=noninteractive apt-get update -q \
        && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends chromium; then
        if command -v chromium >/dev/null 2>&1; then
            exit 0
        fi
    fi
    echo "ensure-chromium: apt-get could not install chromium." >&2
fi

cat >&2 <<'MSG'
******************************************************************************
WARNING: `chromium` is not installed, so the browser tests (tests/browser,
marker `browser`) will be SKIPPED: pytest's summary lists them with the reason.
To run them, install Debian's chromium, e.g.:
    sudo apt-get update && sudo apt-get install -y chromium
******************************************************************************
MSG
exit 0
