"""Icons from `resources/icons/` (SVG, crisp at any scale) and the application icon.

`python -m ui.icons` renders the application icon's PNG sizes next to its SVG.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QIcon, QImage, QPainter, QPixmap

import resources

ICON_DIR = Path(resources.__file__).resolve().parent / "icons"
APP_ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)


@cache
def icon(name: str) -> QIcon:
    """The icon `resources/icons/<name>.svg` (an empty icon if there is none)."""
    path = ICON_DIR / f"{name}.svg"
    return QIcon(str(path)) if path.is_file() else QIcon()


def pixmap(name: str, size: QSize, ratio: float = 1.0) -> QPixmap:
    """`name` rendered at `size` logical pixels for a screen with device pixel `ratio`."""
    from PySide6.QtSvg import QSvgRenderer  # loaded on first use, not at start-up

    renderer = QSvgRenderer(str(ICON_DIR / f"{name}.svg"))
    image = QImage(size * ratio, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, image.width(), image.height()))
    painter.end()
    result = QPixmap.fromImage(image)
    result.setDevicePixelRatio(ratio)
    return result


@cache
def app_icon() -> QIcon:
    """The application icon, with the pre-rendered PNG sizes when they are present."""
    result = QIcon()
    for size in APP_ICON_SIZES:
        png = ICON_DIR / f"lectern-{size}.png"
        if png.is_file():
            result.addFile(str(png), QSize(size, size))
    result.addFile(str(ICON_DIR / "lectern.svg"))
    return result


def render_app_icon_pngs(folder: Path = ICON_DIR) -> list[Path]:
    """Write lectern-<size>.png for every size in APP_ICON_SIZES; return the files."""
    written = []
    for size in APP_ICON_SIZES:
        target = folder / f"lectern-{size}.png"
        pixmap("lectern", QSize(size, size)).save(str(target))
        written.append(target)
    return written


if __name__ == "__main__":
    from PySide6.QtGui import QGuiApplication

    application = QGuiApplication([])
    for written_file in render_app_icon_pngs():
        print(written_file)
