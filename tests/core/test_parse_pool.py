"""The parse pool and its feeding: every file gets one outcome, whatever happens to the batch."""

from __future__ import annotations

import dataclasses
import threading
from pathlib import Path

import pytest

from app.importing import pipeline
from app.importing.outcome import FileOutcome, ImportProgress, Outcomes
from app.importing.pipeline import Importer
from app.library import Library
from app.procs import WorkerProcess
from app.store import sha256_of
from tests.pdfgen import make_pdf


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


def _distinct_papers(folder: Path, count: int) -> list[Path]:
    return [
        make_pdf(
            folder / f"paper{i:02d}.pdf",
            [f"Distinct paper number {i} with its own words word{i}x. " * 40],
            title=f"Distinct Paper {i}",
        )
        for i in range(count)
    ]


def test_workers_start_before_the_whole_batch_is_hashed(
    library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    papers = _distinct_papers(tmp_path / "many", 48)
    hashed: list[Path] = []
    hashed_at_first_result: list[int] = []

    def counting_sha256(path: Path) -> str:
        hashed.append(path)
        return sha256_of(path)

    last: list[ImportProgress] = []

    def progress(state: ImportProgress) -> None:
        if state.pages and not hashed_at_first_result:
            hashed_at_first_result.append(len(hashed))
        last[:] = [dataclasses.replace(state)]

    monkeypatch.setattr(pipeline, "sha256_of", counting_sha256)
    report = Importer(library, workers=1, progress=progress).run([tmp_path / "many"])

    assert report.count("added") == len(papers)
    assert (last[0].done, last[0].added, last[0].failed) == (len(papers), len(papers), 0)
    assert len(hashed) == len(papers)
    # One worker: it gets its jobs ahead, and the last group hashed for them.
    ahead = pipeline.MAX_AHEAD_PER_WORKER + pipeline.HASH_AT_ONCE
    assert hashed_at_first_result[0] <= ahead < len(papers)


def test_copies_in_one_batch_share_the_first_copy_outcome(library: Library, tmp_path: Path) -> None:
    folder = tmp_path / "batch"
    papers = _distinct_papers(folder, 18)
    broken = folder / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7\n" + b"\x00garbage" * 500)
    # Copies hashed long after their originals, in later groups of files.
    (folder / "zz copy of paper00.pdf").write_bytes(papers[0].read_bytes())
    (folder / "zz copy of broken.pdf").write_bytes(broken.read_bytes())

    report = Importer(library, workers=2).run([folder])

    by_name = {Path(o.path).name: o for o in report.outcomes}
    original, copy = by_name["paper00.pdf"], by_name["zz copy of paper00.pdf"]
    assert original.status == "added"
    assert (copy.status, copy.reason, copy.duplicate_of) == (
        "duplicate", "same file", original.paper_id
    )
    assert by_name["broken.pdf"].status == by_name["zz copy of broken.pdf"].status == "failed"
    assert by_name["zz copy of broken.pdf"].reason == by_name["broken.pdf"].reason
    assert report.count("added") == len(papers)


def test_a_cancelled_import_keeps_what_it_committed(library: Library, tmp_path: Path) -> None:
    papers = _distinct_papers(tmp_path / "many", 20)
    cancel = threading.Event()

    def stop_after_first(state: ImportProgress) -> None:
        if state.pages:
            cancel.set()

    report = Importer(library, workers=1, cancel=cancel, progress=stop_after_first).run(
        [tmp_path / "many"]
    )

    assert len(report.outcomes) == len(papers)
    added = [o for o in report.outcomes if o.status == "added"]
    cancelled = [o for o in report.outcomes if o.reason == "cancelled before import"]
    assert added and cancelled
    assert len(added) + len(cancelled) == len(papers)
    assert {p.id for p in library.papers()} == {o.paper_id for o in added}


def test_outcome_counts_follow_every_decision() -> None:
    outcomes = Outcomes(3)
    assert outcomes.decided == 0 and list(outcomes) == [None, None, None]
    outcomes[0] = FileOutcome("/a.pdf", "failed", reason="damaged PDF")
    outcomes[1] = FileOutcome("/b.pdf", "added", paper_id=1)
    outcomes[0] = FileOutcome("/a.pdf", "failed", reason="damaged PDF")  # decided again
    outcomes[2] = FileOutcome("/c.pdf", "failed", reason="timed out")
    outcomes[2] = FileOutcome("/c.pdf", "duplicate", duplicate_of=1, reason="same file")
    assert outcomes.decided == 3
    assert (outcomes.counts["added"], outcomes.counts["failed"], outcomes.counts["duplicate"]) == (
        1, 1, 1
    )
