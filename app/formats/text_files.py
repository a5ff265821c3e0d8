"""Reading a user's text file (a .bib or a Markdown outline) with a clear error on failure."""

from __future__ import annotations

from pathlib import Path

from app.errors import InvalidInputError, NotFoundError

MAX_TEXT_BYTES = 50 * 1024 * 1024


def read_text_file(path: Path) -> str:
    """The file's text: UTF-8 (with or without BOM), else Windows-1252/Latin-1.

    Raises NotFoundError for a missing file and InvalidInputError for one that cannot be
    read, is too large, or is not text at all.
    """
    try:
        size = path.stat().st_size
        if size > MAX_TEXT_BYTES:
            raise InvalidInputError(
                f"{path} is {size // (1024 * 1024)} MB; a reading list this large is not text "
                "Lectern can import."
            )
        data = path.read_bytes()
    except FileNotFoundError:
        raise NotFoundError(f"There is no file {path}.") from None
    except IsADirectoryError:
        raise InvalidInputError(f"{path} is a folder, not a file.") from None
    except OSError as exc:
        raise InvalidInputError(f"Cannot read {path}: {exc.strerror or exc}.") from None
    if b"\x00" in data[:65536]:
        raise InvalidInputError(f"{path} is not a text file.")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            return data.decode("latin-1")
