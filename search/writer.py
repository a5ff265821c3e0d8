"""The one tantivy IndexWriter of a `SearchIndex`: taken when needed, given back on commit.

tantivy allows one writer per index folder across all processes (a lock file). The GUI and
a CLI command may both have the library open, so the writer is acquired lazily on the
first change, and released right after each commit (after the merges that commit
triggered, so segments do not pile up). When another process holds it, acquisition is
retried with exponential backoff for a bounded time, then `IndexBusyError` is raised.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

DEFAULT_WAIT_SECONDS = 30.0
_FIRST_DELAY = 0.02
_MAX_DELAY = 0.5


class IndexBusyError(RuntimeError):
    """Another process kept the index writer for longer than we were willing to wait."""


def _is_lock_busy(error: Exception) -> bool:
    message = str(error)
    return "LockBusy" in message or "Failed to acquire index lock" in message


class WriterSlot:
    """Holds at most one IndexWriter for one tantivy index."""

    def __init__(
        self,
        index: Any,
        *,
        heap_bytes: int,
        threads: int,
        wait_seconds: float = DEFAULT_WAIT_SECONDS,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._index = index
        self._heap_bytes = heap_bytes
        self._threads = threads
        self._wait_seconds = wait_seconds
        self._sleep = sleep
        self._clock = clock
        self._writer: Any | None = None

    @property
    def held(self) -> bool:
        """Whether this slot currently owns the writer (and so the folder's lock)."""
        return self._writer is not None

    def get(self) -> Any:
        """The writer, acquiring it first if needed; raises `IndexBusyError` on timeout."""
        if self._writer is not None:
            return self._writer
        deadline = self._clock() + self._wait_seconds
        delay = _FIRST_DELAY
        while True:
            try:
                self._writer = self._index.writer(self._heap_bytes, self._threads)
                return self._writer
            except ValueError as error:
                if not _is_lock_busy(error):
                    raise
                remaining = deadline - self._clock()
                if remaining <= 0:
                    raise IndexBusyError(
                        "The search index is being updated by another Lectern process; "
                        f"it did not finish within {self._wait_seconds:g} s. Try again "
                        "when the other window or command is done."
                    ) from error
                self._sleep(min(delay, remaining))
                delay = min(delay * 2, _MAX_DELAY)

    def commit(self) -> None:
        """Commit pending changes (if any writer is held) and release the writer."""
        writer, self._writer = self._writer, None
        if writer is None:
            return
        writer.commit()
        writer.wait_merging_threads()

    def discard(self) -> None:
        """Drop uncommitted changes and release the writer."""
        writer, self._writer = self._writer, None
        if writer is None:
            return
        writer.rollback()
        writer.wait_merging_threads()
