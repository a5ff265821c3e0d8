"""Window state survives a restart; shortcuts reach the search field; menus are complete."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from app.library import Library
from tests.ui.conftest import WindowFactory, wait_for_listing


def test_splitters_sort_geometry_and_last_query_are_restored(
    make_window: WindowFactory, stocked_library: Library, qtbot: QtBot, settings_file: Path
) -> None:
    window = make_window(stocked_library)
    wait_for_listing(qtbot, window, 3)
    window.resize(780, 560)  # within the offscreen screen (800 × 600)
    window.splitter.setSizes([500, 280])
    qtbot.waitUntil(lambda: window.browse_area.width() == window.splitter.sizes()[0])
    window.browse_area.setSizes([160, 333])  # the result column needs at least ~316 px
    window.set_sort("title")
    window.result_panel.search.set_query("kernel")
    saved_main, saved_browse = window.splitter.sizes(), window.browse_area.sizes()
    window.close()
    assert settings_file.is_file(), "settings go to the file the test chose"
    stored = QSettings(str(settings_file), QSettings.Format.IniFormat)
    assert stored.value("search/last_query") == "kernel"

    again = make_window(stocked_library)
    assert (again.size().width(), again.size().height()) == (780, 560)
    assert again.splitter.sizes() == saved_main
    assert again.browse_area.sizes() == saved_browse
    assert again.result_panel.search.text() == "kernel"
    assert again.search.request.query == "kernel"
    assert again.search.request.sort == "title"
    assert again.result_panel.sort.currentData() == "title"
    assert again.actions_.sort_actions["title"].isChecked()


def test_search_history_is_kept(
    make_window: WindowFactory, stocked_library: Library, qtbot: QtBot
) -> None:
    window = make_window(stocked_library)
    field = window.result_panel.search
    for query in ("bandits", "kernel"):
        field.setFocus()
        field.clear()
        qtbot.keyClicks(field, query)
        qtbot.keyClick(field, Qt.Key.Key_Return)
    window.close()
    again = make_window(stocked_library)
    completions = again.result_panel.search.completer().model()
    assert [completions.index(r, 0).data() for r in range(completions.rowCount())] == [
        "kernel",
        "bandits",
    ]


def test_ctrl_f_and_ctrl_l_focus_the_search_field(
    make_window: WindowFactory, stocked_library: Library, qtbot: QtBot
) -> None:
    window = make_window(stocked_library)
    wait_for_listing(qtbot, window, 3)
    window.activateWindow()
    for key in ("Ctrl+F", "Ctrl+L"):
        window.result_panel.view.setFocus()
        qtbot.waitUntil(lambda: window.result_panel.view.hasFocus())
        action = window.actions_.find
        assert any(sequence.toString() == key for sequence in action.shortcuts())
        action.trigger()
        assert window.result_panel.search.hasFocus()


def test_menus_offer_the_expected_commands(make_window: WindowFactory, library: Library) -> None:
    window = make_window(library)
    menus = {action.text().replace("&", ""): action.menu() for action in window.menuBar().actions()}
    assert list(menus) == ["File", "Edit", "View", "Help"]
    file_items = [a.text().replace("&", "") for a in menus["File"].actions() if a.text()]
    assert file_items[:2] == ["Add Files…", "Add Folder…"] and file_items[-1] == "Quit"
    help_items = [a.text().replace("&", "") for a in menus["Help"].actions() if a.text()]
    assert help_items == ["Query Syntax", "Keyboard Shortcuts", "Show Log", "About Lectern"]
    file_lists = [a.text().replace("&", "") for a in menus["File"].actions()]
    assert "Import Reading List…" in file_lists and "Export Reading List…" in file_lists
    edit_items = [a.text().replace("&", "") for a in menus["Edit"].actions()]
    assert "Preferences…" in edit_items
    assert window.actions_.add_files.shortcut().toString() == "Ctrl+O"
    assert window.actions_.next_hit.shortcut().toString() == "F3"
    assert window.actions_.previous_hit.shortcut().toString() == "Shift+F3"
    assert window.actions_.remove.shortcut().toString() == "Del"


def test_an_example_in_the_syntax_help_runs_that_search(
    make_window: WindowFactory, stocked_library: Library, qtbot: QtBot
) -> None:
    from PySide6.QtWidgets import QLabel

    window = make_window(stocked_library)
    field = window.result_panel.search
    field.show_syntax_help()
    popup = field.syntax_popup
    assert popup is not None and popup.isVisible()
    table = popup.findChild(QLabel, "syntaxTable")
    assert table is not None and "href='#author:hopper'" in table.text()
    with qtbot.waitSignal(window.search.listingShown, timeout=10_000):
        table.linkActivated.emit("#author:hopper")
    assert not popup.isVisible()
    assert field.text() == "author:hopper"
    wait_for_listing(qtbot, window, 1)
    assert window.result_panel.header_text() == '"author:hopper" has 1 result'


def test_a_first_window_fits_the_screen(make_window: WindowFactory, library: Library) -> None:
    window = make_window(library)
    room = QGuiApplication.primaryScreen().availableGeometry()
    assert 0 < window.width() <= room.width() and 0 < window.height() <= room.height()
