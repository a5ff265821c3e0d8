"""The parse pool: every file gets an outcome, even when no worker process can start."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.importing.pipeline import Importer
from app.library import Library
from app.procs import WorkerProcess


def test_files_fail_with_a_reason_when_no_worker_can_start(
    library: Library, papers_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def cannot_start(self: WorkerProcess) -> None:
        raise OSError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(WorkerProcess, "start", cannot_start)
    report = Importer(library, workers=2).run([papers_dir])
    assert [outcome.status for outcome in report.outcomes] == ["failed"] * 3
    for outcome in report.outcomes:
        assert outcome.reason.startswith("could not start a reader process")
        assert "Resource temporarily unavailable" in outcome.reason


def test_files_already_in_the_library_still_get_the_tags_they_are_added_with(
    library: Library, papers_dir: Path
) -> None:
    first = Importer(library, workers=1).run([papers_dir])
    ids = sorted(o.paper_id for o in first.outcomes if o.paper_id)
    kernels = papers_dir / "kernels.pdf"
    copy = papers_dir.parent / "copy of robust.pdf"
    copy.write_bytes((papers_dir / "robust.pdf").read_bytes())

    # Dropping known files onto a tag: the same file, and a copy under another name.
    again = Importer(library, workers=1).run([kernels, copy], tags=["to discuss/monday"])

    assert [(o.status, o.reason) for o in again.outcomes] == [
        ("duplicate", "same file"), ("duplicate", "same file")
    ]
    tagged = {p.id for p in library.papers(tag="to discuss")}
    assert tagged == {o.duplicate_of for o in again.outcomes}
    assert tagged < set(ids)
    assert again.changes.tags and again.changes.updated == tagged
