"""Content-addressed copies of imported PDFs in the library's `files/` folder.

Originals are only ever read. A copy is written to a temporary name, flushed, then renamed,
so a crash leaves either no file or a whole one (a stray temp file is swept by `doctor`).
An import's copies are flushed together, before the database commit that refers to them.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import shutil
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
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


class StagedCopies:
    """Copies into the store, made durable together just before the database commit that
    refers to them.

    `stage` writes a copy under a temporary name; `commit` flushes all of them at once (the
    file system then writes them in a few journal commits, not one or two per file, which
    is most of the time of importing small PDFs) and renames each into place. Use as a
    context manager: it commits on success, and on an error removes what it wrote.
    """

    # Open copies are flushed early beyond this many, to stay far from descriptor limits.
    MAX_OPEN = 64

    def __init__(self, library_root: Path) -> None:
        self.library_root = library_root
        self._open: list[tuple[BinaryIO, Path, Path]] = []  # (copy, temporary, target)
        self._flushed: list[tuple[Path, Path]] = []
        self._staged: set[str] = set()

    def __enter__(self) -> StagedCopies:
        return self

    def __exit__(self, exc_type: object, *_rest: object) -> None:
        try:
            if exc_type is None:
                self.commit()
        finally:
            self.discard()  # what a failed commit left behind

    def stage(self, source: Path, sha256: str) -> str:
        """Copy `source` (unless the store has it) and return its path relative to the library."""
        relative = stored_relpath(sha256)
        target = self.library_root / relative
        if relative in self._staged or target.exists():
            return relative
        with self._disk_errors():
            target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
            copy = open(  # noqa: SIM115 - closed by _flush or discard
                os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "wb"
            )
            self._open.append((copy, temporary, target))
            with source.open("rb") as original:
                _copy_contents(original, copy)
        self._staged.add(relative)
        if len(self._open) >= self.MAX_OPEN:
            self._flush()
        return relative

    def commit(self) -> None:
        """Flush every staged copy to disk, then rename each to its place in the store."""
        self._flush()
        with self._disk_errors():
            while self._flushed:
                temporary, target = self._flushed[-1]
                os.replace(temporary, target)
                self._flushed.pop()
        self._staged.clear()

    def discard(self) -> None:
        """Remove the copies not committed yet."""
        for copy, temporary, _ in self._open:
            with contextlib.suppress(OSError):
                copy.close()
            with contextlib.suppress(OSError):
                temporary.unlink()
        for temporary, _ in self._flushed:
            with contextlib.suppress(OSError):
                temporary.unlink()
        self._open, self._flushed = [], []
        self._staged.clear()

    def _flush(self) -> None:
        with self._disk_errors():
            for copy, _, _ in self._open:
                copy.flush()
            descriptors = [copy.fileno() for copy, _, _ in self._open]
            if len(descriptors) > 1:
                # Flushes issued together are written together.
                with ThreadPoolExecutor(min(8, len(descriptors))) as flushers:
                    list(flushers.map(os.fsync, descriptors))
            elif descriptors:
                os.fsync(descriptors[0])
            while self._open:
                copy, temporary, target = self._open.pop()
                copy.close()
                self._flushed.append((temporary, target))

    @contextlib.contextmanager
    def _disk_errors(self) -> Iterator[None]:
        try:
            yield
        except OSError as exc:
            if exc.errno == errno.ENOSPC:
                raise DiskFullError(
                    f"The disk holding the library ({self.library_root}) is full. "
                    "Free some space and add the files again; nothing was lost."
                ) from exc
            raise


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
