"""The matches of the search terms across a document, and which one is current."""

from __future__ import annotations

from collections.abc import Sequence

from app.render import Rect


class HitCursor:
    """Every hit in page order, with a current position that wraps around at the ends."""

    def __init__(self) -> None:
        self._by_page: dict[int, list[Rect]] = {}
        self._hits: list[tuple[int, Rect]] = []
        self.index = -1

    def set_hits(self, pages: Sequence[Sequence[Rect]]) -> None:
        """Replace all hits with `pages[i]` = the hits on page i; none is current."""
        self._by_page = {page: list(rects) for page, rects in enumerate(pages) if rects}
        self._hits = [(page, rect) for page, rects in self._by_page.items() for rect in rects]
        self.index = -1

    def set_page_hits(self, page: int, rects: Sequence[Rect]) -> None:
        """Record the hits of one page, when no document-wide search result is available."""
        if not rects or page in self._by_page:
            return
        self._by_page[page] = list(rects)
        current = self.current
        self._hits = [(p, r) for p in sorted(self._by_page) for r in self._by_page[p]]
        self.index = self._hits.index(current) if current is not None else -1

    def clear(self) -> None:
        """Forget every hit."""
        self.set_hits([])

    @property
    def count(self) -> int:
        """Number of hits in the document."""
        return len(self._hits)

    @property
    def current(self) -> tuple[int, Rect] | None:
        """(page, rect) of the current hit, or None."""
        return self._hits[self.index] if 0 <= self.index < len(self._hits) else None

    def page_of(self, index: int) -> int:
        """The page of hit `index`, -1 when there is no such hit."""
        return self._hits[index][0] if 0 <= index < len(self._hits) else -1

    def rects_on(self, page: int) -> list[Rect]:
        """The hits on `page`, in reading order."""
        return list(self._by_page.get(page, ()))

    def first_on_or_after(self, page: int) -> int:
        """Index of the first hit on `page` or later, wrapping to the first hit; -1 if none."""
        for number, (hit_page, _) in enumerate(self._hits):
            if hit_page >= page:
                return number
        return 0 if self._hits else -1

    def next_index(self, from_page: int) -> int:
        """The hit after the current one; with none current, the first from `from_page` on."""
        if not self._hits:
            return -1
        if self.index < 0:
            return self.first_on_or_after(from_page)
        return (self.index + 1) % len(self._hits)

    def previous_index(self, from_page: int) -> int:
        """The hit before the current one; with none current, the last up to `from_page`."""
        if not self._hits:
            return -1
        if self.index < 0:
            before = [n for n, (page, _) in enumerate(self._hits) if page <= from_page]
            return before[-1] if before else len(self._hits) - 1
        return (self.index - 1) % len(self._hits)
