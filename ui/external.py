"""Notice writes by other processes (the CLI, a watched-folder import) and refresh the views."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer

from app.changes import Changes
from app.library import Library

POLL_MS = 1500


class ExternalChanges(QObject):
    """Polls SQLite's data_version (microseconds per poll) and publishes a refresh."""

    def __init__(self, library: Library, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._library = library
        library.changed_elsewhere()  # take the current version as the baseline
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self.check)
        self._timer.start()

    def check(self) -> bool:
        """Publish a refresh when another process committed since the last check."""
        if not self._library.changed_elsewhere():
            return False
        ids = {paper.id for paper in self._library.papers()}
        # Which papers changed is unknown: refresh everything the views show; the index
        # sync picks up the queue rows the other process left (if it did not sync itself).
        self._library.publish(Changes(updated=ids, tags=True, index=True))
        return True

    def stop(self) -> None:
        self._timer.stop()
