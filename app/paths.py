"""Where a library lives. A library is one folder; copying the folder copies the library."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

ENV_LIBRARY = "LECTERN_LIBRARY"
DB_NAME = "library.sqlite"


def path_text(path: str | os.PathLike[str]) -> str:
    """`path` as storable, printable text: bytes of a file name that are not UTF-8 (kept
    by Python as lone surrogates) become U+FFFD. For display and records, not reopening."""
    text = os.fspath(path)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return text


def is_text_path(path: str | os.PathLike[str]) -> bool:
    """Whether `path` can be stored as text and opened again from it."""
    return path_text(path) == os.fspath(path)


def default_library_dir() -> Path:
    """`LECTERN_LIBRARY` if set, else the platform's user data folder."""
    env = os.environ.get(ENV_LIBRARY)
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir("Lectern", appauthor=False)) / "Library"


class LibraryPaths:
    """The fixed layout inside a library folder."""

    def __init__(self, root: Path) -> None:
        self.root = root.expanduser().absolute()

    @property
    def database(self) -> Path:
        return self.root / DB_NAME

    @property
    def index(self) -> Path:
        return self.root / "index"

    @property
    def files(self) -> Path:
        return self.root / "files"

    @property
    def logs(self) -> Path:
        return self.root / "logs"

    @property
    def lock(self) -> Path:
        return self.root / ".lectern.lock"

    def create(self) -> None:
        """Create the folders, readable only by the user."""
        for folder in (self.root, self.files, self.logs, self.index):
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
