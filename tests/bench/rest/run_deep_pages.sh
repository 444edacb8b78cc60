#!/usr/bin/env bash
# Deep pages of GET /api/v1/products on 1,000,000 products (issue 16, defect 3): the time of each
# request (curl's time_total, one request at a time, fresh cache keys) and the server's resident
# memory afterwards, for `skip=` and for the `after=` cursor at several depths.
# Usage: tests/bench/rest/run_deep_pages.sh [BUILD_DIR] [sqlite|postgres]
#   env: PRODUCTS (1000000), PROGRAM (the podtrends binary to serve with, default BUILD_DIR/bin/podtrends;
#        point it at an older build to measure the baseline), DEEP_DB (sqlite only: keep the seeded
#        file there and reuse it when it exists, so both builds read the same database)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../../.." && pwd)"
BUILD="${1:-$ROOT/build}"
ENGINE="${2:-sqlite}"
PRODUCTS="${PRODUCTS:-1000000}"
PROGRAM="${PROGRAM:-$BUILD/bin/podtrends}"
WORK="$(mktemp -d)"
SERVER_PID=""
cleanup() {
    [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null
    wait 2>/dev/null || true
    [ "$ENGINE" = postgres ] && pt_stop_postgres
    rm -rf "$WORK"
}
trap cleanup EXIT
if [ "$ENGINE" = postgres ]; then
    source "$ROOT/scripts/common.sh"
    source "$ROOT/scripts/postgres.sh"
    pt_start_postgres
    DB="postgres://postgres:podtrends@127.0.0.1:$PT_PG_PORT/postgres"
else
    DB="${DEEP_DB:-$WORK/deep.sqlite}"
fi
if [ "$ENGINE" = sqlite ] && [ -f "$DB" ]; then
    echo "== $ENGINE: reusing $DB"
    KEY="$("$PROGRAM" --db "$DB" serve --create-key bench 2>/dev/null | tail -n 1)"
else
    echo "== $ENGINE: seeding $PRODUCTS products"
    KEY="$("$BUILD/bin/bench_rest_seed" "$DB" "$PRODUCTS" 200 2> >(grep -v "applied migration" >&2))"
fi
PORT=$(( 30000 + RANDOM % 20000 ))
"$PROGRAM" --db "$DB" serve --port "$PORT" --rate-limit 0 >/dev/null 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$PORT/api/v1/health" >/dev/null && break; sleep 0.2; done
BASE="http://127.0.0.1:$PORT/api/v1/products"
rss() { awk '/VmRSS|VmHWM/ {printf "%s %d MB  ", $1, $2/1024}' "/proc/$SERVER_PID/status"; echo; }
# The id at a depth of the marketplace's listing (ids of one marketplace are every third id).
time_one() { curl -s -o /dev/null -w '%{http_code} %{time_total}\n' -H "Authorization: Bearer $KEY" "$1"; }
REPEAT="${REPEAT:-5}"
# Each request REPEAT times (a fresh cache key each time): the status, the median and the slowest.
time_req() {
    local i out=()
    for i in $(seq 1 "$REPEAT"); do out+=("$(time_one "$1&nocache=$RANDOM$RANDOM$i")"); done
    printf '%s\n' "${out[@]}" | sort -k2 -g | awk -v n="$REPEAT" '{c[NR]=$1; t[NR]=$2} END {printf "%s %.3f %.3f\n", c[1], t[int((n+1)/2)], t[n]}'
}
echo "server after start: $(rss)"
printf '%-58s %6s %8s %8s\n' "request" "status" "median" "slowest"
for depth in ${DEPTHS:-0 1000 9900 100000 199001 333000}; do
    for filter in "" "&marketplace=shopify"; do
        # `skip`, then the cursor that lands on the same page (ids are dense: a marketplace holds every third).
        step=1; [ -n "$filter" ] && step=3
        after=$(( depth * step ))
        for q in "limit=100${filter}&skip=${depth}" "limit=100${filter}&after=${after}"; do
            read -r code median slowest < <(time_req "$BASE?$q")
            printf '%-58s %6s %8s %8s\n' "$q" "$code" "$median" "$slowest"
        done
    done
done
echo "server after the requests: $(rss)"
