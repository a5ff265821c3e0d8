"""Polling watched folders and importing the PDFs that settle in them.

`FolderWatcher` polls the folders with `os.scandir` on a background thread. A file is imported
once its size and modification time have stayed the same for `settle` seconds, so a
download in progress is never read; partial-download names (`.part`, `.crdownload`, …) and
empty files (browsers create the final name empty before the download lands) are never
candidates. A file that vanishes before it settles is forgotten quietly.

A record of the files already handled (path → size and mtime, setting `watch_record`)
makes start-up catch-up cheap: only files that are new or changed since are looked at, and
those whose bytes are already in the library are recorded without an import.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from app.db.models import File
from app.entries import import_pdfs
from app.errors import KnownError
from app.importing.outcome import FileOutcome
from app.importing.sources import is_temporary_name
from app.library import Library
from app.paths import path_text
from app.store import sha256_of
from app.watch.folders import load_setting, store_setting, watched_folders

log = logging.getLogger("lectern.watch")
RECORD_KEY = "watch_record"
Clock = Callable[[], float]
ImportedCallback = Callable[[list[FileOutcome]], None]


@dataclass(frozen=True, slots=True)
class Stat:
    """What is compared to tell whether a file changed: its size and modification time."""

    size: int
    mtime_ns: int


@dataclass(slots=True)
class _Pending:
    stat: Stat
    since: float


class FolderWatcher:
    """Imports new, settled PDFs from `folders` (None: the library's watched folders,
    re-read on every poll). `on_imported(outcomes)` runs on the watcher's thread after each
    import; the caller syncs the search index, as after any import."""

    def __init__(
        self, library: Library, folders: Sequence[Path] | None = None, *,
        on_imported: ImportedCallback | None = None, interval: float = 1.0,
        settle: float = 2.0, clock: Clock = time.monotonic, workers: int = 1,
    ) -> None:
        self.library = library
        self.folders = (
            None if folders is None else [Path(f).expanduser().resolve() for f in folders]
        )
        self.on_imported = on_imported
        self.interval = interval
        self.settle = settle
        self.clock = clock
        self.workers = workers
        self._pending: dict[Path, _Pending] = {}
        self._record: dict[str, Stat] | None = None
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    # the thread --------------------------------------------------------------------------

    def start(self) -> None:
        """Catch up, then poll every `interval` seconds on a background thread."""
        if self._thread is not None:
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="lectern-watch", daemon=True)
        self._thread.start()

    def stop(self, timeout: float | None = None) -> None:
        """Stop polling (an import in progress stops after its current file) and wait."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    @property
    def running(self) -> bool:
        """Whether the background thread is alive."""
        return self._thread is not None and self._thread.is_alive()

    def _run(self) -> None:
        step: Callable[[], list[FileOutcome]] = self.catch_up
        while not self._stop.is_set():
            try:
                step()
            except KnownError as exc:
                log.warning("watched folders: %s", exc)
            except Exception:  # a failed poll must not end the watch; the next one retries
                log.exception("watched folders: poll failed")
            step = self.poll_once
            self._stop.wait(self.interval)

    # one step ----------------------------------------------------------------------------

    def catch_up(self) -> list[FileOutcome]:
        """Import files that arrived while the app was not running.

        Files last modified less than `settle` seconds ago may still be downloading; they
        wait for the normal settle check of the next polls.
        """
        with self._lock:
            seen = self._scan()
            record = self._load_record()
            # Entries for files gone (or folders no longer watched) are dropped; should such
            # a file come back, its bytes are recognised by hash below.
            gone = [key for key in record if Path(key) not in seen]
            for key in gone:
                del record[key]
            if gone:
                self._save_record()
            fresh = {p: s for p, s in seen.items() if record.get(str(p)) != s and s.size > 0}
            now, wall = self.clock(), time.time()
            ready = []
            for path, stat in fresh.items():
                if wall - stat.mtime_ns / 1e9 >= self.settle:
                    ready.append(path)
                else:
                    self._pending[path] = _Pending(stat, now)
            ready = self._skip_known(ready, fresh)
            reported = self._import(ready, fresh)
        return self._announce(reported)

    def poll_once(self) -> list[FileOutcome]:
        """Look at the folders once; import the files that have settled since last time."""
        with self._lock:
            now = self.clock()
            seen = self._scan()
            record = self._load_record()
            ready = []
            for path, stat in seen.items():
                if record.get(str(path)) == stat:
                    self._pending.pop(path, None)
                    continue
                pending = self._pending.get(path)
                if pending is None or pending.stat != stat:
                    self._pending[path] = _Pending(stat, now)
                elif stat.size > 0 and now - pending.since >= self.settle:
                    ready.append(path)
            for path in [p for p in self._pending if p not in seen]:
                del self._pending[path]  # appeared, then vanished: nothing to say
            reported = self._import(ready, seen)
        return self._announce(reported)

    # helpers -----------------------------------------------------------------------------

    def _current_folders(self) -> list[Path]:
        return self.folders if self.folders is not None else watched_folders(self.library)

    def _scan(self) -> dict[Path, Stat]:
        found: dict[Path, Stat] = {}
        skip = self.library.paths.root.resolve()
        for folder in self._current_folders():
            _scan_folder(folder, skip, found)
        return found

    def _load_record(self) -> dict[str, Stat]:
        if self._record is None:
            raw = load_setting(self.library, RECORD_KEY, {})
            entries = raw.items() if isinstance(raw, dict) else []
            self._record = {
                path: Stat(int(value[0]), int(value[1]))
                for path, value in entries
                if isinstance(value, list) and len(value) == 2
            }
        return self._record

    def _save_record(self) -> None:
        record = self._load_record()
        store_setting(
            self.library, RECORD_KEY, {p: [s.size, s.mtime_ns] for p, s in record.items()}
        )

    def _skip_known(self, paths: list[Path], stats: dict[Path, Stat]) -> list[Path]:
        """Record, without importing, files whose bytes are already in the library."""
        hashes: dict[str, Path] = {}
        for path in paths:
            try:
                hashes[sha256_of(path)] = path
            except OSError:
                continue
        with self.library.reading() as session:
            known = set(session.scalars(select(File.sha256).where(File.sha256.in_(list(hashes)))))
        record = self._load_record()
        for digest in known:
            record[str(hashes[digest])] = stats[hashes[digest]]
        if known:
            self._save_record()
        skipped = {hashes[digest] for digest in known}
        return [path for path in paths if path not in skipped]

    def _import(self, ready: list[Path], stats: dict[Path, Stat]) -> list[FileOutcome]:
        if not ready:
            return []
        report = import_pdfs(self.library, ready, workers=self.workers, cancel=self._stop)
        record = self._load_record()
        reported: list[FileOutcome] = []
        given = {path_text(path): path for path in ready}  # outcomes carry printable paths
        for outcome in report.outcomes:
            path = given.get(outcome.path, Path(outcome.path))
            self._pending.pop(path, None)
            now = _stat(path)
            if now is None or (outcome.status == "failed" and self._stop.is_set()):
                continue  # vanished, or cancelled: nothing to report, retried next time
            if now == stats.get(path):
                record[str(path)] = now
            reported.append(outcome)
        self._save_record()
        return reported

    def _announce(self, reported: list[FileOutcome]) -> list[FileOutcome]:
        if reported and self.on_imported is not None:
            self.on_imported(reported)
        return reported


def _scan_folder(folder: Path, skip: Path, found: dict[Path, Stat]) -> None:
    stack = [folder]
    while stack:
        current = stack.pop()
        try:
            entries = list(os.scandir(current))
        except OSError:
            continue  # missing, unmounted or unreadable: looked at again next poll
        for entry in entries:
            name = entry.name
            if name.startswith(".") or is_temporary_name(name):
                continue
            try:
                if entry.is_dir(follow_symlinks=False):
                    path = Path(entry.path)
                    if path != skip:
                        stack.append(path)
                elif name.lower().endswith(".pdf") and entry.is_file():
                    info = entry.stat()
                    found[Path(entry.path)] = Stat(info.st_size, info.st_mtime_ns)
            except OSError:
                continue


def _stat(path: Path) -> Stat | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return Stat(info.st_size, info.st_mtime_ns)

