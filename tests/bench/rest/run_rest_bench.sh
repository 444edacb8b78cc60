#!/usr/bin/env bash
# REST API throughput: GET /api/v1/trends?limit=100 with 1,000,000 products in PostgreSQL, by wrk.
# Usage: tests/bench/rest/run_rest_bench.sh [BUILD_DIR]   (env: PRODUCTS, TRENDS, DURATION, CONNECTIONS="8 16 32")
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../../.." && pwd)"
BUILD="${1:-$ROOT/build}"
PRODUCTS="${PRODUCTS:-1000000}"
TRENDS="${TRENDS:-2000}"
DURATION="${DURATION:-20s}"
CONNECTIONS="${CONNECTIONS:-8 16 32}"
command -v wrk >/dev/null || { echo "wrk is needed (apt install wrk)" >&2; exit 1; }
source "$ROOT/scripts/common.sh"
source "$ROOT/scripts/postgres.sh"
pt_start_postgres
SERVER_PID=""
cleanup() { [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null; wait 2>/dev/null; pt_stop_postgres; }
trap cleanup EXIT
URL="postgres://postgres:podtrends@127.0.0.1:$PT_PG_PORT/postgres"
echo "== seeding $PRODUCTS products and $TRENDS trends"
KEY="$("$BUILD/bin/bench_rest_seed" "$URL" "$PRODUCTS" "$TRENDS" 2> >(grep -v "applied migration" >&2))"
PORT=$(( 30000 + RANDOM % 20000 ))
"$BUILD/bin/podtrends" --db "$URL" serve --port "$PORT" --rate-limit 0 >/dev/null &
SERVER_PID=$!
for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$PORT/api/v1/health" >/dev/null && break; sleep 0.2; done
BASE="http://127.0.0.1:$PORT/api/v1"
echo "== products in the database: $(curl -s -H "Authorization: Bearer $KEY" "$BASE/products?limit=1&skip=999999" | head -c 120)…"
echo "== GET /api/v1/trends?limit=100 (body $(curl -s -H "Authorization: Bearer $KEY" "$BASE/trends?limit=100" | wc -c) bytes)"
for c in $CONNECTIONS; do
    echo "-- $c connections"
    wrk -t2 -c"$c" -d"$DURATION" --latency -H "Authorization: Bearer $KEY" "$BASE/trends?limit=100"
done
echo "== GET /api/v1/products?limit=100&skip=<random 0..100000>&marketplace=etsy (every request a fresh query)"
LUA="$(mktemp)"
cat > "$LUA" <<'LUAEOF'
math.randomseed(os.time())
request = function()
  return wrk.format("GET", "/api/v1/products?limit=100&marketplace=etsy&skip=" .. math.random(0, 100000))
end
LUAEOF
wrk -t2 -c4 -d"$DURATION" --latency -s "$LUA" -H "Authorization: Bearer $KEY" "$BASE"
rm -f "$LUA"
