"""PreviewPane: read the selected paper, its search terms highlighted, without leaving the window.

The pane never renders and never waits: it asks the `RenderService` (a worker process behind
a thread) and paints whatever has arrived, with placeholders for the rest. Replies reach the
GUI thread as queued signals and carry a generation number, so replies for a paper the user
has already left are ignored.

Links inside PDFs are not followed: nothing here opens a URL or a file.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QStackedWidget, QVBoxLayout, QWidget

from app.render import HitsReply, InfoReply, Rect, RenderService
from app.render.hits import normalize_terms
from app.textnorm import sanitize_line
from ui.preview.bridge import ReplyBridge
from ui.preview.geometry import next_zoom_step
from ui.preview.hit_cursor import HitCursor
from ui.preview.message_view import MessageView
from ui.preview.page_loader import PageLoader
from ui.preview.page_view import PageView
from ui.preview.toolbar import PreviewToolbar

EMPTY_HEADLINE = "Select a paper to preview it"
EMPTY_DETAIL = "Its pages appear here, with your search terms highlighted."
MISSING_HEADLINE = "The file of this paper is missing"
UNREADABLE_HEADLINE = "Could not open this PDF"
_OPENING_NOTICE_MS = 300


class PreviewPane(QWidget):
    """Continuous-scroll preview of one PDF with hit navigation, page navigation and zoom.

    Signals: `pageChanged(page)` (0-based, for "last page viewed"), `hitChanged(index,
    total)` (0-based index, -1 when none is current), `pageRendered(page)` and
    `pageFailed(page, reason)`.
    """

    pageChanged = Signal(int)
    hitChanged = Signal(int, int)
    pageRendered = Signal(int)
    pageFailed = Signal(int, str)

    def __init__(self, parent: QWidget | None = None, *, service: RenderService | None = None):
        super().__init__(parent)
        self._owns_service = service is None
        self._service = service if service is not None else RenderService()
        self._bridge = ReplyBridge(self)
        queued = Qt.ConnectionType.QueuedConnection
        self._bridge.infoReady.connect(self._on_info, queued)
        self._bridge.hitsReady.connect(self._on_hits, queued)

        self.toolbar = PreviewToolbar(self)
        self._view = PageView(self)
        self._message = MessageView(self)
        self._stack = QStackedWidget(self)
        self._stack.addWidget(self._message)
        self._stack.addWidget(self._view)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.toolbar)
        column.addWidget(self._stack, 1)

        self._loader = PageLoader(self._service, self._view, self)
        self._opening_timer = QTimer(self)
        self._opening_timer.setSingleShot(True)
        self._opening_timer.setInterval(_OPENING_NOTICE_MS)
        self._opening_timer.timeout.connect(self._on_slow_opening)
        self._hits = HitCursor()
        self._generation = 0
        self._path: str | None = None
        self._title = ""
        self._terms: list[str] = []
        self._initial_page: int | None = None
        self._last_page: int | None = None
        self._page_count = 0
        self._page_sizes: list[tuple[float, float]] = []
        self._hits_pending = False
        self._hits_error = ""
        self._positioned = False
        self._user_moved = False
        self._last_hit_state = (-1, 0)
        self._closed = False

        self._connect_controls()
        self._add_shortcuts()
        self.clear()

    # -- public API ----------------------------------------------------------------------

    def show_paper(
        self,
        path: Path | None,
        terms: list[str],
        initial_page: int | None = None,
        title: str = "",
        *,
        last_page: int | None = None,
    ) -> None:
        """Open `path` and highlight every match of `terms` (phrases stay whole).

        Opens on `initial_page` (0-based) if given, else on the first hit, else on
        `last_page` (the page the reader left the paper on), else on the first page.
        """
        if path is None or self._closed:
            self.clear()
            return
        self._start_document()
        self._path = str(path)
        self._loader.begin(self._path)
        self._title = sanitize_line(title or Path(path).name, 500)
        self._terms = normalize_terms(terms)
        self._initial_page, self._last_page = initial_page, last_page
        self.toolbar.set_document(None, self._title)
        if not Path(path).is_file():
            self._show_message(MISSING_HEADLINE, str(path))
            return
        generation = self._generation
        self._service.request_document_info(self._path, self._bridge.on_info(generation))
        if self._terms:
            self._hits_pending = True
            self._service.request_hits(self._path, self._terms, self._bridge.on_hits(generation))
        self._opening_timer.start()

    def clear(self) -> None:
        """Show no paper: a friendly empty state."""
        self._start_document()
        self.toolbar.set_document(None)
        self._show_message(EMPTY_HEADLINE, EMPTY_DETAIL)

    def next_hit(self) -> None:
        """Go to the next match, across pages, wrapping after the last."""
        self._go_to_hit(self._hits.next_index(self._view.current_page()))

    def previous_hit(self) -> None:
        """Go to the previous match, across pages, wrapping before the first."""
        self._go_to_hit(self._hits.previous_index(self._view.current_page()))

    def go_to_page(self, index: int) -> None:
        """Scroll to the top of page `index` (0-based, clamped)."""
        if self._page_count:
            self._user_moved = True
            self._view.scroll_to_page(max(0, min(index, self._page_count - 1)))

    def next_page(self) -> None:
        """Scroll to the next page."""
        self.go_to_page(self._view.current_page() + 1)

    def previous_page(self) -> None:
        """Scroll to the previous page."""
        self.go_to_page(self._view.current_page() - 1)

    def zoom_in(self) -> None:
        """Zoom in one step."""
        self._zoom_step(1)

    def zoom_out(self) -> None:
        """Zoom out one step."""
        self._zoom_step(-1)

    def fit_width(self) -> None:
        """Zoom so the pages fill the width, and keep doing so when the pane is resized."""
        self._view.set_fit_width()
        self.toolbar.set_zoom(self._view.zoom_percent(), True)

    def zoom_percent(self) -> float:
        """Current zoom in percent of the paper's physical size."""
        return self._view.zoom_percent()

    def current_page(self) -> int:
        """The page being read (0-based), -1 when no paper is shown."""
        return self._view.current_page() if self._page_count else -1

    def page_count(self) -> int:
        """Pages of the paper shown, 0 when none."""
        return self._page_count

    def hit_count(self) -> int:
        """Matches of the terms in the whole paper."""
        return self._hits.count

    def current_hit_index(self) -> int:
        """The current match (0-based), -1 when none is current."""
        return self._hits.index

    def highlight_rects(self, page: int) -> list[tuple[float, float, float, float]]:
        """The highlighted rectangles of `page`, in PDF points of the displayed page."""
        return self._hits.rects_on(page)

    def message(self) -> str:
        """The text shown instead of pages, empty while pages are shown."""
        return self._message.text() if self._stack.currentWidget() is self._message else ""

    def shutdown(self) -> None:
        """Stop timers and, if the pane made its own render service, close it."""
        if self._closed:
            return
        self._closed = True
        self._opening_timer.stop()
        self._bridge.detach()
        self._loader.stop()
        if self._owns_service:
            self._service.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Closing the pane releases its worker."""
        self.shutdown()
        super().closeEvent(event)

    # -- replies -------------------------------------------------------------------------

    def _on_info(self, generation: int, reply: InfoReply) -> None:
        if generation != self._generation:
            return
        if reply.info is None:
            self._opening_timer.stop()
            reason = reply.error[:1].upper() + reply.error[1:]
            self._show_message(UNREADABLE_HEADLINE, f"{reason}.\n{reply.path}")
            return
        self._page_count = reply.info.page_count
        self._page_sizes = reply.info.page_sizes
        # The view becomes current now so it has its final size; it shows the pages once
        # it knows where to open (usually a few milliseconds later, with the hits).
        self._stack.setCurrentWidget(self._view)
        self.toolbar.set_document(self._page_count, self._title)
        if not self._hits_pending:
            self._position()

    def _on_hits(self, generation: int, reply: HitsReply) -> None:
        if generation != self._generation:
            return
        self._hits_pending = False
        if reply.hits is None:
            self._hits_error = reply.error or "the search failed"
            self._loader.search_pages_while_rendering(self._terms)
        else:
            self._hits.set_hits(reply.hits)
        if not self._page_count:
            return
        if not self._positioned:
            self._position()
        elif not self._user_moved and self._initial_page is None and self._hits.count:
            self._go_to_hit(0)
        else:
            self._show_hit_state()
            self._view.highlights_changed()

    def _on_render_hits(self, page: int, rects: list[Rect]) -> None:
        self._hits.set_page_hits(page, rects)
        self._show_hit_state()
        self._view.highlights_changed()

    # -- internals -----------------------------------------------------------------------

    def _start_document(self) -> None:
        self._generation += 1
        self._path = None
        self._page_count = 0
        self._page_sizes = []
        self._hits.clear()
        self._hits_pending = False
        self._hits_error = ""
        self._positioned = False
        self._user_moved = False
        self._terms = []
        self._opening_timer.stop()
        self._loader.begin(None)
        self._view.set_document([], self._hits)
        self._show_hit_state()

    def _position(self) -> None:
        self._positioned = True
        self._opening_timer.stop()
        self._stack.setCurrentWidget(self._view)
        self._view.set_document(self._page_sizes, self._hits)
        self.toolbar.set_zoom(self._view.zoom_percent(), self._view.is_fit_width())
        last = self._page_count - 1
        if self._initial_page is not None:
            page = max(0, min(self._initial_page, last))
            hit = self._hits.first_on_or_after(page)
            if hit >= 0 and self._hits.page_of(hit) == page:
                self._go_to_hit(hit)
            else:
                self._view.scroll_to_page(page)
        elif self._hits.count:
            self._go_to_hit(0)
        else:
            self._view.scroll_to_page(max(0, min(self._last_page or 0, last)))
        self._show_hit_state()
        self._loader.activate()

    def _on_slow_opening(self) -> None:
        if self._page_count and not self._positioned:
            self._position()  # show the pages; the first hit follows when the search ends
        elif not self._page_count:
            self._show_message(f"Opening {self._title}…")

    def _go_to_hit(self, index: int) -> None:
        if index < 0 or not self._page_count:
            return
        self._hits.index = index
        current = self._hits.current
        if current is not None:
            self._view.scroll_to_hit(*current)
        self._show_hit_state()

    def _show_hit_state(self) -> None:
        if self._terms:
            note = "Searching…" if self._hits_pending else ""
            if self._hits_error and not note and not self._hits.count:
                note = "Search failed"
            self.toolbar.set_hits(self._hits.index, self._hits.count, note, self._hits_error)
        else:
            self.toolbar.set_hits(None, 0)
        state = (self._hits.index, self._hits.count)
        if state != self._last_hit_state:
            self._last_hit_state = state
            self.hitChanged.emit(*state)

    def _zoom_step(self, direction: int) -> None:
        if self._page_count:
            self._view.set_zoom_percent(next_zoom_step(self._view.zoom_percent(), direction))
            self.toolbar.set_zoom(self._view.zoom_percent(), False)

    def _show_message(self, headline: str, detail: str = "") -> None:
        self._message.show_message(headline, detail)
        self._stack.setCurrentWidget(self._message)

    def _on_page_changed(self, page: int) -> None:
        if page >= 0:
            self.toolbar.set_page(page)
            self.pageChanged.emit(page)

    def _on_user_scrolled(self) -> None:
        self._user_moved = True

    def _connect_controls(self) -> None:
        bar = self.toolbar
        bar.previousHitRequested.connect(self.previous_hit)
        bar.nextHitRequested.connect(self.next_hit)
        bar.pageRequested.connect(self.go_to_page)
        bar.zoomInRequested.connect(self.zoom_in)
        bar.zoomOutRequested.connect(self.zoom_out)
        bar.fitWidthRequested.connect(self.fit_width)
        self._view.currentPageChanged.connect(self._on_page_changed)
        self._view.viewportChanged.connect(self._loader.schedule)
        self._loader.pageRendered.connect(self.pageRendered)
        self._loader.pageFailed.connect(self.pageFailed)
        self._loader.pageHitsFound.connect(self._on_render_hits)
        self._view.userScrolled.connect(self._on_user_scrolled)
        self._view.zoomStepRequested.connect(self._zoom_step)
        self._view.scaleChanged.connect(
            lambda _: bar.set_zoom(self._view.zoom_percent(), self._view.is_fit_width())
        )

    def _add_shortcuts(self) -> None:
        standard = QKeySequence.StandardKey
        bindings = (
            ("Next match", [*QKeySequence.keyBindings(standard.FindNext)], self.next_hit),
            (
                "Previous match",
                [*QKeySequence.keyBindings(standard.FindPrevious)],
                self.previous_hit,
            ),
            ("Next page", [QKeySequence(Qt.Key.Key_PageDown)], self.next_page),
            ("Previous page", [QKeySequence(Qt.Key.Key_PageUp)], self.previous_page),
            (
                "Zoom in",
                [*QKeySequence.keyBindings(standard.ZoomIn), QKeySequence("Ctrl+=")],
                self.zoom_in,
            ),
            ("Zoom out", [*QKeySequence.keyBindings(standard.ZoomOut)], self.zoom_out),
            ("Fit width", [QKeySequence("Ctrl+0")], self.fit_width),
        )
        for text, keys, slot in bindings:
            action = QAction(text, self)
            action.setShortcuts(keys)
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(slot)
            self.addAction(action)
