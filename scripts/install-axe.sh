#!/usr/bin/env bash
# axe-core (Deque's accessibility engine) for the workspace browser tests
# (tests/web/test_workspace_browser.py inject node_modules/axe-core/axe.min.js into each page),
# installed from the project's own package-lock.json with `npm ci` into tests/web/axe — never
# globally.
#
# Idempotent and never fails the build: the accessibility checks skip themselves when the file
# is missing, so a machine without npm still runs everything else.
#   - node_modules newer than package-lock.json  -> nothing to do
#   - npm available                               -> npm ci
#   - otherwise                                   -> say the accessibility checks will be skipped
set -u

dir="$(cd "$(dirname "$0")/../tests/web/axe" && pwd)"
skip_note="the accessibility checks (axe-core) will be skipped"
stamp="${dir}/node_modules/.peoplelens-installed"

if [ -f "$stamp" ] && [ "$stamp" -nt "${dir}/package-lock.json" ]; then
  exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
  echo "install-axe: no npm: ${skip_note}"
  exit 0
fi
echo "install-axe: npm ci in tests/web/axe"
if ! (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null); then
  echo "install-axe: npm ci failed: ${skip_note}"
  exit 0
fi
touch "$stamp"
exit 0
