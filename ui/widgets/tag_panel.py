"""The left column: fixed views and the user's tag tree, each with its count."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QDrag, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QWidget,
)

from ui import theme
from ui.listing import Scope
from ui.models.tags import Kind, TagTreeModel
from ui.queries import View

ModelIndex = QModelIndex | QPersistentModelIndex
ROW_HEIGHT = 28
HEADER_HEIGHT = 34


class TagDelegate(QStyledItemDelegate):
    """Icon, name and a count pill; the "Tags" section is drawn as a small caps heading."""

    def sizeHint(self, option: QStyleOptionViewItem, index: ModelIndex) -> QSize:
        kind = index.data(TagTreeModel.KindRole)
        return QSize(120, HEADER_HEIGHT if kind == Kind.HEADER.value else ROW_HEIGHT)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        kind = index.data(TagTreeModel.KindRole)
        rect = QRect(option.rect)
        palette = theme.current()
        if kind == Kind.HEADER.value:
            painter.save()
            font = QFont(option.font)
            font.setPointSizeF(max(7.0, font.pointSizeF() - 1.5))
            font.setWeight(QFont.Weight.Bold)
            font.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 108)
            painter.setFont(font)
            painter.setPen(palette.text_faint)
            painter.drawText(
                rect.adjusted(4, 10, 0, 0),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                "TAGS",
            )
            painter.restore()
            return
        count = index.data(TagTreeModel.CountRole)
        text = "" if count is None else f"{count:,}"
        metrics = QFontMetrics(option.font)
        pill_width = metrics.horizontalAdvance(text) + 14 if text else 0
        option_copy = QStyleOptionViewItem(option)
        option_copy.rect = rect.adjusted(0, 0, -(pill_width + 8), 0)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if selected:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(palette.row_selected)
            painter.drawRoundedRect(QRectF(rect).adjusted(2, 1, -4, -1), 6, 6)
            option_copy.state &= ~QStyle.StateFlag.State_Selected
        painter.restore()
        option_copy.state &= ~QStyle.StateFlag.State_HasFocus
        if count == 0:
            faint = option_copy.palette
            faint.setColor(QPalette.ColorRole.Text, palette.text_faint)
            option_copy.palette = faint
        super().paint(painter, option_copy, index)
        if text:
            painter.save()
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            pill = QRectF(rect.right() - pill_width - 8, rect.center().y() - 9, pill_width, 18)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(palette.accent if selected else palette.skeleton)
            painter.drawRoundedRect(pill, 9, 9)
            painter.setPen(palette.on_accent if selected else palette.text_muted)
            painter.drawText(pill, int(Qt.AlignmentFlag.AlignCenter), text)
            painter.restore()


class TagView(QTreeView):
    """The tree. Emits `scopeChosen(Scope)` when a view or a tag is selected."""

    scopeChosen = Signal(object)
    _NAME_ROLES = frozenset({int(Qt.ItemDataRole.DisplayRole), int(Qt.ItemDataRole.EditRole)})

    def __init__(self, model: TagTreeModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tagView")
        self.tags = model
        self.setModel(model)
        self.setItemDelegate(TagDelegate(self))
        self.setHeaderHidden(True)
        self.setUniformRowHeights(False)
        self.setIndentation(14)
        self.setAnimated(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setDropIndicatorShown(True)
        self.setAcceptDrops(True)
        self.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.setFrameShape(QTreeView.Shape.NoFrame)
        self.setIconSize(QSize(18, 18))
        self._expanded: set[str] = set()
        self._first_load = True
        self._scope = Scope()
        self.expanded.connect(lambda i: self._expanded.add(str(i.data(TagTreeModel.KeyRole))))
        self.collapsed.connect(lambda i: self._expanded.discard(str(i.data(TagTreeModel.KeyRole))))
        model.modelReset.connect(self._restore)
        self.selectionModel().currentChanged.connect(self._current_changed)
        self._restore()

    @property
    def scope(self) -> Scope:
        """The view or tag selected."""
        return self._scope

    def select_scope(self, scope: Scope, notify: bool = True) -> None:
        """Select the node of `scope`; scopeChosen follows if it changed and `notify`."""
        if not notify:
            self._scope = scope
        if scope.tag is not None:
            index = self.tags.index_for_tag(scope.tag)
            if not index.isValid():
                index = self.tags.index_for_view(View.ALL)
        else:
            index = self.tags.index_for_view(scope.view)
        self.setCurrentIndex(index)

    def selected_tag(self) -> str | None:
        """The path of the selected tag, if a tag is selected."""
        return self._scope.tag

    def startDrag(self, supportedActions: Qt.DropAction) -> None:
        # Dragging a tag moves it in the library, not in the model: no source row is removed
        # here (the base class would), the tree reloads once the move is done.
        index = self.currentIndex()
        if not index.isValid() or not index.flags() & Qt.ItemFlag.ItemIsDragEnabled:
            return
        drag = QDrag(self)
        drag.setMimeData(self.tags.mimeData([index]))
        drag.setPixmap(self.viewport().grab(self.visualRect(index)))
        drag.exec(Qt.DropAction.MoveAction)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        scope = self._scope_of(current)
        if scope is not None and scope != self._scope:
            self._scope = scope
            self.scopeChosen.emit(scope)

    def _scope_of(self, index: QModelIndex | QPersistentModelIndex) -> Scope | None:
        if not index.isValid():
            return None
        kind = index.data(TagTreeModel.KindRole)
        key = str(index.data(TagTreeModel.KeyRole))
        if kind == Kind.VIEW.value:
            return Scope(view=View(key))
        if kind == Kind.TAG.value:
            return Scope(tag=key)
        return None

    def dataChanged(
        self,
        top_left: QModelIndex | QPersistentModelIndex,
        bottom_right: QModelIndex | QPersistentModelIndex,
        roles: Sequence[int] = (),
    ) -> None:
        # New counts change neither names nor row heights: repaint only. The base class would
        # re-measure every row in the range (a Python call each) and, during a rename, put
        # the old name back into the open editor.
        if roles and not self._NAME_ROLES.intersection(int(role) for role in roles):
            self.viewport().update()
            return
        super().dataChanged(top_left, bottom_right, list(roles))

    def follow_path(self, old: str, new: str) -> None:
        """The tag at `old` is now at `new`: keep it (and its subtags) selected and expanded."""

        def moved(path: str) -> str:
            if path.casefold() == old.casefold():
                return new
            if path.casefold().startswith(old.casefold() + "/"):
                return new + path[len(old) :]
            return path

        self._expanded = {moved(path) for path in self._expanded}
        if self._scope.tag is not None and moved(self._scope.tag) != self._scope.tag:
            self._scope = Scope(tag=moved(self._scope.tag))
            self.scopeChosen.emit(self._scope)

    def _restore(self) -> None:
        header = self.tags.header_index()
        self.setExpanded(header, True)
        if self._first_load and self.tags.rowCount(header):
            # Top-level tags start unfolded so their subtags show on the first look.
            self._first_load = False
            for row in range(self.tags.rowCount(header)):
                self.setExpanded(self.tags.index(row, 0, header), True)
        for path in list(self._expanded):
            index = self.tags.index_for_tag(path)
            if index.isValid():
                self.setExpanded(index, True)
        if self._scope.tag is not None and not self.tags.index_for_tag(self._scope.tag).isValid():
            # The selected tag is gone (deleted or merged away): show All papers.
            self._scope = Scope()
            self.select_scope(self._scope)
            self.scopeChosen.emit(self._scope)
            return
        self.select_scope(self._scope)
