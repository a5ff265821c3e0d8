"""The library facade and edits: tags as a tree, statuses, notes, change events."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.changes import Changes
from app.db.models import Paper
from app.editing import remove_papers, set_note, set_status, tag_papers, update_fields
from app.errors import InvalidInputError, NotFoundError
from app.library import Library
from app.tags import TagTree, delete_tag, ensure_tag, merge_tags, move_tag, rename_tag


def _paper(library: Library, title: str) -> int:
    with library.writing() as session:
        paper = Paper(title=title)
        session.add(paper)
        session.flush()
        return paper.id


def test_changes_by_another_connection_are_noticed(tmp_path: Path) -> None:
    with Library.open(tmp_path / "lib") as watcher, Library.open(tmp_path / "lib") as writer:
        assert not watcher.changed_elsewhere()
        paper_id = _paper(writer, "Noticed")
        assert watcher.changed_elsewhere()
        assert not watcher.changed_elsewhere()
        set_note(writer, paper_id, "hello")
        assert watcher.changed_elsewhere()


def test_tag_paths_create_nested_tags_once(library: Library) -> None:
    first, second = _paper(library, "A"), _paper(library, "B")
    seen: list[Changes] = []
    library.subscribe(seen.append)
    tag_papers(library, [first, second], add=["theory/kernels", "Theory/Kernels "])
    with library.reading() as session:
        paths = sorted(node.path for node in TagTree(session).nodes.values())
    assert paths == ["theory", "theory/kernels"]
    assert library.paper(first).tags == ["theory/kernels"]
    assert seen and seen[-1].updated == {first, second} and seen[-1].tags
    assert [p.id for p in library.papers(tag="theory")] == [second, first]


def test_rename_move_merge_and_delete_keep_papers(library: Library) -> None:
    paper = _paper(library, "Kept")
    tag_papers(library, [paper], add=["ml/robustness", "safety"])
    with library.writing() as session:
        rename_tag(session, "ml/robustness", "adversarial")
        move_tag(session, "safety", "ml")
    assert library.paper(paper).tags == ["ml/adversarial", "ml/safety"]
    with library.writing() as session:
        tree = TagTree(session)
        source, target = tree.find("ml/safety"), tree.find("ml/adversarial")
        assert source is not None and target is not None
        merge_tags(session, source.id, target.id)
    assert library.paper(paper).tags == ["ml/adversarial"]
    with library.writing() as session:
        assert delete_tag(session, "ml") == {paper}
    assert library.paper(paper).tags == []
    assert library.paper(paper).title == "Kept"


def test_tag_cannot_move_into_its_own_subtree(library: Library) -> None:
    with library.writing() as session:
        ensure_tag(session, "a/b/c")
    with pytest.raises(InvalidInputError), library.writing() as session:
        move_tag(session, "a", "a/b")


@pytest.mark.parametrize("bad", ["", "/", " / / ", "/".join(["x"] * 1000)])
def test_unusable_tag_paths_are_clear_errors(library: Library, bad: str) -> None:
    paper = _paper(library, "P")
    with pytest.raises(InvalidInputError):
        tag_papers(library, [paper], add=[bad])


def test_unicode_and_rtl_tag_names_round_trip(library: Library) -> None:
    paper = _paper(library, "P")
    tag_papers(library, [paper], add=["علم/théorie", "数学"])
    assert sorted(library.paper(paper).tags) == sorted(["数学", "علم/théorie"])


def test_status_note_and_fields(library: Library) -> None:
    paper = _paper(library, "Draft")
    set_status(library, [paper], "to-read", priority=3)
    set_note(library, paper, "Read **section 4** first.")
    update_fields(library, paper, title="Final Title", year="2021", authors=["A. B", " "],
                  doi="https://doi.org/10.1000/XYZ.")
    view = library.paper(paper)
    assert (view.status, view.priority, view.notes) == ("to_read", 3, "Read **section 4** first.")
    assert (view.title, view.year, view.authors) == ("Final Title", 2021, ["A. B"])
    assert view.doi == "10.1000/xyz"
    with pytest.raises(InvalidInputError):
        set_status(library, [paper], "skimmed")
    with pytest.raises(InvalidInputError):
        update_fields(library, paper, year="next year")


def test_missing_papers_are_named(library: Library) -> None:
    with pytest.raises(NotFoundError, match="There is no paper 404"):
        remove_papers(library, [404])


def test_own_writes_are_not_reported_as_foreign(library: Library) -> None:
    library.changed_elsewhere()
    _paper(library, "Mine")
    assert not library.changed_elsewhere()
