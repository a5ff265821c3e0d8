"""The library: one folder holding the database, the search index and the stored PDFs.

`Library` is the one entry point for the CLI and the GUI. Write operations run in a single
SQLite write transaction, queue the touched papers for the index in that same transaction
(so a crash between the database commit and the index commit heals on the next open), and
return a `Changes` that is also published to subscribers.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, delete, select
from sqlalchemy.dialects.sqlite import insert
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, configure_mappers

from app.changes import Changes
from app.db.engine import WRITE_OPTION, open_database
from app.db.models import IndexQueue, Paper, utcnow
from app.errors import DiskFullError, LibraryBusyError, LibraryOpenError, NotFoundError
from app.paths import LibraryPaths, default_library_dir, is_text_path, path_text
from app.tags import TagTree
from app.views import PaperView, paper_view

if TYPE_CHECKING:
    from search.index import SearchIndex

log = logging.getLogger("lectern.library")
Listener = Callable[[Changes], None]


class Library:
    """An open library. Thread-safe for reads; writes serialize on SQLite's write lock."""

    def __init__(self, paths: LibraryPaths, engine: Engine) -> None:
        self.paths = paths
        self.engine = engine
        self._write_engine = engine.execution_options(**{WRITE_OPTION: True})
        self._listeners: list[Listener] = []
        self._index: SearchIndex | None = None
        self._index_lock = threading.RLock()
        self._watch_connection: sqlite3.Connection | None = None
        self._seen_data_version: int | None = None
        self._wrote_since_check = False

    @classmethod
    def open(cls, root: Path | None = None) -> Library:
        """Open the library at `root` (default: LECTERN_LIBRARY or the user data folder)."""
        paths = LibraryPaths(root or default_library_dir())
        if not is_text_path(paths.root):
            # The search index and the database take their locations as UTF-8 text.
            raise LibraryOpenError(
                f"The library folder's name ({path_text(paths.root)}) is not valid text. "
                "Choose a folder whose name has no undecodable bytes."
            )
        try:
            paths.create()
        except OSError as exc:
            raise LibraryOpenError(
                f"Cannot create the library folder {paths.root}: {exc.strerror}. "
                "Choose a folder you can write to (--library DIR or LECTERN_LIBRARY)."
            ) from exc
        engine = open_database(paths.database)
        with contextlib.suppress(OSError):
            paths.database.chmod(0o600)
        # Done once per process, here rather than by whatever query comes first (an import's
        # first duplicate check, for one, while its workers wait for their first files).
        configure_mappers()
        return cls(paths, engine)

    def poll_data_version(self) -> tuple[bool, bool]:
        """(moved, foreign): did anything commit since the last poll, and did anyone but
        this Library (the CLI, a second window) commit?

        Uses SQLite's `data_version`, which moves for other connections' commits — this
        Library's own pooled connections included, hence the own-write flag. Cheap enough
        to poll from a GUI timer.
        """
        if self._watch_connection is None:
            self._watch_connection = sqlite3.connect(self.paths.database, timeout=1)
        try:
            (version,) = self._watch_connection.execute("PRAGMA data_version").fetchone()
        except sqlite3.Error:
            return False, False
        moved = self._seen_data_version is not None and version != self._seen_data_version
        self._seen_data_version = int(version)
        own, self._wrote_since_check = self._wrote_since_check, False
        # With an own write in the same interval a foreign one cannot be told apart; the
        # caller compares what it can see (the paper ids) to catch additions and removals.
        return moved, moved and not own

    def changed_elsewhere(self) -> bool:
        """True when another process committed since the last call (see poll_data_version)."""
        return self.poll_data_version()[1]

    def close(self) -> None:
        if self._watch_connection is not None:
            self._watch_connection.close()
            self._watch_connection = None
        with self._index_lock:
            if self._index is not None:
                self._index.close()
                self._index = None
        self.engine.dispose()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # sessions -----------------------------------------------------------------------------

    @contextlib.contextmanager
    def reading(self) -> Iterator[Session]:
        """A read-only session (a consistent snapshot while it lasts)."""
        with Session(self.engine, expire_on_commit=False) as session, session.begin():
            yield session

    @contextlib.contextmanager
    def writing(self) -> Iterator[Session]:
        """One write transaction: committed on normal exit, rolled back on an exception."""
        try:
            with (
                Session(self._write_engine, expire_on_commit=False) as session,
                session.begin(),
            ):
                yield session
            self._wrote_since_check = True
        except OperationalError as exc:
            text = str(exc.orig)
            if "locked" in text or "busy" in text:
                raise LibraryBusyError(
                    "The library is busy with another long operation; try again in a moment."
                ) from exc
            if "full" in text:
                raise DiskFullError(
                    f"The disk holding the library ({self.paths.root}) is full. Free some "
                    "space and try again; nothing that was saved before was lost."
                ) from exc
            if "readonly" in text:
                raise LibraryOpenError(
                    f"The library at {self.paths.root} is read-only; changes cannot be saved."
                ) from exc
            raise

    # events -------------------------------------------------------------------------------

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call `listener(changes)` after every write; returns an unsubscribe function."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    def publish(self, changes: Changes) -> Changes:
        if changes:
            for listener in list(self._listeners):
                listener(changes)
        return changes

    # papers -------------------------------------------------------------------------------

    def papers(self, ids: Iterable[int] | None = None, tag: str | None = None) -> list[PaperView]:
        """Views of papers (all, the given ids, or those under `tag`), newest first."""
        from app.tags import papers_in_subtree, require_tag

        with self.reading() as session:
            tree = TagTree(session)
            query = select(Paper).order_by(Paper.added_at.desc(), Paper.id.desc())
            if tag is not None:
                node = require_tag(session, tag)
                query = query.where(Paper.id.in_(papers_in_subtree(session, node.id)))
            if ids is not None:
                query = query.where(Paper.id.in_(list(ids)))
            papers = session.scalars(query).all()
            paths = {tag_id: node.path for tag_id, node in tree.nodes.items()}
            return [paper_view(p, paths, self.paths.root) for p in papers]

    def paper(self, paper_id: int) -> PaperView:
        """One paper's view; NotFoundError if there is none with that id."""
        found = self.papers([paper_id])
        if not found:
            raise NotFoundError(f"There is no paper {paper_id}.")
        return found[0]

    def paper_count(self) -> int:
        from sqlalchemy import func

        with self.reading() as session:
            return int(session.scalar(select(func.count(Paper.id))) or 0)

    # the search index ---------------------------------------------------------------------

    @property
    def index(self) -> SearchIndex:
        """The search index, opened on first use; a rebuilt (new) index is refilled."""
        with self._index_lock:
            if self._index is None:
                from search.index import SearchIndex

                self._index = SearchIndex.open(self.paths.index)
                if self._index.needs_rebuild:
                    with self.writing() as session:
                        queue_all(session)
            return self._index


def touch(session: Session, paper_ids: Iterable[int]) -> None:
    """Mark papers changed: bump their revision and queue them for the index."""
    ids = list(set(paper_ids))
    if not ids:
        return
    now = utcnow()
    for paper in session.scalars(select(Paper).where(Paper.id.in_(ids))):
        paper.revision += 1
        paper.updated_at = now
    queue_for_index(session, ids)


def queue_for_index(session: Session, paper_ids: Iterable[int]) -> None:
    """Record that the index owes these papers an update (or a removal)."""
    now = utcnow()
    rows = [{"paper_id": pid, "queued_at": now} for pid in set(paper_ids)]
    if rows:
        statement = insert(IndexQueue).values(rows)
        session.execute(
            statement.on_conflict_do_update(
                index_elements=["paper_id"], set_={"queued_at": statement.excluded.queued_at}
            )
        )


def queue_all(session: Session) -> None:
    session.execute(delete(IndexQueue))
    queue_for_index(session, session.scalars(select(Paper.id)).all())
