"""The hostile corpus dropped on the window: every file gets one outcome, the GUI lives on."""

from __future__ import annotations

import os
from pathlib import Path

from pytestqt.qtbot import QtBot

from app.library import Library
from tests.conftest import corpus
from tests.ui.conftest import WindowFactory
from tests.ui.test_import_drop import drop, file_mime


def test_dropping_the_hostile_corpus_on_the_window(
    make_window: WindowFactory, library: Library, qtbot: QtBot
) -> None:
    folder = corpus("hostile") / "synthetic"
    window = make_window(library)
    before = _resident_bytes()
    with qtbot.waitSignal(window.imports.finished, timeout=300_000) as finished:
        assert drop(window, window.rect().center(), file_mime([folder])).isAccepted()
    report = finished.args[0]
    names = [Path(o.path).name for o in report.outcomes]
    assert len(names) == len(set(zip(names, [o.path for o in report.outcomes], strict=True)))
    statuses = {o.status for o in report.outcomes}
    assert statuses <= {"added", "duplicate", "failed"} and "failed" in statuses
    assert all(o.reason for o in report.outcomes if o.status == "failed")
    qtbot.waitUntil(
        lambda: window.import_panel.model.rowCount() == len(report.outcomes), timeout=30_000
    )
    counts = window.import_panel.model.counts()
    assert sum(counts.values()) == len(report.outcomes)
    assert window.isVisible()
    # Parsing happened in worker processes: the window's own memory barely moved.
    assert _resident_bytes() - before < 300 * 1024**2


def _resident_bytes() -> int:
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
