"""Dropping files on the window (or on a tag) imports them in the background."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from app.library import Library
from tests.pdfgen import make_pdf
from tests.ui.conftest import WindowFactory, wait_for_listing, write_papers
from ui.window import MainWindow


def file_mime(paths: list[Path]) -> QMimeData:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path)) for path in paths])
    return mime


def drop(target: QWidget, position: QPoint, mime: QMimeData) -> QDropEvent:
    """Send a real drag-enter, drag-move and drop sequence to `target`."""
    actions = Qt.DropAction.CopyAction
    buttons, modifiers = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    QApplication.sendEvent(target, QDragEnterEvent(position, actions, mime, buttons, modifiers))
    QApplication.sendEvent(target, QDragMoveEvent(position, actions, mime, buttons, modifiers))
    event = QDropEvent(QPointF(position), actions, mime, buttons, modifiers)
    QApplication.sendEvent(target, event)
    return event


def test_a_new_library_shows_the_drop_target(
    make_window: WindowFactory, library: Library, qtbot: QtBot
) -> None:
    window = make_window(library)
    qtbot.waitUntil(lambda: window.central.currentWidget() is window.empty_state)
    assert "Drop PDFs or folders here" in window.empty_state.headline.text()
    assert window.empty_state.hint.text()


def test_dropping_a_folder_on_the_window_imports_every_pdf(
    make_window: WindowFactory, library: Library, qtbot: QtBot, tmp_path: Path
) -> None:
    folder = tmp_path / "incoming"
    write_papers(folder)
    window = make_window(library)
    with qtbot.waitSignal(window.imports.finished, timeout=60_000) as finished:
        event = drop(window, window.rect().center(), file_mime([folder]))
        assert event.isAccepted()
    report = finished.args[0]
    assert report.count("added") == 3
    wait_for_listing(qtbot, window, 3)
    assert window.central.currentWidget() is window.splitter
    assert window.import_dock.isVisible()
    qtbot.waitUntil(lambda: window.import_panel.model.rowCount() == 3)
    assert window.import_panel.model.counts() == {"added": 3, "duplicate": 0, "failed": 0}
    assert "Last import: 3 added" in window.import_panel.summary.text()
    qtbot.waitUntil(lambda: window.status.size_label.text() == "3 papers")


def test_dropping_files_on_a_tag_imports_and_tags_them(
    make_window: WindowFactory, stocked_library: Library, qtbot: QtBot, tmp_path: Path
) -> None:
    window = make_window(stocked_library)
    sgd = make_pdf(
        tmp_path / "sgd.pdf",
        ["Stochastic gradient descent converges under mild step size rules."],
        title="Convergence of Stochastic Gradient Descent",
        authors=["Leon Bottou"],
    )
    adam = make_pdf(
        tmp_path / "adam.pdf",
        ["Adaptive moment estimation rescales each coordinate of the gradient."],
        title="Adaptive Moments for Stochastic Optimization",
        authors=["Diederik Kingma"],
    )
    tags_view = window.tag_view
    qtbot.waitUntil(lambda: tags_view.tags.index_for_tag("robustness").isValid())
    index = tags_view.tags.index_for_tag("robustness")
    position = tags_view.visualRect(index).center()
    with qtbot.waitSignal(window.imports.finished, timeout=60_000) as finished:
        drop(tags_view.viewport(), position, file_mime([sgd, adam]))
    report = finished.args[0]
    assert [outcome.status for outcome in report.outcomes] == ["added", "added"]
    for outcome in report.outcomes:
        assert outcome.paper_id is not None
        assert stocked_library.paper(outcome.paper_id).tags == ["robustness"]
    qtbot.waitUntil(
        lambda: window.tags.counts is not None and window.tags.counts.tags.get("robustness") == 3
    )


def test_clicking_a_duplicate_outcome_shows_the_original(
    make_window: WindowFactory, stocked_library: Library, qtbot: QtBot, tmp_path: Path
) -> None:
    window: MainWindow = make_window(stocked_library)
    original = stocked_library.papers()[-1]  # not the first row, which opens by itself
    assert original.file is not None
    copy = tmp_path / "downloaded-again.pdf"
    shutil.copyfile(original.file, copy)
    with qtbot.waitSignal(window.imports.finished, timeout=60_000) as finished:
        window.import_paths([copy])
    outcome = finished.args[0].outcomes[0]
    assert outcome.status == "duplicate"
    qtbot.waitUntil(lambda: window.import_panel.model.rowCount() == 1)
    table = window.import_panel.table
    with qtbot.waitSignal(
        window.paperOpened, timeout=10_000, check_params_cb=lambda pid: pid == outcome.duplicate_of
    ):
        qtbot.mouseClick(
            table.viewport(),
            Qt.MouseButton.LeftButton,
            pos=table.visualRect(window.import_panel.model.index(0, 2)).center(),
        )
    assert window.result_panel.view.current_id() == outcome.duplicate_of


def test_parser_processes_serve_the_next_drop_then_end_when_idle(
    make_window: WindowFactory, library: Library, qtbot: QtBot, tmp_path: Path
) -> None:
    window = make_window(library)
    first, second = tmp_path / "first.pdf", tmp_path / "second.pdf"
    make_pdf(first, ["kept workers first paper " * 40], title="First kept paper")
    make_pdf(second, ["kept workers second paper " * 40], title="Second kept paper")
    with qtbot.waitSignal(window.imports.finished, timeout=60_000):
        window.imports.add([first])
    parsers = window.imports.parser_pids
    assert parsers
    window.imports.parser_idle_ms = 300
    with qtbot.waitSignal(window.imports.finished, timeout=60_000) as finished:
        window.imports.add([second])
    assert finished.args[0].count("added") == 1
    assert window.imports.parser_pids == parsers
    qtbot.waitUntil(lambda: window.imports.parser_pids == (), timeout=5_000)
