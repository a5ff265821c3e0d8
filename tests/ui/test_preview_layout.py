"""Page layout and hit order of the preview: plain arithmetic, no widgets."""

from __future__ import annotations

import pytest

from ui.preview.geometry import (
    MARGIN,
    PAGE_GAP,
    ZOOM_STEPS,
    PageLayout,
    fit_width_scale,
    next_zoom_step,
)
from ui.preview.hit_cursor import HitCursor

A4 = (595.0, 842.0)


def test_pages_are_stacked_with_gaps_and_margins() -> None:
    layout = PageLayout([A4, A4, (842.0, 595.0)], scale=0.5)
    assert layout.tops == [MARGIN, MARGIN + 421 + PAGE_GAP, MARGIN + 2 * (421 + PAGE_GAP)]
    assert layout.widths == [298, 298, 421]
    assert layout.content_width == 421 + 2 * MARGIN
    assert layout.content_height == layout.tops[2] + 298 + MARGIN
    assert layout.page_left(0, 1000) == (1000 - 298) // 2


def test_page_at_and_pages_between() -> None:
    layout = PageLayout([A4] * 4, scale=1.0)
    assert layout.page_at(0) == 0
    assert layout.page_at(layout.tops[2] + 5) == 2
    assert layout.page_at(10**9) == 3
    gap_top = layout.tops[1] - PAGE_GAP // 2
    assert list(layout.pages_between(gap_top, gap_top + 10)) == [1]
    assert list(layout.pages_between(layout.tops[1], layout.tops[3])) == [1, 2]
    assert list(PageLayout([], 1.0).pages_between(0, 100)) == []


def test_fit_width_uses_the_usual_page_width_not_an_oversized_one() -> None:
    sizes = [A4] * 9 + [(14_400.0, 14_400.0)]
    assert fit_width_scale(sizes, 595 + 2 * MARGIN) == pytest.approx(1.0)


@pytest.mark.parametrize(
    ("percent", "direction", "expected"),
    [(100, 1, 110), (100, -1, 90), (107.1, 1, 110), (107.1, -1, 100), (500, 1, 500), (25, -1, 25)],
)
def test_zoom_steps(percent: float, direction: int, expected: int) -> None:
    assert next_zoom_step(percent, direction) == expected
    assert expected in ZOOM_STEPS


def test_hit_cursor_wraps_and_starts_from_the_current_page() -> None:
    cursor = HitCursor()
    first, second, third = (1.0, 1.0, 2.0, 2.0), (3.0, 1.0, 4.0, 2.0), (1.0, 5.0, 2.0, 6.0)
    cursor.set_hits([[first, second], [], [third]])
    assert cursor.count == 3
    assert cursor.next_index(from_page=1) == 2, "with none current, from the page in view"
    assert cursor.previous_index(from_page=1) == 1
    cursor.index = 2
    assert cursor.current == (2, third)
    assert cursor.next_index(from_page=0) == 0
    cursor.index = 0
    assert cursor.previous_index(from_page=0) == 2
    assert cursor.rects_on(0) == [first, second]
    assert cursor.page_of(2) == 2


def test_hits_found_page_by_page_keep_the_current_one() -> None:
    cursor = HitCursor()
    cursor.set_page_hits(3, [(1.0, 1.0, 2.0, 2.0)])
    cursor.index = 0
    cursor.set_page_hits(1, [(5.0, 5.0, 6.0, 6.0)])
    assert cursor.count == 2
    assert cursor.current == (3, (1.0, 1.0, 2.0, 2.0))
    assert cursor.index == 1
