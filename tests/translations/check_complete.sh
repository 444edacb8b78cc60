#!/bin/sh
# Every string the sources pass through tr() has a finished German and Spanish translation:
# lupdate runs over a copy of each .ts file and must leave no "unfinished" message behind.
# Fails naming the strings to translate (cmake --build build --target update_ts, then Linguist),
# and on tr() calls lupdate files under a context the running program does not ask for (a free
# tr() function, a class without Q_OBJECT): their translations would never show.
set -eu
lupdate="$1"; source_dir="$2"; shift 2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0
for ts in "$@"; do
    copy="$work/$(basename "$ts")"
    cp "$ts" "$copy"
    (cd "$source_dir" && "$lupdate" -silent -locations none -no-obsolete core ui app -ts "$copy") 2> "$work/warnings"
    if grep -E "lacks Q_OBJECT|unknown namespace/class" "$work/warnings"; then
        echo "$(basename "$ts"): these tr() calls get a context the program never looks up;"
        echo "    use a struct with Q_DECLARE_TR_FUNCTIONS(Name) or QCoreApplication::translate(\"Name\", ...)."
        status=1
    fi
    open=$(grep -c 'type="unfinished"' "$copy" || true)
    if [ "$open" -ne 0 ]; then
        echo "$(basename "$ts"): $open unfinished string(s):"
        grep -B3 'type="unfinished"' "$copy" | grep '<source>' | sed 's/^ */    /' | head -20
        status=1
    else
        echo "$(basename "$ts"): complete ($(grep -c '<message' "$copy") strings)"
    fi
done
exit $status
