"""A cheat sheet of the query language, dropped down under the search field.

Each example is a link: clicking it runs that search. The full reference
(`search/QUERY_SYNTAX.md`) is one click further (Help › Query syntax).
"""

from __future__ import annotations

import html

from PySide6.QtCore import QPoint, Qt, QUrl, Signal
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from ui import theme

EXAMPLES = (
    ("neural tangent kernel", "all of these words"),
    ('"neural tangent kernel"', "these words in this order"),
    ('"kernel regime"~3', "these words close together"),
    ("kernel OR gaussian", "either word"),
    ("robust -adversarial", "without a word (also NOT)"),
    ("title:bandits", "in the title"),
    ("author:hopper", "by an author"),
    ("venue:neurips", "published at a venue"),
    ("tag:theory/kernels", "under a tag and its subtags"),
    ("year:2015..2019", "a year or a range of years"),
    ("status:unread", "unread, to_read, reading or read"),
    ("converg*", "words starting with…"),
    ("kernal~", "one typing error away"),
)


class SyntaxHelpPopup(QFrame):
    """See the module docstring."""

    exampleChosen = Signal(str)
    fullSyntaxRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setObjectName("syntaxHelp")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 12, 14, 12)
        layout.setSpacing(8)
        self._heading = QLabel(self)
        layout.addWidget(self._heading)
        self._table = QLabel(self)
        self._table.setObjectName("syntaxTable")
        self._table.setTextFormat(Qt.TextFormat.RichText)
        self._table.linkActivated.connect(self._clicked)
        layout.addWidget(self._table)
        self._more = QLabel(self)
        self._more.linkActivated.connect(lambda _link: self._full_syntax())
        layout.addWidget(self._more)
        self._write()
        theme.notifier().paletteChanged.connect(self._write)

    def _write(self) -> None:
        palette = theme.current()
        faint = palette.text_faint.name()
        self._heading.setText(
            f"<b>Search tips</b>  <span style='color:{faint}'>— click an example to try it</span>"
        )
        self._table.setText(_cheat_sheet(palette.text_muted.name()))
        self._more.setText(
            f"<a href='full'>Full query syntax…</a>  "
            f"<span style='color:{faint}'>(Help › Query syntax)</span>"
        )

    def show_below(self, anchor: QWidget) -> None:
        """Show the popup under `anchor`, right-aligned with it."""
        self.adjustSize()
        corner = anchor.mapToGlobal(QPoint(anchor.width() - self.width(), anchor.height() + 4))
        self.move(corner)
        self.show()

    def _clicked(self, link: str) -> None:
        self.hide()
        self.exampleChosen.emit(QUrl(link).fragment(QUrl.ComponentFormattingOption.FullyDecoded))

    def _full_syntax(self) -> None:
        self.hide()
        self.fullSyntaxRequested.emit()


def _cheat_sheet(muted: str) -> str:
    rows = []
    for example, meaning in EXAMPLES:
        link = QUrl()
        link.setFragment(example)
        rows.append(
            f"<tr><td style='padding:3px 14px 3px 0'><a href='{html.escape(link.toString())}' "
            f"style='text-decoration:none; font-family:monospace'>{html.escape(example)}</a>"
            f"</td><td style='color:{muted}; padding:3px 0'>{html.escape(meaning)}</td></tr>"
        )
    return f"<table cellspacing='0'>{''.join(rows)}</table>"
