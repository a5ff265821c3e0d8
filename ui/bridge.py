"""The one bridge from core change events to Qt.

`Library` calls its listeners on whichever thread wrote (an import thread, the library
operations thread). `LibraryBridge` merges those `Changes` and hands them to the GUI thread as
one queued `changed` signal per event-loop turn, so a burst of writes (an import commits every
second) costs the views one refresh, not one per write.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, Qt, Signal, Slot

from app.changes import Changes
from app.library import Library


class LibraryBridge(QObject):
    """Subscribes to a library; emits `changed(Changes)` on the GUI thread."""

    changed = Signal(object)
    _wake = Signal()

    def __init__(self, library: Library, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lock = threading.Lock()
        self._pending: Changes | None = None
        self._wake.connect(self._flush, Qt.ConnectionType.QueuedConnection)
        self._unsubscribe = library.subscribe(self._on_changes)
        self._closed = False

    def close(self) -> None:
        """Stop listening; nothing is emitted afterwards."""
        if not self._closed:
            self._closed = True
            self._unsubscribe()

    def _on_changes(self, changes: Changes) -> None:
        """Runs on the writing thread: merge, and wake the GUI thread once per burst."""
        copy = Changes(
            set(changes.added),
            set(changes.updated),
            set(changes.removed),
            changes.tags,
            changes.index,
        )
        with self._lock:
            first = self._pending is None
            if self._pending is None:
                self._pending = copy
            else:
                self._pending |= copy
        if first:
            self._wake.emit()

    @Slot()
    def _flush(self) -> None:
        with self._lock:
            pending, self._pending = self._pending, None
        if pending and not self._closed:
            self.changed.emit(pending)
