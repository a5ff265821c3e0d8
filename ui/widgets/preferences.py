"""Preferences: the library folder, watched folders, import workers, copy or link PDFs, and
the theme.

Watched folders live in the library (so the CLI's `lectern watch` sees the same list);
the worker count, the theme and the library to open next time live in the window settings.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.errors import KnownError
from app.library import Library
from app.watch.folders import add_watched_folder, remove_watched_folder, watched_folders
from ui import theme

WORKERS_KEY = "import/workers"
COPY_KEY = "import/copy_files"
NEXT_LIBRARY_KEY = "library/next"


def copy_files(settings: QSettings) -> bool:
    """Copy imported PDFs into the library (default) rather than linking them in place."""
    return str(settings.value(COPY_KEY, "true")).lower() not in ("false", "0")


def import_workers(settings: QSettings) -> int | None:
    """The chosen number of import workers (None: one per core)."""
    try:
        value = int(str(settings.value(WORKERS_KEY, 0) or 0))
    except ValueError:
        return None
    return value if value > 0 else None


class PreferencesDialog(QDialog):
    """Changes apply when the dialog is accepted (the theme at once, in every open window);
    a new library folder on the next start."""

    def __init__(self, library: Library, settings: QSettings, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Preferences")
        self.setMinimumWidth(560)
        self._library, self._settings = library, settings
        self._removed: list[Path] = []

        self.library_label = QLabel(str(library.paths.root))
        self.library_label.setWordWrap(True)
        choose_library = QPushButton("Choose or create another library…")
        choose_library.clicked.connect(self._choose_library)
        self.next_library = QLabel("")

        self.folders = QListWidget()
        self.folders.addItems([str(p) for p in watched_folders(library)])
        add, remove = QPushButton("Add folder…"), QPushButton("Remove")
        add.clicked.connect(self._add_folder)
        remove.clicked.connect(self._remove_folder)
        folder_buttons = QHBoxLayout()
        folder_buttons.addWidget(add)
        folder_buttons.addWidget(remove)
        folder_buttons.addStretch()

        self.workers = QSpinBox()
        self.workers.setRange(0, max(1, os.cpu_count() or 1) * 2)
        self.workers.setSpecialValueText("one per core")
        self.workers.setValue(import_workers(settings) or 0)

        form = QFormLayout()
        form.addRow("Library folder", self.library_label)
        form.addRow("", choose_library)
        form.addRow("", self.next_library)
        form.addRow("Watched folders", self.folders)
        form.addRow("", _wrap(folder_buttons))
        form.addRow("Import workers", self.workers)
        self.copy = QComboBox()
        self.copy.addItem("Copy PDFs into the library folder", True)
        self.copy.addItem("Link PDFs where they are (never moved or changed)", False)
        self.copy.setCurrentIndex(0 if copy_files(settings) else 1)
        form.addRow("Imported files", self.copy)
        self.theme_choice = QComboBox()
        for choice, label in theme.THEME_CHOICES.items():
            self.theme_choice.addItem(label, choice)
        self.theme_choice.setCurrentIndex(self.theme_choice.findData(theme.stored_choice(settings)))
        form.addRow("Theme", self.theme_choice)
        hint = QLabel(
            "New PDFs in watched folders are imported while Lectern runs; partial "
            "downloads are skipped until complete."
        )
        hint.setWordWrap(True)
        hint.setObjectName("hint")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        self.error = QLabel("")
        self.error.setObjectName("error")
        layout.addWidget(self.error)

    def _choose_library(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Library folder", str(Path.home()))
        if folder:
            self._settings.setValue(NEXT_LIBRARY_KEY, folder)
            self.next_library.setText(f"Lectern opens {folder} on its next start.")

    def _add_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Watch a folder", str(Path.home()))
        if folder:
            self.add_folder(Path(folder))

    def add_folder(self, folder: Path) -> None:
        """Add a folder to the list (saved when the dialog is accepted)."""
        text = str(folder.expanduser().resolve())
        if not self.folders.findItems(text, Qt.MatchFlag.MatchExactly):
            self.folders.addItem(text)

    def _remove_folder(self) -> None:
        for item in self.folders.selectedItems():
            self._removed.append(Path(item.text()))
            self.folders.takeItem(self.folders.row(item))

    def accept(self) -> None:
        """Save the folders, the worker count and the copy mode; apply and save the theme."""
        try:
            current = {str(p) for p in watched_folders(self._library)}
            listed = [self.folders.item(i).text() for i in range(self.folders.count())]
            for folder in self._removed:
                if str(folder) in current and str(folder) not in listed:
                    remove_watched_folder(self._library, folder)
            for text in listed:
                if text not in current:
                    add_watched_folder(self._library, Path(text))
        except KnownError as exc:
            self.error.setText(str(exc))
            return
        self._settings.setValue(WORKERS_KEY, self.workers.value())
        self._settings.setValue(COPY_KEY, bool(self.copy.currentData()))
        choice = str(self.theme_choice.currentData())
        theme.store_choice(self._settings, choice)
        application = QApplication.instance()
        if choice != theme.current_choice() and isinstance(application, QApplication):
            theme.apply_theme(application, choice)
        super().accept()


def _wrap(layout: QHBoxLayout) -> QWidget:
    holder = QWidget()
    holder.setLayout(layout)
    layout.setContentsMargins(0, 0, 0, 0)
    return holder
