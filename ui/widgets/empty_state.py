"""What an empty library shows: a large drop target, one line of hint, and two buttons."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ui import theme
from ui.icons import pixmap

HEADLINE = "Drop PDFs or folders here to start your library"
HINT = (
    "Lectern keeps its own copy of every paper and reads its full text — "
    "your files stay where they are."
)


class EmptyState(QWidget):
    """See the module docstring. The window handles the drop; this only looks inviting."""

    addFilesRequested = Signal()
    addFolderRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("emptyState")
        self._drag_active = False
        self.art = QLabel(self)
        self.art.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._draw_art()
        theme.notifier().paletteChanged.connect(self._draw_art)
        self.headline = QLabel(HEADLINE, self)
        self.headline.setObjectName("emptyHeadline")
        self.headline.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint = QLabel(HINT, self)
        self.hint.setObjectName("emptyHint")
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setWordWrap(True)
        add_files = QPushButton("Add files…", self)
        add_files.setObjectName("primaryButton")
        add_files.clicked.connect(self.addFilesRequested)
        add_folder = QPushButton("Add a folder…", self)
        add_folder.clicked.connect(self.addFolderRequested)
        shortcut = QLabel("Ctrl+O adds files · Ctrl+Shift+O adds a folder", self)
        shortcut.setObjectName("emptyShortcut")
        shortcut.setAlignment(Qt.AlignmentFlag.AlignCenter)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(add_files)
        buttons.addSpacing(8)
        buttons.addWidget(add_folder)
        buttons.addStretch(1)
        column = QVBoxLayout(self)
        column.setContentsMargins(60, 40, 60, 40)
        column.addStretch(3)
        column.addWidget(self.art)
        column.addSpacing(18)
        column.addWidget(self.headline)
        column.addSpacing(6)
        column.addWidget(self.hint)
        column.addSpacing(20)
        column.addLayout(buttons)
        column.addSpacing(10)
        column.addWidget(shortcut)
        column.addStretch(4)

    def _draw_art(self) -> None:
        self.art.setPixmap(pixmap("drop-target", QSize(160, 128), self.devicePixelRatioF()))

    def set_drag_active(self, active: bool) -> None:
        """Highlight the drop target while files are dragged over the window."""
        if active != self._drag_active:
            self._drag_active = active
            self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        area = QRectF(self.rect()).adjusted(28, 28, -28, -28)
        palette = theme.current()
        color = palette.accent if self._drag_active else palette.drop_border
        painter.setBrush(palette.drop_fill_active if self._drag_active else palette.drop_fill)
        pen = QPen(color, 2.0, Qt.PenStyle.CustomDashLine)
        pen.setDashPattern([5.0, 4.0])
        painter.setPen(pen)
        painter.drawRoundedRect(area, 18, 18)
        painter.end()
