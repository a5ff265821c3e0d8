"""The CLI adds to a library while the window has it open: both work, the window shows it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from pytestqt.qtbot import QtBot

from app.library import Library
from tests.e2e.cli_helpers import REPO
from tests.pdfgen import make_pdf
from tests.ui.conftest import WindowFactory, wait_for_listing


def test_cli_add_appears_in_the_open_window(
    make_window: WindowFactory, library: Library, qtbot: QtBot, tmp_path: Path
) -> None:
    window = make_window(library)
    pdfs = [
        make_pdf(tmp_path / f"cli{i}.pdf", [f"Paper {i} on streaming algorithms{i}x. " * 30],
                 title=f"Streaming Algorithms, Part {i}", authors=[f"Ada Number{i}"])
        for i in range(3)
    ]
    env = dict(os.environ, PYTHONPATH=str(REPO))
    command = [sys.executable, "-m", "app.cli.main", "--library", str(library.paths.root),
               "add", "--json", *map(str, pdfs)]
    cli = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                           env=env)
    qtbot.waitUntil(lambda: cli.poll() is not None, timeout=120_000)
    out, err = cli.communicate()
    assert cli.returncode == 0, err
    assert "locked" not in err
    assert [row["status"] for row in json.loads(out)] == ["added"] * 3
    wait_for_listing(qtbot, window, 3, timeout=30_000)
    qtbot.waitUntil(lambda: window.status.size_label.text() == "3 papers", timeout=10_000)
