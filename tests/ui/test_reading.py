"""Reading: the preview opens a paper on its last page; moving on records the page; the
queue view and removing papers."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt
from pytestqt.qtbot import QtBot

from app.editing import record_reading
from app.library import Library
from tests.ui.conftest import WindowFactory, wait_for_listing
from tests.ui.test_import_drop import drop
from ui.listing import Scope
from ui.queries import View
from ui.window import MainWindow


def select_row(window: MainWindow, row: int) -> None:
    window.result_panel.view.selectionModel().setCurrentIndex(
        window.results.index(row), QItemSelectionModel.SelectionFlag.ClearAndSelect
    )


def kernels_row(window: MainWindow) -> int:
    for row in range(window.results.rowCount()):
        data = window.results.data(window.results.index(row), window.results.RowRole)
        if data.paper.title.startswith("Kernel Methods"):
            return row
    raise AssertionError("the kernels paper is not listed")


def test_without_a_query_a_paper_opens_on_its_last_page(
    make_window: WindowFactory, stocked_library: Library, qtbot: QtBot
) -> None:
    kernels = next(p for p in stocked_library.papers() if p.title.startswith("Kernel Methods"))
    record_reading(stocked_library, kernels.id, 2, 0.5)
    window = make_window(stocked_library)
    wait_for_listing(qtbot, window, 3)
    row = kernels_row(window)
    select_row(window, (row + 1) % 3)
    with qtbot.waitSignal(
        window.preview.pageRendered, timeout=20_000, check_params_cb=lambda page: page == 2
    ):
        select_row(window, row)
    qtbot.waitUntil(lambda: window.preview.current_page() == 2, timeout=10_000)


def test_moving_in_the_preview_records_the_page(
    make_window: WindowFactory, stocked_library: Library, qtbot: QtBot
) -> None:
    window = make_window(stocked_library)
    wait_for_listing(qtbot, window, 3)
    row = kernels_row(window)
    paper_id = window.results.paper_id(row)
    assert paper_id is not None
    select_row(window, row)
    qtbot.waitUntil(lambda: window.preview.page_count() == 3, timeout=20_000)
    window.preview.go_to_page(1)
    qtbot.waitUntil(lambda: stocked_library.paper(paper_id).last_page == 1, timeout=10_000)


def test_dropping_papers_on_the_reading_queue_queues_them(
    make_window: WindowFactory, stocked_library: Library, qtbot: QtBot
) -> None:
    window = make_window(stocked_library)
    wait_for_listing(qtbot, window, 3)
    view = window.result_panel.view
    select_row(window, 0)
    ids = view.selected_ids()
    payload = window.results.mimeData(view.selectionModel().selectedRows())
    queue = window.tags.index_for_view(View.QUEUE)
    with qtbot.waitSignal(window.tag_controller.done, timeout=10_000):
        drop(window.tag_view.viewport(), window.tag_view.visualRect(queue).center(), payload)
    assert stocked_library.paper(ids[0]).status == "to_read"
    qtbot.waitUntil(lambda: queue.data(window.tags.CountRole) == 1)
    with qtbot.waitSignal(window.search.listingShown, timeout=10_000):
        window.tag_view.select_scope(Scope(view=View.QUEUE))
    wait_for_listing(qtbot, window, 1)
    assert window.results.paper_id(0) == ids[0]


def test_delete_removes_the_selected_papers(
    make_window: WindowFactory, stocked_library: Library, qtbot: QtBot
) -> None:
    window = make_window(stocked_library)
    wait_for_listing(qtbot, window, 3)
    window.papers.confirm = False
    view = window.result_panel.view
    select_row(window, 1)
    removed = view.selected_ids()
    view.setFocus()
    with qtbot.waitSignal(window.papers.done, timeout=10_000):
        qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert stocked_library.paper_count() == 2
    wait_for_listing(qtbot, window, 2)
    assert removed[0] not in window.results.listing.ids
    qtbot.waitUntil(lambda: window.status.size_label.text() == "2 papers")
