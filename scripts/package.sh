#!/usr/bin/env bash
# Builds the Debian package: installs what is missing, builds the release preset into
# build-release/, checks the installed layout (tests/package/check_install.sh), and runs CPack's
# DEB generator. The .deb lands in build-release/ and its path is the last line printed.
# Extra arguments go to cpack (e.g. -G "DEB;TGZ").
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
pt_install_packages "${PT_BUILD_PACKAGES[@]}" "${PT_PACKAGE_PACKAGES[@]}"
cd "$PT_ROOT"
pt_log "Configuring and building the release preset into build-release/"
cmake --preset release >/dev/null
cmake --build --preset release --parallel "$(nproc)"
pt_log "Checking the installed layout"
version=$(sed -n 's/^CMAKE_PROJECT_VERSION:STATIC=//p' build-release/CMakeCache.txt)
sh tests/package/check_install.sh build-release "$version" "$(command -v desktop-file-validate)" "$(command -v appstreamcli)"
pt_log "Packing"
cd build-release
cpack -G DEB "$@" >&2
ls -1 "$PWD"/podtrends_"$version"_*.deb
