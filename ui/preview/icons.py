"""Small line icons for the preview toolbar, drawn in code so they stay crisp at any scale."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap

from ui import theme

_GRID = 16.0


def _chevron_up(painter: QPainter) -> None:
    painter.drawPolyline([QPointF(4, 10), QPointF(8, 6), QPointF(12, 10)])


def _chevron_down(painter: QPainter) -> None:
    painter.drawPolyline([QPointF(4, 6), QPointF(8, 10), QPointF(12, 6)])


def _minus(painter: QPainter) -> None:
    painter.drawLine(QPointF(3.5, 8), QPointF(12.5, 8))


def _plus(painter: QPainter) -> None:
    _minus(painter)
    painter.drawLine(QPointF(8, 3.5), QPointF(8, 12.5))


def _fit_width(painter: QPainter) -> None:
    painter.drawLine(QPointF(2, 3), QPointF(2, 13))
    painter.drawLine(QPointF(14, 3), QPointF(14, 13))
    painter.drawLine(QPointF(4.5, 8), QPointF(11.5, 8))
    painter.drawPolyline([QPointF(6.5, 6), QPointF(4.5, 8), QPointF(6.5, 10)])
    painter.drawPolyline([QPointF(9.5, 6), QPointF(11.5, 8), QPointF(9.5, 10)])


_DRAWINGS: dict[str, Callable[[QPainter], None]] = {
    "previous-hit": _chevron_up,
    "next-hit": _chevron_down,
    "zoom-out": _minus,
    "zoom-in": _plus,
    "fit-width": _fit_width,
}


def line_icon(name: str, size: int = 16, color: QColor | None = None) -> QIcon:
    """The toolbar icon `name` (see `_DRAWINGS`), at 1× and 2× pixel density, in `color`
    (the active palette's icon colour unless given)."""
    color = theme.current().preview_icon if color is None else color
    icon = QIcon()
    for ratio in (1.0, 2.0):
        pixmap = _blank(size, ratio)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.scale(size / _GRID, size / _GRID)
        pen = QPen(color, 1.6)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        _DRAWINGS[name](painter)
        painter.end()
        icon.addPixmap(pixmap)
    return icon


def document_picture(size: int, ratio: float, color: QColor) -> QPixmap:
    """A sheet of paper with a folded corner and a few lines of text, for empty states."""
    pixmap = _blank(size, ratio)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.scale(size / 64.0, size / 64.0)
    pen = QPen(color, 2.2)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    painter.setPen(pen)
    sheet = QPainterPath()
    sheet.moveTo(14, 6)
    sheet.lineTo(40, 6)
    sheet.lineTo(52, 18)
    sheet.lineTo(52, 58)
    sheet.lineTo(14, 58)
    sheet.closeSubpath()
    painter.drawPath(sheet)
    painter.drawPolyline([QPointF(40, 6), QPointF(40, 18), QPointF(52, 18)])
    for y, right in ((28, 44), (36, 44), (44, 36)):
        painter.drawLine(QPointF(22, y), QPointF(right, y))
    painter.end()
    return pixmap


def _blank(size: int, ratio: float) -> QPixmap:
    pixmap = QPixmap(round(size * ratio), round(size * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    return pixmap
