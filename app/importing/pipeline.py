"""Import files into a library: hash → exact duplicates → parse in workers → match → commit.

Hashing runs just ahead of parsing, a few files at a time, so the workers start on the first
files at once, even in a batch of thousands.

Results are committed in small batches (one transaction each), so a file reported as added
is in the database, and a kill loses at most the batch in flight — which a rerun completes.
"""

from __future__ import annotations

import logging
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.changes import Changes
from app.db.models import File, Paper, PaperTag, PaperText
from app.dedupe import BandIndex
from app.extract.parsed import ParseFailure
from app.importing.job import Analysis
from app.importing.matching import Match, find_match
from app.importing.outcome import FileOutcome, ImportProgress, Outcomes
from app.importing.pool import DEFAULT_TIMEOUT, ParsePool, ParseRun
from app.importing.rows import (
    PendingRows,
    file_row,
    fill_missing,
    papers_by_hash,
    text_row,
    write_log,
)
from app.importing.sources import Candidate, expand
from app.library import Library, queue_for_index, touch
from app.paths import is_text_path, path_text
from app.store import StagedCopies, sha256_of
from app.tags import ensure_tag

log = logging.getLogger("lectern.import")
COMMIT_EVERY_FILES = 32
COMMIT_EVERY_SECONDS = 1.5
# Files are hashed up to this many at a time (one database lookup each time; the first one
# alone, then two, four...), just ahead of the workers: each always has a few jobs waiting,
# and more while no result needs handling (the workers' start-up, for one), so parsing
# starts at once, whatever the size of the batch.
HASH_AT_ONCE = 8
JOBS_AHEAD_PER_WORKER = 2
MAX_AHEAD_PER_WORKER = 16
ProgressCallback = Callable[[ImportProgress], None]


@dataclass(slots=True)
class ImportReport:
    outcomes: list[FileOutcome]
    changes: Changes
    batch: str
    elapsed: float
    pages: int = 0
    workers: int = 0

    def count(self, status: str) -> int:
        return sum(1 for outcome in self.outcomes if outcome.status == status)


@dataclass(slots=True)
class _Pending:
    position: int
    path: Path
    sha256: str
    size: int
    analysis: Analysis | None = None
    seconds: float = 0.0


@dataclass(slots=True)
class _Batch:
    items: list[_Pending] = field(default_factory=list)
    failures: list[int] = field(default_factory=list)
    started: float = field(default_factory=time.monotonic)


