"""The tag tree: move by dragging, tag papers by dropping them, rename, merge, delete."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from app.library import Library
from tests.ui.conftest import WindowFactory, wait_for_listing
from tests.ui.test_import_drop import drop
from ui.listing import Scope
from ui.window import MainWindow


def open_window(make_window: WindowFactory, library: Library, qtbot: QtBot) -> MainWindow:
    window = make_window(library)
    qtbot.waitUntil(lambda: window.tags.index_for_tag("theory/kernels").isValid())
    wait_for_listing(qtbot, window, 3)
    return window


def tag_paths(library: Library) -> set[str]:
    return {tag for paper in library.papers() for tag in paper.tags}


def test_dragging_a_tag_onto_another_moves_it(
    make_window: WindowFactory, stocked_library: Library, qtbot: QtBot
) -> None:
    window = open_window(make_window, stocked_library, qtbot)
    tags, view = window.tags, window.tag_view
    payload = tags.mimeData([tags.index_for_tag("robustness")])
    target = view.visualRect(tags.index_for_tag("theory")).center()
    with qtbot.waitSignal(window.tag_controller.done, timeout=10_000):
        drop(view.viewport(), target, payload)
    assert tag_paths(stocked_library) == {"theory/kernels", "theory/robustness"}
    qtbot.waitUntil(lambda: tags.index_for_tag("theory/robustness").isValid())
    assert not tags.index_for_tag("robustness").isValid()


def test_a_tag_cannot_be_dropped_into_its_own_subtree(
    make_window: WindowFactory, stocked_library: Library, qtbot: QtBot
) -> None:
    window = open_window(make_window, stocked_library, qtbot)
    tags = window.tags
    payload = tags.mimeData([tags.index_for_tag("theory")])
    assert not tags.canDropMimeData(
        payload, Qt.DropAction.MoveAction, -1, 0, tags.index_for_tag("theory/kernels")
    )


def test_dropping_selected_papers_on_a_tag_tags_them(
    make_window: WindowFactory, stocked_library: Library, qtbot: QtBot
) -> None:
    window = open_window(make_window, stocked_library, qtbot)
    results, view = window.results, window.result_panel.view
    view.selectAll()
    ids = view.selected_ids()
    assert len(ids) == 3
    payload = results.mimeData(view.selectionModel().selectedRows())
    tag_view = window.tag_view
    target = tag_view.visualRect(window.tags.index_for_tag("robustness")).center()
    with qtbot.waitSignal(window.tag_controller.done, timeout=10_000):
        drop(tag_view.viewport(), target, payload)
    assert all("robustness" in paper.tags for paper in stocked_library.papers(ids))
    qtbot.waitUntil(
        lambda: window.tags.index_for_tag("robustness").data(window.tags.CountRole) == 3
    )


def test_renaming_a_tag_with_f2_keeps_it_selected(
    make_window: WindowFactory, stocked_library: Library, qtbot: QtBot
) -> None:
    window = open_window(make_window, stocked_library, qtbot)
    view, tags = window.tag_view, window.tags
    kernels = tags.index_for_tag("theory/kernels")
    view.setCurrentIndex(kernels)
    qtbot.waitUntil(lambda: window.search.request.scope == Scope(tag="theory/kernels"))
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = view.indexWidget(kernels)
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, "ntk")
    window.search.reload_counts()  # counts arriving while typing must not undo the typing
    with qtbot.waitSignal(window.tag_controller.done, timeout=10_000):
        qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert tag_paths(stocked_library) == {"theory/ntk", "robustness"}
    qtbot.waitUntil(lambda: tags.index_for_tag("theory/ntk").isValid())
    assert window.search.request.scope == Scope(tag="theory/ntk")
    assert view.currentIndex() == tags.index_for_tag("theory/ntk")
    wait_for_listing(qtbot, window, 1)


def test_merging_tags_moves_papers_and_deleting_keeps_papers(
    make_window: WindowFactory, stocked_library: Library, qtbot: QtBot
) -> None:
    window = open_window(make_window, stocked_library, qtbot)
    with qtbot.waitSignal(window.tag_controller.done, timeout=10_000):
        window.tag_controller.merge("robustness", "theory/kernels")
    assert tag_paths(stocked_library) == {"theory/kernels"}
    qtbot.waitUntil(lambda: not window.tags.index_for_tag("robustness").isValid())
    qtbot.waitUntil(
        lambda: window.tags.index_for_tag("theory/kernels").data(window.tags.CountRole) == 2
    )

    with qtbot.waitSignal(window.tag_controller.done, timeout=10_000):
        window.tag_controller.delete("theory")
    assert tag_paths(stocked_library) == set()
    assert stocked_library.paper_count() == 3
    qtbot.waitUntil(lambda: window.tags.tag_paths() == [])


def test_selecting_a_tag_lists_its_subtree(
    make_window: WindowFactory, stocked_library: Library, qtbot: QtBot
) -> None:
    window = open_window(make_window, stocked_library, qtbot)
    window.tag_view.selectionModel().setCurrentIndex(
        window.tags.index_for_tag("theory"), QItemSelectionModel.SelectionFlag.ClearAndSelect
    )
    wait_for_listing(qtbot, window, 1)
    row = window.results.data(window.results.index(0), window.results.RowRole)
    assert row.paper.title == "Kernel Methods for Wide Neural Networks"
    assert "theory" in window.result_panel.header_text()
