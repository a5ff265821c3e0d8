"""Parse many files in parallel worker processes, each file under a deadline.

One thread per `WorkerProcess` pulls paths from a shared queue, so a slow or hung file
occupies one worker while the others go on. Results arrive in completion order.
"""

from __future__ import annotations

import contextlib
import queue
import threading
import time
from collections.abc import Iterator
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
    before its first `parse`.
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

    def parse(self, jobs: list[tuple[int, Path]]) -> Iterator[ParseResult]:
        """Parse every (key, path); yield each result as soon as it is ready."""
        todo: queue.SimpleQueue[tuple[int, Path] | None] = queue.SimpleQueue()
        done: queue.SimpleQueue[ParseResult | None] = queue.SimpleQueue()
        stop = threading.Event()  # set when the consumer stops early (a cancelled import)
        for job in jobs:
            todo.put(job)
        threads = [
            threading.Thread(target=self._drive, args=(worker, todo, done, stop), daemon=True)
            for worker in self._group.workers[: max(1, len(jobs))]
        ]
        for _ in threads:
            todo.put(None)
        for thread in threads:
            thread.start()
        finished = 0
        try:
            while finished < len(threads):
                item = done.get()
                if item is None:
                    finished += 1
                else:
                    yield item
        finally:
            stop.set()
            for thread in threads:
                thread.join()

    def _drive(
        self,
        worker: WorkerProcess,
        todo: queue.SimpleQueue[tuple[int, Path] | None],
        done: queue.SimpleQueue[ParseResult | None],
        stop: threading.Event,
    ) -> None:
        try:
            while not stop.is_set() and (job := todo.get()) is not None:
                key, path = job
                started = time.monotonic()
                try:
                    outcome = worker.call(analyze_pdf, str(path), path.name, timeout=self.timeout)
                    result = _as_result(outcome, self.timeout)
                except Exception as exc:  # e.g. no process can be started (out of resources)
                    result = ParseFailure(
                        FailureKind.UNREADABLE, f"could not start a reader process: {exc}"[:300]
                    )
                seconds = time.monotonic() - started
                done.put(ParseResult(key, path, result, seconds))
        finally:
            done.put(None)


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
