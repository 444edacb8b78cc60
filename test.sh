#!/usr/bin/env bash
# Installs what is missing (PostgreSQL too), builds, starts a throwaway PostgreSQL server on a
# temporary directory and a free port, runs the whole CTest suite, and stops the server.
# Extra arguments go to ctest (e.g. ./test.sh -L unit, ./test.sh -R Product).
# ./test.sh --asan builds into build-asan with AddressSanitizer and UndefinedBehaviorSanitizer
# (the asan preset) and runs the suite there: any memory error, leak-free exit aside, or undefined
# behaviour ends the test that hit it with the report.
set -euo pipefail
if [ "${1:-}" = "--asan" ]; then
    shift
    export PT_SANITIZE=1
    # Qt and the system libraries are not built with the sanitizers; their exit-time allocations
    # would be reported as leaks, so leaks are not checked (memory errors and UB are).
    export ASAN_OPTIONS="detect_leaks=0:abort_on_error=1:strict_string_checks=1:detect_stack_use_after_return=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
    export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"
fi
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
if [ "${PT_SANITIZE:-}" = "1" ]; then
    # The package test builds and installs the release package: not a sanitizer build's job.
    ctest --output-on-failure --parallel "$(nproc)" -LE package "$@"
else
    ctest --output-on-failure --parallel "$(nproc)" "$@"
fi
