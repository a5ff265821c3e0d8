"""Window state kept between runs (QSettings): geometry, splitters, last query, history, sort.

`LECTERN_SETTINGS=/path/file.ini` (or `open_settings(path)`) keeps them in an INI file
instead of the user's settings, which is how tests stay away from the real ones.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

ENV_SETTINGS = "LECTERN_SETTINGS"
HISTORY_LENGTH = 30


def open_settings(path: Path | None = None) -> QSettings:
    """Settings in `path` (INI), else `LECTERN_SETTINGS`, else the platform's usual place."""
    chosen = path or (Path(os.environ[ENV_SETTINGS]) if os.environ.get(ENV_SETTINGS) else None)
    if chosen is not None:
        return QSettings(str(chosen), QSettings.Format.IniFormat)
    return QSettings(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, "Lectern", "Lectern")


class WindowSettings:
    """Typed access to the values the main window remembers."""

    def __init__(self, settings: QSettings) -> None:
        self.qsettings = settings

    def _bytes(self, key: str) -> QByteArray | None:
        value = self.qsettings.value(key)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    @property
    def geometry(self) -> QByteArray | None:
        """The saved window geometry, if any."""
        return self._bytes("window/geometry")

    @geometry.setter
    def geometry(self, value: QByteArray) -> None:
        self.qsettings.setValue("window/geometry", value)

    @property
    def window_state(self) -> QByteArray | None:
        """The saved toolbar and dock layout, if any."""
        return self._bytes("window/state")

    @window_state.setter
    def window_state(self, value: QByteArray) -> None:
        self.qsettings.setValue("window/state", value)

    def splitter(self, name: str) -> QByteArray | None:
        """The saved state of the splitter called `name`."""
        return self._bytes(f"splitters/{name}")

    def set_splitter(self, name: str, value: QByteArray) -> None:
        """Remember the state of the splitter called `name`."""
        self.qsettings.setValue(f"splitters/{name}", value)

    @property
    def last_query(self) -> str:
        """The query in the search field when the window was last closed."""
        return str(self.qsettings.value("search/last_query", "") or "")

    @last_query.setter
    def last_query(self, value: str) -> None:
        self.qsettings.setValue("search/last_query", value)

    @property
    def sort(self) -> str:
        """The result order: relevance, year, added or title."""
        value = str(self.qsettings.value("search/sort", "relevance") or "relevance")
        return value if value in ("relevance", "year", "added", "title") else "relevance"

    @sort.setter
    def sort(self, value: str) -> None:
        self.qsettings.setValue("search/sort", value)

    @property
    def history(self) -> list[str]:
        """Recent queries, newest first."""
        value = self.qsettings.value("search/history", [])
        if isinstance(value, str):
            return [value] if value else []
        items = value if isinstance(value, list | tuple) else []
        return [str(item) for item in items if str(item)]

    def remember_query(self, query: str) -> list[str]:
        """Put `query` at the top of the history; return the new history."""
        query = query.strip()
        if not query:
            return self.history
        history = [query, *(item for item in self.history if item != query)][:HISTORY_LENGTH]
        self.qsettings.setValue("search/history", history)
        return history

    def sync(self) -> None:
        """Write pending values to storage."""
        self.qsettings.sync()
