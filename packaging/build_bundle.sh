#!/usr/bin/env bash
# Build Lectern with PyInstaller in its own virtualenv, .venv-build/ (the app's locked
# dependencies plus the pinned PyInstaller of packaging/requirements-build.txt).
#
#   bash packaging/build_bundle.sh [PyInstaller options, e.g. --clean]
#   SPEC=packaging/macos/lectern-macos.spec bash packaging/build_bundle.sh
#
# The default spec makes the one-folder bundle dist/lectern/. Prints the time taken and size.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
SPEC=${SPEC:-packaging/lectern.spec}
VENV=.venv-build
STAMP=$VENV/.installed
started=$(date +%s)

"$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
    || { echo "build_bundle: Lectern needs Python 3.11 or newer ($PYTHON)" >&2; exit 1; }

bin=$VENV/bin
if [ ! -f "$STAMP" ] || [ requirements.lock -nt "$STAMP" ] \
        || [ packaging/requirements-build.txt -nt "$STAMP" ]; then
    echo "build_bundle: installing the build environment in $VENV/" >&2
    [ -d "$VENV" ] || "$PYTHON" -m venv "$VENV"
    [ -d "$VENV/Scripts" ] && bin=$VENV/Scripts  # a Windows venv (Git Bash)
    "$bin/python" -m pip install --quiet --disable-pip-version-check \
        --no-deps --require-hashes -r requirements.lock
    "$bin/python" -m pip install --quiet --disable-pip-version-check \
        --no-deps --require-hashes --only-binary=:all: -r packaging/requirements-build.txt
    touch "$STAMP"
fi
[ -d "$VENV/Scripts" ] && bin=$VENV/Scripts

echo "build_bundle: PyInstaller $("$bin/python" -m PyInstaller --version), spec $SPEC" >&2
# PYTHONPATH: PyInstaller's helper processes import app/, search/ and ui/ from this checkout.
PYTHONPATH=$PWD "$bin/python" -m PyInstaller --noconfirm --log-level WARN \
    --distpath dist --workpath build/pyinstaller "$@" "$SPEC"

case "$SPEC" in
    *windows*) output=dist/Lectern ;;
    *macos*) output=dist/Lectern.app ;;
    *) output=dist/lectern ;;
esac
elapsed=$(( $(date +%s) - started ))
size=$(du -sh "$output" | cut -f1)
files=$(find "$output" -type f | wc -l)
echo "build_bundle: $output: $size in $files files, built in ${elapsed} s"
