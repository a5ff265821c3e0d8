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
