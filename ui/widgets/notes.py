"""Notes in Markdown: rendered while you read, plain text while you edit.

Clicking the rendered note (or tabbing into it) switches to the editor; leaving the editor
renders the note again. Links in a note open only when clicked, and only http(s) ones.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QFocusEvent, QMouseEvent
from PySide6.QtWidgets import QPlainTextEdit, QStackedWidget, QTextBrowser, QWidget

SAFE_SCHEMES = frozenset({"http", "https"})


class _RenderedNote(QTextBrowser):
    editRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("notesView")
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.anchorClicked.connect(_open_safe_link)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if not self.anchorAt(event.position().toPoint()):
            self.editRequested.emit()
        super().mouseReleaseEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        if event.reason() in (Qt.FocusReason.TabFocusReason, Qt.FocusReason.BacktabFocusReason):
            self.editRequested.emit()


def _open_safe_link(url: QUrl) -> None:
    if url.scheme().lower() in SAFE_SCHEMES:
        QDesktopServices.openUrl(url)


class NotesPanel(QStackedWidget):
    """Shows `editor` (the caller's QPlainTextEdit) or its Markdown rendering."""

    def __init__(self, editor: QPlainTextEdit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.view = _RenderedNote(self)
        self.addWidget(self.view)
        self.addWidget(editor)
        self.view.editRequested.connect(self.edit)
        editor.installEventFilter(self)

    def show_rendered(self) -> None:
        """Render the editor's text (an empty note stays in the editor, with its hint)."""
        text = self.editor.toPlainText()
        if not text.strip():
            self.setCurrentWidget(self.editor)
            return
        self.view.setMarkdown(text)
        self.setCurrentWidget(self.view)

    def edit(self) -> None:
        self.setCurrentWidget(self.editor)
        self.editor.setFocus(Qt.FocusReason.OtherFocusReason)

    @property
    def rendered(self) -> bool:
        return self.currentWidget() is self.view

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.editor and event.type() == QEvent.Type.FocusOut:
            self.show_rendered()
        return super().eventFilter(watched, event)
