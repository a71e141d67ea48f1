#!/usr/bin/env bash
# A real history with a planted slowdown, in instruction counts: a throwaway worktree and branch
# with 12 commits, the 7th adding one HMAC-SHA256 to every verify of the proof's jsonwebtoken
# engine (scripts/proof-engines/jsonwebtoken.mjs); one `micro --measure instructions` run per
# commit (the node floor and that engine, HS256 and RS256 verify), each added to a history store,
# then `history changes` and `history report`. Needs valgrind; takes 10-40 minutes.
# Usage: scripts/prove-real-history.sh [work dir, default /tmp/jwtbench-real-history]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
WORK="${1:-/tmp/jwtbench-real-history}"
BRANCH="jwtbench-history-demo-$(date -u +%Y%m%d%H%M%S)"
git -C "$ROOT" worktree add -q -b "$BRANCH" "$WORK/tree" HEAD
cleanup() { git -C "$ROOT" worktree remove --force "$WORK/tree" >/dev/null 2>&1 || true; }
trap cleanup EXIT
cd "$WORK/tree"
ln -s "$ROOT/node_modules" node_modules
npx tsc -p . >/dev/null
mkdir -p "$WORK/runs" "$WORK/keys"
for k in $(seq 1 12); do
  if [ "$k" -eq 7 ]; then
    sed -i "s/^import { createPrivateKey, createPublicKey, createSecretKey } from 'node:crypto';/import { createHmac, createPrivateKey, createPublicKey, createSecretKey } from 'node:crypto';/; s/^    verify: (token) => jwt.verify(token, verifyKey, options),/    verify: (token) => { createHmac('sha256', 'not a secret').update(token).digest(); return jwt.verify(token, verifyKey, options); },/" scripts/proof-engines/jsonwebtoken.mjs
    grep -q createHmac scripts/proof-engines/jsonwebtoken.mjs
    git commit -qam "history demo $k: one extra HMAC-SHA256 in every verify of the proof engine (the planted slowdown)"
  else
    echo "run $k" > history-demo.txt && git add history-demo.txt && git commit -qm "history demo $k: no change to any measured code"
  fi
  node dist/scripts/cli.js micro --preset ci --measure instructions --keys "$WORK/keys" --engines node --algs HS256,RS256 --ops verify \
    --engine-module scripts/proof-engines/jsonwebtoken.mjs --no-cycles --out "$WORK/runs/run-$k" > "$WORK/runs/run-$k.log" 2>&1
  node dist/scripts/cli.js history add "$WORK/runs/run-$k" --history "$WORK/store" --branch "$BRANCH" > /dev/null
  echo "$(date -u +%T) run $k at $(git rev-parse --short HEAD)"
done
node dist/scripts/cli.js history changes --history "$WORK/store" || true
node dist/scripts/cli.js history report --history "$WORK/store" --out "$WORK/history.html"
