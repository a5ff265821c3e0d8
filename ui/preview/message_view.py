"""What the preview shows instead of pages: no paper selected, a missing file, an error."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from ui import theme
from ui.preview.icons import document_picture
from ui.stylesheet import fill

STYLE = """
#previewMessage { background: @message@; }
#previewMessage QLabel#messageHeadline { color: @message_headline@; }
#previewMessage QLabel#messageDetail { color: @message_detail@; }
"""
_PICTURE_SIZE = 72


class MessageView(QWidget):
    """A centred picture, a headline and an optional detail line (e.g. a file path)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("previewMessage")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.setStyleSheet(fill(STYLE, theme.current()))
        column = QVBoxLayout(self)
        column.setContentsMargins(32, 32, 32, 32)
        column.setSpacing(10)
        column.addStretch(3)

        self._picture = QLabel(self)
        self._picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        column.addWidget(self._picture)
        column.addSpacing(6)

        self.headline = QLabel(self)
        self.headline.setObjectName("messageHeadline")
        headline_font = QFont(self.font())
        headline_font.setPointSizeF(headline_font.pointSizeF() * 1.25)
        headline_font.setWeight(QFont.Weight.DemiBold)
        self.headline.setFont(headline_font)
        self.detail = QLabel(self)
        self.detail.setObjectName("messageDetail")
        for label in (self.headline, self.detail):
            # Plain text: a file name or an error message must never be read as markup.
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setWordWrap(True)
            label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            column.addWidget(label)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        column.addStretch(4)
        theme.notifier().paletteChanged.connect(self._recolor)

    def show_message(self, headline: str, detail: str = "") -> None:
        """Show `headline` and, below it, `detail` (hidden when empty)."""
        self.headline.setText(headline)
        self.detail.setText(detail)
        self.detail.setVisible(bool(detail))
        self._draw_picture()

    def _draw_picture(self) -> None:
        color = theme.current().message_picture
        self._picture.setPixmap(document_picture(_PICTURE_SIZE, self.devicePixelRatioF(), color))

    def _recolor(self) -> None:
        self.setStyleSheet(fill(STYLE, theme.current()))
        if not self._picture.pixmap().isNull():
            self._draw_picture()

    def text(self) -> str:
        """The headline and the detail, one per line (for tests and accessibility)."""
        return "\n".join(part for part in (self.headline.text(), self.detail.text()) if part)
