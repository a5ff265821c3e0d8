"""Which files an import takes from the paths a user gives."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

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
