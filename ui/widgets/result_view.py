"""The result list: a flat tree view painted by `ResultDelegate`, with multi-select, dragging
papers out, and Space to unfold an abstract.

Rows have different heights (an unfolded abstract), so the view scrolls by row: a tree view
scrolling per pixel asks every row for its height on each layout, which for thousands of rows
stalls the window; per row it sizes only the rows on screen.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import (
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    Qt,
)
from PySide6.QtGui import (
    QColor,
    QDrag,
    QFont,
    QKeyEvent,
    QPainter,
    QPixmap,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QAbstractItemView, QTreeView, QWidget

from ui import theme
from ui.models.results import ResultsModel
from ui.widgets.result_delegate import ResultDelegate


class ResultView(QTreeView):
    """See the module docstring."""

    def __init__(self, model: ResultsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("resultView")
        self.setModel(model)
        self.results = model
        self.delegate = ResultDelegate(self)
        self.setItemDelegate(self.delegate)
        self.setHeaderHidden(True)
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(False)
        self.setItemsExpandable(False)
        self.setIndentation(0)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setDefaultDropAction(Qt.DropAction.CopyAction)
        self.setMouseTracking(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.setFrameShape(QTreeView.Shape.NoFrame)
        self.setAllColumnsShowFocus(True)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerItem)
        self._wheel_rest = 0.0

    def selected_ids(self) -> list[int]:
        """Ids of the selected papers, in list order (rows still loading are left out)."""
        rows = sorted(index.row() for index in self.selectionModel().selectedRows())
        return [pid for pid in (self.results.paper_id(row) for row in rows) if pid is not None]

    def current_id(self) -> int | None:
        """The id of the current (focused) row."""
        index = self.currentIndex()
        return self.results.paper_id(index.row()) if index.isValid() else None

    def select_ids(
        self, paper_ids: list[int], current: int | None = None, scroll: bool = True
    ) -> bool:
        """Select the rows of `paper_ids` that are known; make `current` the current row."""
        selection = QItemSelection()
        for paper_id in paper_ids:
            row = self.results.row_of(paper_id)
            if row is not None:
                index = self.results.index(row)
                selection.select(index, index)
        if selection.isEmpty():
            return False
        position = self.verticalScrollBar().value()
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect
        self.selectionModel().select(selection, flags | QItemSelectionModel.SelectionFlag.Rows)
        target = self.results.row_of(current) if current is not None else None
        index = self.results.index(target if target is not None else selection.indexes()[0].row())
        self.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.NoUpdate)
        if scroll:
            self.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)
        else:
            self.verticalScrollBar().setValue(position)  # undo the view's auto-scroll
        return True

    def move_current(self, key: int) -> None:
        """Move the selection as the arrow and page keys would (used from the search field)."""
        moves = {
            int(Qt.Key.Key_Up): QAbstractItemView.CursorAction.MoveUp,
            int(Qt.Key.Key_Down): QAbstractItemView.CursorAction.MoveDown,
            int(Qt.Key.Key_PageUp): QAbstractItemView.CursorAction.MovePageUp,
            int(Qt.Key.Key_PageDown): QAbstractItemView.CursorAction.MovePageDown,
        }
        if key not in moves or self.results.rowCount() == 0:
            return
        if not self.currentIndex().isValid():
            index = self.results.index(0)
        else:
            index = self.moveCursor(moves[key], Qt.KeyboardModifier.NoModifier)
        self.setCurrentIndex(index)
        self.scrollTo(index)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and self.currentIndex().isValid():
            self.results.toggle_expanded(self.currentIndex().row())
            return
        super().keyPressEvent(event)

    def dataChanged(
        self,
        top_left: QModelIndex | QPersistentModelIndex,
        bottom_right: QModelIndex | QPersistentModelIndex,
        roles: Sequence[int] = (),
    ) -> None:
        # Row heights depend only on the listing's kind and the unfolded abstracts (which
        # change with SizeHintRole), never on loaded data: a chunk arriving needs a repaint,
        # not the base class re-measuring each of its rows (a Python call each).
        if int(Qt.ItemDataRole.SizeHintRole) in {int(role) for role in roles}:
            super().dataChanged(top_left, bottom_right, list(roles))
            return
        first = self.visualRect(top_left)
        last = self.visualRect(bottom_right)
        if first.isValid() or last.isValid() or top_left.row() <= self._last_visible_row():
            self.viewport().update()

    def _last_visible_row(self) -> int:
        index = self.indexAt(self.viewport().rect().bottomLeft())
        return index.row() if index.isValid() else self.results.rowCount() - 1

    def wheelEvent(self, event: QWheelEvent) -> None:
        # One row per wheel notch: rows are tall, three at once would skip past results.
        steps = event.angleDelta().y() / 120
        if steps and not event.modifiers():
            self._wheel_rest += steps
            rows = int(self._wheel_rest)
            if rows:
                self._wheel_rest -= rows
                bar = self.verticalScrollBar()
                bar.setValue(bar.value() - rows)
            event.accept()
            return
        super().wheelEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            # Unfolded abstracts re-wrap at the new width.
            self.scheduleDelayedItemsLayout()

    def startDrag(self, supportedActions: Qt.DropAction) -> None:
        indexes = self.selectionModel().selectedRows()
        ids = self.selected_ids()
        if not ids:
            return
        drag = QDrag(self)
        drag.setMimeData(self.results.mimeData(indexes))
        drag.setPixmap(_drag_badge(len(ids), self.font()))
        drag.exec(Qt.DropAction.CopyAction)


def _drag_badge(count: int, font: QFont) -> QPixmap:
    text = f"{count} paper{'s' if count != 1 else ''}"
    bold = QFont(font)
    bold.setWeight(QFont.Weight.DemiBold)
    width = 24 + len(text) * 8
    pixmap = QPixmap(width, 28)
    pixmap.fill(QColor(0, 0, 0, 0))
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(theme.current().accent)
    painter.drawRoundedRect(QRect(0, 0, width, 28), 14, 14)
    painter.setPen(theme.current().on_accent)
    painter.setFont(bold)
    painter.drawText(QRect(0, 0, width, 28), int(Qt.AlignmentFlag.AlignCenter), text)
    painter.end()
    return pixmap
