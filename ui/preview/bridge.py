"""Carries RenderService replies from its thread to the GUI thread as queued Qt signals."""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal, SignalInstance

from app.render import HitsReply, InfoReply, PageReply


class ReplyBridge(QObject):
    """Makes callbacks for one request generation; each emits a signal (never touches widgets).

    Connect the signals with `Qt.QueuedConnection`: the callbacks run on the service thread.
    After `detach()`, late replies are dropped, so a closed pane is never called.
    """

    infoReady = Signal(int, object)
    hitsReady = Signal(int, object)
    pageReady = Signal(int, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lock = threading.Lock()
        self._attached = True

    def on_info(self, generation: int) -> Callable[[InfoReply], None]:
        """A callback that emits `infoReady(generation, reply)`."""
        return lambda reply: self._emit(self.infoReady, generation, reply)

    def on_hits(self, generation: int) -> Callable[[HitsReply], None]:
        """A callback that emits `hitsReady(generation, reply)`."""
        return lambda reply: self._emit(self.hitsReady, generation, reply)

    def on_page(self, generation: int) -> Callable[[PageReply], None]:
        """A callback that emits `pageReady(generation, reply)`."""
        return lambda reply: self._emit(self.pageReady, generation, reply)

    def detach(self) -> None:
        """Drop every reply from now on."""
        with self._lock:
            self._attached = False

    def _emit(self, signal: SignalInstance, generation: int, reply: object) -> None:
        # The lock keeps detach() from completing while an emit is in flight.
        with self._lock:
            if self._attached:
                signal.emit(generation, reply)
