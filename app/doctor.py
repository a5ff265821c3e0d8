"""`lectern doctor`: is the library healthy, and if not, what exactly is wrong (and fix it)."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select, text

from app.db.models import File, IndexQueue, Paper
from app.indexing import sync_index
from app.library import Library, queue_for_index
from app.store import is_linked, stored_files


@dataclass(slots=True)
class DoctorReport:
    integrity: str = "ok"
    papers: int = 0
    queued: int = 0
    missing_from_index: list[int] = field(default_factory=list)
    stale_in_index: list[int] = field(default_factory=list)
    orphans_in_index: list[int] = field(default_factory=list)
    missing_files: list[int] = field(default_factory=list)
    orphan_files: list[str] = field(default_factory=list)
    fixed: list[str] = field(default_factory=list)

    @property
    def healthy(self) -> bool:
        return self.integrity == "ok" and not any(
            (
                self.queued,
                self.missing_from_index,
                self.stale_in_index,
                self.orphans_in_index,
                self.missing_files,
                self.orphan_files,
            )
        )

    def problems(self) -> list[str]:
        """Each problem in one sentence that says what to do."""
        found: list[str] = []
        if self.integrity != "ok":
            found.append(
                f"The database is damaged ({self.integrity}). Restore library.sqlite from a "
                "backup next to it, or copy the library folder and ask for help."
            )
        if self.queued:
            found.append(f"{self.queued} paper(s) are waiting to be indexed (run with --fix).")
        if self.missing_from_index:
            found.append(f"{len(self.missing_from_index)} paper(s) are missing from the index.")
        if self.stale_in_index:
            found.append(f"{len(self.stale_in_index)} paper(s) are out of date in the index.")
        if self.orphans_in_index:
            found.append(f"{len(self.orphans_in_index)} removed paper(s) are still in the index.")
        if self.missing_files:
            found.append(
                f"{len(self.missing_files)} paper(s) have lost their PDF in files/ "
                "(add the PDF again to restore it)."
            )
        if self.orphan_files:
            found.append(f"{len(self.orphan_files)} file(s) in files/ belong to no paper.")
        return found

    def to_json(self) -> dict[str, Any]:
        return {
            "healthy": self.healthy,
            "integrity": self.integrity,
            "papers": self.papers,
            "queued": self.queued,
            "missing_from_index": self.missing_from_index,
            "stale_in_index": self.stale_in_index,
            "orphans_in_index": self.orphans_in_index,
            "missing_files": self.missing_files,
            "orphan_files": self.orphan_files,
            "problems": self.problems(),
            "fixed": self.fixed,
        }


def examine(library: Library) -> DoctorReport:
    """Check the database, the index and the file store against each other."""
    report = DoctorReport()
    with library.engine.connect() as conn:
        rows = conn.execute(text("PRAGMA integrity_check")).scalars().all()
    report.integrity = "ok" if rows == ["ok"] else "; ".join(str(r) for r in rows[:5])
    with library.reading() as session:
        revisions: dict[int, int] = {
            paper_id: revision
            for paper_id, revision in session.execute(select(Paper.id, Paper.revision))
        }
        queued = set(session.scalars(select(IndexQueue.paper_id)))
        file_rows = session.execute(select(File.paper_id, File.stored_path)).all()
    report.papers = len(revisions)
    report.queued = len(queued)
    stamps = library.index.stamps()
    for paper_id, revision in sorted(revisions.items()):
        if paper_id in queued:
            continue
        if paper_id not in stamps:
            report.missing_from_index.append(paper_id)
        elif stamps[paper_id] != revision:
            report.stale_in_index.append(paper_id)
    report.orphans_in_index = sorted(
        pid for pid in stamps if pid not in revisions and pid not in queued
    )
    on_disk = stored_files(library.paths.root)
    referenced = {stored for _, stored in file_rows}
    report.missing_files = sorted(
        {
            pid
            for pid, stored in file_rows
            if (not Path(stored).is_file() if is_linked(stored) else stored not in on_disk)
        }
    )
    report.orphan_files = sorted(set(on_disk) - referenced)
    return report


def repair(library: Library) -> DoctorReport:
    """Fix what can be fixed without losing anything, then examine again."""
    before = examine(library)
    fixed: list[str] = []
    to_queue = before.missing_from_index + before.stale_in_index + before.orphans_in_index
    if to_queue:
        with library.writing() as session:
            queue_for_index(session, to_queue)
        fixed.append(f"queued {len(to_queue)} paper(s) for the index")
    result = sync_index(library)
    if result.indexed or result.removed:
        fixed.append(f"indexed {result.indexed}, removed {result.removed} from the index")
    for relative in before.orphan_files:
        with contextlib.suppress(OSError):
            (library.paths.root / relative).unlink()
    if before.orphan_files:
        fixed.append(f"deleted {len(before.orphan_files)} orphan file(s) in files/")
    if before.missing_files:
        with library.writing() as session:
            for paper in session.scalars(select(Paper).where(Paper.id.in_(before.missing_files))):
                paper.flags = " ".join(sorted(paper.flag_set | {"missing_file"}))
    after = examine(library)
    after.fixed = fixed
    return after
