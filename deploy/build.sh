#!/usr/bin/env bash
# npm run build: every service (and hub-ops) compiled to dist/, with the files they read at run time beside
# them at the same relative places, so `npm ci --omit=dev && node dist/apps/<service>/src/main.js` runs
# without ts-node. The image (deploy/container/Containerfile) runs this in its build stage.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
rm -rf dist
started=$(date +%s)
node node_modules/typescript/bin/tsc -p tsconfig.build.json
# @hub/* imports become relative requires: dist/ needs no tsconfig-paths.
node node_modules/tsc-alias/dist/bin/index.js -p tsconfig.build.json
# Read through __dirname at run time: the console, the contract's .proto files, the rule pack, the calendar, the region table.
for asset in apps/admin/console proto libs/rules/rules libs/rules/calendar libs/rules/regions libs/rules/standards; do
  mkdir -p "dist/$(dirname "$asset")"
  cp -R "$asset" "dist/$asset"
done
echo "[build] dist/ in $(( $(date +%s) - started )) s: $(find dist -name '*.js' | wc -l) modules; start a service with node dist/apps/<intake|matcher|detector|admin>/src/main.js, operations with node dist/apps/ops/src/main.js" >&2
