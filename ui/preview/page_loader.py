"""Asks for the pages the reader can see (and one on each side) and hands the images to the view."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from app.render import PageReply, RenderService
from ui.preview.bridge import ReplyBridge
from ui.preview.page_view import PageView
from ui.preview.pixels import page_image

IMAGE_BUDGET_BYTES = 192 * 1024**2
"""Page images kept in memory; beyond it, images of pages far from the current one go."""
PREFETCH_PAGES = 1
_REQUEST_DELAY_MS = 25


class PageLoader(QObject):
    """Requests renders for one document at a time; late replies of older ones are ignored.

    `pageHitsFound(page, rects)` reports the hits a render found, used only when the
    document-wide search failed (renders then carry the terms).
    """

    pageRendered = Signal(int)
    pageFailed = Signal(int, str)
    pageHitsFound = Signal(int, object)

    def __init__(self, service: RenderService, view: PageView, parent: QObject | None = None):
        super().__init__(parent)
        self._service = service
        self._view = view
        self._bridge = ReplyBridge(self)
        self._bridge.pageReady.connect(self._on_page, Qt.ConnectionType.QueuedConnection)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(_REQUEST_DELAY_MS)
        self._timer.timeout.connect(self.request_visible_pages)
        self._path: str | None = None
        self._generation = 0
        self._terms: list[str] = []
        self._pending: dict[int, float] = {}
        self._active = False

    def begin(self, path: str | None) -> None:
        """Load pages of `path` from now on (None: nothing); pending requests are forgotten."""
        self._generation += 1
        self._path = path
        self._terms = []
        self._pending.clear()
        self._active = False
        self._timer.stop()

    def activate(self) -> None:
        """Start loading: the view shows the document at its first position."""
        self._active = True
        self.schedule()

    def search_pages_while_rendering(self, terms: list[str]) -> None:
        """Render again with `terms`, so each page reports its own hits."""
        self._terms = list(terms)
        for page in self._view.image_pages():
            self._view.drop_image(page)
        self._pending.clear()
        self.schedule()

    def schedule(self) -> None:
        """Request the visible pages soon (scroll and resize events are coalesced)."""
        if self._active and self._path is not None:
            self._timer.start()

    def stop(self) -> None:
        """Stop for good: no more requests, and late replies are dropped."""
        self.begin(None)
        self._bridge.detach()

    def request_visible_pages(self) -> None:
        """Ask for every page in view or next to it that lacks an image at the current zoom."""
        page_count = self._view.page_count()
        if self._path is None or not self._active or not page_count:
            return
        visible = self._view.visible_pages()
        if not len(visible):
            return
        wanted = set(
            range(
                max(0, visible.start - PREFETCH_PAGES),
                min(page_count, visible.stop + PREFETCH_PAGES),
            )
        )
        self._service.drop_renders(self._path, wanted)
        self._pending = {p: z for p, z in self._pending.items() if p in wanted}
        zoom = self._view.render_zoom()
        current = self._view.current_page()
        # The service renders the newest request first: ask for the current page last.
        for page in sorted(wanted, key=lambda p: (p in visible, p == current, -abs(p - current))):
            if self._needs_render(page, zoom):
                self._pending[page] = zoom
                callback = self._bridge.on_page(self._generation)
                self._service.request_render(self._path, page, zoom, self._terms, callback)
        self._drop_far_images(wanted, current)

    def _needs_render(self, page: int, zoom: float) -> bool:
        if self._view.has_failed(page) or self._pending.get(page) == zoom:
            return False
        shown = self._view.page_image(page)
        return shown is None or abs(shown.zoom - zoom) > 1e-3

    def _drop_far_images(self, wanted: set[int], current: int) -> None:
        if self._view.images_nbytes() <= IMAGE_BUDGET_BYTES:
            return
        for page in sorted(set(self._view.image_pages()) - wanted, key=lambda p: -abs(p - current)):
            self._view.drop_image(page)
            if self._view.images_nbytes() <= IMAGE_BUDGET_BYTES:
                break

    def _on_page(self, generation: int, reply: PageReply) -> None:
        if generation != self._generation:
            return
        index = reply.page_index
        if self._pending.get(index) == reply.zoom:
            del self._pending[index]
        if reply.page is None:
            self._view.set_page_failure(index, reply.error)
            self.pageFailed.emit(index, reply.error)
            return
        ratio = self._view.devicePixelRatioF()
        self._view.set_page_image(index, page_image(reply.page, reply.zoom, ratio), reply.zoom)
        if self._terms:
            self.pageHitsFound.emit(index, reply.page.hits)
        self.pageRendered.emit(index)
