#!/usr/bin/env bash
# The one entry point of the local runtime. On a fresh clone it installs what it needs first.
#   deploy/hub.sh demo [--empty]   start Kafka, PostgreSQL and the hub; feed a demo population (--empty: no feed)
#   deploy/hub.sh test             run the whole test suite against a real broker and database
#   deploy/hub.sh bench:intake     intake throughput benchmark
#   deploy/hub.sh migrate          run database migrations against DATABASE_URL
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"

command -v node >/dev/null || { echo "Node.js 20+ is needed" >&2; exit 1; }
# npm ci only when the lock file changed since the last install: a fresh clone installs, a rerun does not.
stamp="node_modules/.assist-hub-lock"
if [ ! -f "$stamp" ] || ! cmp -s package-lock.json "$stamp"; then
  echo "[hub] installing dependencies (npm ci)..." >&2
  npm ci --no-audit --no-fund --loglevel=error >&2
  cp package-lock.json "$stamp"
fi
export TS_NODE_TRANSPILE_ONLY=true
exec node -r ts-node/register -r tsconfig-paths/register deploy/runtime/hub.ts "$@"
