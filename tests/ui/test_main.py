"""The GUI's entry point chooses the library folder like the command line does."""

from __future__ import annotations

from pathlib import Path

import pytest

from ui.main import build_parser, library_root


def test_library_folder_comes_from_the_option_then_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LECTERN_LIBRARY", str(tmp_path / "from-env"))
    assert library_root(build_parser().parse_args([])) == tmp_path / "from-env"
    chosen = build_parser().parse_args(["--library", str(tmp_path / "chosen")])
    assert library_root(chosen) == tmp_path / "chosen"


def test_files_given_on_the_command_line_are_kept_for_import(tmp_path: Path) -> None:
    args = build_parser().parse_args(["--settings", str(tmp_path / "s.ini"), "a.pdf", "papers"])
    assert args.paths == [Path("a.pdf"), Path("papers")]
    assert args.settings == tmp_path / "s.ini"
