"""Shared helpers for the benchmarks (which print figures and never assert on time)."""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))


def corpus_dir(argument: str | None, default: str) -> Path:
    """The folder to use, or exit with a message when it is absent."""
    path = Path(argument) if argument else SHARED / "corpora" / default
    if not path.exists():
        sys.exit(f"{path} is absent: pass a folder of PDFs as the first argument.")
    return path


def warm_cache(files: list[Path]) -> int:
    """Read every file once so both measured runs start from a warm page cache."""
    total = 0
    for file in files:
        total += len(file.read_bytes())
    return total
