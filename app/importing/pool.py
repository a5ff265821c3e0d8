"""Parse many files in parallel worker processes, each file under a deadline.

One thread per `WorkerProcess` pulls paths from a shared queue, so a slow or hung file
occupies one worker while the others go on. Jobs can be submitted while earlier ones are
parsed (files are hashed just ahead of the workers), and results arrive in completion order.
"""

from __future__ import annotations

import contextlib
import queue
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from app.extract.parsed import FailureKind, ParseFailure
from app.importing.job import Analysis, analyze_pdf
from app.procs import (
    DEFAULT_MEMORY_LIMIT,
    CallOutcome,
    CallStatus,
    WorkerGroup,
    WorkerProcess,
    default_worker_count,
)

DEFAULT_TIMEOUT = 60.0
# What every parse needs, imported by each worker as soon as it starts.
_PRELOAD = ("app.importing.job", "pymupdf")


@dataclass(frozen=True, slots=True)
class ParseResult:
    key: int
    path: Path
    outcome: Analysis | ParseFailure
    seconds: float


class ParsePool:
    """Worker processes for PDF parsing. Use as a context manager; `close()` ends them all.

    The workers start (and load PyMuPDF) at once, in parallel with whatever the caller does
    before its first `run`.
    """

    def __init__(
        self,
        workers: int | None = None,
        timeout: float = DEFAULT_TIMEOUT,
        memory_limit: int | None = DEFAULT_MEMORY_LIMIT,
    ) -> None:
        self.timeout = timeout
        self._group = WorkerGroup(
            workers or default_worker_count(), memory_limit=memory_limit, nice=5,
            name="lectern-parse", preload=_PRELOAD,
        )
        with contextlib.suppress(Exception):
            self._group.start()  # a failure shows up again, per file, at the first call

    @property
    def size(self) -> int:
        return len(self._group.workers)

    @property
    def pids(self) -> tuple[int, ...]:
        """Process ids of the running workers."""
        return tuple(pid for worker in self._group.workers if (pid := worker.pid) is not None)

    def __enter__(self) -> ParsePool:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._group.close()

    def run(self) -> ParseRun:
        """A batch of jobs, handed to the workers as they are submitted."""
        return ParseRun(self._group.workers, self.timeout)


class ParseRun:
    """Jobs submitted one by one while earlier ones are parsed; results in completion order.

    One thread per worker takes the next job from a shared queue. The submitter keeps a few
    jobs waiting (`waiting`) so that no worker idles, and calls `finish_input` after the last
    one; `next_result` then returns None once every result has been handed out. Use as a
    context manager: leaving it early lets the files in progress finish and parses no more.
    """

    def __init__(self, workers: list[WorkerProcess], timeout: float) -> None:
        self.timeout = timeout
        self._workers = workers
        self._todo: queue.SimpleQueue[tuple[int, Path] | None] = queue.SimpleQueue()
        self._done: queue.SimpleQueue[ParseResult] = queue.SimpleQueue()
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self._submitted = self._taken = self._delivered = 0
        self._taken_lock = threading.Lock()
        self._input_finished = False

    def __enter__(self) -> ParseRun:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    @property
    def waiting(self) -> int:
        """Jobs submitted that no worker has started yet."""
        with self._taken_lock:
            return self._submitted - self._taken

    @property
    def ready(self) -> int:
        """Results waiting to be picked up by `next_result`."""
        return self._done.qsize()

    def submit(self, key: int, path: Path) -> None:
        if self._input_finished:
            raise RuntimeError("submit after finish_input")
        if not self._threads:
            self._threads = [
                threading.Thread(target=self._drive, args=(worker,), daemon=True)
                for worker in self._workers
            ]
            for thread in self._threads:
                thread.start()
        with self._taken_lock:
            self._submitted += 1
        self._todo.put((key, path))

    def finish_input(self) -> None:
        """No more jobs will be submitted."""
        if not self._input_finished:
            self._input_finished = True
            for _ in self._threads:
                self._todo.put(None)

    def next_result(self) -> ParseResult | None:
        """The next finished job (waiting for one), or None when all are reported."""
        if self._delivered == self._submitted:
            if not self._input_finished:
                raise RuntimeError("no job submitted to wait for")
            return None
        result = self._done.get()
        self._delivered += 1
        return result

    def close(self) -> None:
        """Parse nothing more; wait for the files in progress."""
        self._stop.set()
        self.finish_input()
        for thread in self._threads:
            thread.join()

    def _drive(self, worker: WorkerProcess) -> None:
        while (job := self._todo.get()) is not None and not self._stop.is_set():
            with self._taken_lock:
                self._taken += 1
            key, path = job
            started = time.monotonic()
            try:
                outcome = worker.call(analyze_pdf, str(path), path.name, timeout=self.timeout)
                result = _as_result(outcome, self.timeout)
            except Exception as exc:  # e.g. no process can be started (out of resources)
                result = ParseFailure(
                    FailureKind.UNREADABLE, f"could not start a reader process: {exc}"[:300]
                )
            self._done.put(ParseResult(key, path, result, time.monotonic() - started))


def _as_result(outcome: CallOutcome, timeout: float) -> Analysis | ParseFailure:
    status, value, detail = outcome.status, outcome.value, outcome.detail
    if status is CallStatus.OK and isinstance(value, Analysis | ParseFailure):
        return value
    if status is CallStatus.TIMED_OUT:
        return ParseFailure(
            FailureKind.TIMED_OUT, f"timed out: reading the PDF took longer than {timeout:g} s"
        )
    if status is CallStatus.OUT_OF_MEMORY:
        return ParseFailure(
            FailureKind.OUT_OF_MEMORY, "too large: reading the PDF needed too much memory"
        )
    if status is CallStatus.CRASHED:
        return ParseFailure(FailureKind.CRASHED, f"damaged PDF: the reader crashed ({detail})")
    first_line = detail.splitlines()[-1] if detail else "unknown error"
    return ParseFailure(FailureKind.UNREADABLE, f"could not be read: {first_line[:200]}")
