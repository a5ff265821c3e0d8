"""A cheat sheet of the query language, dropped down under the search field.

Each example is a link: clicking it runs that search. The full reference
(`search/QUERY_SYNTAX.md`) is one click further (Help › Query syntax).
"""

from __future__ import annotations

import html

from PySide6.QtCore import QPoint, Qt, QUrl, Signal
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

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
        heading = QLabel(
            "<b>Search tips</b>  <span style='color:#8a909c'>— click an example to try it</span>"
        )
        layout.addWidget(heading)
        table = QLabel(_cheat_sheet(), self)
        table.setObjectName("syntaxTable")
        table.setTextFormat(Qt.TextFormat.RichText)
        table.linkActivated.connect(self._clicked)
        layout.addWidget(table)
        more = QLabel(
            '<a href="full">Full query syntax…</a>  '
            "<span style='color:#8a909c'>(Help › Query syntax)</span>"
        )
        more.linkActivated.connect(lambda _link: self._full_syntax())
        layout.addWidget(more)

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


def _cheat_sheet() -> str:
    rows = []
    for example, meaning in EXAMPLES:
        link = QUrl()
        link.setFragment(example)
        rows.append(
            f"<tr><td style='padding:3px 14px 3px 0'><a href='{html.escape(link.toString())}' "
            f"style='text-decoration:none; font-family:monospace'>{html.escape(example)}</a>"
            f"</td><td style='color:#5f6672; padding:3px 0'>{html.escape(meaning)}</td></tr>"
        )
    return f"<table cellspacing='0'>{''.join(rows)}</table>"
