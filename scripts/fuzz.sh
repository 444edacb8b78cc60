#!/usr/bin/env bash
# Builds the libFuzzer targets (tests/fuzz) with clang-14, ASan and UBSan into build-fuzz/ and
# runs each one: first once over its seeds (tests/fuzz/corpus/<target>, plus the large real
# samples in ../shared/real-samples when that folder is there), then fuzzing for N seconds or
# up to FUZZ_RUNS executions, whichever comes first. Prints executions, exec/s and crashes per
# target; exits non-zero when any target found a crash. New corpus entries go to
# build-fuzz/fuzz-corpus/<target>, crashes to build-fuzz/fuzz-artifacts/<target>/.
#
#   scripts/fuzz.sh [seconds-per-target]          (default 60)
#   FUZZ_RUNS=1000000   the execution cap per target
#   FUZZ_JOBS=1         targets fuzzed at once (2 at most on a shared 2-core machine; nice -n 10)
#   FUZZ_TARGETS="db_url request_head"   a subset (names without the fuzz_ prefix)
#   PODTRENDS_REAL_SAMPLES=/path          where the real samples are (default ../shared/real-samples
#                                         or ../../shared/real-samples; skipped when absent)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
seconds="${1:-60}"
runs="${FUZZ_RUNS:-1000000}"
jobs="${FUZZ_JOBS:-1}"
build="$PT_ROOT/build-fuzz"
samples="${PODTRENDS_REAL_SAMPLES:-}"
if [ -z "$samples" ]; then
    # /work/main/../shared, or from a clone one level deeper (/work/wt/<name>/../../shared).
    for candidate in "$PT_ROOT/../shared/real-samples" "$PT_ROOT/../../shared/real-samples"; do
        [ -d "$candidate" ] && samples="$candidate" && break
    done
fi
all=(shopify_products etsy_json amazon_search amazon_product csv_import saved_page_import
     shopify_graphql printful db_url request_head query_string)
read -r -a targets <<< "${FUZZ_TARGETS:-${all[*]}}"

pt_install_packages "${PT_BUILD_PACKAGES[@]}" "${PT_FUZZ_PACKAGES[@]}"
cd "$PT_ROOT"
if [ ! -f "$build/build.ninja" ]; then
    pt_log "Configuring the fuzz preset into build-fuzz/"
    cmake --preset fuzz >/dev/null
fi
pt_log "Building ${#targets[@]} fuzz targets"
cmake --build "$build" --parallel "$(nproc)" --target "${targets[@]/#/fuzz_}"

# Per target: the dictionary, the largest input to mutate, and the real samples it reads.
dict_of() {
    case "$1" in
        amazon_*|saved_page_import) echo tests/fuzz/dict/html.dict ;;
        db_url|request_head|query_string) echo tests/fuzz/dict/http.dict ;;
        *) echo tests/fuzz/dict/json.dict ;;
    esac
}
max_len_of() {
    case "$1" in
        amazon_*|saved_page_import|shopify_products) echo 131072 ;;
        db_url|request_head|query_string) echo 4096 ;;
        *) echo 32768 ;;
    esac
}
samples_of() {
    [ -d "$samples" ] || return 0
    case "$1" in
        amazon_*|saved_page_import) echo "$samples/amazon" ;;
        shopify_products) echo "$samples/shopify" ;;
        printful) ;; # these need the status byte first: prepared by prepare_printful_samples
    esac
}

# Printful answers are fed with a leading status byte (0 = HTTP 200).
prepare_printful_samples() {
    local out="$build/fuzz-samples/printful"
    mkdir -p "$out"
    [ -d "$samples/printful" ] || return 0
    local f
    for f in "$samples"/printful/*.json; do
        { printf '\0'; cat "$f"; } > "$out/$(basename "$f")"
    done
}

symbolizer="$(command -v llvm-symbolizer-14 || command -v llvm-symbolizer || true)"
# Leaks are not looked for (Qt keeps caches for the life of the process); a smaller quarantine
# and shorter allocation stacks make ASan's allocator cheaper without weakening the checks.
export ASAN_OPTIONS="detect_leaks=0:abort_on_error=1:symbolize=1:quarantine_size_mb=16:malloc_context_size=8${symbolizer:+:external_symbolizer_path=$symbolizer}"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
export QT_QPA_PLATFORM=offscreen QT_LOGGING_RULES="*.debug=false;*.warning=false"

run_one() {
    local t="$1" bin="$build/bin/fuzz_$1" log="$build/fuzz-logs/$1.log"
    local work="$build/fuzz-corpus/$t" artifacts="$build/fuzz-artifacts/$t/"
    mkdir -p "$work" "$artifacts" "$(dirname "$log")"
    local seeds=("$PT_ROOT/tests/fuzz/corpus/$t")
    local extra
    extra="$(samples_of "$t")"
    [ -n "$extra" ] && seeds+=("$extra")
    [ "$t" = printful ] && seeds+=("$build/fuzz-samples/printful")
    # Inputs that once crashed a parser (replayed by the ctest fuzz_corpus_<target> too).
    [ -d "$PT_ROOT/tests/fuzz/regressions/$t" ] && seeds+=("$PT_ROOT/tests/fuzz/regressions/$t")
    {
        echo "== $t: the seeds, once"
        # Every seed file as it is (no length cap, no mutation): the real samples run whole. The
        # 2.1 MB product page takes 20-30 s under ASan on a loaded 2-core machine, hence the timeout.
        find "${seeds[@]}" -type f -print0 | xargs -0 -r nice -n 10 "$bin" -runs=1 -timeout=300 2>&1 || true
        echo "== $t: fuzzing for ${seconds}s or $runs runs"
        local start=$SECONDS
        nice -n 10 "$bin" "$work" "${seeds[@]}" -dict="$PT_ROOT/$(dict_of "$t")" \
            -max_len="$(max_len_of "$t")" -max_total_time="$seconds" -runs="$runs" -timeout=25 -rss_limit_mb=4096 -detect_leaks=0 \
            -artifact_prefix="$artifacts" -print_final_stats=1 2>&1 || true
        echo "== $t: wall $((SECONDS - start))s"
    } > "$log"
}

prepare_printful_samples
pt_log "Fuzzing ${#targets[@]} targets, ${seconds}s or $runs runs each, $jobs at a time (logs in build-fuzz/fuzz-logs/)"
running=0
for t in "${targets[@]}"; do
    run_one "$t" &
    running=$((running + 1))
    if [ "$running" -ge "$jobs" ]; then
        wait -n || true
        running=$((running - 1))
    fi
done
wait

status=0
printf '%-20s %12s %9s %8s %8s\n' target executions exec/s seconds crashes
for t in "${targets[@]}"; do
    log="$build/fuzz-logs/$t.log"
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
    wall=$(sed -n "s/^== $t: wall \([0-9]*\)s/\1/p" "$log")
    # crash-, timeout-, oom- and leak- files are findings; slow-unit- files (over 10 s) are not.
    crashes=$(find "$build/fuzz-artifacts/$t" -type f ! -name 'slow-unit-*' | wc -l)
    printf '%-20s %12s %9s %8s %8s\n' "$t" "${execs:-?}" "${rate:-?}" "${wall:-?}" "$crashes"
    if [ "$crashes" -gt 0 ] || grep -q 'ERROR: libFuzzer: deadly signal\|ERROR: AddressSanitizer\|runtime error\|fuzz check failed' "$log"; then
        status=1
        echo "  crash inputs: $(find "$build/fuzz-artifacts/$t" -type f ! -name 'slow-unit-*' | tr '\n' ' ')" >&2
    fi
done
exit "$status"
