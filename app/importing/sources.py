"""Turning the paths a user gave into the files to import."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from app.extract.pdfparse import looks_like_pdf

# Names that are partial downloads, editor lock files or system clutter.
TEMPORARY_SUFFIXES = (".part", ".crdownload", ".download", ".tmp", ".partial", ".opdownload")
TEMPORARY_PREFIXES = ("~$", ".~lock", "._")
NOT_REGULAR = "not a regular file (a pipe, socket or device)"


def is_temporary_name(name: str) -> bool:
    """True for partial downloads and lock files, which are never imported."""
    lowered = name.lower()
    return lowered.endswith(TEMPORARY_SUFFIXES) or name.startswith(TEMPORARY_PREFIXES)


@dataclass(frozen=True, slots=True)
class Candidate:
    """A file to import. `explicit`: named by the user (so a non-PDF gets a failed row)."""

    path: Path
    explicit: bool
    problem: str = ""


def expand(paths: Iterable[Path]) -> Iterator[Candidate]:
    """Files given directly, and PDFs (by content) found recursively in folders given."""
    seen: set[Path] = set()
    for given in paths:
        path = Path(given).expanduser()
        if path.is_dir():
            yield from _walk(path, seen)
        elif path.is_file():
            resolved = path.resolve()
            if resolved not in seen:
                seen.add(resolved)
                yield Candidate(path.absolute(), explicit=True)
        elif path.exists():
            # Reading a pipe or a device can block or never end (/dev/zero).
            yield Candidate(path.absolute(), explicit=True, problem=NOT_REGULAR)
        else:
            yield Candidate(path.absolute(), explicit=True, problem="no such file")


def _walk(folder: Path, seen: set[Path]) -> Iterator[Candidate]:
    top = folder.absolute()
    yield from _walk_folder(top, top.resolve(), seen)


def _walk_folder(folder: Path, real: Path, seen: set[Path]) -> Iterator[Candidate]:
    """Files of `folder` by name, then its subfolders; `real` is its resolved path.

    Symbolic links to folders are not followed (they could loop). A file's resolved path is
    `real / name` unless it is itself a link, which saves resolving every path in a folder
    of thousands of papers.
    """
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda entry: entry.name)
    except OSError:
        return
    subfolders: list[str] = []
    for entry in entries:
        name = entry.name
        if name.startswith("."):
            continue
        try:
            if entry.is_dir(follow_symlinks=False):
                subfolders.append(name)
                continue
            if is_temporary_name(name) or not entry.is_file():
                continue
            resolved = Path(entry.path).resolve() if entry.is_symlink() else real / name
        except OSError:
            continue
        if resolved in seen:
            continue
        seen.add(resolved)
        path = folder / name
        if name.lower().endswith(".pdf") or looks_like_pdf(path):
            yield Candidate(path, explicit=False)
    for name in subfolders:
        yield from _walk_folder(folder / name, real / name, seen)
