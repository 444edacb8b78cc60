#!/bin/sh
# check_install.sh BUILD_DIR VERSION DESKTOP_FILE_VALIDATE APPSTREAMCLI
# Installs the build into a temporary prefix (what CPack packs) and checks it. Fails naming
# the first thing that is wrong.
set -eu
build=$1 version=$2 dfv=$3 asc=$4
fail() { echo "FAIL: $*" >&2; exit 1; }
case $dfv in *NOTFOUND) fail "desktop-file-validate is missing (Debian package desktop-file-utils)" ;; esac
case $asc in *NOTFOUND) fail "appstreamcli is missing (Debian package appstream)" ;; esac

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
cmake --install "$build" --prefix "$stage" >/dev/null
id=app.podtrends.PodTrends
share=$stage/share

"$dfv" "$share/applications/$id.desktop" || fail "desktop-file-validate refused $id.desktop"
# --no-net: the validator otherwise fetches every URL the metainfo names.
"$asc" validate --no-net --strict "$share/metainfo/$id.metainfo.xml" || fail "appstreamcli refused $id.metainfo.xml"
grep -q "<release version=\"$version\"" "$share/metainfo/$id.metainfo.xml" \
    || fail "the metainfo's release is not $version"

[ -f "$share/icons/hicolor/scalable/apps/$id.svg" ] || fail "no scalable icon"
for size in 16 22 24 32 48 64 128 256 512; do
    png=$share/icons/hicolor/${size}x$size/apps/$id.png
    [ -f "$png" ] || fail "no ${size}x$size icon"
    # PNG signature, then the IHDR's width and height as 4-byte big-endian numbers.
    header=$(od -An -tu1 -j16 -N8 "$png" | tr -s ' ' | sed 's/^ //')
    [ "$header" = "$(printf '0 0 %d %d 0 0 %d %d' $((size / 256)) $((size % 256)) $((size / 256)) $((size % 256)))" ] \
        || fail "$png is not ${size}x$size (IHDR: $header)"
done

ls "$share/podtrends/translations/"podtrends_*.qm >/dev/null 2>&1 || fail "no .qm translations installed"

out=$("$stage/bin/podtrends" --version) || fail "the installed podtrends --version failed"
[ "$out" = "podtrends $version" ] || fail "podtrends --version printed '$out', expected 'podtrends $version'"

# The installed binary finds the German file beside it (the loader logs what it loaded).
log=$(env -u DISPLAY LANG=de_DE.UTF-8 LANGUAGE=de LC_ALL= QT_LOGGING_RULES='podtrends.core.translations.debug=true' \
    XDG_DATA_DIRS="$stage/nowhere" "$stage/bin/podtrends" --version 2>&1 >/dev/null)
echo "$log" | grep -q "loaded.*$stage/share/podtrends/translations/podtrends_de.qm" \
    || fail "the installed podtrends did not load its German translation: $log"
echo "installed layout ok: $(find "$stage" -type f | wc -l) files"
