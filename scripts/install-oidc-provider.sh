#!/usr/bin/env bash
# The OpenID provider the SSO tests start (tests/oidc/provider: panva's oidc-provider), installed
# from the project's own package-lock.json with `npm ci` into that folder — never globally.
#
# Idempotent and never fails the build: the SSO flow tests skip themselves when node or the
# package is missing, so a machine without npm still runs everything else.
#   - node_modules newer than package-lock.json  -> nothing to do
#   - npm available                               -> npm ci
#   - otherwise                                   -> say the SSO flow tests will be skipped
set -u

dir="$(cd "$(dirname "$0")/../tests/oidc/provider" && pwd)"
skip_note="the SSO flow tests (tests/sso) will be skipped"
stamp="${dir}/node_modules/.peoplelens-installed"

if [ -f "$stamp" ] && [ "$stamp" -nt "${dir}/package-lock.json" ]; then
  exit 0
fi
if ! command -v npm >/dev/null 2>&1 || ! command -v node >/dev/null 2>&1; then
  echo "install-oidc-provider: no node/npm: ${skip_note}"
  exit 0
fi
echo "install-oidc-provider: npm ci in tests/oidc/provider"
if ! (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null); then
  echo "install-oidc-provider: npm ci failed: ${skip_note}"
  exit 0
fi
touch "$stamp"
exit 0
