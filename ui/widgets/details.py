"""The details tab: a paper's metadata, tags, reading status and notes, saved as you go.

Fields save when editing finishes (Return or leaving the field); the status saves when chosen;
notes save 800 ms after typing stops, and at once when another paper is shown or the window
closes. Every save is one `app.editing` call on the library thread.
"""

from __future__ import annotations

import dataclasses
import html
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.editing import set_note, set_status, tag_papers, update_fields
from app.library import Library
from app.views import PaperView
from ui import theme
from ui.ops import LibraryOp, OpRunner
from ui.widgets.notes import NotesPanel

NOTE_SAVE_MS = 800
STATUSES = ("unread", "to_read", "reading", "read")
TEXT_FIELDS = ("title", "venue", "doi", "arxiv_id", "url")


class DetailsPanel(QScrollArea):
    """See the module docstring. `saved` is emitted after every save that reached the library."""

    saved = Signal()
    saveFailed = Signal(str)
    openRequested = Signal()
    showFileRequested = Signal()

    def __init__(self, runner: OpRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("detailsPanel")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self._runner = runner
        self._paper: PaperView | None = None
        self._confirmed: PaperView | None = None  # as last read from the library
        self._note_dirty = False
        self._note_timer = QTimer(self)
        self._note_timer.setSingleShot(True)
        self._note_timer.setInterval(NOTE_SAVE_MS)
        self._note_timer.timeout.connect(self.flush_note)
        self._build()
        self.show_paper(None)
        theme.notifier().paletteChanged.connect(self._recolor)

    # layout ---------------------------------------------------------------------------

    def _build(self) -> None:
        body = QWidget(self)
        body.setObjectName("detailsBody")
        self.empty = QLabel("Select a paper to see and edit its details.", body)
        self.empty.setObjectName("detailsEmpty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title = QLineEdit(body)
        self.title.setObjectName("detailsTitle")
        self.authors = QLineEdit(body)
        self.authors.setPlaceholderText("Ada Lovelace; Alan Turing")
        self.year = QLineEdit(body)
        self.year.setValidator(QIntValidator(1000, 2999, self.year))
        self.year.setMaximumWidth(90)
        self.venue = QLineEdit(body)
        self.doi = QLineEdit(body)
        self.doi.setPlaceholderText("10.xxxx/…")
        self.arxiv_id = QLineEdit(body)
        self.arxiv_id.setPlaceholderText("2101.00001")
        self.url = QLineEdit(body)
        self.tags = QLineEdit(body)
        self.tags.setPlaceholderText("theory/kernels, robustness")
        self.tags.setToolTip("Tags separated by commas; use / for nesting (theory/kernels)")
        self.status = QComboBox(body)
        for key in STATUSES:
            self.status.addItem(theme.STATUS_LABELS[key], key)
        self.priority = QSpinBox(body)
        self.priority.setRange(-99, 99)
        self.priority.setToolTip("Priority in the reading queue (higher first)")
        self.priority.setPrefix("priority ")
        self.priority.setMinimumWidth(110)
        self.notes = QPlainTextEdit(body)
        self.notes.setObjectName("notesEdit")
        self.notes.setPlaceholderText("Your notes on this paper…")
        self.notes.setMinimumHeight(140)
        self.notes_panel = NotesPanel(self.notes, body)
        self.info = QLabel(body)
        self.info.setObjectName("detailsInfo")
        self.info.setWordWrap(True)
        self.info.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.info.linkActivated.connect(self._link)

        status_row = QHBoxLayout()
        status_row.addWidget(self.status, 1)
        status_row.addWidget(self.priority)
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        form.setHorizontalSpacing(12)
        form.setVerticalSpacing(8)
        for label, widget in (
            ("Title", self.title),
            ("Authors", self.authors),
            ("Year", self.year),
            ("Venue", self.venue),
            ("DOI", self.doi),
            ("arXiv", self.arxiv_id),
            ("URL", self.url),
            ("Tags", self.tags),
        ):
            form.addRow(label, widget)
        form.addRow("Status", status_row)
        self.form = QWidget(body)
        column = QVBoxLayout(self.form)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(10)
        column.addLayout(form)
        notes_label = QLabel("Notes", self.form)
        notes_label.setObjectName("sectionLabel")
        column.addWidget(notes_label)
        column.addWidget(self.notes_panel, 1)
        column.addWidget(self.info)
        outer = QVBoxLayout(body)
        outer.setContentsMargins(16, 14, 16, 14)
        outer.addWidget(self.empty)
        outer.addWidget(self.form)
        self.setWidget(body)

        for name in TEXT_FIELDS:
            edit: QLineEdit = getattr(self, name)
            edit.editingFinished.connect(lambda n=name: self._save_text_field(n))
        self.authors.editingFinished.connect(self._save_authors)
        self.year.editingFinished.connect(self._save_year)
        self.tags.editingFinished.connect(self._save_tags)
        self.status.activated.connect(lambda _i: self._save_status())
        self.priority.editingFinished.connect(self._save_status)
        self.notes.textChanged.connect(self._note_typed)

    # showing --------------------------------------------------------------------------

    @property
    def paper_id(self) -> int | None:
        """The paper shown."""
        return self._paper.id if self._paper else None

    def set_tag_completions(self, paths: list[str]) -> None:
        """Tag paths offered while typing in the tags field."""
        completer = QCompleter(paths, self.tags)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.tags.setCompleter(completer)

    def show_paper(self, paper: PaperView | None) -> None:
        """Show `paper` (None: the empty state); a pending note of the previous one is saved."""
        if self._paper is not None and (paper is None or paper.id != self._paper.id):
            self.flush_note()
        self._paper = self._confirmed = paper
        self.empty.setVisible(paper is None)
        self.form.setVisible(paper is not None)
        if paper is None:
            return
        self._fill(paper, keep_focused=False)

    def refresh(self, paper: PaperView) -> None:
        """The shown paper changed in the library: update fields the user is not editing."""
        if self._paper is None or paper.id != self._paper.id:
            return
        self._paper = self._confirmed = paper
        self._fill(paper, keep_focused=True)

    def _fill(self, paper: PaperView, keep_focused: bool) -> None:
        values: dict[QLineEdit, str] = {
            self.title: paper.title,
            self.authors: "; ".join(paper.authors),
            self.year: str(paper.year or ""),
            self.venue: paper.venue,
            self.doi: paper.doi or "",
            self.arxiv_id: paper.arxiv_id or "",
            self.url: paper.url,
            self.tags: ", ".join(paper.tags),
        }
        for edit, value in values.items():
            if not (keep_focused and edit.hasFocus()):
                edit.setText(value)
                edit.setCursorPosition(0)
        self.status.setCurrentIndex(max(0, self.status.findData(paper.status)))
        if not (keep_focused and self.priority.hasFocus()):
            self.priority.setValue(paper.priority)
        if not (keep_focused and (self.notes.hasFocus() or self._note_timer.isActive())):
            self.notes.blockSignals(True)
            self.notes.setPlainText(paper.notes)
            self.notes.blockSignals(False)
            self.notes_panel.show_rendered()
        self.info.setText(_info_html(paper))

    def _recolor(self) -> None:
        if self._paper is not None:
            self.info.setText(_info_html(self._paper))

    def _link(self, link: str) -> None:
        if link == "open":
            self.openRequested.emit()
        elif link == "folder":
            self.showFileRequested.emit()

    # saving ---------------------------------------------------------------------------

    def flush_note(self) -> None:
        """Save the note now if it has unsaved typing."""
        if not self._note_dirty:
            return
        self._note_timer.stop()
        self._note_dirty = False
        if self._paper is None:
            return
        paper_id, text = self._paper.id, self.notes.toPlainText()
        self._save(lambda library: set_note(library, paper_id, text))

    def _note_typed(self) -> None:
        self._note_dirty = True
        self._note_timer.start()

    def _save_text_field(self, name: str) -> None:
        if self._paper is None:
            return
        value = getattr(self, name).text().strip()
        current = getattr(self._paper, name) or ""
        if value == current:
            return
        paper_id = self._paper.id
        self._expect(**{name: value})
        self._save(lambda library: update_fields(library, paper_id, **{name: value}))

    def _save_authors(self) -> None:
        if self._paper is None:
            return
        names = [n.strip() for n in self.authors.text().replace("\n", ";").split(";") if n.strip()]
        if names == self._paper.authors:
            return
        paper_id = self._paper.id
        self._expect(authors=names)
        self._save(lambda library: update_fields(library, paper_id, authors=names))

    def _save_year(self) -> None:
        if self._paper is None or self.year.text().strip() == str(self._paper.year or ""):
            return
        paper_id, value = self._paper.id, self.year.text().strip()
        self._expect(year=int(value) if value else None)
        self._save(lambda library: update_fields(library, paper_id, year=value or None))

    def _save_tags(self) -> None:
        if self._paper is None:
            return
        wanted = [t.strip().strip("/") for t in self.tags.text().split(",") if t.strip()]
        have = {t.casefold(): t for t in self._paper.tags}
        add = [t for t in wanted if t.casefold() not in have]
        remove = [t for key, t in have.items() if key not in {w.casefold() for w in wanted}]
        if not add and not remove:
            return
        paper_id = self._paper.id
        self._expect(tags=sorted(wanted))
        self._save(lambda library: tag_papers(library, [paper_id], add=add, remove=remove))

    def _save_status(self) -> None:
        if self._paper is None:
            return
        status, priority = str(self.status.currentData()), self.priority.value()
        if status == self._paper.status and priority == self._paper.priority:
            return
        paper_id = self._paper.id
        self._expect(status=status, priority=priority)
        self._save(lambda library: set_status(library, [paper_id], status, priority))

    def _expect(self, **fields: Any) -> None:
        """Take the edited values as the paper's until the library sends the saved paper, so
        editing finishing twice (Return, then leaving the field) saves once."""
        if self._paper is not None:
            self._paper = dataclasses.replace(self._paper, **fields)

    def _save(self, work: Callable[[Library], Any]) -> None:
        LibraryOp(work).success(lambda _changes: self.saved.emit()).failure(self._failed).run(
            self._runner
        )

    def _failed(self, error: BaseException) -> None:
        self.saveFailed.emit(str(error))
        confirmed = self._confirmed
        if confirmed is not None and self._paper is not None and confirmed.id == self._paper.id:
            self._paper = confirmed
            self._fill(confirmed, keep_focused=False)


def _info_html(paper: PaperView) -> str:
    rows = [f"Added {paper.added.astimezone().strftime('%d %b %Y, %H:%M')}"]
    if paper.page_count:
        rows.append(f"{paper.page_count} pages")
    if paper.last_page:
        rows.append(f"last read on page {paper.last_page + 1}")
    flags = {
        "no_text": "no text layer (not searchable)",
        "partial_text": "some pages lack text",
        "missing_file": "the stored PDF is missing",
    }
    rows += [flags[f] for f in paper.flags if f in flags]
    links = (
        (
            "<a href='open' style='text-decoration:none'>Open in PDF viewer</a> &nbsp;·&nbsp; "
            "<a href='folder' style='text-decoration:none'>Show file</a>"
        )
        if paper.file
        else ("no stored PDF")
    )
    return (
        f"<span style='color:{theme.current().text_faint.name()}'>"
        f"{' · '.join(html.escape(r) for r in rows)}</span><br>{links}"
    )
