"""The bundle's entry point (packaging/entry.py), and the smoke test of a built bundle."""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from app import __version__
from app.cli.main import build_parser

REPO = Path(__file__).resolve().parents[2]
ENTRY = REPO / "packaging" / "entry.py"
BUNDLE = REPO / "dist" / "lectern" / "lectern"


def load_entry() -> ModuleType:
    # packaging/ is deliberately not a package (it would shadow the `packaging` library).
    spec = importlib.util.spec_from_file_location("lectern_bundle_entry", ENTRY)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def parser() -> argparse.ArgumentParser:
    return build_parser()


@pytest.mark.parametrize(
    ("argv", "cli"),
    [
        ([], False),
        (["paper.pdf"], False),
        (["/home/me/papers/a.pdf", "b.pdf"], False),
        (["add.pdf"], False),
        (["--library", "/srv/lib"], False),
        (["--library", "/srv/lib", "paper.pdf"], False),
        (["add", "paper.pdf"], True),
        (["list"], True),
        (["search", "kernel"], True),
        (["--version"], True),
        (["--help"], True),
        (["-h"], True),
        (["--library", "/srv/lib", "list"], True),
        (["--library=/srv/lib", "search", "kernel"], True),
        (["-v", "--library", "list", "list"], True),
        (["serach", "kernel"], True),
        (["--settings", "window.ini"], False),
        (["notes"], False),
    ],
)
def test_arguments_choose_cli_or_gui(
    argv: list[str],
    cli: bool,
    parser: argparse.ArgumentParser,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "notes").mkdir()  # a folder of papers, named like a word

    assert load_entry().wants_cli(argv, parser) is cli


def test_every_sub_command_reaches_the_cli(parser: argparse.ArgumentParser) -> None:
    entry = load_entry()
    commands = next(
        action for action in parser._actions if isinstance(action, argparse._SubParsersAction)
    )
    assert {"add", "list", "search"} <= set(commands.choices)
    for name in commands.choices:
        assert entry.wants_cli([name], parser), name


def run_entry(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    return subprocess.run(
        [sys.executable, str(ENTRY), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


def test_entry_script_runs_the_cli(tmp_path: Path) -> None:
    version = run_entry("--version")
    assert version.returncode == 0, version.stderr
    assert version.stdout.strip() == f"lectern {__version__}"

    listing = run_entry("--library", str(tmp_path / "library"), "list", "--json")
    assert listing.returncode == 0, listing.stderr
    assert json.loads(listing.stdout) == []


@pytest.mark.slow
@pytest.mark.skipif(
    not BUNDLE.exists(), reason=f"no bundle at {BUNDLE}: run `make bundle` (packaging/README.md)"
)
def test_built_bundle_passes_the_smoke_test() -> None:
    result = subprocess.run(
        ["bash", str(REPO / "packaging" / "smoke_test.sh")],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "all passed" in result.stdout
