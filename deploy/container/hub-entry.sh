#!/bin/sh
# The image's entry point: the first argument names the service; the rest go to it.
set -eu
service="${1:-}"
[ $# -gt 0 ] && shift
case "$service" in
  intake|matcher|detector|admin)
    # A larger young generation halves intake's garbage-collection time (as deploy/runtime runs it).
    exec node --max-semi-space-size=64 "/app/dist/apps/$service/src/main.js" "$@" ;;
  ops)
    exec node /app/dist/apps/ops/src/main.js "$@" ;;
  *)
    echo "usage: hub-entry intake|matcher|detector|admin | ops <migrate|kafka:provision [--acls]|kafka:acls|data:reseal|keys:new>" >&2
    exit 2 ;;
esac
