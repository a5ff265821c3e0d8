"""Lectern's icon in the container formats Windows and macOS want, drawn by `ui.icons`.

    python packaging/render_icons.py ico OUT.ico           # Windows: PNG-compressed, 16-256 px
    python packaging/render_icons.py iconset OUT.iconset   # macOS: the input of `iconutil`

The PNG sizes for Linux (`resources/icons/lectern-<n>.png`) come from `python -m ui.icons`.
"""

from __future__ import annotations

import struct
import sys
from collections.abc import Iterable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize
from PySide6.QtGui import QGuiApplication

from ui.icons import pixmap

ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# iconutil's fixed names: each point size at 1x and 2x.
ICONSET_POINTS = (16, 32, 128, 256, 512)


def gui_application() -> QGuiApplication:
    """The running QGuiApplication, or a new offscreen one (pixmaps need one)."""
    existing = QGuiApplication.instance()
    if isinstance(existing, QGuiApplication):
        return existing
    return QGuiApplication(["render_icons", "-platform", "offscreen"])


def png_bytes(size: int) -> bytes:
    """The application icon drawn at `size` pixels, encoded as PNG."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not pixmap("lectern", QSize(size, size)).save(buffer, "PNG"):
        raise SystemExit("could not draw resources/icons/lectern.svg")
    buffer.close()
    return bytes(data.data())


def ico_bytes(images: list[bytes], sizes: list[int]) -> bytes:
    """An ICO container holding PNG images (read by Windows Vista and later)."""
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = len(header) + 16 * len(images)
    entries, payload = [], []
    for size, data in zip(sizes, images, strict=True):
        side = 0 if size >= 256 else size  # 0 stands for 256 in the one-byte field
        entries.append(struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(data), offset))
        payload.append(data)
        offset += len(data)
    return header + b"".join(entries) + b"".join(payload)


def write_ico(target: Path, sizes: Iterable[int] = ICO_SIZES) -> Path:
    """Write a multi-size Windows icon."""
    chosen = list(sizes)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(ico_bytes([png_bytes(size) for size in chosen], chosen))
    return target


def write_iconset(folder: Path) -> list[Path]:
    """Write the PNGs `iconutil --convert icns` expects in a `.iconset` folder."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for points in ICONSET_POINTS:
        for scale, suffix in ((1, ""), (2, "@2x")):
            target = folder / f"icon_{points}x{points}{suffix}.png"
            target.write_bytes(png_bytes(points * scale))
            written.append(target)
    return written


def main(argv: list[str]) -> int:
    """Command line: `ico OUT.ico` or `iconset OUT.iconset`."""
    if len(argv) != 2 or argv[0] not in {"ico", "iconset"}:
        print(__doc__, file=sys.stderr)
        return 2
    application = gui_application()
    paths = [write_ico(Path(argv[1]))] if argv[0] == "ico" else write_iconset(Path(argv[1]))
    for path in paths:
        print(path)
    del application
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
