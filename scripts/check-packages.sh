#!/usr/bin/env bash
# Package-closure check: everything the configure step found and the build uses must come from
# a Debian package that scripts/common.sh names, or that a named package Depends or Pre-Depends
# on, transitively (Recommends do not count: the scripts install without them). A package that
# is here only because someone installed it by hand makes the build pass on this machine and
# fail on a fresh one; this check fails instead and names the package to add.
#
#   scripts/check-packages.sh [BUILD_DIR]        (test.sh runs it after every build)
#
# Checked, when they lie under a system path (/usr, /lib, /bin, /sbin, /etc, /opt):
#  - every *_DIR entry of CMakeCache.txt (the config file of each CMake package find_package
#    loaded),
#  - every pkg-config module pkg_check_modules asked for (its .pc file),
#  - every program the configure step cached (FILEPATH entries that are not libraries),
#  - every system library on a link line of build.ninja (what the build really links; a
#    library a Find module merely noticed, such as libEGL, is not a dependency of ours).
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
build="${1:-$PT_BUILD}"
cache="$build/CMakeCache.txt"
[ -f "$cache" ] && [ -f "$build/build.ninja" ] || {
    echo "check-packages: no configured build in $build (run ./test.sh or ./run.sh first)" >&2
    exit 2
}
named=("${PT_BUILD_PACKAGES[@]}" "${PT_TEST_PACKAGES[@]}")

# --- The closure of the named packages over installed Depends/Pre-Depends -------------------
# An alternative "a (>= 1) | b:any" is met by every installed one of a, b, or a package that
# Provides them; each of those joins the closure.
closure="$(dpkg-query -W -f='${Package}\t${Status}\t${Depends}, ${Pre-Depends}\t${Provides}\n' |
    awk -F'\t' -v named="${named[*]}" '
    function clean(s) { gsub(/\([^)]*\)|\[[^]]*\]|:[a-z0-9]+|[ \t]/, "", s); return s }
    $2 == "install ok installed" {
        installed[$1] = 1; deps[$1] = $3
        n = split($4, pv, ",")
        for (i = 1; i <= n; i++) { p = clean(pv[i]); if (p != "") provider[p] = provider[p] " " $1 }
    }
    END {
        n = split(named, queue, " "); head = 1
        for (i = 1; i <= n; i++) if (!(queue[i] in installed)) missing = missing " " queue[i]
        if (missing != "") { print "MISSING" missing; exit }
        while (head <= n) {
            pkg = queue[head++]
            if (pkg in seen) continue
            seen[pkg] = 1; print pkg
            m = split(deps[pkg], group, ",")
            for (g = 1; g <= m; g++) {
                a = split(group[g], alt, "|")
                for (k = 1; k <= a; k++) {
                    name = clean(alt[k]); if (name == "") continue
                    if (name in installed) queue[++n] = name
                    q = split(provider[name], prov, " ")
                    for (j = 1; j <= q; j++) queue[++n] = prov[j]
                }
            }
        }
    }')"
if [[ "$closure" == MISSING* ]]; then
    echo "check-packages: named in scripts/common.sh but not installed:${closure#MISSING}" >&2
    exit 1
fi

# --- What the configure step found and the build uses ---------------------------------------
found="$(
    set +o pipefail
    # A package's folder is shared (qt6-base-dev owns cmake/Qt6OpenGL too): check its config file.
    grep -E '^[A-Za-z0-9_.+-]+_DIR:PATH=/' "$cache" | sed -E 's/^([^:]+)_DIR:PATH=(.*)$/\1\t\2/' |
        while IFS=$'\t' read -r name dir; do
            lower="$(echo "$name" | tr '[:upper:]' '[:lower:]')"
            for file in "$dir/${name}Config.cmake" "$dir/${lower}-config.cmake" "$dir"; do
                if [ -e "$file" ]; then printf '%s_DIR\t%s\n' "$name" "$file"; break; fi
            done
        done
    grep -E '^[A-Za-z0-9_.+-]+:FILEPATH=/' "$cache" | grep -vE '\.(so|a)(\.[0-9.]+)?$' |
        sed -E 's/^([^:]+):FILEPATH=(.*)$/\1\t\2/'
    sed -n 's/^__pkg_config_arguments_[A-Za-z0-9_]*:INTERNAL=//p' "$cache" | tr ';' '\n' |
        grep -vxE 'REQUIRED|QUIET|NO_CMAKE_PATH|NO_CMAKE_ENVIRONMENT_PATH|IMPORTED_TARGET|GLOBAL' |
        sed -E 's/[<>=].*//' | while read -r module; do
            dir="$(pkg-config --variable=pcfiledir "$module" 2>/dev/null || echo "/missing/pkg-config")"
            printf 'pkg-config module %s\t%s/%s.pc\n' "$module" "$dir" "$module"
        done
    grep -oE '(^| )/(usr|lib)[^ ]*\.(so|a)(\.[0-9.]+)?' "$build/build.ninja" | sed 's/^ //' | sort -u |
        sed -E 's/^(.*)$/linked library\t\1/'
)"

# Every file of every package in the closure, with a merged /usr folded away (/lib/x and
# /usr/lib/x are one file), compared with each found path and its resolved link target
# (/usr/bin/c++ is an alternative pointing at g++-12).
fold() { sed -E 's#^/usr/#/#'; }
owned="$(mktemp)"
trap 'rm -f "$owned"' EXIT
for pkg in $closure; do
    for list in /var/lib/dpkg/info/"$pkg".list /var/lib/dpkg/info/"$pkg":*.list; do
        if [ -f "$list" ]; then cat "$list"; fi
    done
done | fold | sort -u >"$owned"

failed=0
checked=0
while IFS=$'\t' read -r what path; do
    [ -n "$path" ] || continue
    case "$path" in /usr/*|/lib/*|/lib64/*|/bin/*|/sbin/*|/etc/*|/opt/*) ;; *) continue ;; esac
    checked=$((checked + 1))
    real="$(readlink -f "$path" 2>/dev/null || echo "$path")"
    if [ ! -e "$path" ]; then
        echo "check-packages: $what = $path does not exist any more" >&2
        failed=1
        continue
    fi
    if grep -qxF -e "$(echo "$path" | fold)" -e "$(echo "$real" | fold)" "$owned"; then
        continue
    fi
    owner="$(dpkg-query -S "$real" 2>/dev/null || dpkg-query -S "$path" 2>/dev/null ||
        dpkg-query -S "/usr$real" 2>/dev/null || dpkg-query -S "${real#/usr}" 2>/dev/null || true)"
    owner="$(echo "${owner%%: /*}" | tr ',' '\n' | sed -E 's/^ +//; s/:.*//' | head -n 1)"
    if [ -z "$owner" ]; then
        echo "check-packages: $what = $path belongs to no Debian package (installed by hand?)" >&2
    else
        echo "check-packages: $what = $path comes from $owner, which scripts/common.sh does not install: add $owner to PT_BUILD_PACKAGES" >&2
    fi
    failed=1
done <<<"$found"

if [ "$failed" -ne 0 ]; then
    echo "check-packages: FAILED: a fresh Debian 12 would not configure or build the same way (see above)" >&2
    exit 1
fi
pt_log "Package closure: all $checked packages, modules, programs and libraries the build uses come from the ${#named[@]} named packages or their dependencies ($(wc -w <<<"$closure") packages)"
