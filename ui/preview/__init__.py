"""The PDF preview: pages of the selected paper with the search terms highlighted."""

from ui.preview.pane import PreviewPane

__all__ = ["PreviewPane"]
