"""Content-addressed copies of imported PDFs in the library's `files/` folder.

Originals are only ever read. A copy is written to a temporary name, flushed, then renamed,
so a crash leaves either no file or a whole one (a stray temp file is swept by `doctor`).
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import shutil
from pathlib import Path
from typing import BinaryIO

from app.errors import DiskFullError

CHUNK = 1024 * 1024
_NO_SENDFILE = {errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.ENOTSOCK, errno.EXDEV}


def sha256_of(path: Path) -> str:
    """Hex SHA-256 of a file's bytes."""
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def stored_relpath(sha256: str) -> str:
    """Where a file with this hash lives, relative to the library folder."""
    return f"files/{sha256[:2]}/{sha256}.pdf"


def store_copy(library_root: Path, source: Path, sha256: str) -> str:
    """Copy `source` into the store (idempotent) and return its relative path."""
    relative = stored_relpath(sha256)
    target = library_root / relative
    if target.exists():
        return relative
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        with source.open("rb") as src, open(
            os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "wb"
        ) as dst:
            _copy_contents(src, dst)
            dst.flush()
            os.fsync(dst.fileno())
        os.replace(temporary, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            temporary.unlink()
        if exc.errno == errno.ENOSPC:
            raise DiskFullError(
                f"The disk holding the library ({library_root}) is full. "
                "Free some space and add the files again; nothing was lost."
            ) from exc
        raise
    return relative


def _copy_contents(src: BinaryIO, dst: BinaryIO) -> None:
    # The kernel copies page cache to page cache (a third of the CPU time of a copy through
    # Python buffers); where it cannot, for instance on some network file systems, the
    # bytes go through Python.
    if hasattr(os, "sendfile"):
        try:
            size = os.fstat(src.fileno()).st_size
            done = 0
            while done < size:
                sent = os.sendfile(dst.fileno(), src.fileno(), done, size - done)
                if sent == 0:
                    break
                done += sent
            if done == size:
                return
        except OSError as exc:
            if exc.errno not in _NO_SENDFILE:
                raise
    src.seek(0)
    dst.seek(0)
    dst.truncate()
    shutil.copyfileobj(src, dst, CHUNK)


def stored_files(library_root: Path) -> dict[str, Path]:
    """Every stored copy and stray temporary file, keyed by relative path."""
    found: dict[str, Path] = {}
    files_dir = library_root / "files"
    if not files_dir.is_dir():
        return found
    for path in files_dir.rglob("*"):
        if path.is_file():
            found[path.relative_to(library_root).as_posix()] = path
    return found


def is_linked(stored_path: str) -> bool:
    """True for a file linked in place (an absolute path outside the library's store).

    Linked files belong to the user: Lectern never deletes or moves them.
    """
    return Path(stored_path).is_absolute()


def resolve_stored(library_root: Path, stored_path: str) -> Path:
    """The file on disk for a `File.stored_path` (store copy or linked original)."""
    return Path(stored_path) if is_linked(stored_path) else library_root / stored_path
