"""Drag-and-drop payloads: papers and tags dragged inside the window, files from outside."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QByteArray, QMimeData

PAPERS_MIME = "application/x-lectern-paper-ids"
TAG_MIME = "application/x-lectern-tag-path"


def encode_paper_ids(paper_ids: list[int]) -> tuple[str, QByteArray]:
    """The (format, bytes) pair carrying `paper_ids`."""
    return PAPERS_MIME, QByteArray(json.dumps(paper_ids).encode())


def decode_paper_ids(mime: QMimeData) -> list[int]:
    """The paper ids in `mime` (empty when it carries none)."""
    if not mime.hasFormat(PAPERS_MIME):
        return []
    try:
        values = json.loads(bytes(mime.data(PAPERS_MIME).data()).decode())
    except (ValueError, UnicodeDecodeError):
        return []
    return [int(v) for v in values if isinstance(v, int)]


def encode_tag(path: str) -> QMimeData:
    """A drag payload for the tag at `path`."""
    mime = QMimeData()
    mime.setData(TAG_MIME, QByteArray(path.encode()))
    return mime


def decode_tag(mime: QMimeData) -> str | None:
    """The tag path in `mime`, if any."""
    if not mime.hasFormat(TAG_MIME):
        return None
    return bytes(mime.data(TAG_MIME).data()).decode() or None


def local_paths(mime: QMimeData) -> list[Path]:
    """The local files and folders in `mime` (URLs that are not local files are ignored)."""
    if not mime.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]
