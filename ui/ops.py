"""Background library work: one single-thread executor, callbacks delivered on the GUI thread.

Every database and index call the GUI makes goes through `OpRunner`. Work runs in submission
order on one thread (`lectern-db`), so two operations never race each other on the index
writer, and a read submitted after a write sees that write. Call sites read as one statement:

    LibraryOp(lambda lib: set_status(lib, ids, "read")).success(on_saved).run(runner)

Callbacks always run later, on the GUI thread, through a queued signal — never inside
`run()` and never on the worker thread. After `shutdown()` no callback runs at all.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, Qt, Signal, Slot

from app.library import Library

log = logging.getLogger("lectern.ui.ops")
T = TypeVar("T")
FailureHandler = Callable[[BaseException], None]


class OpRunner(QObject):
    """Runs `fn(library)` on the library thread and reports back on the GUI thread."""

    _deliver = Signal(object)
    busyChanged = Signal(bool)

    def __init__(self, library: Library, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self._executor = ThreadPoolExecutor(
            max_workers=1, thread_name_prefix="lectern-db", initializer=lower_thread_priority
        )
        self._closed = False
        self._pending = 0
        self._lock = threading.Lock()
        self.default_failure: FailureHandler = _log_failure
        self._deliver.connect(self._run_callback, Qt.ConnectionType.QueuedConnection)

    def submit(
        self,
        work: Callable[[Library], T],
        on_success: Callable[[T], None] | None = None,
        on_failure: FailureHandler | None = None,
    ) -> Future[T]:
        """Queue `work(library)`; its result or exception comes back to one of the callbacks."""
        if self._closed:
            raise RuntimeError("the library operations have been shut down")
        self._pending += 1
        if self._pending == 1:
            self.busyChanged.emit(True)
        future = self._executor.submit(work, self.library)
        future.add_done_callback(
            lambda done: self._deliver.emit(lambda: self._finish(done, on_success, on_failure))
        )
        return future

    def shutdown(self) -> None:
        """Finish the operation in flight and those queued (saves must land), then stop."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
        self._executor.shutdown(wait=True)

    @Slot(object)
    def _run_callback(self, callback: Callable[[], None]) -> None:
        if not self._closed:
            callback()

    def _finish(
        self,
        future: Future[Any],
        on_success: Callable[[Any], None] | None,
        on_failure: FailureHandler | None,
    ) -> None:
        self._pending -= 1
        if self._pending == 0:
            self.busyChanged.emit(False)
        error = future.exception()
        if error is not None:
            (on_failure or self.default_failure)(error)
        elif on_success is not None:
            on_success(future.result())


class LibraryOp(Generic[T]):
    """One library operation with optional success and failure callbacks (GUI thread)."""

    def __init__(self, work: Callable[[Library], T]) -> None:
        self._work = work
        self._on_success: Callable[[T], None] | None = None
        self._on_failure: FailureHandler | None = None

    def success(self, callback: Callable[[T], None]) -> LibraryOp[T]:
        """Call `callback(result)` on the GUI thread when the work succeeds."""
        self._on_success = callback
        return self

    def failure(self, callback: FailureHandler) -> LibraryOp[T]:
        """Call `callback(exception)` instead of the runner's default failure handler."""
        self._on_failure = callback
        return self

    def run(self, runner: OpRunner) -> Future[T]:
        """Queue the work on `runner`."""
        return runner.submit(self._work, self._on_success, self._on_failure)


BACKGROUND_NICENESS = 10


def lower_thread_priority() -> None:
    """Make the calling (background) thread yield the CPU to the GUI thread.

    Python code on any thread holds the interpreter lock the GUI thread needs for every call
    from Qt into Python; when background threads are runnable at the same priority, the GUI
    thread often loses the race for it. Linux sets niceness per thread; elsewhere this is a
    no-op.
    """
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), BACKGROUND_NICENESS)


def _log_failure(error: BaseException) -> None:
    log.error("library operation failed", exc_info=error)
