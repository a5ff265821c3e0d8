"""The search field: instant (debounced) search, history, and a syntax-help popup."""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget

from ui.icons import icon
from ui.widgets.syntax_help import SyntaxHelpPopup

DEBOUNCE_MS = 150


class SearchField(QLineEdit):
    """Emits `queryChanged(text)` 150 ms after typing stops and at once on Return.

    Up/Down/PageUp/PageDown are handed on as `navigate(key)` so the result list can move its
    selection without the field losing focus.
    """

    queryChanged = Signal(str)
    querySubmitted = Signal(str)
    navigate = Signal(int)
    fullSyntaxRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("searchField")
        self.setPlaceholderText("Search titles, authors and full text   (Ctrl+F)")
        self.setClearButtonEnabled(True)
        self.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.help_action = QAction(icon("help"), "Query syntax", self)
        self.help_action.setToolTip("Query syntax: phrases, fields, years, boolean operators")
        self.help_action.triggered.connect(self.show_syntax_help)
        self.addAction(self.help_action, QLineEdit.ActionPosition.TrailingPosition)
        self._history = QStringListModel(self)
        completer = QCompleter(self._history, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.setCompleter(completer)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._emit_query)
        self._last_emitted: str | None = None
        self._popup: SyntaxHelpPopup | None = None
        self.textEdited.connect(lambda _text: self._timer.start())
        self.returnPressed.connect(self._submit)

    def set_history(self, history: list[str]) -> None:
        """Queries offered as completions, newest first."""
        self._history.setStringList(history)

    def set_query(self, text: str, emit: bool = True) -> None:
        """Replace the text (as if typed and confirmed)."""
        self.setText(text)
        self._timer.stop()
        if emit:
            self._emit_query()

    def current_query(self) -> str:
        """The query as it will be searched."""
        return self.text().strip()

    def cancel_pending(self) -> None:
        """Drop a debounced query that has not been emitted yet."""
        self._timer.stop()

    @property
    def syntax_popup(self) -> SyntaxHelpPopup | None:
        """The syntax cheat sheet, once it has been shown."""
        return self._popup

    def show_syntax_help(self) -> None:
        """Open the syntax cheat sheet under the field."""
        if self._popup is None:
            self._popup = SyntaxHelpPopup(self)
            self._popup.exampleChosen.connect(self._use_example)
            self._popup.fullSyntaxRequested.connect(self.fullSyntaxRequested)
        self._popup.show_below(self)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        popup = self.completer().popup() if self.completer() else None
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown) and not (
            popup and popup.isVisible()
        ):
            self.navigate.emit(int(key))
            return
        if key == Qt.Key.Key_Escape and self.text():
            self.set_query("")
            return
        super().keyPressEvent(event)

    def _use_example(self, example: str) -> None:
        self.set_query(example)
        self.setFocus()
        self._submit()

    def _submit(self) -> None:
        self._timer.stop()
        self._emit_query(force=True)
        if self.current_query():
            self.querySubmitted.emit(self.current_query())

    def _emit_query(self, force: bool = False) -> None:
        query = self.current_query()
        if force or query != self._last_emitted:
            self._last_emitted = query
            self.queryChanged.emit(query)
