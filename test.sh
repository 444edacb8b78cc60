#!/usr/bin/env bash
# Installs what is missing (PostgreSQL too), builds, starts a throwaway PostgreSQL server on a
# temporary directory and a free port, runs the whole CTest suite, and stops the server.
# Extra arguments go to ctest (e.g. ./test.sh -L unit, ./test.sh -R Product).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/scripts/common.sh"
pt_install_packages "${PT_BUILD_PACKAGES[@]}" "${PT_TEST_PACKAGES[@]}"
pt_build
# Everything the build found must come from the packages above (fails naming the one to add).
"$PT_ROOT/scripts/check-packages.sh" "$PT_BUILD"

source "$PT_ROOT/scripts/postgres.sh"
pt_start_postgres
trap pt_stop_postgres EXIT
export POD_TEST_PG_URL="postgres://postgres:podtrends@127.0.0.1:${PT_PG_PORT}/postgres"
pt_log "PostgreSQL test server on port $PT_PG_PORT"

cd "$PT_BUILD"
ctest --output-on-failure --parallel "$(nproc)" "$@"
