"""Watched folders: settled PDFs are imported once; partial downloads never are."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest

from app.entries import add_entry
from app.errors import InvalidInputError, NotFoundError
from app.importing.outcome import FileOutcome
from app.library import Library
from app.watch import FolderWatcher, add_watched_folder, remove_watched_folder, watched_folders
from tests.pdfgen import make_pdf

BODY = "Abstract. Multi-armed bandits trade exploration against exploitation. " * 12


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    folder = tmp_path / "Downloads"
    folder.mkdir()
    return folder


def _pdf_bytes(tmp_path: Path, name: str, title: str) -> bytes:
    path = make_pdf(tmp_path / "made" / name, [BODY], title=title, authors=["Emmy Noether"])
    return path.read_bytes()


def _age(path: Path, seconds: float = 60) -> None:
    past = time.time() - seconds
    os.utime(path, (past, past))


def test_the_folder_list_lives_in_the_library_settings(
    library: Library, inbox: Path, tmp_path: Path
) -> None:
    other = tmp_path / "Papers"
    other.mkdir()
    assert watched_folders(library) == []
    add_watched_folder(library, inbox)
    add_watched_folder(library, other)
    add_watched_folder(library, inbox)
    assert watched_folders(library) == [inbox.resolve(), other.resolve()]

    remove_watched_folder(library, inbox)
    assert watched_folders(library) == [other.resolve()]
    with pytest.raises(NotFoundError):
        remove_watched_folder(library, inbox)
    with pytest.raises(InvalidInputError, match="not a folder"):
        add_watched_folder(library, tmp_path / "missing")
    with pytest.raises(InvalidInputError, match="own folder"):
        add_watched_folder(library, library.paths.files)


def test_a_slowly_copied_file_is_imported_once_whole_after_its_last_chunk(
    library: Library, inbox: Path, tmp_path: Path
) -> None:
    data = _pdf_bytes(tmp_path, "bandits.pdf", "Regret Bounds for Multi-Armed Bandits")
    clock = FakeClock()
    imported: list[FileOutcome] = []
    watcher = FolderWatcher(library, [inbox], on_imported=imported.extend, settle=2.0,
                            clock=clock)
    target = inbox / "bandits.pdf"
    chunk = len(data) // 4 + 1

    with target.open("wb") as handle:
        for start in range(0, len(data), chunk):
            handle.write(data[start : start + chunk])
            handle.flush()
            assert watcher.poll_once() == []
            clock.advance(1.5)  # slower than the settle time would allow, if size changes
            assert watcher.poll_once() == []
    clock.advance(1.0)
    outcomes = watcher.poll_once()

    assert [(o.status, o.title) for o in outcomes] == [
        ("added", "Regret Bounds for Multi-Armed Bandits")
    ]
    assert imported == outcomes
    paper = library.paper(outcomes[0].paper_id or 0)
    assert paper.file is not None and Path(paper.file).read_bytes() == data
    clock.advance(10)
    assert watcher.poll_once() == []
    assert library.paper_count() == 1


def test_partial_download_names_and_empty_files_are_never_imported(
    library: Library, inbox: Path, tmp_path: Path
) -> None:
    data = _pdf_bytes(tmp_path, "paper.pdf", "Regret Bounds for Multi-Armed Bandits")
    for name in ("paper.pdf.part", "paper.pdf.crdownload", "paper.download", "~$paper.pdf",
                 ".hidden.pdf"):
        (inbox / name).write_bytes(data)
    (inbox / "paper.pdf").write_bytes(b"")  # the placeholder a browser creates first
    clock = FakeClock()
    watcher = FolderWatcher(library, [inbox], settle=1.0, clock=clock)

    for _ in range(3):
        assert watcher.poll_once() == []
        clock.advance(5)

    assert library.paper_count() == 0
    (inbox / "paper.pdf.part").replace(inbox / "paper.pdf")  # the download completes
    assert watcher.poll_once() == []
    clock.advance(1.0)
    assert [o.status for o in watcher.poll_once()] == ["added"]


def test_a_file_that_vanishes_is_skipped_quietly(
    library: Library, inbox: Path, tmp_path: Path
) -> None:
    data = _pdf_bytes(tmp_path, "gone.pdf", "Regret Bounds for Multi-Armed Bandits")
    clock = FakeClock()
    imported: list[FileOutcome] = []
    watcher = FolderWatcher(library, [inbox], on_imported=imported.extend, settle=1.0,
                            clock=clock)
    (inbox / "gone.pdf").write_bytes(data)
    assert watcher.poll_once() == []
    (inbox / "gone.pdf").unlink()
    clock.advance(5)

    assert watcher.poll_once() == []
    assert imported == []
    assert library.paper_count() == 0


def test_catch_up_imports_what_arrived_while_closed_and_only_that(
    library: Library, inbox: Path, tmp_path: Path
) -> None:
    old = inbox / "old.pdf"
    old.write_bytes(_pdf_bytes(tmp_path, "old.pdf", "Regret Bounds for Multi-Armed Bandits"))
    _age(old)
    first = FolderWatcher(library, [inbox], settle=2.0, clock=FakeClock())
    assert [o.status for o in first.catch_up()] == ["added"]

    nested = inbox / "2024" / "new.pdf"
    nested.parent.mkdir()
    nested.write_bytes(_pdf_bytes(tmp_path, "new.pdf", "Thompson Sampling for Bandits"))
    _age(nested)
    copy = inbox / "copy of old.pdf"  # the same bytes under another name
    copy.write_bytes(old.read_bytes())
    _age(copy)
    fresh = inbox / "downloading-now.pdf"  # modified just now: may still be growing
    fresh.write_bytes(_pdf_bytes(tmp_path, "fresh.pdf", "Bandits with Knapsacks Revisited"))
    clock = FakeClock()
    second = FolderWatcher(library, [inbox], settle=2.0, clock=clock)

    outcomes = second.catch_up()

    assert [(Path(o.path).name, o.status) for o in outcomes] == [("new.pdf", "added")]
    assert library.paper_count() == 2
    clock.advance(2.5)
    assert [Path(o.path).name for o in second.poll_once()] == ["downloading-now.pdf"]
    third = FolderWatcher(library, [inbox], settle=2.0, clock=FakeClock())
    assert third.catch_up() == []


def test_a_watched_pdf_matching_an_entry_is_attached_to_it(
    library: Library, inbox: Path, tmp_path: Path
) -> None:
    paper_id, _ = add_entry(library, title="Regret bounds (to download)", arxiv_id="1204.5721")
    target = inbox / "1204.5721v2.pdf"
    target.write_bytes(_pdf_bytes(tmp_path, "x.pdf", "Regret Analysis of Bandit Problems"))
    _age(target)

    [outcome] = FolderWatcher(library, [inbox], settle=1.0, clock=FakeClock()).catch_up()

    assert (outcome.status, outcome.paper_id) == ("added", paper_id)
    assert library.paper(paper_id).flags == []
    assert library.paper_count() == 1


def test_the_background_thread_imports_and_stops(
    library: Library, inbox: Path, tmp_path: Path
) -> None:
    add_watched_folder(library, inbox)
    done = threading.Event()
    imported: list[FileOutcome] = []

    def record(outcomes: list[FileOutcome]) -> None:
        imported.extend(outcomes)
        done.set()

    watcher = FolderWatcher(library, on_imported=record, interval=0.05, settle=0.1)
    watcher.start()
    try:
        (inbox / "live.pdf").write_bytes(
            _pdf_bytes(tmp_path, "live.pdf", "Regret Bounds for Multi-Armed Bandits")
        )
        assert done.wait(60)
    finally:
        watcher.stop()
    assert not watcher.running
    assert [o.status for o in imported] == ["added"]


def test_a_file_name_that_is_not_text_is_imported_once(
    library: Library, inbox: Path, tmp_path: Path
) -> None:
    data = _pdf_bytes(tmp_path, "odd.pdf", "Regret Bounds for Multi-Armed Bandits")
    target = Path(os.fsdecode(os.fsencode(inbox) + b"/r\xe9sum\xe9.pdf"))
    try:
        target.write_bytes(data)
    except OSError:
        pytest.skip("this file system refuses file names that are not UTF-8")
    _age(target)
    watcher = FolderWatcher(library, [inbox], clock=FakeClock())
    assert [o.status for o in watcher.catch_up()] == ["added"]
    # Recorded under its real name, so later polls leave it alone.
    assert watcher.poll_once() == []
    assert watcher.catch_up() == []
    assert library.paper_count() == 1
