#!/usr/bin/env bash
# Installs what is missing, builds, and starts POD Trends. Arguments pass through to podtrends,
# so "./run.sh products --json" runs headless.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/scripts/common.sh"
pt_install_packages "${PT_BUILD_PACKAGES[@]}"
pt_build podtrends >&2
if [ $# -eq 0 ] && [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
    pt_log "No display found: set DISPLAY, or pass a command (./run.sh --help)."
fi
exec "$PT_BUILD/bin/podtrends" "$@"
