#!/usr/bin/env bash
# Debian's Chromium for the browser tests (tests/web/test_browser.py drive it with Playwright;
# Playwright's own browser download is not used, so no network beyond Debian's archive).
#
# Idempotent and never fails the build: the browser tests skip themselves when there is no
# browser, so a machine where this cannot install one still runs everything else.
#   - /usr/bin/chromium (or $PEOPLELENS_CHROMIUM) exists  -> nothing to do
#   - root with apt-get                                   -> apt-get install chromium
#   - otherwise                                           -> say the browser tests will be skipped
set -u

chromium="${PEOPLELENS_CHROMIUM:-/usr/bin/chromium}"
skip_note="browser tests will be skipped (they look for ${chromium})"

if [ -x "$chromium" ]; then
  exit 0
fi
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "install-chromium: no ${chromium} and not root with apt-get: ${skip_note}"
  exit 0
fi
echo "install-chromium: installing Debian's chromium for the browser tests"
if ! apt-get update -qq; then
  echo "install-chromium: apt-get update failed: ${skip_note}"
  exit 0
fi
if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; then
  echo "install-chromium: apt-get install chromium failed: ${skip_note}"
  exit 0
fi
if [ ! -x "$chromium" ]; then
  echo "install-chromium: chromium installed but ${chromium} is missing: ${skip_note}"
fi
exit 0
