"""Where each page sits in the continuous page column, at a given scale (no widgets here).

Content coordinates are logical pixels: x from the column's left edge, y from its top.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Sequence

PAGE_GAP = 14
"""Vertical space between two pages, in logical pixels."""
MARGIN = 18
"""Space around the column of pages, in logical pixels."""
MIN_SCALE = 0.05
MAX_SCALE = 12.0

ZOOM_STEPS = (25, 33, 50, 67, 75, 90, 100, 110, 125, 150, 175, 200, 250, 300, 400, 500)
"""Zoom levels in percent of the paper's physical size, for zoom in / zoom out."""


class PageLayout:
    """Page positions for `sizes` (points) at `scale` logical pixels per point."""

    def __init__(self, sizes: Sequence[tuple[float, float]], scale: float) -> None:
        self.sizes = list(sizes)
        self.scale = scale
        self.widths = [max(1, round(w * scale)) for w, _ in self.sizes]
        self.heights = [max(1, round(h * scale)) for _, h in self.sizes]
        self.tops: list[int] = []
        y = MARGIN
        for height in self.heights:
            self.tops.append(y)
            y += height + PAGE_GAP
        self.content_height = (y - PAGE_GAP + MARGIN) if self.sizes else 0
        self.content_width = (max(self.widths) + 2 * MARGIN) if self.sizes else 0

    @property
    def page_count(self) -> int:
        """Number of pages laid out."""
        return len(self.sizes)

    def page_at(self, y: float) -> int:
        """The page at content height `y`; in a gap, the page above it (clamped to the ends)."""
        if not self.tops:
            return -1
        return max(0, min(bisect.bisect_right(self.tops, y) - 1, len(self.tops) - 1))

    def pages_between(self, top: float, bottom: float) -> range:
        """Indexes of the pages that intersect the band [top, bottom)."""
        if not self.tops:
            return range(0)
        first = self.page_at(top)
        if self.tops[first] + self.heights[first] <= top:
            first += 1
        last = min(bisect.bisect_left(self.tops, bottom), len(self.tops)) - 1
        return range(first, max(first, last + 1))

    def page_left(self, index: int, area_width: float) -> int:
        """Left edge of page `index` when the column is centred in `area_width`."""
        width = max(area_width, self.content_width)
        return round((width - self.widths[index]) / 2)

    def visible_height(self, index: int, top: float, bottom: float) -> float:
        """How much of page `index` lies within [top, bottom)."""
        page_top = self.tops[index]
        return max(0.0, min(bottom, page_top + self.heights[index]) - max(top, page_top))


def fit_width_scale(sizes: Sequence[tuple[float, float]], area_width: float) -> float:
    """The scale at which the usual page width fills `area_width` less the margins.

    The most common width is used rather than the widest, so one oversized page (a poster,
    a fold-out figure) does not shrink every other page to a thumbnail.
    """
    if not sizes:
        return 1.0
    widths = Counter(round(w) for w, _ in sizes)
    usual = max(widths.items(), key=lambda item: (item[1], item[0]))[0]
    return clamp_scale((area_width - 2 * MARGIN) / max(usual, 1))


def clamp_scale(scale: float) -> float:
    """Keep a scale within the supported range."""
    return max(MIN_SCALE, min(MAX_SCALE, scale))


def next_zoom_step(percent: float, direction: int) -> int:
    """The zoom step after `percent` going up (direction > 0) or down."""
    if direction > 0:
        return next((step for step in ZOOM_STEPS if step > percent + 0.5), ZOOM_STEPS[-1])
    return next((step for step in reversed(ZOOM_STEPS) if step < percent - 0.5), ZOOM_STEPS[0])
