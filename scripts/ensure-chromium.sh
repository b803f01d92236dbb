#!/usr/bin/env bash
# Browser tests need a Chromium. Test tools cannot download their own here, so we use Debian's package.
set -euo pipefail
chrome="${CHROME_PATH:-/usr/bin/chromium}"
if [ -x "$chrome" ]; then exit 0; fi
if [ -n "${CHROME_PATH:-}" ]; then
  echo "CHROME_PATH=$CHROME_PATH is not an executable file." >&2
  exit 1
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Chromium is missing: installing Debian's chromium package (about a minute)..." >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y chromium >/dev/null 2>&1 \
    || { apt-get update >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium >/dev/null; }
  exit 0
fi
cat >&2 <<MSG
No Chromium found at /usr/bin/chromium, and this user cannot install it.
Install Chromium or Chrome, then point the tests at it, for example:
  CHROME_PATH=/path/to/chrome npm test
MSG
exit 1
