"""Run the `lectern` CLI as a real subprocess and decode its JSON."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]


def run_cli(library: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    """`lectern --library LIBRARY ARGS…` in a fresh interpreter."""
    env = dict(os.environ, PYTHONPATH=str(REPO))
    result = subprocess.run(
        [sys.executable, "-m", "app.cli.main", "--library", str(library), *args],
        capture_output=True, text=True, env=env, timeout=300, check=False,
    )
    if check and result.returncode != 0:
        raise AssertionError(f"lectern {' '.join(args)} failed: {result.stderr}")
    return result


def cli_json(library: Path, *args: str) -> Any:
    return json.loads(run_cli(library, *args, "--json").stdout)
