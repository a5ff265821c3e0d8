"""PreviewPane end to end: real PDFs, a real render worker, signals instead of sleeps."""

from __future__ import annotations

import multiprocessing
import threading
from collections.abc import Iterator
from pathlib import Path

import pymupdf
import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.render import RenderService
from tests.pdfgen import make_pdf
from ui.preview import PreviewPane

TERM = "zeolite"
PAGES_WITH_TERM_ON_PAGE_2 = [
    "Porous materials are studied here; nothing special on this first page.",
    f"A {TERM} is a porous crystal. Every {TERM} has pores, and the {TERM} lattice is rigid.",
    "The conclusion repeats no special words at all.",
]
PAGES_WITH_TERM_ON_PAGES_1_AND_3 = [
    f"First {TERM} here, and a second {TERM} on the same page.",
    "A page in between without the word.",
    f"The last {TERM} closes the paper.",
]
WAIT_MS = 20_000

Rect = tuple[float, float, float, float]


def search_for(path: Path, term: str) -> list[list[Rect]]:
    with pymupdf.open(path) as doc:
        return [[tuple(r) for r in page.search_for(term)] for page in doc]


# The offscreen platform used by the tests cannot pass a window's size limits on and says so;
# real platforms (xcb, Wayland, Windows, macOS) do not print this.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def service() -> Iterator[RenderService]:
    service = RenderService()
    yield service
    service.close()
    assert not [t for t in threading.enumerate() if t.name == "lectern-render"]


@pytest.fixture
def pane(qtbot: QtBot, service: RenderService) -> Iterator[PreviewPane]:
    pane = PreviewPane(service=service)
    qtbot.addWidget(pane)
    pane.resize(800, 900)
    pane.show()
    qtbot.waitExposed(pane)
    yield pane
    pane.shutdown()


def show_and_wait(qtbot: QtBot, pane: PreviewPane, path: Path, terms: list[str], **kw: object):
    """Show `path` and wait until the page it opens on has been rendered."""
    with qtbot.waitSignal(pane.pageRendered, timeout=WAIT_MS):
        pane.show_paper(path, terms, **kw)  # type: ignore[arg-type]
    qtbot.waitUntil(lambda: pane.current_page() >= 0, timeout=WAIT_MS)


def test_opens_on_the_page_of_the_first_hit(
    qtbot: QtBot, pane: PreviewPane, tmp_path: Path
) -> None:
    path = make_pdf(tmp_path / "zeolites.pdf", PAGES_WITH_TERM_ON_PAGE_2, title="Porous Crystals")
    expected = search_for(path, TERM)
    assert [len(rects) for rects in expected] == [0, 3, 0]

    with qtbot.waitSignal(
        pane.pageRendered, timeout=WAIT_MS, check_params_cb=lambda page: page == 1
    ):
        pane.show_paper(path, [TERM], title="Porous Crystals")

    assert pane.current_page() == 1
    assert pane.hit_count() == sum(len(rects) for rects in expected)
    assert pane.current_hit_index() == 0
    assert pane.highlight_rects(0) == []
    assert pane.highlight_rects(1) == [pytest.approx(rect, abs=0.01) for rect in expected[1]]
    assert pane.toolbar.hit_label.text() == "Hit 1 of 3"
    assert pane.toolbar.page_box.text() == "2 / 3"


def test_next_and_previous_cycle_across_pages(
    qtbot: QtBot, pane: PreviewPane, tmp_path: Path
) -> None:
    path = make_pdf(tmp_path / "two-pages.pdf", PAGES_WITH_TERM_ON_PAGES_1_AND_3)
    show_and_wait(qtbot, pane, path, [TERM])
    assert (pane.hit_count(), pane.current_hit_index(), pane.current_page()) == (3, 0, 0)

    visited = []
    for _ in range(3):
        with qtbot.waitSignal(pane.hitChanged, timeout=1000) as changed:
            pane.next_hit()
        visited.append((changed.args, pane.current_page()))
    assert visited == [([1, 3], 0), ([2, 3], 2), ([0, 3], 0)]

    pane.previous_hit()
    assert (pane.current_hit_index(), pane.current_page()) == (2, 2)
    pane.previous_hit()
    assert (pane.current_hit_index(), pane.current_page()) == (1, 0)


