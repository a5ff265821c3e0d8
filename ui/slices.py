"""Apply a stream of results a few milliseconds at a time, so the event loop never stalls."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Iterable
from typing import Generic, TypeVar

from PySide6.QtCore import QObject, QTimer, Signal

T = TypeVar("T")
BUDGET_SECONDS = 0.008


class TimeSlicer(QObject, Generic[T]):
    """Queue items; hand them to `apply(batch)` in batches that fit a time budget per turn.

    `apply` receives at most `batch_size` items per call; calls repeat within one event-loop
    turn until `budget` seconds have passed, then the rest waits for the next turn.
    """

    drained = Signal()

    def __init__(
        self,
        apply: Callable[[list[T]], None],
        batch_size: int = 50,
        budget: float = BUDGET_SECONDS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._apply = apply
        self._batch_size = batch_size
        self._budget = budget
        self._queue: deque[T] = deque()
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._turn)

    @property
    def pending(self) -> int:
        """Items not applied yet."""
        return len(self._queue)

    def push(self, items: Iterable[T]) -> None:
        """Queue items for applying."""
        self._queue.extend(items)
        if self._queue and not self._timer.isActive():
            self._timer.start()

    def clear(self) -> None:
        """Forget the items not applied yet."""
        self._queue.clear()
        self._timer.stop()

    def _turn(self) -> None:
        deadline = time.perf_counter() + self._budget
        while self._queue and time.perf_counter() < deadline:
            count = min(self._batch_size, len(self._queue))
            self._apply([self._queue.popleft() for _ in range(count)])
        if not self._queue:
            self._timer.stop()
            self.drained.emit()
