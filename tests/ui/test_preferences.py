"""Preferences: watched folders are saved in the library and watched while the window is open."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from app.library import Library
from app.watch.folders import watched_folders
from tests.pdfgen import make_pdf
from tests.ui.conftest import WindowFactory
from ui.widgets.preferences import PreferencesDialog, copy_files, import_workers


def test_preferences_save_folders_and_workers(
    make_window: WindowFactory, library: Library, qtbot: QtBot, tmp_path: Path
) -> None:
    window = make_window(library)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    dialog = PreferencesDialog(library, window.settings.qsettings, window)
    qtbot.addWidget(dialog)
    dialog.add_folder(inbox)
    dialog.workers.setValue(1)
    dialog.copy.setCurrentIndex(1)
    dialog.accept()
    assert watched_folders(library) == [inbox.resolve()]
    assert import_workers(window.settings.qsettings) == 1
    assert not copy_files(window.settings.qsettings)


def test_new_pdf_in_a_watched_folder_appears(
    make_window: WindowFactory, library: Library, qtbot: QtBot, tmp_path: Path
) -> None:
    from app.watch.folders import add_watched_folder

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    add_watched_folder(library, inbox)
    window = make_window(library)
    window.watch.restart()
    with qtbot.waitSignal(window.watch.imported, timeout=60_000) as imported:
        make_pdf(inbox / "fresh.pdf", ["A freshly downloaded paper about sparse coding. " * 20],
                 title="Sparse Coding Revisited")
    assert imported.args[0] == "Watched folder: 1 new paper"
    assert [p.title for p in library.papers()] == ["Sparse Coding Revisited"]
