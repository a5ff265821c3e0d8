"""The import panel's model: one row per file and what happened to it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from app.importing.outcome import FileOutcome

Index = QModelIndex | QPersistentModelIndex
COLUMNS = ("Result", "File", "Details")
STATUS_WORDS = {"added": "Added", "duplicate": "Duplicate", "failed": "Failed"}


class OutcomeModel(QAbstractTableModel):
    """Rows of `FileOutcome`, newest import last (`outcome(row)` gives one)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[FileOutcome] = []
        self._icons: dict[str, Any] = {}

    def set_icons(self, icons: dict[str, Any]) -> None:
        """Icons by status: added, duplicate, failed."""
        self._icons = icons

    def append(self, outcomes: list[FileOutcome]) -> None:
        """Add rows at the end."""
        if not outcomes:
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(outcomes) - 1)
        self._rows.extend(outcomes)
        self.endInsertRows()

    def clear(self) -> None:
        """Remove every row."""
        self.beginResetModel()
        self._rows = []
        self.endResetModel()

    def outcome(self, row: int) -> FileOutcome | None:
        """The outcome in `row`."""
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def counts(self) -> dict[str, int]:
        """How many rows have each status."""
        found = dict.fromkeys(STATUS_WORDS, 0)
        for outcome in self._rows:
            found[outcome.status] += 1
        return found

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(COLUMNS)
        ):
            return COLUMNS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        outcome = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return STATUS_WORDS[outcome.status]
            if column == 1:
                return Path(outcome.path).name
            return _details(outcome)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{outcome.path}\n{outcome.describe()}"
        if role == Qt.ItemDataRole.DecorationRole and column == 0:
            return self._icons.get(outcome.status)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )


def _details(outcome: FileOutcome) -> str:
    if outcome.status == "added":
        notes = []
        if outcome.version_of:
            notes.append(f"another version of #{outcome.version_of}")
        if "no_text" in outcome.flags:
            notes.append("no text layer: not searchable")
        elif "partial_text" in outcome.flags:
            notes.append("some pages without text")
        title = f"#{outcome.paper_id}" + (f" “{outcome.title}”" if outcome.title else "")
        return title + (f" — {'; '.join(notes)}" if notes else "")
    if outcome.status == "duplicate":
        return f"duplicate of #{outcome.duplicate_of} ({outcome.reason}) — click to show it"
    return outcome.reason or "could not be imported"
