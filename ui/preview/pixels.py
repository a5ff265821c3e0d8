"""Rendered page pixels to QImage, without an encode/decode round trip."""

from __future__ import annotations

from PySide6.QtGui import QImage

from app.render import RenderedPage


def page_image(page: RenderedPage, requested_zoom: float, device_ratio: float) -> QImage:
    """A QImage of `page`'s RGB888 samples, sized for a page laid out at the requested zoom.

    The device pixel ratio makes the image's logical size the page's size in the layout even
    when the render was clamped to a lower zoom than requested (it is then drawn scaled).
    """
    image = QImage(page.samples, page.width, page.height, page.stride, QImage.Format.Format_RGB888)
    image = image.copy()  # own the pixels: QImage does not keep the bytes object alive
    image.setDevicePixelRatio(device_ratio * page.zoom_used / requested_zoom)
    return image
