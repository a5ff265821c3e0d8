"""Which files an import takes from the paths a user gives."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from app.errors import LibraryOpenError
from app.importing.pipeline import Importer
from app.importing.sources import NOT_REGULAR, expand
from app.library import Library
from tests.pdfgen import make_pdf


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes need a POSIX system")
def test_pipes_and_devices_fail_without_being_read(library: Library, tmp_path: Path) -> None:
    pipe = tmp_path / "paper.pdf"
    os.mkfifo(pipe)  # opening it for reading would wait for a writer forever
    good = make_pdf(tmp_path / "good.pdf", ["A paper that imports fine."])
    given = [pipe, Path(os.devnull), good]
    report = Importer(library, workers=1).run(given)
    by_path = {outcome.path: outcome for outcome in report.outcomes}
    for path in (pipe, Path(os.devnull)):
        assert (by_path[str(path)].status, by_path[str(path)].reason) == ("failed", NOT_REGULAR)
    assert by_path[str(good)].status == "added"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes need a POSIX system")
def test_pipes_inside_folders_are_passed_over(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "stream.pdf")
    (tmp_path / "link.pdf").symlink_to(tmp_path / "stream.pdf")
    good = make_pdf(tmp_path / "good.pdf", ["Text."])
    assert [candidate.path for candidate in expand([tmp_path])] == [good]


def _undecodable_name(folder: Path) -> Path:
    """A file name with bytes that are not UTF-8, as other systems and old archives make."""
    made = make_pdf(folder / "made.pdf", ["Kernel methods on odd names."], title="Latin-1 Name")
    target = os.fsdecode(os.fsencode(folder) + b"/caf\xe9 \xff notes.pdf")
    try:
        os.rename(made, target)
    except OSError:  # a file system that only takes valid names
        pytest.skip("this file system refuses file names that are not UTF-8")
    return Path(target)


@pytest.mark.parametrize("copy_files", [True, False])
def test_file_names_that_are_not_text_import_and_print(
    library: Library, tmp_path: Path, copy_files: bool
) -> None:
    path = _undecodable_name(tmp_path)
    report = Importer(library, workers=1, copy_files=copy_files).run([tmp_path])
    [outcome] = report.outcomes
    assert outcome.status == "added", outcome.reason
    assert outcome.path == str(tmp_path / "caf\ufffd \ufffd notes.pdf")
    outcome.path.encode("utf-8")  # printable and storable
    [paper] = library.papers()
    assert paper.title == "Latin-1 Name"
    # Such a name cannot be stored to be opened again, so even a linking import copies it.
    assert paper.file is not None and Path(paper.file).read_bytes() == path.read_bytes()
    assert Path(paper.file) != path


def test_a_library_folder_whose_name_is_not_text_is_refused(tmp_path: Path) -> None:
    root = Path(os.fsdecode(os.fsencode(tmp_path) + b"/lib\xff"))
    with pytest.raises(LibraryOpenError, match="not valid text"):
        Library.open(root)
    assert not root.exists()


def test_folders_are_walked_in_name_order_without_following_folder_links(
    tmp_path: Path,
) -> None:
    top = tmp_path / "papers"
    first = make_pdf(top / "b.pdf", ["B."])
    nested = make_pdf(top / "a-topic" / "deep" / "c.pdf", ["C."])
    no_extension = make_pdf(top / "a-topic" / "download", ["D."])
    make_pdf(top / ".hidden" / "e.pdf", ["E."])
    make_pdf(top / "f.pdf.part", ["F."])
    (top / "notes.txt").write_text("not a paper")
    (top / "z-link.pdf").symlink_to(first)  # the same file again, by another name
    (top / "a-topic" / "loop").symlink_to(top, target_is_directory=True)
    found = [candidate.path for candidate in expand([top])]
    assert found == [first, no_extension, nested]


def test_a_file_named_again_through_a_linked_folder_is_taken_once(tmp_path: Path) -> None:
    real = tmp_path / "real"
    paper = make_pdf(real / "paper.pdf", ["Text."])
    (tmp_path / "alias").symlink_to(real, target_is_directory=True)
    found = list(expand([tmp_path / "alias", real, paper]))
    assert [candidate.path for candidate in found] == [tmp_path / "alias" / "paper.pdf"]
