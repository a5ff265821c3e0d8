#!/usr/bin/env bash
# Build dist/Lectern-<version>-<arch>.AppImage from the one-folder bundle dist/lectern/.
#
#   bash packaging/appimage/build_appimage.sh               # needs appimagetool
#   bash packaging/appimage/build_appimage.sh --appdir-only # stops at build/appimage/Lectern.AppDir
#
# appimagetool comes from https://github.com/AppImage/appimagetool/releases (put it on PATH or
# set APPIMAGETOOL). The AppDir holds the bundle under usr/lib/lectern, AppRun, the desktop
# entry, icons and AppStream metadata.
set -euo pipefail
cd "$(dirname "$0")/../.."

APP_ID=org.lectern.Lectern
appdir=build/appimage/Lectern.AppDir
[ -x dist/lectern/lectern ] || bash packaging/build_bundle.sh
version=$(dist/lectern/lectern --version | cut -d' ' -f2)
arch=$(uname -m)

rm -rf "$appdir"
mkdir -p "$appdir/usr/lib" "$appdir/usr/bin"
cp -a dist/lectern "$appdir/usr/lib/lectern"
ln -s ../lib/lectern/lectern "$appdir/usr/bin/lectern"
install -m 755 packaging/appimage/AppRun "$appdir/AppRun"

python3 packaging/desktop_entry.py --exec lectern --icon "$APP_ID" \
    "$appdir/usr/share/applications/$APP_ID.desktop" > /dev/null
ln -s "usr/share/applications/$APP_ID.desktop" "$appdir/$APP_ID.desktop"
for png in resources/icons/lectern-*.png; do
    size=${png##*-}
    size=${size%.png}
    install -D -m 644 "$png" "$appdir/usr/share/icons/hicolor/${size}x${size}/apps/$APP_ID.png"
done
install -D -m 644 resources/icons/lectern.svg \
    "$appdir/usr/share/icons/hicolor/scalable/apps/$APP_ID.svg"
ln -s "usr/share/icons/hicolor/256x256/apps/$APP_ID.png" "$appdir/$APP_ID.png"
ln -s "$APP_ID.png" "$appdir/.DirIcon"
install -D -m 644 "packaging/flatpak/$APP_ID.metainfo.xml" \
    "$appdir/usr/share/metainfo/$APP_ID.appdata.xml"

if command -v desktop-file-validate > /dev/null; then
    desktop-file-validate "$appdir/$APP_ID.desktop" | grep -E ' (error|warning): ' \
        && { echo "build_appimage: the desktop entry does not validate" >&2; exit 1; }
fi
"$appdir/AppRun" --version > /dev/null
echo "build_appimage: $appdir ready ($(du -sh "$appdir" | cut -f1))"
[ "${1:-}" = "--appdir-only" ] && exit 0

tool=${APPIMAGETOOL:-$(command -v appimagetool || true)}
if [ -z "$tool" ]; then
    echo "build_appimage: appimagetool not found; set APPIMAGETOOL or use --appdir-only" >&2
    exit 1
fi
ARCH=$arch "$tool" "$appdir" "dist/Lectern-$version-$arch.AppImage"
echo "build_appimage: dist/Lectern-$version-$arch.AppImage"
