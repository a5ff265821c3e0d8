"""Remembers where the reader is: the page shown in the preview is recorded (debounced) as
the paper's last page, with the share of its pages seen in this session."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer

from app.editing import record_reading
from ui.ops import LibraryOp, OpRunner

RECORD_DELAY_MS = 1500


class ReadingRecorder(QObject):
    """Call `opened(id, pages)` when a paper is shown and `page_changed(page)` as it scrolls."""

    def __init__(self, runner: OpRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._paper: int | None = None
        self._page_count = 0
        self._page = -1
        self._recorded = -1
        self._seen: dict[int, set[int]] = {}
        self._last_pages: dict[int, int] = {}
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(RECORD_DELAY_MS)
        self._timer.timeout.connect(self.flush)

    def opened(self, paper_id: int, page_count: int, page: int) -> None:
        """A paper is now shown, starting at `page`; the previous one is recorded first."""
        self.flush()
        self._paper, self._page_count = paper_id, page_count
        self._page = self._recorded = page

    def page_changed(self, page: int) -> None:
        """The reader moved to `page` (0-based)."""
        if self._paper is None or page < 0:
            return
        self._seen.setdefault(self._paper, set()).add(page)
        self._page = page
        if page != self._recorded:
            self._timer.start()

    def last_page(self, paper_id: int) -> int | None:
        """The page recorded for `paper_id` in this session, if any."""
        return self._last_pages.get(paper_id)

    def set_page_count(self, count: int) -> None:
        """The preview learnt how many pages the paper has."""
        self._page_count = count

    def flush(self) -> None:
        """Record the current page now if it has not been recorded."""
        self._timer.stop()
        paper_id, page = self._paper, self._page
        if paper_id is None or page < 0 or page == self._recorded:
            return
        self._recorded = page
        self._last_pages[paper_id] = page
        seen = len(self._seen.get(paper_id, ()))
        share = seen / self._page_count if self._page_count else 0.0
        LibraryOp(lambda library: record_reading(library, paper_id, page, share)).run(self._runner)