class Importer:
    """Imports paths into `library`. One Importer per batch of paths."""

    def __init__(
        self,
        library: Library,
        *,
        workers: int | None = None,
        timeout: float = DEFAULT_TIMEOUT,
        progress: ProgressCallback | None = None,
        cancel: threading.Event | None = None,
        on_outcome: Callable[[FileOutcome], None] | None = None,
        copy_files: bool = True,
        pool: ParsePool | None = None,
    ) -> None:
        self.library = library
        self.workers = workers
        self.timeout = timeout
        self.progress = progress
        self.cancel = cancel or threading.Event()
        # Called once per file, after its outcome is final (for added papers: committed).
        self.on_outcome = on_outcome
        # False: leave PDFs where they are and link to them (they are never modified).
        self.copy_files = copy_files
        # A pool the caller keeps running across imports (its own workers and timeout apply);
        # without one, each run starts and ends its own.
        self.pool = pool
        self.batch_id = uuid.uuid4().hex[:12]
        # (position, position of the first file with the same bytes, path)
        self._same_file_later: list[tuple[int, int, str]] = []
        # positions of files whose bytes the library already holds
        self._known_copies: list[int] = []
        self._attach_to: dict[Path, int] = {}
        self._band_index: BandIndex | None = None

    def run(
        self,
        paths: Iterable[Path],
        tags: Sequence[str] = (),
        attach_to: Mapping[Path, int] | None = None,
    ) -> ImportReport:
        """Import every file under `paths`, tagging added papers with `tags`.

        `attach_to` names papers (usually entries without a PDF) that given files must be
        attached to, whatever their metadata says.
        """
        started = time.monotonic()
        self._attach_to = {Path(p).absolute(): paper for p, paper in (attach_to or {}).items()}
        candidates = list(expand(paths))
        outcomes = Outcomes(len(candidates))
        state = ImportProgress(total=len(candidates))
        changes = Changes()
        tag_ids = self._ensure_tags(tags, changes) if tags else []
        # The workers start now and load PyMuPDF while the first files are hashed.
        own_pool = self.pool is None and bool(candidates)
        pool = ParsePool(self.workers, timeout=self.timeout) if own_pool else self.pool
        batch = _Batch()
        try:
            if pool is not None:
                batch, changes = self._parse_and_commit(
                    pool, candidates, outcomes, state, started, tag_ids, changes
                )
        finally:
            if own_pool and pool is not None:
                pool.close()
        if tag_ids:
            changes |= self._tag_known(outcomes, tag_ids)
        changes |= self._commit(batch, outcomes, tag_ids)
        for position, outcome in enumerate(outcomes):
            if outcome is None:
                outcomes[position] = FileOutcome(
                    str(candidates[position].path), "failed", reason="cancelled before import"
                )
                self._emit(outcomes[position])
        self._report(state, outcomes, started)
        final = [outcome for outcome in outcomes if outcome is not None]
        return ImportReport(
            final,
            changes,
            self.batch_id,
            time.monotonic() - started,
            state.pages,
            pool.size if pool is not None else 0,
        )

    def _parse_and_commit(
        self,
        pool: ParsePool,
        candidates: list[Candidate],
        outcomes: Outcomes,
        state: ImportProgress,
        started: float,
        tag_ids: list[int],
        changes: Changes,
    ) -> tuple[_Batch, Changes]:
        """Hash files just ahead of the workers, parse them, and commit the results in small
        batches; returns the last, uncommitted batch."""
        feed = self._to_parse(candidates, outcomes)
        pending: dict[int, _Pending] = {}
        ahead = (JOBS_AHEAD_PER_WORKER * pool.size, MAX_AHEAD_PER_WORKER * pool.size)
        batch = _Batch()
        with pool.run() as run:
            _submit_ahead(run, feed, pending, ahead)
            self._report(state, outcomes, started)
            while not self.cancel.is_set() and (result := run.next_result()) is not None:
                item = pending.pop(result.key)
                item.seconds = result.seconds
                if isinstance(result.outcome, ParseFailure):
                    outcomes[item.position] = FileOutcome(
                        str(item.path), "failed", reason=result.outcome.reason,
                        seconds=result.seconds,
                    )
                    batch.failures.append(item.position)
                else:
                    item.analysis = result.outcome
                    batch.items.append(item)
                    state.pages += result.outcome.page_count
                state.current = item.path.name
                if self._batch_due(batch):
                    changes |= self._commit(batch, outcomes, tag_ids)
                    batch = _Batch()
                _submit_ahead(run, feed, pending, ahead)
                self._report(state, outcomes, started)
        return batch, changes

    # steps ------------------------------------------------------------------------------

    def _ensure_tags(self, tags: Sequence[str], changes: Changes) -> list[int]:
        with self.library.writing() as session:
            ids = [ensure_tag(session, tag) for tag in tags]
        changes.tags = True
        return ids

    def _to_parse(
        self, candidates: list[Candidate], outcomes: Outcomes
    ) -> Iterator[_Pending]:
        """The files that need parsing, hashed a few at a time as the workers ask for more.

        The others get their outcome here: unreadable files, and copies of files already in
        the library or earlier in the batch.
        """
        first_in_batch: dict[str, int] = {}
        for group in _hash_groups(len(candidates)):
            hashed: list[_Pending] = []
            for position in group:
                candidate = candidates[position]
                reason = candidate.problem
                if not reason:
                    try:
                        size = candidate.path.stat().st_size
                        digest = sha256_of(candidate.path)
                    except OSError as exc:
                        reason = f"cannot read the file ({exc.strerror or exc})"
                if reason:
                    outcomes[position] = FileOutcome(str(candidate.path), "failed", reason=reason)
                    self._emit(outcomes[position])
                    continue
                hashed.append(_Pending(position, candidate.path, digest, size))
            known = self._known_hashes([item.sha256 for item in hashed])
            for item in hashed:
                if item.sha256 in known:
                    outcomes[item.position] = FileOutcome(
                        str(item.path), "duplicate", duplicate_of=known[item.sha256],
                        reason="same file",
                    )
                    self._known_copies.append(item.position)
                    self._emit(outcomes[item.position])
                elif item.sha256 in first_in_batch:
                    # Decided once the first copy is: see _resolve_same_file_later.
                    first = first_in_batch[item.sha256]
                    self._same_file_later.append((item.position, first, str(item.path)))
                    self._resolve_same_file_later(outcomes)
                else:
                    first_in_batch[item.sha256] = item.position
                    yield item

    def _tag_known(self, outcomes: Outcomes, tag_ids: list[int]) -> Changes:
        """Files already in the library still get the batch's tags (a drop onto a tag)."""
        changes = Changes()
        papers = {
            duplicate_of
            for position in self._known_copies
            if (outcome := outcomes[position]) is not None
            and (duplicate_of := outcome.duplicate_of) is not None
        }
        if papers:
            with self.library.writing() as session:
                for paper_id in sorted(papers):
                    _tag(session, paper_id, tag_ids, changes)
        if changes:
            self.library.publish(changes)
        return changes

    def _known_hashes(self, hashes: list[str]) -> dict[str, int]:
        with self.library.reading() as session:
            return papers_by_hash(session, hashes)

    def _bands(self) -> BandIndex:
        """The library's text-sketch keys, read at the first commit: reading them before
        the workers get their first files would keep the workers waiting."""
        if self._band_index is None:
            self._band_index = BandIndex()
            with self.library.reading() as session:
                for paper_id, value in session.execute(
                    select(Paper.id, Paper.sketch_keys).where(Paper.sketch_keys != "")
                ):
                    self._band_index.add(paper_id, value)
        return self._band_index

    @staticmethod
    def _batch_due(batch: _Batch) -> bool:
        size = len(batch.items) + len(batch.failures)
        waited = time.monotonic() - batch.started
        return size >= COMMIT_EVERY_FILES or (size > 0 and waited >= COMMIT_EVERY_SECONDS)

    def _commit(
        self,
        batch: _Batch,
        outcomes: Outcomes,
        tag_ids: list[int],
    ) -> Changes:
        changes = Changes()
        if not batch.items and not batch.failures:
            self._resolve_same_file_later(outcomes)
            return changes
        bands = self._bands()
        decided: dict[int, FileOutcome] = {}
        root = self.library.paths.root
        # The copies are on disk before the database commit that refers to them.
        with self.library.writing() as session, StagedCopies(root) as copies:
            # Files added by another import since they were hashed (the write lock is held).
            known = papers_by_hash(session, [item.sha256 for item in batch.items])
            rows = PendingRows()
            for item in batch.items:
                decided[item.position] = self._add_one(
                    session, item, tag_ids, bands, changes, rows, copies, known.get(item.sha256)
                )
            rows.write(session)
            added = [o.paper_id for o in decided.values() if o.status == "added" and o.paper_id]
            queue_for_index(session, added)
            for position in batch.failures:
                failed = outcomes[position]
                assert failed is not None
                decided[position] = failed
            write_log(session, self.batch_id, list(decided.values()))
        for position, outcome in decided.items():
            outcomes[position] = outcome
            self._emit(outcome)
        self._resolve_same_file_later(outcomes)
        if changes:
            self.library.publish(changes)
        return changes

    def _resolve_same_file_later(self, outcomes: Outcomes) -> None:
        remaining = []
        for position, first, path in self._same_file_later:
            first_outcome = outcomes[first]
            if first_outcome is None:
                remaining.append((position, first, path))
                continue
            target = first_outcome.paper_id or first_outcome.duplicate_of
            if target is None:
                outcomes[position] = FileOutcome(path, "failed", reason=first_outcome.reason)
            else:
                outcomes[position] = FileOutcome(
                    path, "duplicate", duplicate_of=target, reason="same file"
                )
            self._emit(outcomes[position])
        self._same_file_later = remaining

    def _add_one(
        self,
        session: Session,
        item: _Pending,
        tag_ids: list[int],
        bands: BandIndex,
        changes: Changes,
        rows: PendingRows,
        copies: StagedCopies,
        existing: int | None,
    ) -> FileOutcome:
        analysis = item.analysis
        assert analysis is not None
        path = path_text(item.path)
        if existing is not None:
            _tag(session, existing, tag_ids, changes)
            return FileOutcome(path, "duplicate", duplicate_of=existing, reason="same file")
        chosen = self._attach_to.get(item.path)
        if chosen is not None:
            match: Match | None = Match("attach", chosen, "chosen by the user")
        else:
            match = find_match(session, analysis, bands, rows)
        if match is not None and match.kind == "duplicate":
            _tag(session, match.paper_id, tag_ids, changes)
            return FileOutcome(
                path, "duplicate", duplicate_of=match.paper_id, reason=match.reason
            )
        # A name that is not valid text cannot be stored to be opened again: copy it.
        if not self.copy_files and is_text_path(linked := item.path.resolve()):
            stored = str(linked)
        else:
            stored = copies.stage(item.path, item.sha256)
        file = file_row(item.sha256, item.size, stored, path)
        if match is not None and match.kind == "attach":
            paper = session.get_one(Paper, match.paper_id)
            fill_missing(paper, analysis)
            paper.flags = " ".join(sorted(paper.flag_set - {"no_pdf"}))
            session.add(File(**{**file, "paper_id": paper.id}))
            # The entry the PDF is attached to may have text already.
            session.merge(PaperText(**text_row(paper.id, analysis)))
            paper_id, title, flags = paper.id, paper.title, paper.flag_set | {"attached"}
            changes.updated.add(paper_id)
        else:
            paper_id = rows.add_paper(session, analysis, file)
            title, flags = analysis.metadata.title, set(analysis.flags)
            changes.added.add(paper_id)
            if match is not None and match.kind == "version":
                _link_versions(session, paper_id, match)
        if analysis.sketch is not None:
            bands.add(paper_id, analysis.sketch.bands)
        _tag(session, paper_id, tag_ids, changes)
        return FileOutcome(
            path, "added", paper_id=paper_id, flags=sorted(flags),
            version_of=match.paper_id if match and match.kind == "version" else None,
            title=title, pages=analysis.page_count, seconds=item.seconds,
        )

    def _emit(self, outcome: FileOutcome | None) -> None:
        if self.on_outcome is not None and outcome is not None:
            self.on_outcome(outcome)

    def _report(
        self, state: ImportProgress, outcomes: Outcomes, started: float
    ) -> None:
        if self.progress is None:
            return
        state.done = outcomes.decided
        state.added = outcomes.counts["added"]
        state.duplicates = outcomes.counts["duplicate"]
        state.failed = outcomes.counts["failed"]
        state.elapsed = time.monotonic() - started
        self.progress(state)


