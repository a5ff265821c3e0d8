"""The status bar: messages on the left; background work and the library's size on the right."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMainWindow, QStatusBar

from ui.widgets.progress_line import ProgressLine

MESSAGE_MS = 6000
PROBLEM_MS = 12000


class WindowStatusBar(QStatusBar):
    """See the module docstring. Work is keyed ("import", "index") so several can show."""

    def __init__(self, parent: QMainWindow) -> None:
        super().__init__(parent)
        self.setObjectName("statusBar")
        self._work: dict[str, str] = {}
        self.work_label = QLabel(self)
        self.work_label.setObjectName("workLabel")
        self.work_label.setMinimumWidth(320)
        self.work_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.work_bar = ProgressLine(self, height=6)
        self.work_bar.setFixedWidth(120)
        self.work_bar.hide()
        self.size_label = QLabel(self)
        self.size_label.setObjectName("sizeLabel")
        self.addPermanentWidget(self.work_label)
        self.addPermanentWidget(self.work_bar)
        self.addPermanentWidget(self.size_label)

    def set_library_size(self, papers: int) -> None:
        """Show how many papers the library holds."""
        self.size_label.setText(f"{papers:,} paper{'s' if papers != 1 else ''}")

    def set_work(
        self, key: str, text: str | None, done: int | None = None, total: int | None = None
    ) -> None:
        """Show (or with None, clear) background work; `done`/`total` drive the bar."""
        if text is None:
            self._work.pop(key, None)
        else:
            self._work[key] = text
        self.work_label.setText("   ·   ".join(self._work.values()))
        if key == "import" and total:
            self.work_bar.set_progress(done or 0, total)
        self.work_bar.setVisible("import" in self._work)

    def show_message(self, text: str) -> None:
        """A passing message."""
        self.setProperty("problem", False)
        self.style().polish(self)
        self.showMessage(text, MESSAGE_MS)

    def show_problem(self, text: str) -> None:
        """A message about something that went wrong, shown longer and marked."""
        self.setProperty("problem", True)
        self.style().polish(self)
        self.showMessage(text, PROBLEM_MS)
