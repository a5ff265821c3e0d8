"""The content-addressed store: hashes, whole copies, and the fallback copy path."""

from __future__ import annotations

import errno
import hashlib
import os
from pathlib import Path

import pytest

from app.store import sha256_of, store_copy, stored_relpath


def _file(tmp_path: Path, size: int) -> Path:
    path = tmp_path / "source.pdf"
    path.write_bytes(os.urandom(size))
    return path


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
