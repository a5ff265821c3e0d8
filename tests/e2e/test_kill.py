"""Crash safety: `kill -9` the CLI at random moments of an import or a reindex, then reopen.

Run by `make test-slow` (20 seeded trials each; about two minutes).
"""

from __future__ import annotations

import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.e2e.cli_helpers import REPO, cli_json, run_cli
from tests.pdfgen import make_pdf

TRIALS = 20
ADDED = re.compile(r": added #(\d+) ")
pytestmark = pytest.mark.slow


def _corpus(folder: Path, count: int = 24) -> dict[Path, str]:
    """Papers each holding one unique word, so each can be found by search."""
    papers = {}
    for i in range(count):
        word = f"zyx{i:03d}marker"
        path = make_pdf(
            folder / f"paper{i:02d}.pdf",
            [f"The {word} phenomenon in paper {i}. " * 20, f"More about theme {i}. " * 40],
            title=f"On the {word} phenomenon, part {i}",
            authors=[f"Writer Number{i}"],
        )
        papers[path] = word
    return papers


def _start(library: Path, *args: str) -> subprocess.Popen[str]:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    return subprocess.Popen(
        [sys.executable, "-u", "-m", "app.cli.main", "--library", str(library), *args],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env,
    )


def _kill_after(proc: subprocess.Popen[str], delay: float) -> str:
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    out, _ = proc.communicate(timeout=60)
    return out


def _workers_gone(library: Path) -> bool:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        ps = subprocess.run(["ps", "-eo", "args"], capture_output=True, text=True, check=False)
        if "multiprocessing.spawn" not in ps.stdout or str(library) in ps.stdout:
            return True
        time.sleep(0.2)
    return False


def _assert_whole(library: Path, papers: dict[Path, str], reported: set[int]) -> None:
    database = library / "library.sqlite"
    if database.exists():  # a kill during start-up may come before the library exists
        with sqlite3.connect(database) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    else:
        assert not reported
    run_cli(library, "doctor", "--fix", check=False)
    health = cli_json(library, "doctor")
    assert health["healthy"], health
    listed = {p["id"]: p for p in cli_json(library, "list")}
    assert reported <= set(listed)
    for paper_id in reported:
        assert Path(listed[paper_id]["file"]).is_file()
        word = next(w for w in papers.values() if w in listed[paper_id]["title"])
        found = cli_json(library, "search", word)
        assert [r["id"] for r in found["results"]] == [paper_id]


@pytest.mark.parametrize("seed", range(TRIALS))
def test_kill_during_import_loses_nothing_reported(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    papers = _corpus(tmp_path / "pdfs")
    library = tmp_path / "lib"
    out = _kill_after(_start(library, "add", str(tmp_path / "pdfs")), rng.uniform(0.2, 3.5))
    reported = {int(m.group(1)) for m in ADDED.finditer(out)}
    assert _workers_gone(library)
    _assert_whole(library, papers, reported)
    rerun = cli_json(library, "add", str(tmp_path / "pdfs"))
    assert {r["status"] for r in rerun} <= {"added", "duplicate"}
    assert len(cli_json(library, "list")) == len(papers)
    assert _workers_gone(library)


@pytest.mark.parametrize("seed", range(TRIALS))
def test_kill_during_reindex_heals(tmp_path: Path, seed: int) -> None:
    rng = random.Random(1000 + seed)
    papers = _corpus(tmp_path / "pdfs", count=12)
    library = tmp_path / "lib"
    rows = cli_json(library, "add", str(tmp_path / "pdfs"))
    reported = {int(r["paper_id"]) for r in rows}
    _kill_after(_start(library, "reindex"), rng.uniform(0.05, 1.5))
    _assert_whole(library, papers, reported)
