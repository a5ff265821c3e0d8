"""Notice writes by other processes (the CLI, a watched-folder import) and refresh the views."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer
from sqlalchemy import select

from app.changes import Changes
from app.db.models import Paper
from app.library import Library

POLL_MS = 1500


class ExternalChanges(QObject):
    """Polls SQLite's data_version (microseconds per poll) and publishes a refresh."""

    def __init__(self, library: Library, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._library = library
        library.poll_data_version()  # take the current version as the baseline
        self._known = self._paper_ids()
        self._recheck = False
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self.check)
        self._timer.start()

    def check(self) -> bool:
        """Publish a refresh when another process committed since the last check."""
        moved, foreign = self._library.poll_data_version()
        if moved and not foreign:
            # This window wrote too (an import commits every second or so): a foreign
            # commit in the same interval would be masked. Compare the paper ids once the
            # library is quiet again, not on every commit of a running import.
            self._recheck = True
            return False
        if not moved and not self._recheck:
            return False
        self._recheck = False
        ids = self._paper_ids()
        added, removed = ids - self._known, self._known - ids
        self._known = ids
        if not (foreign or added or removed):
            return False
        # Which existing papers changed is unknown: refresh them all; the index sync picks
        # up any queue rows the other process left.
        self._library.publish(
            Changes(added=added, updated=ids - added, removed=removed, tags=True, index=True)
        )
        return True

    def _paper_ids(self) -> set[int]:
        with self._library.reading() as session:
            return set(session.scalars(select(Paper.id)))

    def stop(self) -> None:
        self._timer.stop()
