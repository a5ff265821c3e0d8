"""A one-line progress bar on stderr, drawn only when stderr is a terminal."""

from __future__ import annotations

import sys
import time
from typing import TextIO

from app.importing.outcome import ImportProgress

WIDTH = 28


class ProgressBar:
    """Redraws at most ten times a second; `finish()` clears the line."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty()
        self._last = 0.0

    def __call__(self, state: ImportProgress) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self._last < 0.1 and state.done < state.total:
            return
        self._last = now
        share = state.done / state.total if state.total else 1.0
        filled = int(share * WIDTH)
        eta = state.eta_seconds
        eta_text = f"ETA {_clock(eta)}" if eta is not None and state.done < state.total else ""
        line = (
            f"\r[{'█' * filled}{'·' * (WIDTH - filled)}] {state.done}/{state.total} files  "
            f"{state.pages_per_second:,.0f} pages/s  {eta_text}"
        )
        self.stream.write(line.ljust(90)[:120])
        self.stream.flush()

    def clear_line(self) -> None:
        """Erase the bar so that a line printed next starts clean (redrawn on next update)."""
        if self.enabled:
            self.stream.write("\r" + " " * 100 + "\r")
            self.stream.flush()
            self._last = 0.0

    def finish(self) -> None:
        self.clear_line()


def _clock(seconds: float) -> str:
    minutes, secs = divmod(int(seconds + 0.5), 60)
    return f"{minutes}:{secs:02d}"
