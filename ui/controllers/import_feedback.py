"""What the user sees of imports: the import panel, its dock, and the status bar.

Imports queued back to back (several drops in a row) get one summary at the end.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDockWidget

from app.importing.outcome import ImportProgress
from ui.controllers.importing import ImportController, ImportJob
from ui.status_bar import WindowStatusBar
from ui.widgets.import_panel import ImportPanel, describe_paths

if TYPE_CHECKING:
    from app.importing.pipeline import ImportReport


@dataclass(slots=True)
class ImportTotals:
    """Outcomes of imports that ran back to back."""

    added: int = 0
    duplicates: int = 0
    failed: int = 0
    seconds: float = 0.0

    def add(self, report: ImportReport) -> None:
        """Count one finished import."""
        self.added += report.count("added")
        self.duplicates += report.count("duplicate")
        self.failed += report.count("failed")
        self.seconds += report.elapsed


class ImportFeedback(QObject):
    """Shows import progress and outcomes. `settled(added)` follows the last queued import."""

    settled = Signal(int)

    def __init__(
        self,
        imports: ImportController,
        panel: ImportPanel,
        dock: QDockWidget,
        status: WindowStatusBar,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._imports = imports
        self._panel = panel
        self._dock = dock
        self._status = status
        self._totals: ImportTotals | None = None
        imports.started.connect(self._started)
        imports.progressed.connect(self._progressed)
        imports.outcomesArrived.connect(panel.add_outcomes)
        imports.finished.connect(self._finished)
        imports.failed.connect(self._failed)
        panel.cancelRequested.connect(imports.cancel)

    def _started(self, job: ImportJob) -> None:
        if self._totals is None:
            self._totals = ImportTotals()
            self._panel.import_started()
        self._dock.show()
        self._status.set_work("import", f"Importing {describe_paths(list(job.paths))}…")

    def _progressed(self, progress: ImportProgress) -> None:
        self._panel.show_progress(progress)
        self._status.set_work(
            "import",
            f"Importing {progress.done:,}/{progress.total:,} files · {progress.pages:,} pages",
            progress.done,
            progress.total,
        )

    def _finished(self, report: ImportReport) -> None:
        totals = self._totals or ImportTotals()
        totals.add(report)
        if self._imports.queued_jobs:
            return
        self._totals = None
        self._panel.import_finished(totals.added, totals.duplicates, totals.failed, totals.seconds)
        self._status.set_work("import", None)
        self._status.show_message(
            f"Import finished: {totals.added} added, {totals.duplicates} duplicate, "
            f"{totals.failed} failed"
        )
        self.settled.emit(totals.added)

    def _failed(self, message: str) -> None:
        self._totals = None
        self._panel.import_failed(message)
        self._status.set_work("import", None)
        self._status.show_problem(f"The import stopped: {message}")
        self.settled.emit(0)
