"""Page rendering and term hits for the preview, in a supervised worker process. No Qt here."""

from app.render.model import DocInfo, Rect, RenderedPage, RenderFailure
from app.render.service import HitsReply, InfoReply, PageReply, RenderService
from app.render.worker import MAX_IMAGE_SIDE, find_hits, open_document_info, render_page

__all__ = [
    "MAX_IMAGE_SIDE",
    "DocInfo",
    "HitsReply",
    "InfoReply",
    "PageReply",
    "Rect",
    "RenderFailure",
    "RenderService",
    "RenderedPage",
    "find_hits",
    "open_document_info",
    "render_page",
]
