"""A thin progress bar that schedules its repaint.

QProgressBar.setValue repaints synchronously, and with the stylesheet that repaint reaches the
widgets behind it; at several updates a second during an import that stalled the window for
tens of milliseconds each time. This one only calls update().
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from ui import theme


class ProgressLine(QWidget):
    """`value` of `maximum`, drawn as a rounded bar."""

    def __init__(self, parent: QWidget | None = None, height: int = 8) -> None:
        super().__init__(parent)
        self._value = 0
        self._maximum = 1
        self._height = height
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFixedHeight(height)

    def sizeHint(self) -> QSize:
        return QSize(120, self._height)

    def set_progress(self, value: int, maximum: int) -> None:
        """Show `value` out of `maximum`."""
        value, maximum = max(0, value), max(1, maximum)
        if (value, maximum) != (self._value, self._maximum):
            self._value, self._maximum = value, maximum
            self.update()

    @property
    def fraction(self) -> float:
        """Share done, 0 to 1."""
        return min(1.0, self._value / self._maximum)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        bar = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
        radius = bar.height() / 2
        palette = theme.current()
        painter.setPen(palette.skeleton)
        painter.setBrush(palette.skeleton)
        painter.drawRoundedRect(bar, radius, radius)
        if self._value:
            done = QRectF(bar)
            done.setWidth(max(bar.height(), bar.width() * self.fraction))
            painter.setPen(palette.accent)
            painter.setBrush(palette.accent)
            painter.drawRoundedRect(done, radius, radius)
        painter.end()
