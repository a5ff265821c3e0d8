"""How a page looks on the grey desk: paper, shadow, image, placeholder, failure, highlights."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter

PAPER = QColor("#ffffff")
FAILED_PAPER = QColor("#f3f3f1")
PLACEHOLDER_TEXT = QColor("#b9bcc0")
FAILURE_TEXT = QColor("#5f6368")
HIT_FILL = QColor(255, 222, 50)
CURRENT_HIT_FILL = QColor(255, 150, 30)
CURRENT_HIT_OUTLINE = QColor(214, 104, 0)
FAILURE_TITLE = "Could not render this page"
# (spread in px, alpha): a soft shadow under each page.
_SHADOW = ((1, 46), (2, 26), (3, 14), (4, 7))
# Highlights grow sideways only: MuPDF's boxes already span the font's full height.
_HIT_PADDING = 1.0


def paint_sheet(painter: QPainter, rect: QRect, *, failed: bool) -> None:
    """A blank sheet of paper with a soft shadow."""
    painter.save()
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    for spread, alpha in _SHADOW:
        painter.setBrush(QColor(0, 0, 0, alpha))
        box = QRectF(rect).adjusted(-spread, -spread + 1, spread, spread + 1)
        painter.drawRoundedRect(box, spread, spread)
    painter.restore()
    painter.fillRect(rect, FAILED_PAPER if failed else PAPER)


def paint_image(painter: QPainter, image: QImage, rect: QRect) -> None:
    """The rendered page, pixel for pixel when it was rendered for this size, else scaled."""
    ratio = image.devicePixelRatio()
    natural_w, natural_h = image.width() / ratio, image.height() / ratio
    if abs(natural_w - rect.width()) <= 1 and abs(natural_h - rect.height()) <= 1:
        painter.drawImage(rect.topLeft(), image)
        return
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    painter.drawImage(QRectF(rect), image)
    painter.restore()


def paint_placeholder(painter: QPainter, rect: QRect, label: str, base_font: QFont) -> None:
    """A faint page number, while the page is being rendered."""
    painter.save()
    font = QFont(base_font)
    font.setPointSizeF(max(9.0, min(28.0, rect.width() / 18)))
    painter.setFont(font)
    painter.setPen(PLACEHOLDER_TEXT)
    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, label)
    painter.restore()


def paint_failure(painter: QPainter, rect: QRect, reason: str, base_font: QFont) -> None:
    """ "Could not render this page" and the reason, centred on the sheet."""
    painter.save()
    inner = rect.adjusted(24, 0, -24, 0)
    middle = rect.center().y()
    title_font = QFont(base_font)
    title_font.setBold(True)
    painter.setFont(title_font)
    painter.setPen(FAILURE_TEXT)
    title_box = QRect(inner.left(), middle - 40, inner.width(), 24)
    painter.drawText(title_box, Qt.AlignmentFlag.AlignCenter, FAILURE_TITLE)
    painter.setFont(base_font)
    detail_box = QRect(inner.left(), middle - 12, inner.width(), 80)
    flags = int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
    sentence = f"{reason[:1].upper()}{reason[1:]}."
    painter.drawText(detail_box, flags | int(Qt.TextFlag.TextWordWrap), sentence)
    painter.restore()


def paint_highlights(painter: QPainter, boxes: Sequence[QRectF], current: int | None) -> None:
    """Highlighter-yellow boxes; the one at index `current` stronger and outlined."""
    painter.save()
    painter.setPen(Qt.PenStyle.NoPen)
    # Multiply tints the paper and leaves the ink black, like a highlighter pen.
    painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Multiply)
    padded = [box.adjusted(-_HIT_PADDING, 0, _HIT_PADDING, 0) for box in boxes]
    for number, box in enumerate(padded):
        painter.fillRect(box, CURRENT_HIT_FILL if number == current else HIT_FILL)
    painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceOver)
    if current is not None and 0 <= current < len(padded):
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(CURRENT_HIT_OUTLINE)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(padded[current].adjusted(-1, -1, 1, 1), 2, 2)
    painter.restore()
