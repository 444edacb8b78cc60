# Shared by run.sh and test.sh: install what is missing, then configure and build.
# Sourced, not run. Works on Debian 12 and Ubuntu 24.04 with nothing beyond git installed.

PT_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# PT_SANITIZE=1 (./test.sh --asan): an AddressSanitizer + UndefinedBehaviorSanitizer build in
# build-asan. Debug, so Qt's Q_ASSERTs in its headers are live, at -O1 so the suite stays quick.
if [ "${PT_SANITIZE:-}" = "1" ]; then
    PT_BUILD="${PT_BUILD_DIR:-$PT_ROOT/build-asan}"
else
    PT_BUILD="${PT_BUILD_DIR:-$PT_ROOT/build}"
fi

PT_BUILD_PACKAGES=(
    g++ cmake ninja-build pkg-config ccache
    qt6-base-dev libqt6opengl6-dev qt6-charts-dev qt6-httpserver-dev qt6-websockets-dev qtkeychain-qt6-dev
    qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-image-formats-plugins
    libqt6sql6-sqlite libqt6sql6-psql libqt6svg6
    libxml2-dev libsqlite3-dev libsimdjson-dev fonts-dejavu-core
    libsecret-1-0 librsvg2-bin
)
# libsecret-1-0: QtKeychain loads it at run time to reach the Secret Service (GNOME Keyring,
# KeePassXC); without it only KWallet is tried. dbus-daemon: the keychain tests start a private
# session bus with a fake Secret Service on it. librsvg2-bin: rsvg-convert renders the PNG icons.
# desktop-file-utils, appstream: the package test validates the desktop entry and metainfo.
# chromium: the CORS test calls the REST API from a headless browser.
PT_TEST_PACKAGES=(postgresql libbenchmark-dev dbus-daemon desktop-file-utils appstream chromium)
# What scripts/package.sh needs beyond the build: dpkg-shlibdeps (dpkg-dev), which CPack runs
# through file(1), and the validators its layout check runs.
PT_PACKAGE_PACKAGES=(dpkg-dev file desktop-file-utils appstream)
# What scripts/fuzz.sh needs beyond the build: clang with libFuzzer and the sanitizer runtimes
# (libclang-rt-14-dev), and llvm-14 for llvm-symbolizer (readable stack traces in crash reports).
PT_FUZZ_PACKAGES=(clang-14 libclang-rt-14-dev llvm-14)

pt_log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

pt_as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# Installs the given Debian packages that are not installed yet (one apt-get for all).
pt_install_packages() {
    local missing=()
    local pkg
    for pkg in "$@"; do
        if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
            missing+=("$pkg")
        fi
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    pt_log "Installing ${missing[*]}"
    pt_as_root apt-get update -qq >&2
    pt_as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
}

# Configures once, then builds incrementally; with a target name, builds only that target.
# Warnings are errors under CI=true; otherwise the build keeps whatever it was configured with,
# so running run.sh after test.sh (or the reverse) does not rebuild everything.
pt_build() {
    local target="${1:-}"
    local flags=()
    [ "${CI:-}" = "true" ] && flags+=(-DPODTRENDS_WERROR=ON)
    if [ ! -f "$PT_BUILD/build.ninja" ]; then
        pt_log "Configuring into $PT_BUILD"
        if [ "${PT_SANITIZE:-}" = "1" ]; then
            cmake -S "$PT_ROOT" -B "$PT_BUILD" -G Ninja --preset asan "${flags[@]}"
        else
            cmake -S "$PT_ROOT" -B "$PT_BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "${flags[@]}"
        fi
    elif [ ${#flags[@]} -gt 0 ]; then
        cmake -S "$PT_ROOT" -B "$PT_BUILD" "${flags[@]}" >/dev/null
    fi
    pt_log "Building${target:+ $target}"
    cmake --build "$PT_BUILD" --parallel "$(nproc)" ${target:+--target "$target"}
}
