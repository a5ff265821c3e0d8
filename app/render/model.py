"""What the render worker returns. Everything here crosses a process boundary: keep it picklable.

Coordinates are PDF points (1/72 inch) in the page as it is displayed, that is after the
page's /Rotate, with the origin at the top-left corner and y growing downwards.
"""

from __future__ import annotations

from dataclasses import dataclass, field

Rect = tuple[float, float, float, float]
"""(x0, y0, x1, y1) in PDF points, in displayed-page coordinates."""


@dataclass(frozen=True, slots=True)
class DocInfo:
    """The page count and each page's displayed size (width, height) in points."""

    page_count: int
    page_sizes: list[tuple[float, float]]


@dataclass(frozen=True, slots=True)
class RenderedPage:
    """One page rendered to RGB888 pixels (3 bytes per pixel, rows `stride` bytes apart).

    `zoom_used` is pixels per point; it is smaller than the zoom asked for when the page is so
    large that the image would exceed the size limit. `hits` are the matches of the request's
    terms on this page.
    """

    page_index: int
    width: int
    height: int
    stride: int
    samples: bytes = field(repr=False)
    zoom_used: float
    hits: list[Rect]

    @property
    def nbytes(self) -> int:
        """Size of the pixel data in bytes."""
        return len(self.samples)


@dataclass(frozen=True, slots=True)
class RenderFailure:
    """A document or page that could not be read, with a reason a person understands."""

    reason: str
