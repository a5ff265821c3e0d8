"""Reading lists dropped on the window become entries, like `lectern import`."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from app.library import Library
from tests.ui.conftest import WindowFactory
from tests.ui.test_import_drop import drop, file_mime

BIB = """
@article{vaswani2017attention,
  title = {Attention Is All You Need},
  author = {Vaswani, Ashish and Shazeer, Noam},
  year = {2017},
  eprint = {1706.03762},
  archivePrefix = {arXiv},
  keywords = {transformers},
}
"""


def test_dropping_a_bib_file_adds_its_entries(
    make_window: WindowFactory, library: Library, qtbot: QtBot, tmp_path: Path
) -> None:
    bib = tmp_path / "reading.bib"
    bib.write_text(BIB)
    window = make_window(library)
    with qtbot.waitSignal(window.lists.done, timeout=30_000) as done:
        assert drop(window, window.rect().center(), file_mime([bib])).isAccepted()
    assert done.args[0] == "reading.bib: 1 added, 0 already in the library, 0 failed"
    [paper] = library.papers()
    assert paper.title == "Attention Is All You Need"
    assert paper.arxiv_id is not None and paper.arxiv_id.startswith("1706.03762")
    assert "no_pdf" in paper.flags


def test_export_writes_the_selected_reading_list(
    make_window: WindowFactory, library: Library, qtbot: QtBot, tmp_path: Path
) -> None:
    bib = tmp_path / "reading.bib"
    bib.write_text(BIB)
    window = make_window(library)
    with qtbot.waitSignal(window.lists.done, timeout=30_000):
        window.lists.import_lists([bib], None)
    target = tmp_path / "out.md"
    with qtbot.waitSignal(window.lists.done, timeout=30_000):
        window.lists.export(target, None, markdown=True)
    assert "Attention Is All You Need" in target.read_text()


def test_dropping_a_pdf_on_an_entry_attaches_it(
    make_window: WindowFactory, library: Library, qtbot: QtBot, tmp_path: Path
) -> None:
    from app.entries import add_entry
    from tests.pdfgen import make_pdf
    from tests.ui.conftest import wait_for_listing

    paper_id, _created = add_entry(library, title="Deep Sets", authors=["Manzil Zaheer"])
    pdf = make_pdf(tmp_path / "download.pdf",
                   ["Permutation invariant functions can be written as sums of features. " * 20],
                   title="Permutation Invariant Networks", authors=["Someone Else"])
    window = make_window(library)
    wait_for_listing(qtbot, window, 1)
    view = window.result_panel.view
    spot = view.viewport().mapTo(window, view.visualRect(view.model().index(0, 0)).center())
    drop(window, spot, file_mime([pdf]))
    qtbot.waitUntil(lambda: library.paper(paper_id).file is not None, timeout=30_000)
    attached = library.paper(paper_id)
    assert "no_pdf" not in attached.flags and attached.page_count == 1
    assert len(library.papers()) == 1
