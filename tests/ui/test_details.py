"""The details tab saves edits through app.editing; status and notes survive a restart."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.library import Library
from tests.ui.conftest import WindowFactory, wait_for_listing
from ui.window import MainWindow


def open_first_paper(
    make_window: WindowFactory, library: Library, qtbot: QtBot
) -> tuple[MainWindow, int]:
    window = make_window(library)
    wait_for_listing(qtbot, window, 3)
    view = window.result_panel.view
    qtbot.waitUntil(lambda: window.details.paper_id is not None)
    paper_id = view.current_id()
    assert paper_id is not None and window.details.paper_id == paper_id
    return window, paper_id


def test_status_and_notes_persist_across_a_restart(
    make_window: WindowFactory, stocked_library: Library, qtbot: QtBot
) -> None:
    window, paper_id = open_first_paper(make_window, stocked_library, qtbot)
    details = window.details
    window.right_tabs.setCurrentWidget(details)
    details.status.setFocus()
    with qtbot.waitSignal(details.saved, timeout=5_000):
        qtbot.keyClicks(details.status, "r")  # keyboard search: "Reading"
    assert details.status.currentData() == "reading"
    assert stocked_library.paper(paper_id).status == "reading"

    details.notes.setFocus()
    with qtbot.waitSignal(details.saved, timeout=5_000):
        qtbot.keyClicks(details.notes, "Check the proof of Lemma 3.")
    assert stocked_library.paper(paper_id).notes == "Check the proof of Lemma 3."

    qtbot.keyClicks(details.notes, " And the appendix.")
    window.close()  # the note typed last is saved on closing, not lost
    assert stocked_library.paper(paper_id).notes == (
        "Check the proof of Lemma 3. And the appendix."
    )

    reopened, same_id = open_first_paper(make_window, stocked_library, qtbot)
    assert same_id == paper_id
    assert reopened.details.status.currentData() == "reading"
    assert reopened.details.notes.toPlainText() == "Check the proof of Lemma 3. And the appendix."


def test_editing_the_title_and_tags_saves_them(
    make_window: WindowFactory, stocked_library: Library, qtbot: QtBot
) -> None:
    window, paper_id = open_first_paper(make_window, stocked_library, qtbot)
    details = window.details
    window.right_tabs.setCurrentWidget(details)
    details.title.setFocus()
    details.title.selectAll()
    qtbot.keyClicks(details.title, "A Better Title")
    with qtbot.waitSignal(details.saved, timeout=5_000):
        qtbot.keyClick(details.title, Qt.Key.Key_Return)
    details.tags.setFocus()
    details.tags.selectAll()
    qtbot.keyClicks(details.tags, "reading-group, theory/kernels")
    with qtbot.waitSignal(details.saved, timeout=5_000):
        qtbot.keyClick(details.tags, Qt.Key.Key_Return)
    paper = stocked_library.paper(paper_id)
    assert paper.title == "A Better Title"
    assert paper.tags == ["reading-group", "theory/kernels"]
    qtbot.waitUntil(
        lambda: (
            window.results.data(
                window.results.index(window.results.row_of(paper_id)), window.results.RowRole
            )
            is not None
            and window.results.data(
                window.results.index(window.results.row_of(paper_id)), window.results.RowRole
            ).paper.title
            == "A Better Title"
        )
    )
    qtbot.waitUntil(lambda: window.tags.index_for_tag("reading-group").isValid())


def test_a_rejected_edit_is_reported_and_the_field_restored(
    make_window: WindowFactory, stocked_library: Library, qtbot: QtBot
) -> None:
    window, paper_id = open_first_paper(make_window, stocked_library, qtbot)
    details = window.details
    before = stocked_library.paper(paper_id).title
    details.title.setFocus()
    details.title.clear()
    with qtbot.waitSignal(details.saveFailed, timeout=5_000) as failed:
        qtbot.keyClick(details.title, Qt.Key.Key_Return)
    assert failed.args[0] == "A title cannot be empty."
    assert details.title.text() == before
    assert stocked_library.paper(paper_id).title == before
    qtbot.waitUntil(lambda: "A title cannot be empty." in window.status.currentMessage())
