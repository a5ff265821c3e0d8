"""Hostile and broken PDFs: one outcome each, a reason a person understands, nothing lost."""

from __future__ import annotations

import multiprocessing
import resource
from collections import Counter
from pathlib import Path

import pytest

from tests.conftest import corpus
from tests.e2e.cli_helpers import cli_json, run_cli
from tests.hostile_gen import make_all
from tests.pdfgen import make_pdf

KNOWN_REASONS = (
    "not a PDF", "damaged PDF", "password-protected", "encrypted", "the file is empty",
    "timed out", "too large", "too many pages", "cannot read",
)


def _valid_paper(folder: Path) -> Path:
    return make_pdf(
        folder / "valid.pdf",
        ["Quasicrystalline lattices admit aperiodic tilings with fivefold symmetry. " * 20],
        title="Aperiodic Order in Quasicrystals",
        authors=["Dan Shechtman"],
    )


def _check_outcomes(rows: list[dict[str, object]], inputs: int) -> Counter[str]:
    assert len(rows) == inputs
    for row in rows:
        assert row["status"] in {"added", "duplicate", "failed"}
        if row["status"] == "failed":
            reason = str(row["reason"])
            assert reason.startswith(KNOWN_REASONS), reason
            assert "\n" not in reason and len(reason) < 300
    return Counter(str(row["status"]) for row in rows)


def test_generated_hostile_files_get_their_verdicts(tmp_path: Path) -> None:
    expected = make_all(tmp_path / "hostile")
    lib = tmp_path / "lib"
    rows = cli_json(lib, "add", *map(str, expected), "--timeout", "8")
    by_path = {Path(str(r["path"])).name: r for r in rows}
    for path, status in expected.items():
        assert by_path[path.name]["status"] == status, by_path[path.name]
    assert by_path["fan-out.pdf"]["reason"].startswith("timed out")
    assert by_path["password.pdf"]["reason"].startswith("password-protected")
    escapes = cli_json(lib, "show", str(by_path["escapes.pdf"]["paper_id"]))
    assert "\x1b" not in escapes["title"] and "\u202e" not in escapes["title"]
    assert all("\x1b" not in a and "\u202e" not in a for a in escapes["authors"])


def test_whole_hostile_corpus_through_the_cli(tmp_path: Path) -> None:
    folder = corpus("hostile")
    lib = tmp_path / "lib"
    valid = _valid_paper(tmp_path)
    assert cli_json(lib, "add", str(valid))[0]["status"] == "added"
    before_children = len(multiprocessing.active_children())
    inputs = [p for p in folder.rglob("*") if p.is_file() and not p.name.endswith(".md")]

    rows = cli_json(lib, "add", *map(str, inputs), "--timeout", "30")

    counts = _check_outcomes(rows, len(inputs))
    assert counts["added"] > 0 and counts["failed"] > 0
    assert len(multiprocessing.active_children()) == before_children
    doctor = run_cli(lib, "doctor", "--json", check=False)
    assert doctor.returncode == 0, doctor.stdout
    hits = cli_json(lib, "search", "aperiodic tilings")
    assert [r["title"] for r in hits["results"]] == ["Aperiodic Order in Quasicrystals"]
    # The CLI's peak memory (children excluded) stays modest: parsing happened in workers.
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss < 2_000_000


@pytest.mark.parametrize("name", ["password.pdf", "garbage.pdf"])
def test_failed_file_leaves_library_untouched(tmp_path: Path, name: str) -> None:
    hostile = make_all(tmp_path / "hostile")
    lib = tmp_path / "lib"
    valid = _valid_paper(tmp_path)
    cli_json(lib, "add", str(valid))
    before = cli_json(lib, "list")
    row = cli_json(lib, "add", str(next(p for p in hostile if p.name == name)))[0]
    assert row["status"] == "failed"
    assert cli_json(lib, "list") == before
