"""The import panel: progress of the running import and every file's outcome, kept afterwards.

Clicking an added file or a duplicate shows the paper it points to.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from app.importing.outcome import FileOutcome, ImportProgress
from ui.icons import icon
from ui.models.outcomes import OutcomeModel
from ui.slices import TimeSlicer
from ui.widgets.progress_line import ProgressLine


class ImportPanel(QWidget):
    """See the module docstring. Outcomes are added to the list a few milliseconds at a time."""

    paperRequested = Signal(int)
    cancelRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importPanel")
        self.model = OutcomeModel(self)
        self.model.set_icons(
            {status: icon(f"outcome-{status}") for status in ("added", "duplicate", "failed")}
        )
        self._slicer: TimeSlicer[FileOutcome] = TimeSlicer(self.model.append, parent=self)
        self.summary = QLabel("No import yet. Drop PDFs or folders on the window to add them.")
        self.summary.setObjectName("importSummary")
        # The text changes many times a second: it must not re-lay out the window each time.
        self.summary.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.summary.setMinimumWidth(260)
        self.progress = ProgressLine(self)
        self.progress.hide()
        self.cancel = QPushButton("Cancel", self)
        self.cancel.hide()
        self.cancel.clicked.connect(self.cancelRequested)
        self.clear_button = QPushButton("Clear list", self)
        self.clear_button.clicked.connect(self.clear)
        self.table = QTreeView(self)
        self.table.setObjectName("outcomeView")
        self.table.setModel(self.model)
        self.table.setRootIsDecorated(False)
        self.table.setUniformRowHeights(True)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(0, 110)
        header.resizeSection(1, 260)
        self.table.activated.connect(self._activated)
        self.table.clicked.connect(self._activated)

        top = QHBoxLayout()
        top.setSpacing(10)
        top.addWidget(self.summary, 1)
        top.addWidget(self.progress, 1)
        top.addWidget(self.cancel)
        top.addWidget(self.clear_button)
        column = QVBoxLayout(self)
        column.setContentsMargins(10, 6, 10, 8)
        column.setSpacing(6)
        column.addLayout(top)
        column.addWidget(self.table, 1)

    def import_started(self) -> None:
        """Show a running import."""
        self.progress.set_progress(0, 1)
        self.progress.show()
        self.cancel.show()
        self.cancel.setEnabled(True)
        self.clear_button.setEnabled(False)
        self.summary.setText("Looking for PDFs…")

    def show_progress(self, progress: ImportProgress) -> None:
        """Files and pages done so far."""
        if progress.total:
            self.progress.set_progress(progress.done, progress.total)
        current = f" — {progress.current}" if progress.current else ""
        self.summary.setText(
            f"Importing {progress.done:,} of {progress.total:,} files · "
            f"{progress.pages:,} pages{current}"
        )

    def add_outcomes(self, outcomes: list[FileOutcome]) -> None:
        """Add rows (applied in time slices)."""
        self._slicer.push(outcomes)

    def import_finished(self, added: int, duplicates: int, failed: int, seconds: float) -> None:
        """Show the summary of a finished import."""
        self.progress.hide()
        self.cancel.hide()
        self.clear_button.setEnabled(True)
        parts = [
            f"{added:,} added",
            f"{duplicates:,} duplicate{'s' if duplicates != 1 else ''}",
            f"{failed:,} failed",
        ]
        self.summary.setText(f"Last import: {', '.join(parts)} in {seconds:.1f} s")

    def import_failed(self, message: str) -> None:
        """Show that the import stopped with an error."""
        self.progress.hide()
        self.cancel.hide()
        self.clear_button.setEnabled(True)
        self.summary.setText(f"The import stopped: {message}")

    def stop(self) -> None:
        """Stop adding rows (the window is closing)."""
        self._slicer.clear()

    def clear(self) -> None:
        """Forget the listed outcomes."""
        self._slicer.clear()
        self.model.clear()

    @property
    def pending_rows(self) -> int:
        """Outcomes received but not yet shown."""
        return self._slicer.pending

    def _activated(self, index: QModelIndex) -> None:
        outcome = self.model.outcome(index.row())
        if outcome is None:
            return
        target = outcome.duplicate_of if outcome.status == "duplicate" else outcome.paper_id
        if target is not None:
            self.paperRequested.emit(target)


def describe_paths(paths: list[Path]) -> str:
    """'kernels.pdf', '3 files', 'papers/ and 2 more' — for status messages."""
    if len(paths) == 1:
        return paths[0].name + ("/" if paths[0].is_dir() else "")
    return f"{paths[0].name}{'/' if paths[0].is_dir() else ''} and {len(paths) - 1} more"
