"""Paints a result row: reading-status mark, title, authors · year · venue, the best snippet
with the matched words highlighted and its page, tag chips, and the abstract when unfolded.

Row heights depend only on the listing's kind and on whether the abstract is unfolded, never
on data still loading, so rows do not jump when their chunk arrives.
"""

from __future__ import annotations

import html
from collections import OrderedDict
from typing import Any

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QPointF,
    QRect,
    QRectF,
    QSize,
    Qt,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPen,
    QTextDocument,
)
from PySide6.QtWidgets import QAbstractItemView, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from ui import theme
from ui.listing import ResultRow
from ui.models.results import ResultsModel
from ui.palettes import Palette

ModelIndex = QModelIndex | QPersistentModelIndex

PAD_X = 14
PAD_Y = 10
GUTTER = 22
TITLE_H = 21
META_H = 19
SNIPPET_LINES = 2
CHIPS_H = 22
TOGGLE = 18
MAX_CACHED_DOCS = 300
LEFT_MIDDLE = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
RIGHT_MIDDLE = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
CENTER = int(Qt.AlignmentFlag.AlignCenter)
MIDDLE = int(Qt.AlignmentFlag.AlignVCenter)


class ResultDelegate(QStyledItemDelegate):
    """See the module docstring. `view` supplies the width rows are laid out at."""

    def __init__(self, view: QAbstractItemView) -> None:
        super().__init__(view)
        self._view = view
        self._docs: OrderedDict[tuple[Any, ...], QTextDocument] = OrderedDict()
        base = QFont(view.font())
        self.title_font = QFont(base)
        self.title_font.setPointSizeF(base.pointSizeF() + 1.2)
        self.title_font.setWeight(QFont.Weight.DemiBold)
        self.meta_font = QFont(base)
        self.snippet_font = QFont(base)
        self.small_font = QFont(base)
        self.small_font.setPointSizeF(max(7.0, base.pointSizeF() - 1.2))
        self._line = QFontMetrics(self.snippet_font).lineSpacing() + 1

    # geometry -------------------------------------------------------------------------

    def _has_snippet(self, index: ModelIndex) -> bool:
        model = index.model()
        return isinstance(model, ResultsModel) and model.listing.request.mode != "browse"

    def _base_height(self, index: ModelIndex) -> int:
        height = PAD_Y * 2 + TITLE_H + META_H + CHIPS_H
        if self._has_snippet(index):
            height += self._line * SNIPPET_LINES + 6
        return height

    def _content_width(self) -> int:
        return max(200, self._view.viewport().width() - GUTTER - PAD_X * 2)

    def sizeHint(self, option: QStyleOptionViewItem, index: ModelIndex) -> QSize:
        height = self._base_height(index)
        if index.data(ResultsModel.ExpandedRole):
            row = index.data(ResultsModel.RowRole)
            if isinstance(row, ResultRow):
                height += int(self._abstract_doc(row, self._content_width()).size().height()) + 8
        return QSize(self._view.viewport().width(), height)

    def toggle_rect(self, rect: QRect) -> QRect:
        """Where the fold/unfold arrow of a row drawn in `rect` sits."""
        return QRect(rect.right() - PAD_X - TOGGLE, rect.top() + PAD_Y + 1, TOGGLE, TOGGLE)

    # painting -------------------------------------------------------------------------

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        rect = QRect(option.rect)
        state = option.state
        palette = theme.current()
        selected = bool(state & QStyle.StateFlag.State_Selected)
        if selected:
            painter.fillRect(rect, palette.row_selected)
            painter.fillRect(QRect(rect.left(), rect.top(), 3, rect.height()), palette.accent)
        elif state & QStyle.StateFlag.State_MouseOver:
            painter.fillRect(rect, palette.row_hover)
        painter.setPen(QPen(palette.separator, 1))
        painter.drawLine(rect.left() + PAD_X, rect.bottom(), rect.right() - PAD_X, rect.bottom())
        row = index.data(ResultsModel.RowRole)
        if isinstance(row, ResultRow):
            self._paint_row(painter, rect, index, row, selected=selected)
        else:
            self._paint_skeleton(painter, rect, index)
        painter.restore()

    def _paint_skeleton(self, painter: QPainter, rect: QRect, index: ModelIndex) -> None:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(theme.current().skeleton)
        left = rect.left() + PAD_X + GUTTER
        width = rect.width() - GUTTER - PAD_X * 2
        top = rect.top() + PAD_Y + 4
        bars = [(0.62, 12), (0.38, 9)]
        if self._has_snippet(index):
            bars += [(0.92, 9), (0.7, 9)]
        for share, height in bars:
            painter.drawRoundedRect(QRectF(left, top, width * share, height), 4, 4)
            top += height + 12

    def _paint_row(
        self, painter: QPainter, rect: QRect, index: ModelIndex, row: ResultRow, *, selected: bool
    ) -> None:
        paper = row.paper
        palette = theme.current()
        left = rect.left() + PAD_X + GUTTER
        width = rect.width() - GUTTER - PAD_X * 2
        top = rect.top() + PAD_Y
        mark = QPointF(rect.left() + PAD_X + 6, top + TITLE_H / 2)
        self._paint_status(painter, mark, paper.status)
        expanded = bool(index.data(ResultsModel.ExpandedRole))
        self._paint_toggle(painter, self.toggle_rect(rect), expanded)

        right_note = self._right_note(row)
        painter.setFont(self.small_font)
        small = QFontMetrics(self.small_font)
        note_width = small.horizontalAdvance(right_note) if right_note else 0
        note_right = rect.right() - PAD_X - TOGGLE - 8
        if right_note:
            painter.setPen(palette.text_faint)
            painter.drawText(
                QRect(note_right - note_width, top, note_width, TITLE_H),
                RIGHT_MIDDLE,
                right_note,
            )
        title_width = max(40, note_right - note_width - 12 - left)
        painter.setFont(self.title_font)
        painter.setPen(palette.text)
        title = QFontMetrics(self.title_font).elidedText(
            paper.title or "Untitled", Qt.TextElideMode.ElideRight, title_width
        )
        painter.drawText(QRect(left, top, title_width, TITLE_H), LEFT_MIDDLE, title)
        top += TITLE_H

        painter.setFont(self.meta_font)
        painter.setPen(palette.text_muted)
        meta = QFontMetrics(self.meta_font).elidedText(
            _meta_line(paper.authors, paper.year, paper.venue), Qt.TextElideMode.ElideRight, width
        )
        painter.drawText(QRect(left, top, width, META_H), LEFT_MIDDLE, meta)
        top += META_H

        if self._has_snippet(index):
            top += 3
            snippet_rect = QRect(left, top, width, self._line * SNIPPET_LINES)
            self._paint_snippet(painter, snippet_rect, row, selected=selected)
            top += self._line * SNIPPET_LINES + 3
        self._paint_chips(painter, QRect(left, top + 3, width, CHIPS_H - 4), row, selected=selected)
        top += CHIPS_H
        if expanded:
            doc = self._abstract_doc(row, width)
            painter.save()
            painter.translate(left, top + 4)
            doc.drawContents(painter)
            painter.restore()

    def _right_note(self, row: ResultRow) -> str:
        hit = row.hit
        if hit is not None and hit.pages:
            pages = len(hit.pages)
            return f"matches on {pages} page{'s' if pages != 1 else ''}"
        if row.paper.page_count:
            return f"{row.paper.page_count} pp."
        return ""

    def _paint_status(self, painter: QPainter, centre: QPointF, status: str) -> None:
        color = theme.current().status_color(status)
        painter.save()
        if status == "unread":
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(color)
            painter.drawEllipse(centre, 4.0, 4.0)
        elif status == "to_read":
            path = QPainterPath()
            x, y = centre.x(), centre.y()
            path.moveTo(x - 4, y - 6)
            path.lineTo(x + 4, y - 6)
            path.lineTo(x + 4, y + 6)
            path.lineTo(x, y + 3)
            path.lineTo(x - 4, y + 6)
            path.closeSubpath()
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(color)
            painter.drawPath(path)
        elif status == "reading":
            painter.setPen(QPen(color, 1.6))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawEllipse(centre, 5.0, 5.0)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(color)
            painter.drawPie(QRectF(centre.x() - 5, centre.y() - 5, 10, 10), 90 * 16, 180 * 16)
        elif status == "read":
            painter.setPen(QPen(color, 1.8, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
            painter.drawPolyline(
                [
                    QPointF(centre.x() - 4.5, centre.y()),
                    QPointF(centre.x() - 1.5, centre.y() + 3.5),
                    QPointF(centre.x() + 4.5, centre.y() - 3.5),
                ]
            )
        painter.restore()

    def _paint_toggle(self, painter: QPainter, rect: QRect, expanded: bool) -> None:
        painter.save()
        pen = QPen(theme.current().text_faint, 1.5, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        c = QRectF(rect).center()
        if expanded:
            points = [
                QPointF(c.x() - 4, c.y() - 2),
                QPointF(c.x(), c.y() + 2),
                QPointF(c.x() + 4, c.y() - 2),
            ]
        else:
            points = [
                QPointF(c.x() - 2, c.y() - 4),
                QPointF(c.x() + 2, c.y()),
                QPointF(c.x() - 2, c.y() + 4),
            ]
        painter.drawPolyline(points)
        painter.restore()

    def _paint_snippet(
        self, painter: QPainter, rect: QRect, row: ResultRow, *, selected: bool
    ) -> None:
        palette = theme.current()
        hit = row.hit
        page = hit.first_page if hit is not None else None
        left = rect.left()
        if page is not None:
            badge = f"p. {page + 1}"
            painter.setFont(self.small_font)
            metrics = QFontMetrics(self.small_font)
            badge_rect = QRectF(
                left, rect.top() + 1, metrics.horizontalAdvance(badge) + 12, self._line - 2
            )
            _pill(painter, badge_rect, 4, palette.accent_soft, selected=selected)
            painter.setPen(palette.accent)
            painter.drawText(badge_rect, CENTER, badge)
            left = int(badge_rect.right()) + 8
        doc = self._snippet_doc(row, rect.right() - left)
        if doc is None:
            return
        painter.save()
        painter.translate(left, rect.top())
        doc.drawContents(painter, QRectF(0, 0, rect.right() - left, rect.height()))
        painter.restore()

    def _paint_chips(
        self, painter: QPainter, rect: QRect, row: ResultRow, *, selected: bool
    ) -> None:
        palette = theme.current()
        chips = [
            (tag.rsplit("/", 1)[-1], palette.chip, palette.chip_text) for tag in row.paper.tags
        ]
        for flag, label in (
            ("no_text", "no text layer"),
            ("partial_text", "partial text"),
            ("missing_file", "file missing"),
        ):
            if flag in row.paper.flags:
                chips.append((label, palette.warning_chip, palette.warning_text))
        if row.paper.work_id is not None:
            chips.append(("has versions", palette.skeleton, palette.text_muted))
        painter.setFont(self.small_font)
        metrics = QFontMetrics(self.small_font)
        x = rect.left()
        for label, background, foreground in chips:
            text_width = metrics.horizontalAdvance(label)
            chip = QRectF(x, rect.top(), text_width + 14, rect.height())
            if chip.right() > rect.right():
                painter.setPen(palette.text_faint)
                painter.drawText(QRectF(x, rect.top(), 30, rect.height()), MIDDLE, "…")
                break
            _pill(painter, chip, rect.height() / 2, background, selected=selected)
            painter.setPen(foreground)
            painter.drawText(chip, CENTER, label)
            x = int(chip.right()) + 6

    # text documents -------------------------------------------------------------------

    def _cached(self, key: tuple[Any, ...]) -> QTextDocument | None:
        doc = self._docs.get(key)
        if doc is not None:
            self._docs.move_to_end(key)
        return doc

    def _store(self, key: tuple[Any, ...], doc: QTextDocument) -> QTextDocument:
        self._docs[key] = doc
        while len(self._docs) > MAX_CACHED_DOCS:
            self._docs.popitem(last=False)
        return doc

    def _snippet_doc(self, row: ResultRow, width: int) -> QTextDocument | None:
        hit = row.hit
        if hit is not None and hit.snippet:
            text, spans = hit.snippet, list(hit.highlights)
        elif row.shared_terms:
            text = "Shares: " + ", ".join(row.shared_terms[:12])
            spans = []
        else:
            return None
        palette = theme.current()
        key = ("snippet", palette.name, row.paper.id, text, width)
        cached = self._cached(key)
        if cached is not None:
            return cached
        doc = self._text_doc(_highlighted_html(text, spans, palette), width, palette.text)
        limit = self._line * SNIPPET_LINES
        if doc.size().height() > limit + 2:
            position = doc.documentLayout().hitTest(
                QPointF(width - 24, limit - self._line / 2), Qt.HitTestAccuracy.FuzzyHit
            )
            cut = text.rfind(" ", 0, max(0, position))
            cut = cut if cut > 0 else max(0, position)
            kept = [(start, end) for start, end in spans if end <= cut]
            doc = self._text_doc(
                _highlighted_html(text[:cut].rstrip() + " …", kept, palette), width, palette.text
            )
        return self._store(key, doc)

    def _abstract_doc(self, row: ResultRow, width: int) -> QTextDocument:
        text = row.paper.abstract or "No abstract was found in this paper."
        palette = theme.current()
        key = ("abstract", palette.name, row.paper.id, text, width)
        cached = self._cached(key)
        if cached is not None:
            return cached
        return self._store(key, self._text_doc(html.escape(text), width, palette.text_muted))

    def _text_doc(self, body: str, width: int, color: QColor) -> QTextDocument:
        doc = QTextDocument()
        doc.setDocumentMargin(0)
        doc.setDefaultFont(self.snippet_font)
        doc.setDefaultStyleSheet(f"body {{ color: {color.name()}; }}")
        doc.setHtml(f"<body>{body}</body>")
        doc.setTextWidth(max(40, width))
        return doc

    # interaction ----------------------------------------------------------------------

    def editorEvent(
        self, event: QEvent, model: Any, option: QStyleOptionViewItem, index: ModelIndex
    ) -> bool:
        if (
            event.type() == QEvent.Type.MouseButtonRelease
            and isinstance(event, QMouseEvent)
            and event.button() == Qt.MouseButton.LeftButton
            and self.toggle_rect(option.rect)
            .adjusted(-6, -6, 6, 6)
            .contains(event.position().toPoint())
            and isinstance(model, ResultsModel)
        ):
            model.toggle_expanded(index.row())
            return True
        return super().editorEvent(event, model, option, index)


def _meta_line(authors: list[str], year: int | None, venue: str) -> str:
    if len(authors) > 3:
        names = f"{', '.join(authors[:3])} et al."
    else:
        names = ", ".join(authors) or "Unknown authors"
    parts = [names] + ([str(year)] if year else []) + ([venue] if venue else [])
    return "  ·  ".join(parts)


def _highlighted_html(text: str, spans: list[tuple[int, int]], palette: Palette) -> str:
    """`text` escaped, each span wrapped in a highlight."""
    out, cursor = [], 0
    style = (
        f"background-color:{palette.highlight.name()}; color:{palette.highlight_text.name()};"
        " font-weight:600;"
    )
    for start, end in sorted(spans):
        start, end = max(start, cursor), min(end, len(text))
        if start >= end:
            continue
        out.append(html.escape(text[cursor:start]))
        out.append(f'<span style="{style}">{html.escape(text[start:end])}</span>')
        cursor = end
    out.append(html.escape(text[cursor:]))
    return "".join(out)


def _pill(painter: QPainter, rect: QRectF, radius: float, fill: QColor, *, selected: bool) -> None:
    """A badge or chip; on a selected row, whose tint is close to theirs, it is outlined."""
    palette = theme.current()
    if selected:
        painter.setPen(QPen(palette.border, 1))
        painter.setBrush(palette.surface)
    else:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(fill)
    painter.drawRoundedRect(rect.adjusted(0.5, 0.5, -0.5, -0.5), radius, radius)
