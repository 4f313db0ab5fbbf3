#!/usr/bin/env bash
# CI: `npm run reconcile` on a throwaway database that has just been migrated and seeded with the demo
# data (4 players, 7 challenges, 6 badges), with a Redis key prefix of its own. It checks that the
# command runs end to end in this environment (the gateway it starts, the worker's drivers in Node)
# and that the demo data is consistent: totals = ledger, levels on the curve, boards = SQL standings,
# no qualifying badge missing. The database is dropped afterwards, whatever happens.
set -euo pipefail
cd "$(dirname "$0")/.."

name="$(node -e 'console.log(`skillquest_ci_${Date.now().toString(36)}_${require("node:crypto").randomBytes(3).toString("hex")}`)')"
host="${PGHOST:-127.0.0.1}"
port="${PGPORT:-5432}"
export DATABASE_URL="postgresql://postgres@${host}:${port}/${name}"
trap 'psql "postgresql://postgres@${host}:${port}/postgres" -qc "drop database if exists \"${name}\" with (force)" >/dev/null' EXIT

npm run -s db:migrate
PASSWORD_HASH_PARAMS=1024,1,1 npm run -s db:seed
REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379/12}" REDIS_KEY_PREFIX="sqci:${name}" npm run -s reconcile
