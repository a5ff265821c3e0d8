"""Files of one commit batch are matched against the papers added before them in it."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select

from app.db.models import File, ImportLog, Paper, PaperAuthor, PaperText
from app.importing.job import unpack_pages
from app.importing.outcome import FileOutcome
from app.importing.pipeline import Importer
from app.library import Library
from tests.pdfgen import make_pdf

BODY = [
    f"Section {i}. " + " ".join(f"term{i}x{j} kernels" for j in range(150)) for i in range(3)
]


def _by_name(outcomes: list[FileOutcome]) -> dict[str, FileOutcome]:
    return {Path(outcome.path).name: outcome for outcome in outcomes}


def test_a_restamped_copy_in_the_same_batch_is_a_duplicate_of_the_first(
    library: Library, tmp_path: Path
) -> None:
    folder = tmp_path / "in"
    make_pdf(folder / "a.pdf", BODY, title="Kernels Restamped in One Batch",
             authors=["Marie Curie", "Pierre Curie"])
    make_pdf(folder / "b.pdf", BODY, title="Kernels Restamped in One Batch",
             authors=["Marie Curie", "Pierre Curie"], metadata={"producer": "stamp 2024"})
    make_pdf(folder / "c.pdf", ["An unrelated note on bandits. " * 40],
             title="Bandits Without Regret", authors=["Ada Lovelace"])

    # One worker: the files are parsed, matched and committed in order, in one batch.
    outcomes = _by_name(Importer(library, workers=1).run([folder]).outcomes)

    first, copy, other = outcomes["a.pdf"], outcomes["b.pdf"], outcomes["c.pdf"]
    assert first.status == "added" and other.status == "added"
    assert (copy.status, copy.duplicate_of, copy.reason) == (
        "duplicate", first.paper_id, "same text"
    )
    with library.reading() as session:
        for outcome in (first, other):
            paper = session.get_one(Paper, outcome.paper_id)
            assert paper.title == outcome.title
            assert paper.revision == 1 and paper.status == "unread"
            file = session.scalars(select(File).where(File.paper_id == paper.id)).one()
            assert file.original_path == outcome.path and file.added_at is not None
            text = session.get_one(PaperText, paper.id)
            assert "kernels" in unpack_pages(text.data)[0] or outcome is other
        names = session.scalars(
            select(PaperAuthor.name)
            .where(PaperAuthor.paper_id == first.paper_id)
            .order_by(PaperAuthor.position)
        ).all()
        assert names == ["Marie Curie", "Pierre Curie"]
        logged = dict(session.execute(select(ImportLog.path, ImportLog.status)).all())
        assert logged == {o.path: o.status for o in outcomes.values()}
        assert session.scalar(select(func.count()).select_from(Paper)) == 2


def test_an_entry_and_a_new_paper_in_one_batch_each_get_their_pdf(
    library: Library, tmp_path: Path
) -> None:
    from app.entries import add_entry

    entry_id, _ = add_entry(
        library, title="Kernels Restamped in One Batch", authors=["Marie Curie"]
    )
    folder = tmp_path / "in"
    make_pdf(folder / "a.pdf", BODY, title="Kernels Restamped in One Batch",
             authors=["Marie Curie", "Pierre Curie"])
    make_pdf(folder / "c.pdf", ["An unrelated note on bandits. " * 40],
             title="Bandits Without Regret", authors=["Ada Lovelace"])

    outcomes = _by_name(Importer(library, workers=1).run([folder]).outcomes)

    attached, added = outcomes["a.pdf"], outcomes["c.pdf"]
    assert attached.paper_id == entry_id and "attached" in attached.flags
    assert added.status == "added" and added.paper_id != entry_id
    with library.reading() as session:
        files = dict(session.execute(select(File.paper_id, File.original_path)).all())
        assert files == {entry_id: attached.path, added.paper_id: added.path}
        assert session.get_one(Paper, entry_id).flags == ""
        assert session.get_one(PaperText, entry_id).page_count == 3


def test_two_arxiv_versions_in_one_batch_are_linked_as_one_work(
    library: Library, tmp_path: Path
) -> None:
    folder = tmp_path / "in"
    for version, words in ((1, "preliminary"), (2, "revised")):
        body = [f"arXiv:2101.01234v{version} [cs.LG] 3 Jan 2021. " + " ".join(
            f"{words}{j} results" for j in range(page * 100, page * 100 + 100)
        ) for page in range(3)]
        make_pdf(folder / f"v{version}.pdf", body, title="Bandits in One Batch",
                 authors=["Emmy Noether"])

    outcomes = _by_name(Importer(library, workers=1).run([folder]).outcomes)

    first, second = outcomes["v1.pdf"], outcomes["v2.pdf"]
    assert first.status == "added" and second.status == "added"
    assert second.version_of == first.paper_id
    with library.reading() as session:
        works = {session.get_one(Paper, o.paper_id).work_id for o in (first, second)}
        assert works == {first.paper_id}
        names = session.scalars(
            select(PaperAuthor.name).where(PaperAuthor.paper_id == second.paper_id)
        ).all()
        assert names == ["Emmy Noether"]
