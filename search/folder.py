"""The index folder on disk: opening, the schema version guard, wiping, change stamps.

The folder holds tantivy's files plus `VERSION_FILE`. When the stored schema version is
not `SCHEMA_VERSION`, or tantivy cannot open what is there, the folder is emptied and a
new index created; the caller learns it must feed every paper again (rule 2: the index
is derived data). A folder that holds neither tantivy's ``meta.json`` nor our version file
is never emptied, so a wrong path cannot delete anyone's files.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import tantivy

from search.analysis import register_analyzers
from search.schema import SCHEMA_VERSION

VERSION_FILE = "lectern-search.json"
META_FILE = "meta.json"

# (inode, mtime, size) of meta.json: tantivy replaces that file atomically on every commit.
Stamp = tuple[int, int, int]


def open_folder(path: Path, schema: Any) -> tuple[Any, bool]:
    """The tantivy index in `path` (created if needed) and whether it must be refilled."""
    path.mkdir(parents=True, exist_ok=True)
    needs_rebuild = stored_version(path) != SCHEMA_VERSION or not tantivy.Index.exists(str(path))
    if needs_rebuild:
        wipe(path)
    try:
        index = tantivy.Index(schema, path=str(path), reuse=True)
    except (ValueError, OSError):
        wipe(path)
        needs_rebuild = True
        index = tantivy.Index(schema, path=str(path), reuse=True)
    register_analyzers(index)
    index.config_reader("Manual")
    if needs_rebuild:
        (path / VERSION_FILE).write_text(
            json.dumps({"schema_version": SCHEMA_VERSION}), encoding="utf-8"
        )
    return index, needs_rebuild


def stored_version(path: Path) -> int | None:
    """The schema version recorded in `path`, if any."""
    try:
        data = json.loads((path / VERSION_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    version = data.get("schema_version") if isinstance(data, dict) else None
    return version if isinstance(version, int) else None


def wipe(path: Path) -> None:
    """Empty `path` if (and only if) it holds an index."""
    if not ((path / META_FILE).exists() or (path / VERSION_FILE).exists()):
        return
    for entry in path.iterdir():
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry)
        else:
            entry.unlink()


def change_stamp(path: Path) -> Stamp | None:
    """Changes whenever any process commits to the index in `path` (one `stat`)."""
    try:
        info = os.stat(path / META_FILE)
    except OSError:
        return None
    return (info.st_ino, info.st_mtime_ns, info.st_size)
