"""The result list's model: paper ids, with row data fetched a chunk at a time when shown.

The model holds a `Listing` (ids, and the rows loaded so far). Asking for a row that is not
loaded queues one background fetch of its chunk and answers `None` until the chunk arrives,
so 100k rows cost 100k ids and a few hundred loaded rows. Chunks far from what the user looks at
are dropped again when more than `MAX_LOADED_CHUNKS` are held.

The model is a QStringListModel of empty strings, one per row, so that counting rows and
making indexes stay in C++: the tree view asks for both for every row on each layout (twice
per row), and each of those calls into Python would have to take the interpreter lock, which
background threads hold most of the time during an import. The rows' content lives in
Python and is answered by role.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from PySide6.QtCore import (
    QByteArray,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    QStringListModel,
    Qt,
    Signal,
)

from ui.listing import CHUNK, Listing, ListingRequest, RowBatch, fetch_rows
from ui.models.mime import encode_paper_ids
from ui.ops import LibraryOp, OpRunner

MAX_LOADED_CHUNKS = 60
Index = QModelIndex | QPersistentModelIndex


class ResultsModel(QStringListModel):
    """Rows of papers; see the module docstring."""

    RowRole = Qt.ItemDataRole.UserRole + 1
    PaperIdRole = Qt.ItemDataRole.UserRole + 2
    ExpandedRole = Qt.ItemDataRole.UserRole + 3

    rowsLoaded = Signal(int, int)

    def __init__(self, runner: OpRunner, parent: Any = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._listing = Listing(ListingRequest(), [])
        self._generation = 0
        self._in_flight: set[int] = set()
        self._loaded_chunks: OrderedDict[int, None] = OrderedDict()
        self._expanded: set[int] = set()

    # the listing ----------------------------------------------------------------------

    @property
    def listing(self) -> Listing:
        """The listing shown (its rows are loaded lazily)."""
        return self._listing

    def set_listing(self, listing: Listing) -> None:
        """Show `listing`; the same ids in the same order refresh in place (selection stays)."""
        same = listing.request == self._listing.request and listing.ids == self._listing.ids
        self._generation += 1
        self._in_flight.clear()
        if same:
            # Rows loaded further down stay (edited papers were invalidated already), so a
            # refresh does not make the part of the list being read flash back to loading.
            listing.rows = {**self._listing.rows, **listing.rows}
            self._listing = listing
            self._loaded_chunks = OrderedDict.fromkeys(sorted({r // CHUNK for r in listing.rows}))
            if listing.total:
                self._emit_rows_changed(0, min(listing.total, CHUNK) - 1)
            return
        self._listing = listing
        self._loaded_chunks = OrderedDict.fromkeys(sorted({r // CHUNK for r in listing.rows}))
        self.setStringList([""] * listing.total)  # resets the model

    def invalidate_papers(self, paper_ids: set[int]) -> None:
        """Reload the rows of these papers (their data changed) the next time they are shown."""
        rows = [r for r, row in self._listing.rows.items() if row.paper.id in paper_ids]
        for row in rows:
            del self._listing.rows[row]
        for chunk in {row // CHUNK for row in rows}:
            start = chunk * CHUNK
            self._emit_rows_changed(start, min(self._listing.total, start + CHUNK) - 1)

    def paper_id(self, row: int) -> int | None:
        """The id at `row`, if known."""
        if 0 <= row < self._listing.total:
            return self._listing.ids[row]
        return None

    def row_of(self, paper_id: int) -> int | None:
        """The row showing `paper_id`, if its id is known."""
        try:
            return self._listing.ids.index(paper_id)
        except ValueError:
            return None

    def is_expanded(self, paper_id: int) -> bool:
        """Whether the abstract of `paper_id` is unfolded."""
        return paper_id in self._expanded

    def toggle_expanded(self, row: int) -> None:
        """Unfold or fold the abstract in `row`."""
        paper_id = self.paper_id(row)
        if paper_id is None:
            return
        self._expanded ^= {paper_id}
        index = self.index(row)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.SizeHintRole, self.ExpandedRole])

    # Qt model interface (rowCount, index and flags are QStringListModel's) -------------

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < self._listing.total:
            return None
        row = index.row()
        if role == Qt.ItemDataRole.EditRole:
            return None
        if role == self.PaperIdRole:
            return self._listing.ids[row]
        if role == self.ExpandedRole:
            paper_id = self._listing.ids[row]
            return paper_id is not None and paper_id in self._expanded
        if role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
            Qt.ItemDataRole.AccessibleTextRole,
            self.RowRole,
        ):
            return None
        loaded = self._listing.rows.get(row)
        if loaded is None:
            self._request(row // CHUNK)
            return None
        if row // CHUNK in self._loaded_chunks:
            self._loaded_chunks.move_to_end(row // CHUNK)
        if role == self.RowRole:
            return loaded
        paper = loaded.paper
        if role == Qt.ItemDataRole.ToolTipRole:
            authors = ", ".join(paper.authors[:6])
            return f"{paper.title}\n{authors}" if authors else paper.title
        return paper.title

    # flags() stays the string list's (C++; asked for every row on each layout): rows are
    # draggable; "editable" has no effect because the view never starts an editor, and this
    # setData refuses anything.

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        return False

    def mimeTypes(self) -> list[str]:
        from ui.models.mime import PAPERS_MIME

        return [PAPERS_MIME]

    def mimeData(self, indexes: Any) -> QMimeData:
        ids = [self.paper_id(index.row()) for index in indexes]
        mime = QMimeData()
        mime.setData(*encode_paper_ids([pid for pid in ids if pid is not None]))
        return mime

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction

    def roleNames(self) -> dict[int, QByteArray]:
        names = super().roleNames()
        names[self.RowRole] = QByteArray(b"row")
        names[self.PaperIdRole] = QByteArray(b"paperId")
        names[self.ExpandedRole] = QByteArray(b"expanded")
        return names

    # loading --------------------------------------------------------------------------

    def _request(self, chunk: int) -> None:
        if chunk in self._in_flight:
            return
        self._in_flight.add(chunk)
        listing, generation = self._listing, self._generation
        LibraryOp(lambda library: fetch_rows(library, listing, chunk * CHUNK, CHUNK)).success(
            lambda batch: self._apply(generation, chunk, batch)
        ).failure(lambda error: self._fetch_failed(generation, chunk, error)).run(self._runner)

    def _apply(self, generation: int, chunk: int, batch: RowBatch) -> None:
        if generation != self._generation:
            return
        self._in_flight.discard(chunk)
        listing = self._listing
        for offset, (paper_id, row) in enumerate(zip(batch.ids, batch.rows, strict=True)):
            position = batch.start + offset
            if position < listing.total:
                listing.ids[position] = paper_id
                if row is not None:
                    listing.rows[position] = row
        self._loaded_chunks[chunk] = None
        self._loaded_chunks.move_to_end(chunk)
        self._evict()
        if batch.ids:
            last = min(listing.total, batch.start + len(batch.ids)) - 1
            self._emit_rows_changed(batch.start, last)
            self.rowsLoaded.emit(batch.start, last)

    def _fetch_failed(self, generation: int, chunk: int, error: BaseException) -> None:
        # The chunk stays "in flight" until the listing changes: painting must not retry a
        # failing fetch on every frame.
        if generation == self._generation:
            self._runner.default_failure(error)

    def _evict(self) -> None:
        while len(self._loaded_chunks) > MAX_LOADED_CHUNKS:
            chunk, _ = self._loaded_chunks.popitem(last=False)
            for row in range(chunk * CHUNK, chunk * CHUNK + CHUNK):
                self._listing.rows.pop(row, None)

    def _emit_rows_changed(self, first: int, last: int) -> None:
        if first <= last:
            self.dataChanged.emit(self.index(first), self.index(last))
