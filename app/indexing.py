"""Keeping the search index in step with the database (rule 2: the index is derived data).

The `index_queue` table lists papers the index still owes. `sync_index` turns queue rows into
index documents built from the database alone and clears only the rows it handled, so a row
re-queued meanwhile (a newer change) stays for the next sync. `reindex` rebuilds everything.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from app.changes import Changes
from app.db.models import IndexQueue, Paper, PaperText
from app.importing.job import unpack_pages
from app.library import Library, queue_all
from app.tags import TagTree
from app.views import as_utc
from search.documents import PaperDoc

BATCH = 500


def load_docs(session: Session, paper_ids: Iterable[int]) -> list[PaperDoc]:
    """Index documents for the papers that exist among `paper_ids`."""
    ids = list(paper_ids)
    tree = TagTree(session)
    papers = session.scalars(select(Paper).where(Paper.id.in_(ids))).all()
    texts: dict[int, bytes] = {
        paper_id: data
        for paper_id, data in session.execute(
            select(PaperText.paper_id, PaperText.data).where(PaperText.paper_id.in_(ids))
        )
    }
    docs = []
    for paper in papers:
        pages = unpack_pages(texts.get(paper.id, b""))
        docs.append(
            PaperDoc(
                paper_id=paper.id,
                revision=paper.revision,
                title=paper.title,
                authors=paper.author_names,
                abstract=paper.abstract,
                pages=pages,
                tags=sorted(tree.path(link.tag_id) for link in paper.tag_links),
                year=paper.year,
                status=paper.status,
                notes=paper.notes,
                venue=paper.venue,
                added=as_utc(paper.added_at),
            )
        )
    return docs


@dataclass(frozen=True, slots=True)
class SyncResult:
    indexed: int
    removed: int


def sync_index(library: Library) -> SyncResult:
    """Apply everything the queue holds to the index; returns how much was done."""
    index = library.index
    indexed = removed = 0
    while True:
        with library.reading() as session:
            rows = session.execute(
                select(IndexQueue.paper_id, IndexQueue.queued_at).limit(BATCH)
            ).all()
            if not rows:
                break
            docs = load_docs(session, [row.paper_id for row in rows])
        present = {doc.paper_id for doc in docs}
        gone = [row.paper_id for row in rows if row.paper_id not in present]
        index.upsert(docs)
        index.delete(gone)
        index.commit()
        indexed += len(docs)
        removed += len(gone)
        library.publish(Changes(index=True))
        with library.writing() as session:
            for row in rows:
                session.execute(
                    delete(IndexQueue).where(
                        IndexQueue.paper_id == row.paper_id,
                        IndexQueue.queued_at == row.queued_at,
                    )
                )
    return SyncResult(indexed, removed)


def reindex(library: Library) -> SyncResult:
    """Rebuild the whole index from the database (no PDF is read)."""
    index = library.index
    with library.writing() as session:
        queue_all(session)
    index.clear()
    index.commit()
    return sync_index(library)
