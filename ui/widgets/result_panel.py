"""The middle column: search field, a header saying what is listed, and the result list."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ui import theme
from ui.models.results import ResultsModel
from ui.widgets.result_view import ResultView
from ui.widgets.search_field import SearchField

SORTS = (("relevance", "Relevance"), ("year", "Year"), ("added", "Date added"), ("title", "Title"))


class ResultPanel(QWidget):
    """See the module docstring. The panel shows; the search controller decides."""

    sortChosen = Signal(str)
    suggestionChosen = Signal(str)
    headerLinkActivated = Signal(str)

    def __init__(self, model: ResultsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("resultPanel")
        self.search = SearchField(self)
        self.header = QLabel(self)
        self.header.setObjectName("resultHeader")
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.header.linkActivated.connect(self.headerLinkActivated)
        self.sort = QComboBox(self)
        self.sort.setObjectName("sortCombo")
        for key, label in SORTS:
            self.sort.addItem(label, key)
        self.sort.setToolTip("Order of the results")
        self.sort.activated.connect(lambda i: self.sortChosen.emit(str(self.sort.itemData(i))))
        self.notice = QLabel(self)
        self.notice.setObjectName("queryNotice")
        self.notice.setWordWrap(True)
        self.notice.hide()
        self.suggestions = QLabel(self)
        self.suggestions.setObjectName("suggestions")
        self.suggestions.setWordWrap(True)
        self.suggestions.linkActivated.connect(self._suggestion_clicked)
        self.suggestions.hide()
        self._searches: list[str] = []
        theme.notifier().paletteChanged.connect(self._recolor)
        self.view = ResultView(model, self)
        self.no_results = QLabel(self)
        self.no_results.setObjectName("noResults")
        self.no_results.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.no_results.setWordWrap(True)
        self._stack = QStackedWidget(self)
        self._stack.addWidget(self.view)
        self._stack.addWidget(self.no_results)

        top = QVBoxLayout()
        top.setContentsMargins(14, 12, 14, 6)
        top.setSpacing(8)
        top.addWidget(self.search)
        heading = QHBoxLayout()
        heading.setSpacing(8)
        heading.addWidget(self.header, 1)
        sort_label = QLabel("Sort by", self)
        sort_label.setObjectName("sortLabel")
        heading.addWidget(sort_label)
        heading.addWidget(self.sort)
        top.addLayout(heading)
        top.addWidget(self.notice)
        top.addWidget(self.suggestions)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addLayout(top)
        column.addWidget(self._stack, 1)

    def set_sort(self, key: str) -> None:
        """Show `key` as the chosen order."""
        index = self.sort.findData(key)
        if index >= 0:
            self.sort.setCurrentIndex(index)

    def set_header(self, rich_text: str) -> None:
        """The line above the results (rich text; links emit headerLinkActivated)."""
        self.header.setText(rich_text)

    def header_text(self) -> str:
        """The header as plain text."""
        from PySide6.QtGui import QTextDocument

        doc = QTextDocument()
        doc.setHtml(self.header.text())
        return doc.toPlainText()

    def set_notice(self, lines: list[str]) -> None:
        """Warnings about the query (shown under the header), or none."""
        self.notice.setText("<br>".join(html.escape(line) for line in lines))
        self.notice.setVisible(bool(lines))

    def set_suggestions(self, searches: list[str]) -> None:
        """Offer these searches as one line of links (hidden when empty)."""
        self._searches = list(searches)
        if not searches:
            self.suggestions.hide()
            return
        links = "&nbsp;&nbsp;·&nbsp;&nbsp;".join(
            f'<a href="{html.escape(s, quote=True)}" style="text-decoration:none">'
            f"{html.escape(s)}</a>"
            for s in searches
        )
        faint = theme.current().text_faint.name()
        self.suggestions.setText(f"<span style='color:{faint}'>Try</span>&nbsp;&nbsp;{links}")
        self.suggestions.show()

    def _recolor(self) -> None:
        self.set_suggestions(self._searches)

    def show_message(self, rich_text: str | None) -> None:
        """Show `rich_text` instead of the list (None: show the list)."""
        if rich_text is None:
            self._stack.setCurrentWidget(self.view)
        else:
            self.no_results.setText(rich_text)
            self._stack.setCurrentWidget(self.no_results)

    def _suggestion_clicked(self, link: str) -> None:
        self.suggestionChosen.emit(link)
