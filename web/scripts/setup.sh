#!/usr/bin/env bash
# Idempotent setup for the web app and its browser tests:
#  - Debian's Chromium at /usr/bin/chromium for the browser tests (skipped
#    when present, or with --no-browser);
#  - npm ci of web/ (skipped when node_modules matches package-lock.json).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
browser=1
[ "${1:-}" = "--no-browser" ] && browser=0

if [ "$browser" = 1 ] && [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "setup.sh: /usr/bin/chromium missing; run as root or: apt-get install -y chromium" >&2
    exit 1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi

stamp="$here/node_modules/.flt-lock-stamp"
if [ ! -f "$stamp" ] || ! cmp -s "$here/package-lock.json" "$stamp"; then
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
  cp "$here/package-lock.json" "$stamp"
fi