def _link_versions(session: Session, paper_id: int, match: Match) -> None:
    other = session.get_one(Paper, match.paper_id)
    work = other.work_id or other.id
    other.work_id = work
    session.get_one(Paper, paper_id).work_id = work
    touch(session, [other.id])


def _hash_groups(count: int) -> Iterator[range]:
    start, size = 0, 1
    while start < count:
        yield range(start, min(start + size, count))
        start += size
        size = min(2 * size, HASH_AT_ONCE)


def _submit_ahead(
    run: ParseRun, feed: Iterator[_Pending], pending: dict[int, _Pending], ahead: tuple[int, int]
) -> None:
    least, most = ahead
    while (waiting := run.waiting) < least or (waiting < most and not run.ready):
        item = next(feed, None)
        if item is None:
            run.finish_input()
            return
        pending[item.position] = item
        run.submit(item.position, item.path)


def _tag(session: Session, paper_id: int, tag_ids: list[int], changes: Changes) -> None:
    if not tag_ids:
        return
    have = set(session.scalars(select(PaperTag.tag_id).where(PaperTag.paper_id == paper_id)))
    new = [tag_id for tag_id in tag_ids if tag_id not in have]
    for tag_id in new:
        session.add(PaperTag(paper_id=paper_id, tag_id=tag_id))
    if new:
        session.flush()
        touch(session, [paper_id])
        changes.updated.add(paper_id)
        changes.tags = True
