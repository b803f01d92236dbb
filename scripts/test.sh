#!/usr/bin/env bash
# The one test command: static checks, then unit/server/component tests, then end-to-end in Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
step() { printf '\n=== %s ===\n' "$1"; }

step "browser"; bash scripts/ensure-chromium.sh
# Two commands, not `a && b`: set -e does not stop at a failure on the left of &&.
step "lint"; npx eslint .
npx prettier --check . >/dev/null
step "types"; npm run typecheck --silent
step "contract: OpenAPI and SDK types are up to date"; npx tsx scripts/check-contract.ts
step "build"; npm run build --silent
# The weight targets of issue #13 are not met yet (docs/widget-files.md): the step prints every file and warns,
# and fails the run only with STRICT_SIZE=1, which becomes the default once both targets are met.
step "size: the widget files against the weight targets of issue #13"
size=ok
npx tsx tests/bench/size.ts || size=missed
if [ "$size" != ok ] && [ "${STRICT_SIZE:-0}" != 1 ]; then
  printf 'warning: a weight target of issue #13 is missed (see above).\n' >&2
  size=ok
fi
step "server"; npm test -w server
step "sdk"; npm test -w sdk
step "sdk package: npm pack, installed outside the workspace, against the stack"
node --import tsx --test tests/package/*.test.ts
step "components"; npm test -w components
step "end-to-end"; node --import tsx --test --test-concurrency=1 tests/e2e/*.test.ts
if [ "$size" != ok ]; then
  printf '\nEvery test passed, but the widget files miss a weight target of issue #13 (see the size step).\n' >&2
  exit 1
fi
printf '\nAll tests passed.\n'
