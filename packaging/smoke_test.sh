#!/usr/bin/env bash
# Smoke test of the one-folder bundle, in a throwaway home and library:
#   --version; CLI add, list, search and help-query on generated PDFs; install-desktop; and a
#   GUI start under QT_QPA_PLATFORM=offscreen, given a PDF to import.
#
#   bash packaging/smoke_test.sh             # builds dist/lectern/ first when it is missing
#   bash packaging/smoke_test.sh --rebuild   # always rebuilds
#
# PDFs are generated and outputs checked with the development venv (.venv/, `make test` makes
# it); everything else runs from the bundle. GUI_SECONDS (default 15) is how long the GUI must
# keep running when it does not quit by itself.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD
BUNDLE=$REPO/dist/lectern/lectern
DEV_PYTHON=$REPO/.venv/bin/python
GUI_SECONDS=${GUI_SECONDS:-15}
started=$(date +%s)

if [ "${1:-}" = "--rebuild" ] || [ ! -x "$BUNDLE" ]; then
    bash packaging/build_bundle.sh
fi
[ -x "$DEV_PYTHON" ] || { echo "smoke_test: $DEV_PYTHON is missing; run make test once" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/lectern-smoke.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/home" "$work/share" "$work/config" "$work/cache" "$work/runtime"
chmod 700 "$work/runtime"
# The bundle sees only the throwaway home: nothing touches the real library or menus. The
# library is the default one, which platformdirs places in $XDG_DATA_HOME/Lectern/Library.
unset LECTERN_LIBRARY
export HOME=$work/home XDG_DATA_HOME=$work/share XDG_CONFIG_HOME=$work/config \
    XDG_CACHE_HOME=$work/cache XDG_RUNTIME_DIR=$work/runtime
default_library=$XDG_DATA_HOME/Lectern/Library

check() { PYTHONPATH=$REPO "$DEV_PYTHON" packaging/smoke_checks.py "$@"; }
step() { printf 'smoke_test: %-34s' "$1"; }
pass() { echo "ok   $*"; }
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
seconds_since() { local ms=$(( $(now_ms) - $1 )); printf '%d.%01d' $(( ms / 1000 )) $(( ms % 1000 / 100 )); }

step "--version"
expected="lectern $(PYTHONPATH=$REPO "$DEV_PYTHON" -c 'import app; print(app.__version__)')"
version=$("$BUNDLE" --version)
[ "$version" = "$expected" ] || { echo "FAIL: '$version', expected '$expected'"; exit 1; }
pass "$version"

step "generate PDFs"
pass "$(check make-pdfs "$work/pdfs")"

step "add (worker processes)"
t0=$(now_ms)
"$BUNDLE" add "$work/pdfs/add" --json > "$work/add.json" 2> "$work/add.err" \
    || { echo "FAIL"; cat "$work/add.err"; exit 1; }
[ -f "$default_library/library.sqlite" ] \
    || { echo "FAIL: no library in $default_library"; exit 1; }
pass "$(check added "$work/add.json" 3) in $(seconds_since "$t0") s"

step "list"
"$BUNDLE" list --json > "$work/list.json" 2> "$work/list.err" \
    || { echo "FAIL"; cat "$work/list.err"; exit 1; }
pass "$(check listed "$work/list.json" 3)"

step "search"
"$BUNDLE" search '"tangent kernel"' --json > "$work/search.json" \
    2> "$work/search.err" || { echo "FAIL"; cat "$work/search.err"; exit 1; }
pass "$(check top-hit "$work/search.json" "Kernel Methods for Wide Neural Networks")"

step "help-query (search/*.md)"
"$BUNDLE" help-query > "$work/help.out" 2>&1 || { echo "FAIL"; cat "$work/help.out"; exit 1; }
[ -s "$work/help.out" ] || { echo "FAIL: no query syntax printed"; exit 1; }
pass "$(wc -l < "$work/help.out") lines"

step "install-desktop"
"$BUNDLE" install-desktop > "$work/desktop.out" 2>&1 || { echo "FAIL"; cat "$work/desktop.out"; exit 1; }
entry=$XDG_DATA_HOME/applications/lectern.desktop
if command -v desktop-file-validate > /dev/null; then
    desktop-file-validate "$entry" | grep -E ' (error|warning): ' && { echo "FAIL"; exit 1; }
fi
pass "$(check entry-runs "$entry" "$BUNDLE")"
"$BUNDLE" install-desktop --uninstall > /dev/null 2>&1

step "GUI start (offscreen, ${GUI_SECONDS} s)"
# Given a PDF, as "Open with" does: the GUI must import it. timeout(1) runs the GUI in its own
# process group and signals the whole group, so worker processes go too; anything left in the
# group afterwards is a leak.
set +e
QT_QPA_PLATFORM=offscreen timeout -k 5 "$GUI_SECONDS" "$BUNDLE" "$work/pdfs/open-with.pdf" \
    > "$work/gui.out" 2>&1 &
gui=$!
wait "$gui"
status=$?
set -e
# Workers and multiprocessing's resource tracker exit when their pipes to the GUI close.
running() {
    local group
    group=$(pgrep -d, -g "$gui") || return 0
    ps -o pid=,stat=,args= -p "$group" | awk '$2 !~ /^Z/' || true
}
for _ in $(seq 20); do [ -z "$(running)" ] && break; sleep 0.25; done
leftovers=$(running)
if [ -n "$leftovers" ]; then
    kill -KILL -- "-$gui" 2> /dev/null || true
    echo "FAIL: processes still running 5 s after the GUI:"; echo "$leftovers"; exit 1
fi
if grep -qE 'Traceback|Could not load the Qt platform plugin|qt\.qpa\.plugin' "$work/gui.out"; then
    echo "FAIL (exit $status)"; cat "$work/gui.out"; exit 1
fi
case $status in
    0) pass "started and quit by itself" ;;
    124) pass "still running after ${GUI_SECONDS} s, then stopped by SIGTERM" ;;
    *) echo "FAIL: exit status $status"; cat "$work/gui.out"; exit 1 ;;
esac

step "GUI imported its argument"
"$BUNDLE" list --json > "$work/list.json" 2> "$work/list.err" \
    || { echo "FAIL"; cat "$work/list.err"; exit 1; }
pass "$(check opened "$work/list.json")"

echo "smoke_test: all passed in $(( $(date +%s) - started )) s"
