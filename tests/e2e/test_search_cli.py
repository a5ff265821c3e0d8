"""`lectern search` as people and scripts see it: the header line, marked snippets, JSON."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from tests.e2e.cli_helpers import REPO, cli_json, run_cli
from tests.pdfgen import make_pdf


def _library(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    filler = "Some unrelated sentence about experimental setups and baselines. " * 12
    make_pdf(
        folder / "ntk.pdf",
        [filler + "The neural tangent kernel governs training. " + filler, "Appendix. " * 50],
        title="Wide Networks as Kernel Machines",
        authors=["Ada Lovelace"],
    )
    make_pdf(
        folder / "other.pdf",
        ["Bandits trade exploration against exploitation. " * 20],
        title="Regret of Bandits",
        authors=["Grace Hopper"],
    )
    lib = tmp_path / "lib"
    run_cli(lib, "add", str(folder))
    return lib


def test_text_output_marks_exactly_the_matched_words(tmp_path: Path) -> None:
    lib = _library(tmp_path)
    out = run_cli(lib, "search", '"tangent kernel"').stdout
    lines = out.splitlines()
    assert lines[0] == '""tangent kernel"" has 1 results'
    assert "Wide Networks as Kernel Machines" in out
    assert "pages 1 · 1 hits" in out
    snippet = next(line for line in lines if "[" in line)
    # The passage starts mid-page (an ellipsis), and the marks still sit on the phrase.
    assert snippet.strip().startswith("...")
    assert re.findall(r"\[([^\]]*)\]", snippet) == ["tangent kernel"]


def test_json_output_gives_ranges_into_the_snippet(tmp_path: Path) -> None:
    lib = _library(tmp_path)
    found = cli_json(lib, "search", "tangent OR bandits")
    assert found["total"] == 2
    for result in found["results"]:
        marked = [result["snippet"][a:b].lower() for a, b in result["highlights"]]
        assert marked and set(marked) <= {"tangent", "bandits"}
    assert found["warnings"] == []


def test_a_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    lib = _library(tmp_path)
    command = [sys.executable, "-m", "app.cli.main", "--library", str(lib), "list"]
    with subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=REPO,
        env={"PYTHONPATH": str(REPO), "PATH": ""},
    ) as process:
        assert process.stdout is not None and process.stderr is not None
        process.stdout.close()  # the reader is gone before anything is written
        error = process.stderr.read().decode()
        assert process.wait(timeout=120) == 141
    assert "error" not in error.lower() and "exception" not in error.lower()
