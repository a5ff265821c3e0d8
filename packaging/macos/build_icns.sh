#!/usr/bin/env bash
# macOS only: build build/macos/Lectern.icns from resources/icons/lectern.svg, for
# lectern-macos.spec. The PNGs are drawn with PySide6 (from .venv-build/, else .venv/);
# iconutil ships with macOS.
set -euo pipefail
cd "$(dirname "$0")/../.."

python=${PYTHON:-}
if [ -z "$python" ]; then
    for candidate in .venv-build/bin/python .venv/bin/python; do
        [ -x "$candidate" ] && { python=$candidate; break; }
    done
fi
[ -n "$python" ] || { echo "build_icns: no venv with PySide6; run make or build_bundle.sh" >&2; exit 1; }
command -v iconutil > /dev/null || { echo "build_icns: iconutil (macOS) not found" >&2; exit 1; }

iconset=build/macos/Lectern.iconset
rm -rf "$iconset"
"$python" packaging/render_icons.py iconset "$iconset" > /dev/null
iconutil --convert icns --output build/macos/Lectern.icns "$iconset"
echo "build_icns: build/macos/Lectern.icns"
