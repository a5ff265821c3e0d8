"""A full disk and a read-only library: a clear message, no damage, and doctor still works."""

from __future__ import annotations

import contextlib
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.cli_helpers import cli_json, run_cli
from tests.pdfgen import add_noise_image, make_pdf


@contextlib.contextmanager
def small_disk(folder: Path, size: str) -> Iterator[Path]:
    """A size-limited tmpfs at `folder`, or skip when mounting is not permitted here."""
    folder.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs",
                              str(folder)], capture_output=True, check=False)
    if mounted.returncode != 0:
        pytest.skip("mounting a small tmpfs needs root (not available here)")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def _big_papers(folder: Path, count: int) -> list[Path]:
    return [
        add_noise_image(
            make_pdf(folder / f"big{i}.pdf",
                     [f"Page{p} of bulkypaper{i}x with unique{i}words. " * 30 for p in range(5)],
                     title=f"Bulky paper {i}"),
            side=500, seed=i,
        )
        for i in range(count)
    ]


def test_full_disk_gives_a_clear_message_and_keeps_the_library(tmp_path: Path) -> None:
    with small_disk(tmp_path / "disk", "3m") as disk:
        lib = disk / "lib"
        first = make_pdf(tmp_path / "first.pdf", ["fits easily " * 50], title="Small first")
        cli_json(lib, "add", str(first))
        papers = _big_papers(tmp_path / "big", 12)
        result = run_cli(lib, "add", *map(str, papers), check=False)
        assert result.returncode != 0
        assert "full" in result.stderr and "Traceback" not in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1
        titles = [p["title"] for p in cli_json(lib, "list")]
        assert "Small first" in titles
        found = cli_json(lib, "search", "fits easily")
        assert found["total"] == 1


def test_read_only_library_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    with small_disk(tmp_path / "disk", "8m") as disk:
        lib = disk / "lib"
        paper = make_pdf(tmp_path / "p.pdf", ["read only words " * 50], title="Kept paper")
        cli_json(lib, "add", str(paper))
        remount = subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=False)
        assert remount.returncode == 0
        result = run_cli(lib, "add", str(paper), check=False)
        assert result.returncode != 0
        assert "read-only" in result.stderr and "Traceback" not in result.stderr
