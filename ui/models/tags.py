"""The tag tree's model: the fixed views, then a "Tags" section holding the user's nested tags.

Every node answers `CountRole` (papers in the view or tag subtree, or of the current results
while a query is active). Drops never write anything themselves: they are turned into request
signals that the window's controller carries out as library operations.

The tree lives in a QStandardItemModel, so painting and navigating it (hundreds of
index/parent/data calls per repaint) stay in C++: each call from Qt into Python has to take the
interpreter lock, which background threads hold most of the time during an import. Only
drag-and-drop and renaming reach Python code here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QStandardItem, QStandardItemModel

from app.tags import SEPARATOR, TagNode
from ui.counts import Counts
from ui.models.mime import (
    PAPERS_MIME,
    TAG_MIME,
    decode_paper_ids,
    decode_tag,
    encode_tag,
    local_paths,
)
from ui.queries import VIEW_HINTS, VIEW_TITLES, View

Index = QModelIndex | QPersistentModelIndex
HEADER_TIP = "Your tags. Drag papers onto a tag to tag them; drag a tag to move it."


class Kind(Enum):
    VIEW = "view"
    HEADER = "header"
    TAG = "tag"


@dataclass(frozen=True, slots=True)
class NodeInfo:
    """What a node is: a fixed view, the "Tags" header, or a tag (`key`: view or tag path)."""

    kind: Kind
    key: str
    name: str


class TagTreeModel(QStandardItemModel):
    """See the module docstring."""

    KindRole = Qt.ItemDataRole.UserRole + 1
    KeyRole = Qt.ItemDataRole.UserRole + 2
    CountRole = Qt.ItemDataRole.UserRole + 3

    renameRequested = Signal(str, str)
    moveRequested = Signal(str, object)
    tagPapersRequested = Signal(list, str)
    queuePapersRequested = Signal(list)
    importRequested = Signal(list, object)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._counts: Counts | None = None
        self._icons: dict[str, Any] = {}
        self._tag_items: dict[str, QStandardItem] = {}
        self._view_items: dict[View, QStandardItem] = {}
        self._header = QStandardItem()
        self._build([])

    # content --------------------------------------------------------------------------

    def set_icons(self, icons: dict[str, Any]) -> None:
        """Icons by view value, plus "tag" and "header"."""
        self._icons = icons
        for view, item in self._view_items.items():
            item.setIcon(icons.get(view.value) or item.icon())
        for item in self._tag_items.values():
            item.setIcon(icons.get("tag") or item.icon())

    def set_tags(self, nodes: Iterable[TagNode]) -> None:
        """Show these tags: one model reset (the view restores expansion and selection)."""
        self.beginResetModel()
        self.blockSignals(True)  # the reset covers every row removed and added here
        try:
            self._build(list(nodes))
        finally:
            self.blockSignals(False)
        self.endResetModel()

    def set_counts(self, counts: Counts) -> None:
        """Show `counts` beside every node."""
        self._counts = counts
        self.blockSignals(True)
        try:
            for view, item in self._view_items.items():
                item.setData(counts.views.get(view), self.CountRole)
            for path, item in self._tag_items.items():
                count = counts.tags.get(path, 0)
                item.setData(count, self.CountRole)
                papers = f"{count} paper{'s' if count != 1 else ''}"
                item.setToolTip(f"{path} — {papers}")
        finally:
            self.blockSignals(False)
        self._announce_counts(self.invisibleRootItem())

    @property
    def counts(self) -> Counts | None:
        """The counts shown."""
        return self._counts

    def tag_paths(self) -> list[str]:
        """Every tag path, in tree order."""
        return list(self._tag_items)

    def index_for_view(self, view: View) -> QModelIndex:
        """The index of a fixed view."""
        return self._view_items[view].index()

    def index_for_tag(self, path: str) -> QModelIndex:
        """The index of the tag at `path` (invalid if there is none)."""
        wanted = path.casefold()
        for key, item in self._tag_items.items():
            if key.casefold() == wanted:
                return item.index()
        return QModelIndex()

    def header_index(self) -> QModelIndex:
        """The index of the "Tags" section."""
        return self._header.index()

    def item_at(self, index: Index) -> NodeInfo | None:
        """What the node at `index` is (None for the invisible root)."""
        if not index.isValid():
            return None
        return NodeInfo(
            Kind(index.data(self.KindRole)),
            str(index.data(self.KeyRole)),
            str(index.data(Qt.ItemDataRole.DisplayRole)),
        )

    # editing: a rename is a request; the tree reloads when the library has changed --------

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return super().setData(index, value, role)
        info = self.item_at(index)
        name = str(value).strip().replace(SEPARATOR, " ")
        if info is None or info.kind is not Kind.TAG or not name or name == info.name:
            return False
        super().setData(index, name, Qt.ItemDataRole.DisplayRole)
        self.renameRequested.emit(info.key, name)
        return True

    # drag and drop ----------------------------------------------------------------------

    def mimeTypes(self) -> list[str]:
        return [TAG_MIME, PAPERS_MIME, "text/uri-list"]

    def mimeData(self, indexes: Any) -> QMimeData:
        infos = [self.item_at(index) for index in indexes]
        tags = [info.key for info in infos if info is not None and info.kind is Kind.TAG]
        return encode_tag(tags[0]) if tags else QMimeData()

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction | Qt.DropAction.MoveAction | Qt.DropAction.LinkAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def canDropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        target = self._drop_target(parent)
        source_tag = decode_tag(data)
        if source_tag is not None:
            if target.kind is Kind.VIEW:
                return False
            inside = target.key.casefold().startswith(source_tag.casefold() + SEPARATOR)
            return target.key.casefold() != source_tag.casefold() and not inside
        if data.hasFormat(PAPERS_MIME):
            return target.kind is Kind.TAG or target.key == View.QUEUE
        return bool(local_paths(data))

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        target = self._drop_target(parent)
        tag = target.key if target.kind is Kind.TAG else None
        source_tag = decode_tag(data)
        if source_tag is not None:
            self.moveRequested.emit(source_tag, tag)
        elif data.hasFormat(PAPERS_MIME):
            ids = decode_paper_ids(data)
            if tag is not None:
                self.tagPapersRequested.emit(ids, tag)
            else:
                self.queuePapersRequested.emit(ids)
        else:
            paths: list[Path] = local_paths(data)
            self.importRequested.emit(paths, tag)
        # Nothing is inserted here: the tree reloads when the library reports the change.
        return True

    # building ---------------------------------------------------------------------------

    def _drop_target(self, parent: Index) -> NodeInfo:
        """Dropping on a node targets it; between nodes, their parent; on empty space, the
        "Tags" section."""
        info = self.item_at(parent)
        return info if info is not None else NodeInfo(Kind.HEADER, "", "Tags")

    def _build(self, nodes: list[TagNode]) -> None:
        root = self.invisibleRootItem()
        root.removeRows(0, root.rowCount())
        self._tag_items, self._view_items = {}, {}
        root.setFlags(Qt.ItemFlag.ItemIsDropEnabled)
        for view in View:
            item = self._item(Kind.VIEW, view.value, VIEW_TITLES[view], self._icons.get(view.value))
            item.setToolTip(VIEW_HINTS[view])
            item.setFlags(
                Qt.ItemFlag.ItemIsEnabled
                | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsDropEnabled
                | Qt.ItemFlag.ItemNeverHasChildren
            )
            root.appendRow(item)
            self._view_items[view] = item
        self._header = self._item(Kind.HEADER, "", "Tags", self._icons.get("header"))
        self._header.setToolTip(HEADER_TIP)
        self._header.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsDropEnabled)
        root.appendRow(self._header)
        children: dict[int | None, list[TagNode]] = {}
        for node in nodes:
            children.setdefault(node.parent_id, []).append(node)
        self._add_children(children, None, self._header)
        if self._counts is not None:
            counts, self._counts = self._counts, None
            self.set_counts(counts)

    def _add_children(
        self, children: dict[int | None, list[TagNode]], parent_id: int | None, under: QStandardItem
    ) -> None:
        for node in sorted(children.get(parent_id, []), key=lambda n: n.name.casefold()):
            item = self._item(Kind.TAG, node.path, node.name, self._icons.get("tag"))
            item.setToolTip(node.path)
            item.setFlags(
                Qt.ItemFlag.ItemIsEnabled
                | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsEditable
                | Qt.ItemFlag.ItemIsDragEnabled
                | Qt.ItemFlag.ItemIsDropEnabled
            )
            under.appendRow(item)
            self._tag_items[node.path] = item
            self._add_children(children, node.id, item)

    def _item(self, kind: Kind, key: str, name: str, icon: Any) -> QStandardItem:
        item = QStandardItem(name)
        item.setData(kind.value, self.KindRole)
        item.setData(key, self.KeyRole)
        if icon is not None:
            item.setIcon(icon)
        return item

    def _announce_counts(self, parent: QStandardItem) -> None:
        """One dataChanged per level (the view repaints; names and heights are unchanged)."""
        rows = parent.rowCount()
        if not rows:
            return
        first, last = parent.child(0).index(), parent.child(rows - 1).index()
        self.dataChanged.emit(first, last, [self.CountRole, Qt.ItemDataRole.ToolTipRole])
        for row in range(rows):
            self._announce_counts(parent.child(row))
