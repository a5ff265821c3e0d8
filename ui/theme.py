"""Colours shared by the stylesheet (`resources/style.qss`) and the painted rows."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

import resources

STYLE_PATH = Path(resources.__file__).resolve().parent / "style.qss"
MIN_POINT_SIZE = 9.0

ACCENT = QColor("#3b5bdb")
ACCENT_SOFT = QColor("#e8edff")
TEXT = QColor("#1f2430")
TEXT_MUTED = QColor("#5f6672")
TEXT_FAINT = QColor("#8a909c")
SEPARATOR = QColor("#eceef2")
ROW_HOVER = QColor("#f6f7fa")
ROW_SELECTED = QColor("#e8edff")
HIGHLIGHT = QColor("#ffe48a")
HIGHLIGHT_TEXT = QColor("#3d2e00")
CHIP = QColor("#eef1fb")
CHIP_TEXT = QColor("#3b4a8c")
WARNING_CHIP = QColor("#fff1e0")
WARNING_TEXT = QColor("#a44a00")
SKELETON = QColor("#eef0f4")
STATUS_COLORS = {
    "unread": QColor("#3b5bdb"),
    "to_read": QColor("#3b5bdb"),
    "reading": QColor("#e8890c"),
    "read": QColor("#2f9e44"),
}
STATUS_LABELS = {"unread": "Unread", "to_read": "To read", "reading": "Reading", "read": "Read"}


def apply_theme(app: QApplication) -> None:
    """Light palette, a readable font size (the user's, if larger) and the stylesheet."""
    app.setStyle("Fusion")
    palette = app.palette()
    palette.setColor(QPalette.ColorRole.Window, QColor("#f4f5f8"))
    palette.setColor(QPalette.ColorRole.Base, QColor("#ffffff"))
    palette.setColor(QPalette.ColorRole.AlternateBase, QColor("#f8f9fb"))
    palette.setColor(QPalette.ColorRole.Text, TEXT)
    palette.setColor(QPalette.ColorRole.WindowText, TEXT)
    palette.setColor(QPalette.ColorRole.ButtonText, TEXT)
    palette.setColor(QPalette.ColorRole.Button, QColor("#ffffff"))
    palette.setColor(QPalette.ColorRole.Highlight, ROW_SELECTED)
    palette.setColor(QPalette.ColorRole.HighlightedText, TEXT)
    palette.setColor(QPalette.ColorRole.PlaceholderText, TEXT_FAINT)
    palette.setColor(QPalette.ColorRole.Link, ACCENT)
    palette.setColor(QPalette.ColorRole.ToolTipBase, QColor("#2b2f38"))
    palette.setColor(QPalette.ColorRole.ToolTipText, QColor("#ffffff"))
    app.setPalette(palette)
    font = QFont(app.font())
    if 0 < font.pointSizeF() < MIN_POINT_SIZE:
        font.setPointSizeF(MIN_POINT_SIZE)
        app.setFont(font)
    if STYLE_PATH.is_file():
        # Icon URLs in a stylesheet resolve against the working directory; make them absolute.
        icons = (STYLE_PATH.parent / "icons").as_posix()
        app.setStyleSheet(STYLE_PATH.read_text(encoding="utf-8").replace("@ICONS@", icons))
