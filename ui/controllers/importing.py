"""Imports in the background: one import thread, jobs queued, progress and outcomes as signals.

`Importer` blocks until the batch is done, so it gets a thread of its own rather than the
library operations thread: searching and editing go on while files import. Outcomes reach the
panel while the import runs (read from the import log of the batch) and, complete, from the
final report.

The parser processes outlive one import: they start with the first and end after
`parser_idle_ms` (90 s) without one, or at shutdown, so the next drop starts parsing at once
instead of waiting for fresh processes to load PyMuPDF.
"""

from __future__ import annotations

import dataclasses
import logging
import threading
import time
from collections import deque
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from app.importing.outcome import FileOutcome, ImportProgress
from app.library import Library
from app.procs import default_worker_count
from ui.ops import LibraryOp, OpRunner, lower_thread_priority
from ui.queries import import_log_outcomes

if TYPE_CHECKING:
    from app.importing.pipeline import Importer, ImportReport
    from app.importing.pool import ParsePool

log = logging.getLogger("lectern.ui.import")
PROGRESS_INTERVAL = 0.1
LOG_POLL_MS = 1000
POOL_IDLE_MS = 90_000


@dataclass(frozen=True, slots=True)
class ImportJob:
    """Files and folders to import, and the tags to give the added papers."""

    paths: tuple[Path, ...]
    tags: tuple[str, ...] = ()


class ImportController(QObject):
    """See the module docstring. Signals arrive on the GUI thread."""

    started = Signal(object)
    progressed = Signal(object)
    outcomesArrived = Signal(list)
    finished = Signal(object)
    failed = Signal(str)
    _progress_from_thread = Signal(object)
    _done_from_thread = Signal(object, object)

    def __init__(self, library: Library, runner: OpRunner, parent: QObject | None = None) -> None:
        self.workers: int | None = None  # parser processes per import (None: one per core)
        self.copy_files = True  # False: link PDFs in place instead of copying them
        self.parser_idle_ms = POOL_IDLE_MS  # parser processes end after this long unused
        super().__init__(parent)
        self._library = library
        self._runner = runner
        self._queue: deque[ImportJob] = deque()
        self._thread: threading.Thread | None = None
        self._cancel = threading.Event()
        self._batch = ""
        self._shown: set[tuple[str, str]] = set()
        self._log_after = 0
        self._last_progress = 0.0
        self._closed = False
        self._poll = QTimer(self)
        self._poll.setInterval(LOG_POLL_MS)
        self._poll.timeout.connect(self._poll_log)
        self._pool: ParsePool | None = None
        self._pool_idle = QTimer(self)
        self._pool_idle.setSingleShot(True)
        self._pool_idle.timeout.connect(self._close_idle_pool)
        queued = Qt.ConnectionType.QueuedConnection
        self._progress_from_thread.connect(self.progressed, queued)
        self._done_from_thread.connect(self._on_done, queued)

    @property
    def running(self) -> bool:
        """Whether an import is under way."""
        return self._thread is not None

    @property
    def parser_pids(self) -> tuple[int, ...]:
        """The parser processes kept between imports (none before the first or when idle)."""
        return self._pool.pids if self._pool is not None else ()

    @property
    def queued_jobs(self) -> int:
        """Imports waiting for the current one to finish."""
        return len(self._queue)

    def add(self, paths: list[Path], tags: list[str] | None = None) -> None:
        """Import `paths` (files or folders), tagging added papers with `tags`."""
        if not paths or self._closed:
            return
        self._queue.append(ImportJob(tuple(paths), tuple(tags or ())))
        if self._thread is None:
            self._start_next()

    def cancel(self) -> None:
        """Stop after the files in progress; queued imports are dropped."""
        self._queue.clear()
        self._cancel.set()

    def shutdown(self) -> None:
        """Cancel and wait for the import thread (its parser processes end with it)."""
        self._closed = True
        self.cancel()
        self._poll.stop()
        self._pool_idle.stop()
        thread = self._thread
        if thread is not None:
            thread.join()
            self._thread = None
        self._close_pool()

    # the import thread ----------------------------------------------------------------

    def _start_next(self) -> None:
        # Imported here, not at start-up: the pipeline pulls in the parser and its workers.
        from app.importing.pipeline import Importer

        job = self._queue.popleft()
        self._cancel = threading.Event()
        self._pool_idle.stop()
        if self._pool is not None and self._pool.size != (self.workers or default_worker_count()):
            self._close_pool()  # the number of workers was changed in the preferences
        importer = Importer(
            self._library, progress=self._report_progress, cancel=self._cancel,
            copy_files=self.copy_files, pool=self._pool,
        )
        self._batch, self._log_after = importer.batch_id, 0
        self._shown = set()
        self._last_progress = 0.0
        self._thread = threading.Thread(
            target=self._run, args=(importer, job), name="lectern-import", daemon=False
        )
        self.started.emit(job)
        self._thread.start()
        self._poll.start()

    def _close_idle_pool(self) -> None:
        if self._thread is None:
            self._close_pool()

    def _close_pool(self) -> None:
        pool, self._pool = self._pool, None
        if pool is not None:
            pool.close()

    def _run(self, importer: Importer, job: ImportJob) -> None:
        """Runs on the import thread."""
        lower_thread_priority()
        try:
            if importer.pool is None:
                # Started on this thread: spawning takes a moment, and the processes inherit
                # its lower priority.
                from app.importing.pool import ParsePool

                importer.pool = self._pool = ParsePool(self.workers)
            report = importer.run(list(job.paths), tags=list(job.tags))
        except Exception as error:
            log.exception("import failed")
            self._done_from_thread.emit(None, error)
            return
        self._done_from_thread.emit(report, None)

    def _report_progress(self, progress: ImportProgress) -> None:
        """Runs on the import thread; a copy crosses to the GUI thread, at most every 100 ms."""
        now = time.monotonic()
        if now - self._last_progress >= PROGRESS_INTERVAL or progress.done == progress.total:
            self._last_progress = now
            self._progress_from_thread.emit(dataclasses.replace(progress))

    # back on the GUI thread -----------------------------------------------------------

    def _poll_log(self) -> None:
        batch, after = self._batch, self._log_after
        LibraryOp(lambda library: import_log_outcomes(library, batch, after)).success(
            lambda found: self._show_logged(batch, found)
        ).run(self._runner)

    def _show_logged(self, batch: str, found: list[tuple[int, FileOutcome]]) -> None:
        if batch != self._batch or not found or self._thread is None:
            return
        self._log_after = max(self._log_after, found[-1][0])
        fresh = [o for _, o in found if (o.path, o.status) not in self._shown]
        self._shown.update((o.path, o.status) for o in fresh)
        if fresh:
            self.outcomesArrived.emit(fresh)

    def _on_done(self, report: ImportReport | None, error: BaseException | None) -> None:
        if self._closed:
            return
        thread, self._thread = self._thread, None
        if thread is not None:
            thread.join()
        self._poll.stop()
        if report is not None:
            rest = [o for o in report.outcomes if (o.path, o.status) not in self._shown]
            self._shown.update((o.path, o.status) for o in rest)
            if rest:
                self.outcomesArrived.emit(rest)
            self.finished.emit(report)
        else:
            self.failed.emit(str(error) or type(error).__name__)
        if self._queue:
            self._start_next()
        else:
            self._pool_idle.start(self.parser_idle_ms)
