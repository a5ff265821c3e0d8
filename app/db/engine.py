"""Opening the database: SQLite settings, the version guard, backups and migrations."""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.exc import DatabaseError, OperationalError

from app.errors import DatabaseTooNewError, LibraryOpenError

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).with_name("migrations")
BUSY_TIMEOUT_MS = 30_000
# The revisions in migrations/versions, oldest first (a test keeps this in step). Knowing
# them here means Alembic, slow to import, is loaded only when a migration must run.
KNOWN_REVISIONS = ("0001", "0002")


def _alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head_revision() -> str:
    """The newest schema revision this program knows."""
    return KNOWN_REVISIONS[-1]


def _configure_connection(dbapi_connection: Any, _record: Any) -> None:
    # WAL lets readers (the GUI) and one writer (an import) work at once; a long busy
    # timeout turns a concurrent writer into a short wait instead of "database is locked".
    # synchronous=FULL: a commit reported to the user survives a power cut, not only a kill.
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = FULL")
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.close()


WRITE_OPTION = "lectern_write"


def _begin(conn: Any) -> None:
    # Writers take the write lock at BEGIN: a deferred transaction that upgrades to a writer
    # while another process writes fails at once with SQLITE_BUSY, whatever the busy timeout.
    # Readers begin deferred so they never hold up a writer.
    if conn.get_execution_options().get(WRITE_OPTION):
        conn.exec_driver_sql("BEGIN IMMEDIATE")
    else:
        conn.exec_driver_sql("BEGIN")


def create_library_engine(db_path: Path) -> Engine:
    """An engine on `db_path` with Lectern's SQLite settings (no migration)."""
    engine = create_engine(
        f"sqlite:///{db_path}",
        connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "isolation_level": None},
    )
    event.listen(engine, "connect", _configure_connection)
    event.listen(engine, "begin", _begin)
    return engine


def current_revision(engine: Engine) -> str | None:
    """The schema revision stored in the database (None for a new, empty database)."""
    with engine.connect() as conn:
        has_table = conn.execute(
            text("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'")
        ).first()
        if has_table is None:
            return None
        value = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        return None if value is None else str(value)


def open_database(db_path: Path) -> Engine:
    """Open (creating if needed) and migrate the database; refuse one that is too new."""
    existed = db_path.exists() and db_path.stat().st_size > 0
    engine = create_library_engine(db_path)
    try:
        stored = current_revision(engine)
    except OperationalError as exc:
        engine.dispose()
        raise LibraryOpenError(_operational_message(db_path, exc)) from exc
    except DatabaseError as exc:
        engine.dispose()
        raise LibraryOpenError(
            f"The library database {db_path} is damaged or not a Lectern database ({exc.orig}). "
            "Nothing was changed. Restore library.sqlite from a backup (a "
            "library.sqlite.before-*.bak next to it, or your own), or move it aside to start "
            "afresh and add the PDFs in files/ again."
        ) from exc
    head = head_revision()
    if stored is not None and stored not in KNOWN_REVISIONS:
        engine.dispose()
        raise DatabaseTooNewError(
            f"This library was written by a newer version of Lectern (schema {stored}). "
            "Update Lectern to open it; nothing was changed."
        )
    if stored != head:
        if existed and stored is not None:
            backup_database(db_path, db_path.with_name(f"{db_path.name}.before-{head}.bak"))
        _upgrade(engine)
    return engine


def _operational_message(db_path: Path, exc: OperationalError) -> str:
    text = str(exc.orig).lower()
    if "readonly" in text or "read-only" in text or "unable to open" in text:
        return (
            f"Cannot write to the library at {db_path.parent} (the folder or disk is read-only "
            "or not accessible). Choose a writable folder with --library DIR or LECTERN_LIBRARY."
        )
    if "full" in text:
        return f"The disk holding {db_path.parent} is full. Free some space and start again."
    if "locked" in text or "busy" in text:
        return f"The library at {db_path.parent} is locked by another program; try again."
    return f"Cannot open the library database {db_path}: {exc.orig}"


def _upgrade(engine: Engine) -> None:
    from alembic import command

    config = _alembic_config()
    try:
        with engine.execution_options(**{WRITE_OPTION: True}).begin() as conn:
            config.attributes["connection"] = conn
            command.upgrade(config, "head")
    except OperationalError as exc:
        raise LibraryOpenError(_operational_message(engine_path(engine), exc)) from exc


def engine_path(engine: Engine) -> Path:
    return Path(str(engine.url.database))


def backup_database(source: Path, target: Path) -> None:
    """Copy a live database consistently (SQLite's online backup, WAL included)."""
    with contextlib.closing(sqlite3.connect(source)) as src, contextlib.closing(
        sqlite3.connect(target)
    ) as dst:
        src.backup(dst)
