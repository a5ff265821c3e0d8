"""The content-addressed store: hashes, whole copies, and the fallback copy path."""

from __future__ import annotations

import errno
import hashlib
import os
from pathlib import Path

import pytest

from app.errors import DiskFullError
from app.store import StagedCopies, sha256_of, stored_relpath


def _file(tmp_path: Path, size: int, name: str = "source.pdf") -> Path:
    path = tmp_path / name
    path.write_bytes(os.urandom(size))
    return path


def store_copy(library_root: Path, source: Path, sha256: str) -> str:
    with StagedCopies(library_root) as copies:
        return copies.stage(source, sha256)


@pytest.mark.parametrize("size", [0, 1, 3 * 1024 * 1024 + 7])
def test_copy_is_byte_identical_and_named_by_hash(tmp_path: Path, size: int) -> None:
    source = _file(tmp_path, size)
    digest = sha256_of(source)
    assert digest == hashlib.sha256(source.read_bytes()).hexdigest()
    relative = store_copy(tmp_path / "lib", source, digest)
    assert relative == stored_relpath(digest)
    assert (tmp_path / "lib" / relative).read_bytes() == source.read_bytes()
    assert not list((tmp_path / "lib" / "files").rglob("*.tmp"))


def test_copy_goes_through_python_where_the_kernel_cannot(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = _file(tmp_path, 2 * 1024 * 1024 + 3)

    def refuse(*_args: object) -> int:
        raise OSError(errno.EINVAL, "sendfile not supported here")

    monkeypatch.setattr(os, "sendfile", refuse)
    relative = store_copy(tmp_path / "lib", source, sha256_of(source))
    assert (tmp_path / "lib" / relative).read_bytes() == source.read_bytes()


def test_a_failed_copy_leaves_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = _file(tmp_path, 4096)

    def broken_disk(*_args: object) -> int:
        raise OSError(errno.EIO, "input/output error")

    monkeypatch.setattr(os, "sendfile", broken_disk)
    with pytest.raises(OSError):
        store_copy(tmp_path / "lib", source, sha256_of(source))
    assert not [p for p in (tmp_path / "lib").rglob("*") if p.is_file()]


def _store_files(library: Path) -> list[Path]:
    return sorted(p for p in (library / "files").rglob("*") if p.is_file())


@pytest.mark.parametrize("max_open", [2, StagedCopies.MAX_OPEN])
def test_staged_copies_appear_in_the_store_together_at_commit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, max_open: int
) -> None:
    monkeypatch.setattr(StagedCopies, "MAX_OPEN", max_open)
    sources = [_file(tmp_path, 5000 + n, f"paper{n}.pdf") for n in range(5)]
    library = tmp_path / "lib"
    with StagedCopies(library) as copies:
        relative = [copies.stage(source, sha256_of(source)) for source in sources]
        assert copies.stage(sources[0], sha256_of(sources[0])) == relative[0]
        # Until the commit, only temporary names exist: a crash now leaves no stored file.
        assert all(path.name.endswith(".tmp") for path in _store_files(library))
    assert [library / path for path in sorted(relative)] == _store_files(library)
    for source, path in zip(sources, relative, strict=True):
        assert (library / path).read_bytes() == source.read_bytes()


def test_an_error_before_the_commit_removes_every_staged_copy(tmp_path: Path) -> None:
    sources = [_file(tmp_path, 4096, f"paper{n}.pdf") for n in range(3)]
    with pytest.raises(RuntimeError), StagedCopies(tmp_path / "lib") as copies:
        for source in sources:
            copies.stage(source, sha256_of(source))
        raise RuntimeError("the database commit failed")
    assert _store_files(tmp_path / "lib") == []


def test_a_full_disk_at_the_flush_is_reported_and_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sources = [_file(tmp_path, 4096, f"paper{n}.pdf") for n in range(3)]

    def full(_descriptor: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(DiskFullError, match="is full"), StagedCopies(tmp_path / "lib") as copies:
        for source in sources:
            copies.stage(source, sha256_of(source))
    assert _store_files(tmp_path / "lib") == []
