"""Searching: typing updates the list and the header; selecting a result opens the preview on
the page of its first hit, highlighted; counts follow the query; related papers."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt
from pytestqt.qtbot import QtBot

from app.library import Library
from tests.ui.conftest import WindowFactory, wait_for_listing
from ui.listing import Scope
from ui.queries import View
from ui.window import MainWindow


def type_query(qtbot: QtBot, window: MainWindow, text: str) -> None:
    field = window.result_panel.search
    field.setFocus()
    field.selectAll()
    with qtbot.waitSignal(
        window.search.listingShown,
        timeout=10_000,
        check_params_cb=lambda listing: listing.request.query == text,
    ):
        qtbot.keyClicks(field, text)


def test_typing_a_query_updates_the_list_and_the_header(
    make_window: WindowFactory, stocked_library: Library, qtbot: QtBot
) -> None:
    window = make_window(stocked_library)
    wait_for_listing(qtbot, window, 3)
    assert window.result_panel.header_text().startswith("All papers")
    type_query(qtbot, window, "tangent kernel")
    wait_for_listing(qtbot, window, 1)
    assert window.result_panel.header_text() == '"tangent kernel" has 1 result'
    row = window.results.data(window.results.index(0), window.results.RowRole)
    assert row.paper.title == "Kernel Methods for Wide Neural Networks"
    assert row.hit is not None and row.hit.snippet_page == 2
    assert row.hit.highlights, "the snippet marks the matched words"

    type_query(qtbot, window, "experiments")
    wait_for_listing(qtbot, window, 3)
    assert window.result_panel.header_text() == '"experiments" has 3 results'

    type_query(qtbot, window, "zebrafish")
    assert window.results.rowCount() == 0
    assert "Nothing matches" in window.result_panel.no_results.text()


def test_selecting_a_result_opens_the_preview_on_the_first_hit(
    make_window: WindowFactory, stocked_library: Library, qtbot: QtBot
) -> None:
    window = make_window(stocked_library)
    wait_for_listing(qtbot, window, 3)
    type_query(qtbot, window, "tangent")
    wait_for_listing(qtbot, window, 1)
    view = window.result_panel.view
    view.selectionModel().clearCurrentIndex()
    preview = window.preview
    with qtbot.waitSignal(
        preview.pageRendered, timeout=20_000, check_params_cb=lambda page: page == 2
    ):
        view.setCurrentIndex(window.results.index(0))
    qtbot.waitUntil(lambda: preview.current_page() == 2, timeout=10_000)
    qtbot.waitUntil(lambda: preview.hit_count() >= 1, timeout=10_000)
    assert preview.highlight_rects(2), "the hit on page 3 is highlighted"


def test_tree_counts_follow_the_query(
    make_window: WindowFactory, stocked_library: Library, qtbot: QtBot
) -> None:
    window = make_window(stocked_library)
    tags = window.tags
    qtbot.waitUntil(lambda: tags.index_for_tag("robustness").data(tags.CountRole) == 1)
    assert tags.index_for_view(View.ALL).data(tags.CountRole) == 3
    type_query(qtbot, window, "tangent")
    qtbot.waitUntil(lambda: tags.counts is not None and tags.counts.query == "tangent")
    assert tags.index_for_view(View.ALL).data(tags.CountRole) == 1
    assert tags.index_for_tag("theory/kernels").data(tags.CountRole) == 1
    assert tags.index_for_tag("robustness").data(tags.CountRole) == 0
    assert tags.index_for_view(View.UNTAGGED).data(tags.CountRole) == 0


def test_a_query_within_a_tag_and_within_a_fixed_view(
    make_window: WindowFactory, stocked_library: Library, qtbot: QtBot
) -> None:
    window = make_window(stocked_library)
    wait_for_listing(qtbot, window, 3)
    type_query(qtbot, window, "experiments")
    wait_for_listing(qtbot, window, 3)
    window.tag_view.selectionModel().setCurrentIndex(
        window.tags.index_for_tag("robustness"), QItemSelectionModel.SelectionFlag.ClearAndSelect
    )
    wait_for_listing(qtbot, window, 1)
    assert window.result_panel.header_text() == '"experiments" has 1 result in robustness'
    untagged = Scope(view=View.UNTAGGED)
    with qtbot.waitSignal(
        window.search.listingShown,
        timeout=10_000,
        check_params_cb=lambda listing: listing.request.scope == untagged,
    ):
        window.tag_view.select_scope(untagged)
    wait_for_listing(qtbot, window, 1)
    row = window.results.data(window.results.index(0), window.results.RowRole)
    assert row.paper.title == "Regret Bounds for Multi-Armed Bandits"
    assert row.hit is not None and row.hit.snippet, "filtered views keep their snippets"


def test_find_related_lists_papers_sharing_words(
    make_window: WindowFactory, stocked_library: Library, qtbot: QtBot
) -> None:
    window = make_window(stocked_library)
    wait_for_listing(qtbot, window, 3)
    view = window.result_panel.view
    source = view.current_id()
    with qtbot.waitSignal(window.search.listingShown, timeout=10_000):
        window.actions_.find_related.trigger()
    wait_for_listing(qtbot, window, 2)
    assert source not in window.results.listing.ids
    assert "related to" in window.result_panel.header_text()
    row = window.results.data(window.results.index(0), window.results.RowRole)
    assert row.shared_terms


def test_f3_steps_through_matches_then_to_the_next_paper(
    make_window: WindowFactory, stocked_library: Library, qtbot: QtBot
) -> None:
    window = make_window(stocked_library)
    type_query(qtbot, window, "experiments")
    wait_for_listing(qtbot, window, 3)
    view = window.result_panel.view
    view.setFocus()
    view.setCurrentIndex(window.results.index(0))
    preview = window.preview
    qtbot.waitUntil(lambda: preview.hit_count() > 1, timeout=20_000)
    start = preview.current_hit_index()
    qtbot.keyClick(view, Qt.Key.Key_F3)
    assert preview.current_hit_index() == start + 1
    while preview.current_hit_index() < preview.hit_count() - 1:
        qtbot.keyClick(view, Qt.Key.Key_F3)
    qtbot.keyClick(view, Qt.Key.Key_F3)
    assert view.currentIndex().row() == 1
    qtbot.keyClick(view, Qt.Key.Key_F3)  # while the next paper's matches are being found
    assert view.currentIndex().row() == 1
    qtbot.waitUntil(lambda: preview.hit_count() > 0, timeout=20_000)
    shift = Qt.KeyboardModifier.ShiftModifier
    while preview.current_hit_index() > 0:
        qtbot.keyClick(view, Qt.Key.Key_F3, shift)
    qtbot.keyClick(view, Qt.Key.Key_F3, shift)
    assert view.currentIndex().row() == 0