def test_f3_and_shift_f3_move_between_hits(qtbot: QtBot, pane: PreviewPane, tmp_path: Path) -> None:
    path = make_pdf(tmp_path / "keys.pdf", PAGES_WITH_TERM_ON_PAGES_1_AND_3)
    show_and_wait(qtbot, pane, path, [TERM])
    pane.setFocus()
    qtbot.keyClick(pane, Qt.Key.Key_F3)
    qtbot.keyClick(pane, Qt.Key.Key_F3)
    assert (pane.current_hit_index(), pane.current_page()) == (2, 2)
    qtbot.keyClick(pane, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert pane.current_hit_index() == 1


def test_initial_page_wins_over_the_first_hit(
    qtbot: QtBot, pane: PreviewPane, tmp_path: Path
) -> None:
    path = make_pdf(tmp_path / "initial.pdf", PAGES_WITH_TERM_ON_PAGES_1_AND_3)
    show_and_wait(qtbot, pane, path, [TERM], initial_page=2)
    assert pane.current_page() == 2
    assert pane.current_hit_index() == 2, "the hit on that page becomes the current one"


def test_last_page_viewed_is_used_when_nothing_else_says_where(
    qtbot: QtBot, pane: PreviewPane, tmp_path: Path
) -> None:
    path = make_pdf(tmp_path / "resume.pdf", PAGES_WITH_TERM_ON_PAGE_2)
    show_and_wait(qtbot, pane, path, [], last_page=2)
    assert pane.current_page() == 2
    assert pane.hit_count() == 0
    assert not pane.toolbar.hit_label.isVisible()


def test_page_keys_spin_box_and_zoom(qtbot: QtBot, pane: PreviewPane, tmp_path: Path) -> None:
    path = make_pdf(tmp_path / "navigate.pdf", PAGES_WITH_TERM_ON_PAGE_2)
    show_and_wait(qtbot, pane, path, [])
    assert pane.current_page() == 0

    pane.setFocus()
    with qtbot.waitSignal(pane.pageChanged, timeout=1000) as changed:
        qtbot.keyClick(pane, Qt.Key.Key_PageDown)
    assert changed.args == [1]
    qtbot.keyClick(pane, Qt.Key.Key_PageUp)
    assert pane.current_page() == 0

    pane.toolbar.page_box.setValue(3)
    assert pane.current_page() == 2

    fitted = pane.zoom_percent()
    assert pane.toolbar.fit_width_button.isChecked()
    pane.zoom_in()
    assert pane.zoom_percent() > fitted
    assert not pane.toolbar.fit_width_button.isChecked()
    assert pane.toolbar.zoom_label.text() == f"{round(pane.zoom_percent())}%"
    pane.zoom_out()
    pane.zoom_out()
    assert pane.zoom_percent() < fitted
    pane.fit_width()
    assert pane.zoom_percent() == pytest.approx(fitted)
    with qtbot.waitSignal(pane.pageRendered, timeout=WAIT_MS):
        pane.zoom_in()  # a new zoom renders the visible pages again


def test_clear_shows_the_empty_state(qtbot: QtBot, pane: PreviewPane, tmp_path: Path) -> None:
    path = make_pdf(tmp_path / "some.pdf", PAGES_WITH_TERM_ON_PAGE_2)
    show_and_wait(qtbot, pane, path, [TERM])
    pane.clear()
    assert "Select a paper to preview it" in pane.message()
    assert pane.current_page() == -1
    assert pane.hit_count() == 0
    pane.show_paper(None, [TERM])
    assert "Select a paper to preview it" in pane.message()


def test_a_missing_file_says_so_with_its_path(pane: PreviewPane, tmp_path: Path) -> None:
    missing = tmp_path / "gone" / "Attention <b>Is</b> All You Need.pdf"
    pane.show_paper(missing, [TERM], title="Attention")
    assert "missing" in pane.message()
    assert str(missing) in pane.message()
    assert pane.current_page() == -1


def test_a_damaged_file_shows_the_reason(qtbot: QtBot, pane: PreviewPane, tmp_path: Path) -> None:
    damaged = tmp_path / "damaged.pdf"
    damaged.write_bytes(b"%PDF-1.7\n1 0 obj << garbage")
    pane.show_paper(damaged, [TERM])
    qtbot.waitUntil(lambda: "Could not open this PDF" in pane.message(), timeout=WAIT_MS)
    assert "damaged" in pane.message()


def test_a_page_that_hangs_becomes_a_failure_placeholder(qtbot: QtBot, tmp_path: Path) -> None:
    path = make_pdf(tmp_path / "mixed.pdf", ["an ordinary page", "", "another page"])
    doc = pymupdf.open(path)
    heavy = doc[1]
    heavy.insert_text((72, 72), "heavy")
    strokes = "".join(f"{i % 595} 0 m {595 - i % 595} 842 l S\n" for i in range(20_000))
    doc.update_stream(heavy.get_contents()[0], ("40 w\n" + strokes).encode())
    doc.saveIncr()
    doc.close()

    service = RenderService(render_deadline=1.0)
    pane = PreviewPane(service=service)
    qtbot.addWidget(pane)
    try:
        pane.resize(800, 900)
        pane.show()
        with qtbot.waitSignal(
            pane.pageFailed, timeout=WAIT_MS, check_params_cb=lambda page, _: page == 1
        ) as failed:
            pane.show_paper(path, [], initial_page=1)
        assert "longer than 1 s" in failed.args[1]
        with qtbot.waitSignal(pane.pageRendered, timeout=WAIT_MS):
            pane.go_to_page(2)  # the pane is still responsive; other pages render
    finally:
        pane.shutdown()
        service.close()


def test_a_pane_with_its_own_service_leaves_no_process(qtbot: QtBot, tmp_path: Path) -> None:
    path = make_pdf(tmp_path / "own.pdf", PAGES_WITH_TERM_ON_PAGE_2)
    children_before = set(multiprocessing.active_children())
    pane = PreviewPane()
    qtbot.addWidget(pane)
    pane.resize(700, 800)
    pane.show()
    show_and_wait(qtbot, pane, path, [TERM])
    pane.close()
    assert set(multiprocessing.active_children()) <= children_before
