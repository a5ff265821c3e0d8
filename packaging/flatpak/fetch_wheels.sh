#!/usr/bin/env bash
# Fetch what the Flatpak build installs offline into build/flatpak/: requirements-runtime.txt
# (the runtime part of requirements.lock, with hashes) and wheels/ (those wheels for the
# runtime's CPython on Linux, checked against the hashes).
#
#   bash packaging/flatpak/fetch_wheels.sh                 # x86_64
#   ARCH=aarch64 bash packaging/flatpak/fetch_wheels.sh
#
# The runtime's Python version is asked of the installed org.freedesktop.Platform (the one the
# manifest names); set RUNTIME_PYTHON=3.x to skip that.
set -euo pipefail
cd "$(dirname "$0")/../.."

PYTHON=${PYTHON:-python3}
ARCH=${ARCH:-x86_64}
manifest=packaging/flatpak/org.lectern.Lectern.yml
out=build/flatpak

runtime_version=$(sed -n "s/^runtime-version: *'\{0,1\}\([^']*\)'\{0,1\}$/\1/p" "$manifest")
if [ -z "${RUNTIME_PYTHON:-}" ]; then
    RUNTIME_PYTHON=$(flatpak run --arch="$ARCH" --command=python3 \
        "org.freedesktop.Platform//$runtime_version" \
        -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2> /dev/null) || {
        echo "fetch_wheels: install org.freedesktop.Platform//$runtime_version ($ARCH)" \
            "or set RUNTIME_PYTHON" >&2
        exit 1
    }
fi

rm -rf "$out/wheels"
mkdir -p "$out/wheels"
"$PYTHON" packaging/runtime_requirements.py > "$out/requirements-runtime.txt"
platforms=(--platform "manylinux2014_$ARCH")
for glibc in 2_17 2_28 2_31 2_34 2_35 2_38 2_39 2_40 2_41; do
    platforms+=(--platform "manylinux_${glibc}_$ARCH")
done
"$PYTHON" -m pip download --quiet --disable-pip-version-check --dest "$out/wheels" \
    --only-binary=:all: --no-deps --require-hashes --implementation cp \
    --python-version "$RUNTIME_PYTHON" "${platforms[@]}" -r "$out/requirements-runtime.txt"
echo "fetch_wheels: $(find "$out/wheels" -name '*.whl' | wc -l) wheels for CPython" \
    "$RUNTIME_PYTHON/$ARCH in $out/wheels ($(du -sh "$out/wheels" | cut -f1))"
