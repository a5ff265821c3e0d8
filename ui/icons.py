"""Icons from `resources/icons/` (SVG, crisp at any scale) and the application icon.

Icons follow the active palette: each is drawn, when painted, from the SVG made for the palette
in use (see `ui.icon_files`), so a theme switch needs no icon to be set again.

`python -m ui.icons` renders the application icon's PNG sizes next to its SVG.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import shiboken6
from PySide6.QtCore import QRect, QRectF, QSize, Qt
from PySide6.QtGui import QIcon, QIconEngine, QImage, QPainter, QPixmap
from PySide6.QtWidgets import QApplication, QStyleOption

from ui import theme
from ui.icon_files import ICON_DIR, icon_dir

APP_ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)


@cache
def icon(name: str) -> QIcon:
    """The icon `resources/icons/<name>.svg` (an empty icon if there is none)."""
    path = ICON_DIR / f"{name}.svg"
    return QIcon(PaletteSvgEngine(name)) if path.is_file() else QIcon()


def pixmap(name: str, size: QSize, ratio: float = 1.0) -> QPixmap:
    """`name` as drawn for the active palette, at `size` logical pixels for a screen with
    device pixel `ratio`."""
    return render_svg(icon_dir(theme.current()) / f"{name}.svg", size, ratio)


def render_svg(path: Path, size: QSize, ratio: float = 1.0) -> QPixmap:
    """The SVG file at `path` rendered at `size` logical pixels and device pixel `ratio`."""
    from PySide6.QtSvg import QSvgRenderer  # loaded on first use, not at start-up

    renderer = QSvgRenderer(str(path))
    image = QImage(size * ratio, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, image.width(), image.height()))
    painter.end()
    result = QPixmap.fromImage(image)
    result.setDevicePixelRatio(ratio)
    return result


class PaletteSvgEngine(QIconEngine):
    """Draws `resources/icons/<name>.svg` for the active palette; modes other than Normal
    (disabled, selected) as the style derives them, like Qt's own SVG icons."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self._name = name
        self._pixmaps: dict[tuple[str, int, int, int, float], QPixmap] = {}

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        return self.scaledPixmap(size, mode, state, 1.0)

    def scaledPixmap(
        self, size: QSize, mode: QIcon.Mode, state: QIcon.State, scale: float
    ) -> QPixmap:
        palette = theme.current()
        key = (palette.name, size.width(), size.height(), mode.value, scale)
        cached = self._pixmaps.get(key)
        if cached is None:
            cached = render_svg(icon_dir(palette) / f"{self._name}.svg", size, scale)
            style = QApplication.style()
            if mode != QIcon.Mode.Normal and style is not None:
                option = QStyleOption()
                option.palette = QApplication.palette()
                cached = style.generatedIconPixmap(mode, cached, option)
            self._pixmaps[key] = cached
        return cached

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        device = painter.device()
        ratio = device.devicePixelRatioF() if device is not None else 1.0
        painter.drawPixmap(rect, self.scaledPixmap(rect.size(), mode, state, ratio))

    def actualSize(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QSize:
        return size

    def isNull(self) -> bool:
        return False

    def key(self) -> str:
        return "lectern-palette-svg"

    def clone(self) -> QIconEngine:
        # Qt takes the copy over but the binding does not hand it on: it stays referenced
        # here until Qt has deleted it.
        copy = PaletteSvgEngine(self._name)
        _CLONES.difference_update([e for e in _CLONES if not shiboken6.isValid(e)])
        _CLONES.add(copy)
        return copy


_CLONES: set[PaletteSvgEngine] = set()


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
        render_svg(ICON_DIR / "lectern.svg", QSize(size, size)).save(str(target))
        written.append(target)
    return written


if __name__ == "__main__":
    from PySide6.QtGui import QGuiApplication

    application = QGuiApplication([])
    for written_file in render_app_icon_pngs():
        print(written_file)
