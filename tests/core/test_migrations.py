"""Schema migrations: upgrade from the first schema, backups, and refusing newer databases."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import text

from app.db.engine import MIGRATIONS, create_library_engine, head_revision, open_database
from app.errors import DatabaseTooNewError, LibraryOpenError
from app.library import Library


def _database_at(path: Path, revision: str) -> None:
    engine = create_library_engine(path)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, revision)
    engine.dispose()


def test_upgrade_from_first_schema_keeps_data_and_backs_up(tmp_path: Path) -> None:
    db = tmp_path / "library.sqlite"
    _database_at(db, "0001")
    with sqlite3.connect(db) as conn:
        conn.execute(
            "INSERT INTO papers (title, title_key, first_author_key, abstract, venue, status,"
            " notes, flags, page_count, metadata_source, sketch_keys, added_at, updated_at,"
            " revision) VALUES ('Old paper', 'oldpaper', '', '', '', 'unread', 'kept note', '',"
            " 3, 'layout', '', '2020-01-01 00:00:00', '2020-01-01 00:00:00', 1)"
        )
    engine = open_database(db)
    with engine.connect() as conn:
        row = conn.execute(text("SELECT title, notes, priority, last_page, url FROM papers")).one()
        version = conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one()
    engine.dispose()
    assert tuple(row) == ("Old paper", "kept note", 0, 0, "")
    assert version == head_revision()
    backups = list(tmp_path.glob("library.sqlite.before-*.bak"))
    assert len(backups) == 1
    with sqlite3.connect(backups[0]) as conn:
        assert conn.execute("SELECT title FROM papers").fetchone() == ("Old paper",)


def test_database_from_newer_version_is_refused_untouched(tmp_path: Path) -> None:
    db = tmp_path / "library.sqlite"
    open_database(db).dispose()
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    before = db.read_bytes()
    with pytest.raises(DatabaseTooNewError, match="newer version of Lectern"):
        open_database(db)
    assert db.read_bytes() == before


def test_damaged_database_gives_a_clear_error(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    root.mkdir()
    (root / "library.sqlite").write_bytes(b"this is not a database" * 100)
    with pytest.raises(LibraryOpenError, match="damaged or not a Lectern database"):
        Library.open(root)


def test_library_folder_is_private(tmp_path: Path) -> None:
    with Library.open(tmp_path / "lib") as library:
        assert library.paths.root.stat().st_mode & 0o077 == 0
        assert library.paths.database.stat().st_mode & 0o077 == 0



def test_known_revisions_match_the_migration_scripts() -> None:
    from alembic.script import ScriptDirectory

    from app.db.engine import KNOWN_REVISIONS, _alembic_config

    script = ScriptDirectory.from_config(_alembic_config())
    chain = [rev.revision for rev in script.walk_revisions()]
    assert tuple(reversed(chain)) == KNOWN_REVISIONS
