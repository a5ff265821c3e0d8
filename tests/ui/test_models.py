"""Item models: each passes Qt's model tester; the result model loads rows a chunk at a time."""

from __future__ import annotations

import pytest
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.importing.outcome import FileOutcome
from app.library import Library
from app.tags import TagTree
from tests.ui.conftest import insert_papers
from ui.counts import load_counts
from ui.listing import CHUNK, ListingRequest, Scope, load_listing
from ui.models.outcomes import OutcomeModel
from ui.models.results import ResultsModel
from ui.models.tags import TagTreeModel
from ui.ops import OpRunner
from ui.queries import View


@pytest.fixture
def runner(library: Library) -> OpRunner:
    ops = OpRunner(library)
    yield ops
    ops.shutdown()


def test_results_model_loads_only_the_chunks_asked_for(
    qtbot: QtBot, qtmodeltester: ModelTester, library: Library, runner: OpRunner
) -> None:
    insert_papers(library, 1000)
    listing = load_listing(library, ListingRequest(), frozenset())
    assert listing.total == 1000
    assert set(listing.rows) == set(range(CHUNK)), "only the first chunk comes with the listing"
    model = ResultsModel(runner)
    model.set_listing(listing)

    far = model.index(5 * CHUNK + 7)
    with qtbot.waitSignal(model.rowsLoaded) as blocker:
        assert model.data(far, ResultsModel.RowRole) is None, "not loaded until asked for"
    assert blocker.args == [5 * CHUNK, 6 * CHUNK - 1]
    row = model.data(far, ResultsModel.RowRole)
    assert row is not None and row.paper.id == model.paper_id(5 * CHUNK + 7)
    assert set(model.listing.rows) == set(range(CHUNK)) | set(range(5 * CHUNK, 6 * CHUNK))

    qtmodeltester.check(model)


def test_results_model_refreshes_in_place_for_the_same_ids(
    qtbot: QtBot, library: Library, runner: OpRunner
) -> None:
    insert_papers(library, 10)
    model = ResultsModel(runner)
    model.set_listing(load_listing(library, ListingRequest(), frozenset()))
    with qtbot.assertNotEmitted(model.modelReset):
        model.set_listing(load_listing(library, ListingRequest(), frozenset()))
    with qtbot.waitSignal(model.modelReset):
        model.set_listing(load_listing(library, ListingRequest(sort="title"), frozenset()))


def test_tag_model_shows_views_then_nested_tags_with_counts(
    qtmodeltester: ModelTester, library: Library
) -> None:
    insert_papers(library, 3, tag="theory/kernels")
    insert_papers(library, 2, tag="theory")
    insert_papers(library, 4)
    model = TagTreeModel()
    with library.reading() as session:
        model.set_tags(TagTree(session).nodes.values())
    model.set_counts(load_counts(library, "", frozenset()))

    names = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert names[:6] == [
        "All papers",
        "Reading queue",
        "Recently added",
        "Untagged",
        "Duplicates & versions",
        "Needs attention",
    ]
    assert names[6] == "Tags"
    theory = model.index_for_tag("theory")
    kernels = model.index_for_tag("theory/kernels")
    assert kernels.parent() == theory
    assert theory.data(TagTreeModel.CountRole) == 5
    assert kernels.data(TagTreeModel.CountRole) == 3
    assert model.index_for_view(View.ALL).data(TagTreeModel.CountRole) == 9
    assert model.index_for_view(View.UNTAGGED).data(TagTreeModel.CountRole) == 4
    assert model.index_for_view(View.RECENT).data(TagTreeModel.CountRole) == 9

    qtmodeltester.check(model)


def test_browse_listing_of_a_tag_covers_its_subtree(library: Library) -> None:
    sub = insert_papers(library, 3, tag="theory/kernels")
    top = insert_papers(library, 2, tag="theory")
    insert_papers(library, 4)
    listing = load_listing(library, ListingRequest(scope=Scope(tag="theory")), frozenset())
    assert sorted(pid for pid in listing.ids if pid is not None) == sorted(sub + top)


def test_outcome_model(qtmodeltester: ModelTester) -> None:
    model = OutcomeModel()
    model.append(
        [
            FileOutcome("/tmp/a.pdf", "added", paper_id=1, title="A paper"),
            FileOutcome("/tmp/b.pdf", "duplicate", duplicate_of=1, reason="same file"),
            FileOutcome("/tmp/c.pdf", "failed", reason="not a PDF"),
        ]
    )
    assert model.counts() == {"added": 1, "duplicate": 1, "failed": 1}
    assert model.index(1, 2).data() == "duplicate of #1 (same file) — click to show it"
    assert model.index(2, 0).data() == "Failed"
    qtmodeltester.check(model)
