"""Keeps the search index in step: after papers or tags change, `sync_index` runs on the
library thread (debounced), then `Changes(index=True)` is published so searches reload."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from app.changes import Changes
from app.library import Library
from ui.ops import LibraryOp, OpRunner

SYNC_DELAY_MS = 200


def sync_and_announce(library: Library) -> int:
    """Apply the index queue (`sync_index` publishes an index change per batch applied)."""
    from app.indexing import sync_index

    result = sync_index(library)
    return result.indexed + result.removed


class IndexSync(QObject):
    """See the module docstring. `synced(n)` reports how many papers the index took in."""

    synced = Signal(int)
    failed = Signal(str)
    busyChanged = Signal(bool)

    def __init__(self, runner: OpRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._running = False
        self._again = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SYNC_DELAY_MS)
        self._timer.timeout.connect(self.sync_now)

    @property
    def busy(self) -> bool:
        """Whether an index update is scheduled or running."""
        return self._running or self._timer.isActive()

    def on_library_changed(self, changes: Changes) -> None:
        """Schedule a sync when papers or tags changed (not for the sync's own event)."""
        if changes.papers or changes.tags:
            self.schedule()

    def schedule(self) -> None:
        """Sync soon (writes arriving meanwhile join the same sync)."""
        if self._running:
            self._again = True
        elif not self._timer.isActive():
            self._timer.start()
            self.busyChanged.emit(True)

    def sync_now(self) -> None:
        """Sync at once."""
        self._timer.stop()
        if self._running:
            self._again = True
            return
        self._running = True
        self.busyChanged.emit(True)
        LibraryOp(sync_and_announce).success(self._done).failure(self._failed).run(self._runner)

    def stop(self) -> None:
        """Cancel a scheduled sync (the queue stays in the database for the next start)."""
        self._timer.stop()
        self._again = False

    def _done(self, count: int) -> None:
        self._finish()
        self.synced.emit(count)

    def _failed(self, error: BaseException) -> None:
        self._finish()
        self.failed.emit(str(error) or type(error).__name__)

    def _finish(self) -> None:
        self._running = False
        if self._again:
            self._again = False
            self.schedule()
        else:
            self.busyChanged.emit(False)
