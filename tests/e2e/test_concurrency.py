"""Two writers on one library at once: both finish, nothing lost or duplicated, no lock errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.e2e.cli_helpers import REPO, cli_json
from tests.pdfgen import make_pdf


def _papers(folder: Path, prefix: str, count: int) -> list[Path]:
    return [
        make_pdf(
            folder / f"{prefix}{i}.pdf",
            [f"Paper {prefix}{i} studies topic{prefix}{i} in depth. " * 30],
            title=f"Study number {i} of series {prefix.upper()}",
            authors=[f"Author {prefix}{i}"],
        )
        for i in range(count)
    ]


def test_two_cli_processes_adding_at_once(tmp_path: Path) -> None:
    lib = tmp_path / "lib"
    cli_json(lib, "list")  # create the library first
    first = _papers(tmp_path / "a", "a", 12)
    second = _papers(tmp_path / "b", "b", 12)
    shared = first[:4]  # both processes also add the same four files
    env = dict(os.environ, PYTHONPATH=str(REPO))
    command = [sys.executable, "-m", "app.cli.main", "--library", str(lib), "add", "--json"]
    procs = [
        subprocess.Popen([*command, *map(str, files)], stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True, env=env)
        for files in (first, second + shared)
    ]
    outputs = [proc.communicate(timeout=300) for proc in procs]
    for proc, (_out, err) in zip(procs, outputs, strict=True):
        assert proc.returncode == 0, err
        assert "locked" not in err
    rows = [row for out, _ in outputs for row in json.loads(out)]
    added = [r for r in rows if r["status"] == "added"]
    assert len(added) == 24
    assert len({r["paper_id"] for r in added}) == 24
    assert sum(r["status"] == "duplicate" for r in rows) == 4
    assert len(cli_json(lib, "list")) == 24
    assert cli_json(lib, "search", "topicb7")["total"] == 1
