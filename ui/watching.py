"""Watched folders while the window is open: new PDFs are imported in the background."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from app.importing.outcome import FileOutcome
from app.library import Library
from app.watch.watcher import FolderWatcher

POLL_SECONDS = 2.0
SETTLE_SECONDS = 3.0


class WatchedFolders(QObject):
    """Runs a `FolderWatcher` thread; `imported(str)` summarises each import (GUI thread)."""

    imported = Signal(str)

    def __init__(self, library: Library, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._library = library
        self._watcher: FolderWatcher | None = None
        self.restart()

    def restart(self) -> None:
        """(Re)start watching the library's folders; catch up on what arrived meanwhile."""
        self.stop()
        self._watcher = FolderWatcher(
            self._library, on_imported=self._report, interval=POLL_SECONDS,
            settle=SETTLE_SECONDS, workers=1,
        )
        self._watcher.start()

    def stop(self) -> None:
        if self._watcher is not None:
            self._watcher.stop()
            self._watcher = None

    def _report(self, outcomes: list[FileOutcome]) -> None:
        # Runs on the watcher's thread; the signal crosses to the GUI thread queued.
        added = sum(o.status == "added" for o in outcomes)
        failed = sum(o.status == "failed" for o in outcomes)
        text = f"Watched folder: {added} new paper{'s' if added != 1 else ''}"
        self.imported.emit(text + (f", {failed} failed" if failed else ""))
