"""A least-recently-used cache of rendered pages, bounded by the bytes of their pixels."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable

from app.render.model import RenderedPage


class PageCache:
    """Rendered pages by key, evicting the least recently used beyond `max_bytes`.

    Thread-safe. A page larger than the whole budget is not kept.
    """

    def __init__(self, max_bytes: int) -> None:
        self._max_bytes = max(0, max_bytes)
        self._pages: OrderedDict[Hashable, RenderedPage] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    @property
    def size_bytes(self) -> int:
        """Bytes of pixel data held now."""
        with self._lock:
            return self._bytes

    def __len__(self) -> int:
        with self._lock:
            return len(self._pages)

    def get(self, key: Hashable) -> RenderedPage | None:
        """The page stored under `key`, now the most recently used; None when absent."""
        with self._lock:
            page = self._pages.get(key)
            if page is not None:
                self._pages.move_to_end(key)
            return page

    def put(self, key: Hashable, page: RenderedPage) -> None:
        """Store `page`, evicting older pages until the total fits the budget."""
        with self._lock:
            old = self._pages.pop(key, None)
            if old is not None:
                self._bytes -= old.nbytes
            if page.nbytes > self._max_bytes:
                return
            self._pages[key] = page
            self._bytes += page.nbytes
            while self._bytes > self._max_bytes:
                _, evicted = self._pages.popitem(last=False)
                self._bytes -= evicted.nbytes

    def clear(self) -> None:
        """Forget every page."""
        with self._lock:
            self._pages.clear()
            self._bytes = 0
