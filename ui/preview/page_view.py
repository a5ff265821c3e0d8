"""A continuous, vertically scrolling column of pages: images, placeholders and highlights.

The view paints what it is given; it never renders. It says when the set of visible pages
may have changed (`viewportChanged`) so its owner can ask for the images it lacks.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QRect, QRectF, Qt, Signal
from PySide6.QtGui import (
    QImage,
    QKeyEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QAbstractScrollArea, QFrame, QWidget

from app.render import Rect
from ui import theme
from ui.preview import painting
from ui.preview.geometry import PageLayout, clamp_scale, fit_width_scale
from ui.preview.hit_cursor import HitCursor

# Space left above a page brought to the top of the view, so its edge and shadow show.
_PAGE_TOP_SPACE = 8
# A hit brought into view sits this far down the viewport, leaving context above it.
_HIT_VIEW_FRACTION = 1 / 3


@dataclass(frozen=True, slots=True)
class PageImage:
    """A rendered page and the zoom (device pixels per point) it was rendered at."""

    image: QImage
    zoom: float

    @property
    def nbytes(self) -> int:
        """Memory held by the image."""
        return int(self.image.sizeInBytes())


class PageView(QAbstractScrollArea):
    """Paints the pages of one document; knows the zoom, the scroll position and the hits."""

    currentPageChanged = Signal(int)
    viewportChanged = Signal()
    scaleChanged = Signal(float)
    userScrolled = Signal()
    zoomStepRequested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.viewport().setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self._layout = PageLayout([], 1.0)
        self._fit_width = True
        self._zoom_percent = 100.0
        self._images: dict[int, PageImage] = {}
        self._failures: dict[int, str] = {}
        self._hits = HitCursor()
        self._current_page = -1
        self._moving = False
        self.verticalScrollBar().valueChanged.connect(self._on_scrolled)
        self.horizontalScrollBar().valueChanged.connect(self._on_scrolled)

    # -- document ------------------------------------------------------------------------

    def set_document(self, sizes: list[tuple[float, float]], hits: HitCursor) -> None:
        """Show pages of these sizes (points), all as placeholders, from the first page."""
        self._images.clear()
        self._failures.clear()
        self._hits = hits
        self._layout = PageLayout(sizes, self._target_scale(sizes))
        self._current_page = -1
        self._apply_layout(anchor=None)
        self._set_current_page(0 if sizes else -1)
        self.scaleChanged.emit(self._layout.scale)

    def page_count(self) -> int:
        """Pages in the document shown (0 when none)."""
        return self._layout.page_count

    def page_size(self, index: int) -> tuple[float, float]:
        """Size of page `index` in points."""
        return self._layout.sizes[index]

    def set_page_image(self, index: int, image: QImage, zoom: float) -> None:
        """Show `image`, rendered at `zoom` device pixels per point, for page `index`."""
        self._failures.pop(index, None)
        self._images[index] = PageImage(image, zoom)
        self._update_page(index)

    def set_page_failure(self, index: int, reason: str) -> None:
        """Show page `index` as a page that could not be rendered, and why."""
        self._images.pop(index, None)
        self._failures[index] = reason
        self._update_page(index)

    def page_image(self, index: int) -> PageImage | None:
        """The image shown for page `index`, if any."""
        return self._images.get(index)

    def has_failed(self, index: int) -> bool:
        """Whether page `index` is shown as a failure."""
        return index in self._failures

    def drop_image(self, index: int) -> None:
        """Forget the image of page `index` (it shows as a placeholder until rendered again)."""
        if self._images.pop(index, None) is not None:
            self._update_page(index)

    def image_pages(self) -> list[int]:
        """Pages that have an image."""
        return list(self._images)

    def images_nbytes(self) -> int:
        """Memory held by all page images."""
        return sum(image.nbytes for image in self._images.values())

    # -- zoom ----------------------------------------------------------------------------

    def scale(self) -> float:
        """Logical pixels per point."""
        return self._layout.scale

    def render_zoom(self) -> float:
        """Device pixels per point: what pages should be rendered at for a crisp picture."""
        return round(self._layout.scale * self.devicePixelRatioF(), 3)

    def is_fit_width(self) -> bool:
        """Whether the zoom follows the view's width."""
        return self._fit_width

    def zoom_percent(self) -> float:
        """The zoom in percent of the paper's physical size."""
        return self._layout.scale / self._points_to_pixels() * 100

    def set_fit_width(self) -> None:
        """Zoom so the usual page width fills the view, now and whenever it is resized."""
        self._fit_width = True
        self._rescale()

    def set_zoom_percent(self, percent: float) -> None:
        """Zoom to `percent` of the paper's physical size."""
        self._fit_width = False
        self._zoom_percent = percent
        self._rescale()

    # -- position ------------------------------------------------------------------------

    def current_page(self) -> int:
        """The page being read (0-based), -1 without a document."""
        return self._current_page

    def visible_pages(self) -> range:
        """Pages at least partly inside the viewport."""
        top = self.verticalScrollBar().value()
        return self._layout.pages_between(top, top + self.viewport().height())

    def scroll_to_page(self, index: int) -> None:
        """Bring the top of page `index` to the top of the view; it becomes the current page."""
        if not 0 <= index < self._layout.page_count:
            return
        self._scroll_to(self._layout.tops[index] - _PAGE_TOP_SPACE, None)
        self._set_current_page(index)

    def scroll_to_hit(self, index: int, rect: Rect) -> None:
        """Bring `rect` (points) of page `index` into view, a third of the way down."""
        if not 0 <= index < self._layout.page_count:
            return
        x0, y0, x1, _ = self._to_view(index, rect, relative=True)
        y = self._layout.tops[index] + y0 - self.viewport().height() * _HIT_VIEW_FRACTION
        area = self.viewport().width()
        left = self._layout.page_left(index, area)
        x = None
        if self._layout.content_width > area:
            x = left + (x0 + x1) / 2 - area / 2
        self._scroll_to(y, x)
        self._set_current_page(index)
        self.viewport().update()

    def highlights_changed(self) -> None:
        """Repaint after the hits or the current hit changed."""
        self.viewport().update()

    # -- events --------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        """Paint the grey desk, then each visible page with its shadow and highlights."""
        painter = QPainter(self.viewport())
        painter.fillRect(event.rect(), theme.current().desk)
        for index in self.visible_pages():
            rect = self._page_rect(index)
            if rect.intersects(event.rect().adjusted(-8, -8, 8, 8)):
                self._paint_page(painter, index, rect)
        painter.end()

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Keep the page under the reader in place; refit the width when fitting."""
        super().resizeEvent(event)
        if self._fit_width and self._layout.page_count:
            self._rescale()
        else:
            self._apply_layout(anchor=self._anchor())

    def changeEvent(self, event: QEvent) -> None:
        """On a screen of another pixel density, ask for pages rendered for it."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.DevicePixelRatioChange:
            self.viewport().update()
            self.viewportChanged.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Home and End go to the first and last page; the rest scrolls as usual."""
        if event.key() == Qt.Key.Key_Home:
            self.scroll_to_page(0)
        elif event.key() == Qt.Key.Key_End:
            self.scroll_to_page(self._layout.page_count - 1)
        else:
            super().keyPressEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        """Ctrl + wheel zooms; the wheel alone scrolls."""
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            delta = event.angleDelta().y()
            if delta:
                self.zoomStepRequested.emit(1 if delta > 0 else -1)
            event.accept()
            return
        super().wheelEvent(event)

    # -- internals -----------------------------------------------------------------------

    def _points_to_pixels(self) -> float:
        return max(self.logicalDpiX(), 1) / 72.0

    def _target_scale(self, sizes: list[tuple[float, float]]) -> float:
        if self._fit_width:
            return fit_width_scale(sizes, self.viewport().width())
        return clamp_scale(self._zoom_percent / 100 * self._points_to_pixels())

    def _rescale(self) -> None:
        scale = self._target_scale(self._layout.sizes)
        if abs(scale - self._layout.scale) < 1e-4:
            return
        anchor = self._anchor()
        self._layout = PageLayout(self._layout.sizes, scale)
        self._apply_layout(anchor)
        self.scaleChanged.emit(scale)

    def _anchor(self) -> tuple[int, float] | None:
        page = self._current_page
        if not 0 <= page < self._layout.page_count:
            return None
        offset = self.verticalScrollBar().value() - self._layout.tops[page]
        return page, offset / self._layout.heights[page]

    def _apply_layout(self, anchor: tuple[int, float] | None) -> None:
        vertical, horizontal = self.verticalScrollBar(), self.horizontalScrollBar()
        area = self.viewport().size()
        self._moving = True
        try:
            vertical.setRange(0, max(0, self._layout.content_height - area.height()))
            vertical.setPageStep(area.height())
            vertical.setSingleStep(48)
            horizontal.setRange(0, max(0, self._layout.content_width - area.width()))
            horizontal.setPageStep(area.width())
            horizontal.setSingleStep(48)
            if anchor is None:
                vertical.setValue(0)
            else:
                page, fraction = anchor
                top = self._layout.tops[page] + fraction * self._layout.heights[page]
                vertical.setValue(round(top))
        finally:
            self._moving = False
        self.viewport().update()
        self.viewportChanged.emit()

    def _scroll_to(self, y: float, x: float | None) -> None:
        self._moving = True
        try:
            self.verticalScrollBar().setValue(round(y))
            if x is not None:
                self.horizontalScrollBar().setValue(round(x))
        finally:
            self._moving = False
        self.viewportChanged.emit()

    def _on_scrolled(self) -> None:
        self.viewport().update()
        if self._moving:
            return
        top = self.verticalScrollBar().value()
        bottom = top + self.viewport().height()
        visible = self._layout.pages_between(top, bottom)
        if len(visible):
            best = max(visible, key=lambda i: (self._layout.visible_height(i, top, bottom), -i))
            self._set_current_page(best)
        self.userScrolled.emit()
        self.viewportChanged.emit()

    def _set_current_page(self, index: int) -> None:
        if index != self._current_page:
            self._current_page = index
            self.currentPageChanged.emit(index)

    def _page_rect(self, index: int) -> QRect:
        left = self._layout.page_left(index, self.viewport().width())
        return QRect(
            left - self.horizontalScrollBar().value(),
            self._layout.tops[index] - self.verticalScrollBar().value(),
            self._layout.widths[index],
            self._layout.heights[index],
        )

    def _update_page(self, index: int) -> None:
        if 0 <= index < self._layout.page_count:
            self.viewport().update(self._page_rect(index).adjusted(-6, -6, 6, 6))

    def _to_view(self, index: int, rect: Rect, *, relative: bool) -> tuple[float, ...]:
        width, height = self._layout.sizes[index]
        sx = self._layout.widths[index] / width
        sy = self._layout.heights[index] / height
        origin = (0, 0) if relative else self._page_rect(index).topLeft().toTuple()
        ox, oy = origin
        return (ox + rect[0] * sx, oy + rect[1] * sy, ox + rect[2] * sx, oy + rect[3] * sy)

    def _paint_page(self, painter: QPainter, index: int, rect: QRect) -> None:
        failure = self._failures.get(index)
        painting.paint_sheet(painter, rect, failed=failure is not None)
        picture = self._images.get(index)
        if picture is not None:
            painting.paint_image(painter, picture.image, rect)
        elif failure is not None:
            painting.paint_failure(painter, rect, failure, self.font())
        else:
            painting.paint_placeholder(painter, rect, str(index + 1), self.font())
        rects = self._hits.rects_on(index)
        if rects:
            current = self._hits.current
            boxes = [QRectF(*self._box(index, rect)) for rect in rects]
            emphasized = next((n for n, rect in enumerate(rects) if current == (index, rect)), None)
            painting.paint_highlights(painter, boxes, emphasized)

    def _box(self, index: int, rect: Rect) -> tuple[float, float, float, float]:
        x0, y0, x1, y1 = self._to_view(index, rect, relative=False)
        return x0, y0, x1 - x0, y1 - y0
