"""The watched-folder list, kept in the library's settings as a JSON list of paths."""

from __future__ import annotations

import json
import logging
from pathlib import Path

from sqlalchemy import select

from app.db.models import Setting
from app.errors import InvalidInputError, NotFoundError
from app.library import Library

log = logging.getLogger("lectern.watch")
FOLDERS_KEY = "watch_folders"


def watched_folders(library: Library) -> list[Path]:
    """The folders whose new PDFs are imported, in the order they were added."""
    raw = load_setting(library, FOLDERS_KEY, [])
    return [Path(p) for p in raw if isinstance(p, str)] if isinstance(raw, list) else []


def add_watched_folder(library: Library, folder: Path) -> Path:
    """Watch `folder` (absolute, resolved); returns it. Adding it twice is harmless."""
    resolved = Path(folder).expanduser().resolve()
    if not resolved.is_dir():
        raise InvalidInputError(f"{folder} is not a folder; give a folder to watch.")
    library_root = library.paths.root.resolve()
    if resolved == library_root or library_root in resolved.parents:
        raise InvalidInputError("The library's own folder cannot be watched.")
    folders = watched_folders(library)
    if resolved not in folders:
        store_setting(library, FOLDERS_KEY, [str(p) for p in [*folders, resolved]])
    return resolved


def remove_watched_folder(library: Library, folder: Path) -> Path:
    """Stop watching `folder`; NotFoundError when it is not watched."""
    folders = watched_folders(library)
    given = Path(folder).expanduser()
    for candidate in (given.resolve(), given.absolute()):
        if candidate in folders:
            store_setting(library, FOLDERS_KEY, [str(p) for p in folders if p != candidate])
            return candidate
    raise NotFoundError(f"{folder} is not a watched folder.")


def load_setting(library: Library, key: str, default: object) -> object:
    """A JSON setting's value, or `default` when it is unset or unreadable."""
    with library.reading() as session:
        value = session.scalar(select(Setting.value).where(Setting.key == key))
    if value is None:
        return default
    try:
        return json.loads(value)
    except json.JSONDecodeError:
        log.warning("setting %s is not valid JSON; starting afresh", key)
        return default


def store_setting(library: Library, key: str, value: object) -> None:
    """Write a JSON setting (in its own transaction)."""
    with library.writing() as session:
        # ASCII escapes keep file names that are not valid text (lone surrogates) intact.
        session.merge(Setting(key=key, value=json.dumps(value)))
