"""GUI fixtures: a stocked template library built once per session and copied for each test,
windows with their settings in a temporary INI file, and a check that no thread leaks."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from app.importing.pipeline import Importer
from app.indexing import sync_index
from app.library import Library
from tests.pdfgen import make_pdf
from ui.settings import open_settings
from ui.window import MainWindow

FILLER = (
    "The experiments use standard benchmarks and report the mean over five seeds. "
    "Related work is discussed at length in the final section of the paper. "
)

PAPERS = {
    "kernels.pdf": dict(
        title="Kernel Methods for Wide Neural Networks",
        authors=["Ada Lovelace", "Alan Turing"],
        pages=[
            "Abstract. We study kernel methods and their limits. " + FILLER * 4,
            FILLER * 8,
            "The neural tangent kernel governs the training of infinitely wide networks. "
            + FILLER * 4,
        ],
        tags=["theory/kernels"],
    ),
    "robust.pdf": dict(
        title="Certified Robustness against Adversarial Examples",
        authors=["Grace Hopper"],
        pages=[
            "Abstract. Adversarial examples fool classifiers with tiny perturbations. "
            + FILLER * 4,
            "Robustness certificates bound the worst case loss under attack. " + FILLER * 6,
        ],
        tags=["robustness"],
    ),
    "bandits.pdf": dict(
        title="Regret Bounds for Multi-Armed Bandits",
        authors=["Emmy Noether", "John von Neumann"],
        pages=[
            "Abstract. Multi-armed bandits trade exploration against exploitation. " + FILLER * 6
        ],
        tags=[],
    ),
}


def write_papers(folder: Path) -> dict[str, Path]:
    """The test papers as PDFs in `folder`, by file name."""
    written = {}
    for name, spec in PAPERS.items():
        written[name] = make_pdf(
            folder / name, spec["pages"], title=spec["title"], authors=spec["authors"]
        )
    return written


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The offscreen platform says it cannot pass a main window's size hints on, raise a popup
    or grab the keyboard for it; that says nothing about the code under test, so windows'
    tests ignore those platform notices (and only those)."""
    for item in items:
        if "make_window" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_SIZE_HINTS))


OFFSCREEN_SIZE_HINTS = (
    r"This plugin does not support (propagateSizeHints\(\)|raise\(\)|grabbing the keyboard)"
)


@pytest.fixture(scope="session")
def template_library(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A library holding the three test papers (tagged, indexed), built once."""
    base = tmp_path_factory.mktemp("template")
    files = write_papers(base / "pdfs")
    library = Library.open(base / "library")
    try:
        for name, spec in PAPERS.items():
            Importer(library, workers=1).run([files[name]], tags=spec["tags"])
        sync_index(library)
    finally:
        library.close()
    return base / "library"


@pytest.fixture
def stocked_library(template_library: Path, tmp_path: Path) -> Iterator[Library]:
    """A private copy of the template library, open."""
    target = tmp_path / "stocked"
    shutil.copytree(template_library, target)
    library = Library.open(target)
    yield library
    library.close()


@pytest.fixture
def settings_file(tmp_path: Path) -> Path:
    """Where the windows of a test keep their settings (never the user's)."""
    return tmp_path / "settings.ini"


WindowFactory = Callable[[Library], MainWindow]


@pytest.fixture
def make_window(qtbot: QtBot, settings_file: Path) -> Iterator[WindowFactory]:
    """Open main windows on a library; every window is closed after, and must then have no
    timer running."""
    windows: list[MainWindow] = []

    def make(library: Library) -> MainWindow:
        window = MainWindow(library, open_settings(settings_file))
        windows.append(window)
        window.show()
        qtbot.waitExposed(window)
        return window

    yield make
    for window in windows:
        window.close()
        running = [
            f"{t.parent().metaObject().className()} every {t.interval()} ms"
            for t in window.findChildren(QTimer)
            if t.isActive()
        ]
        assert not running, f"timers still running after closing the window: {running}"


@pytest.fixture(autouse=True)
def _no_leaked_threads() -> Iterator[None]:
    """A test that leaves a thread running fails (executors, import and render threads)."""
    before = set(threading.enumerate())
    yield
    leaked = [t for t in threading.enumerate() if t not in before and t.is_alive()]
    for thread in leaked:
        thread.join(timeout=5)
    still = [t.name for t in leaked if t.is_alive()]
    assert not still, f"threads left running: {still}"


def wait_for_listing(qtbot: QtBot, window: MainWindow, total: int, timeout: int = 10_000) -> None:
    """Wait until the result list shows `total` rows, all loaded."""
    model = window.results

    def shown() -> bool:
        if model.rowCount() != total:
            return False
        return all(model.data(model.index(row), model.RowRole) is not None for row in range(total))

    qtbot.waitUntil(shown, timeout=timeout)


def insert_papers(library: Library, count: int, tag: str | None = None) -> list[int]:
    """Insert `count` bare papers straight into the database (fast; no files, no index)."""
    from app.db.models import Paper, PaperAuthor, PaperTag
    from app.tags import ensure_tag

    with library.writing() as session:
        tag_id = ensure_tag(session, tag) if tag else None
        papers = [
            Paper(
                title=f"Paper number {n}",
                year=1990 + n % 35,
                venue="Journal of Tests",
                authors=[PaperAuthor(position=0, name=f"Author {n % 97}")],
            )
            for n in range(count)
        ]
        session.add_all(papers)
        session.flush()
        if tag_id is not None:
            session.add_all(PaperTag(paper_id=p.id, tag_id=tag_id) for p in papers)
        return [p.id for p in papers]
