"""`lectern add` starts its parser processes before the command line loads the rest."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli.early import _add_options, start_parsers_for
from app.cli.main import main
from tests.pdfgen import make_pdf


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["list"],
        ["search", "add"],
        ["--library", "add", "list"],  # the library folder is named "add"
        ["add", "--help"],
        ["--version"],
        ["add", "a.pdf", "--workers", "many"],
        ["add", "a.pdf", "--workers", "0"],
        ["add", "a.pdf", "--timeout", "-1"],
        ["--library"],
        ["add"],
        ["add", "--tag", "theory", "--json"],
    ],
)
def test_only_a_well_formed_add_starts_parsers_early(argv: list[str]) -> None:
    assert _add_options(argv) is None
    assert start_parsers_for(argv) is None


def test_add_options_are_read_wherever_they_are() -> None:
    options = _add_options(["-v", "--library", "lib", "add", "a.pdf", "--workers", "3", "b"])
    assert options is not None and options.workers == 3 and options.timeout == 60.0
    options = _add_options(["add", "--timeout", "5", "a.pdf"])
    assert options is not None and options.workers is None and options.timeout == 5.0


def test_early_parsers_serve_the_add_and_are_closed_after_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pdf = make_pdf(tmp_path / "a.pdf", ["Early parser processes at work. " * 30],
                   title="Starting Parsers Early", authors=["Ada Lovelace"])
    pool = start_parsers_for(["add", str(pdf), "--workers", "1"])
    assert pool is not None and pool.size == 1
    pool.close()

    code = main(["--library", str(tmp_path / "lib"), "add", str(pdf), "--workers", "1", "--json"])

    assert code == 0
    [row] = json.loads(capsys.readouterr().out)
    assert row["status"] == "added"
    # The conftest fixture fails the test if a worker process is left running.


def test_the_command_line_loads_no_library_code_before_starting_parsers() -> None:
    probe = (
        "import sys, app.cli.main; "
        "print(sorted(m for m in ('sqlalchemy', 'tantivy', 'pymupdf') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"
