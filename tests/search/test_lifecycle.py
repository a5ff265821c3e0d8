"""Opening, writing, committing, sharing a folder between index objects and processes."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from search.folder import VERSION_FILE
from search.index import SearchIndex
from search.schema import SCHEMA_VERSION
from search.writer import IndexBusyError, WriterSlot
from tests.search.conftest import ids, paper

REPO = Path(__file__).resolve().parents[2]


def test_a_new_index_asks_to_be_filled_and_a_reopened_one_does_not(tmp_path: Path) -> None:
    with SearchIndex.open(tmp_path / "index") as first:
        assert first.needs_rebuild
        first.upsert([paper(1, pages=["kernel"])])
        first.commit()
    with SearchIndex.open(tmp_path / "index") as again:
        assert not again.needs_rebuild
        assert ids(again.search("kernel")) == [1]


def test_a_schema_version_change_wipes_and_asks_for_a_rebuild(tmp_path: Path) -> None:
    with SearchIndex.open(tmp_path / "index") as index:
        index.upsert([paper(1, pages=["kernel"])])
        index.commit()
    version = tmp_path / "index" / VERSION_FILE
    version.write_text(json.dumps({"schema_version": SCHEMA_VERSION - 1}), encoding="utf-8")
    with SearchIndex.open(tmp_path / "index") as reopened:
        assert reopened.needs_rebuild
        assert reopened.search("").total == 0
        assert reopened.stamps() == {}
    assert json.loads(version.read_text(encoding="utf-8")) == {"schema_version": SCHEMA_VERSION}


def test_an_unreadable_index_is_recreated(tmp_path: Path) -> None:
    with SearchIndex.open(tmp_path / "index") as index:
        index.upsert([paper(1, pages=["kernel"])])
        index.commit()
    (tmp_path / "index" / "meta.json").write_text("{ not json", encoding="utf-8")
    with SearchIndex.open(tmp_path / "index") as reopened:
        assert reopened.needs_rebuild
        assert reopened.search("kernel").total == 0


def test_a_folder_that_is_not_an_index_is_never_emptied(tmp_path: Path) -> None:
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    (folder / "keep.txt").write_text("mine", encoding="utf-8")
    with SearchIndex.open(folder) as index:
        assert index.needs_rebuild
    assert (folder / "keep.txt").read_text(encoding="utf-8") == "mine"


def test_changes_are_visible_only_after_commit(index: SearchIndex) -> None:
    index.upsert([paper(1, pages=["spectral clustering"])])
    assert index.search("spectral").total == 0
    assert index.writing
    index.commit()
    assert not index.writing
    assert ids(index.search("spectral")) == [1]


def test_upsert_replaces_the_whole_paper(index: SearchIndex) -> None:
    index.upsert([paper(1, pages=["old words", "more old words"], tags=["a"])])
    index.commit()
    index.upsert([paper(1, revision=2, pages=["new text"], tags=["b"])])
    index.commit()
    assert index.search("old").total == 0
    results = index.search("new")
    assert ids(results) == [1]
    assert results.hits[0].pages == [0]
    assert results.tag_counts == {"b": 1}
    assert index.stamps() == {1: 2}


def test_the_last_version_of_a_paper_in_one_batch_wins(index: SearchIndex) -> None:
    index.upsert([paper(1, revision=1, pages=["first"]), paper(1, revision=2, pages=["second"])])
    index.commit()
    assert index.stamps() == {1: 2}
    assert index.search("first").total == 0


def test_delete_and_clear(index: SearchIndex) -> None:
    index.upsert([paper(n, pages=[f"common page{n}"]) for n in range(1, 5)])
    index.commit()
    index.delete([2, 3, 99])
    index.commit()
    assert set(ids(index.search("common"))) == {1, 4}
    assert index.search("page2").total == 0
    assert index.stamps() == {1: 1, 4: 1}
    index.clear()
    index.commit()
    assert index.search("").total == 0
    assert index.stamps() == {}


def test_stamps_report_every_paper_and_its_revision(index: SearchIndex) -> None:
    index.upsert([paper(n, revision=n * 10, pages=["x"] if n % 2 else []) for n in range(1, 8)])
    index.commit()
    assert index.stamps() == {n: n * 10 for n in range(1, 8)}


def test_close_drops_uncommitted_changes_and_frees_the_writer(tmp_path: Path) -> None:
    index = SearchIndex.open(tmp_path / "index")
    index.upsert([paper(1, pages=["kernel"])])
    index.close()
    with SearchIndex.open(tmp_path / "index", wait_seconds=0.2) as other:
        assert other.search("kernel").total == 0
        other.upsert([paper(2, pages=["kernel"])])
        other.commit()
        assert ids(other.search("kernel")) == [2]


def test_two_objects_share_a_folder(tmp_path: Path) -> None:
    with (
        SearchIndex.open(tmp_path / "index", wait_seconds=0.3) as gui,
        SearchIndex.open(tmp_path / "index", wait_seconds=0.3) as cli,
    ):
        gui.upsert([paper(1, pages=["written by the first"])])
        with pytest.raises(IndexBusyError):
            cli.upsert([paper(2, pages=["written by the second"])])
        gui.commit()
        assert ids(cli.search("first")) == [1]
        cli.upsert([paper(2, pages=["written by the second"])])
        cli.commit()
        assert ids(gui.search("second")) == [2]
        assert gui.stamps() == cli.stamps() == {1: 1, 2: 1}


def test_another_process_commits_are_seen_by_the_next_search(tmp_path: Path) -> None:
    with SearchIndex.open(tmp_path / "index") as index:
        assert index.search("elsewhere").total == 0
        script = textwrap.dedent(
            f"""
            from pathlib import Path
            from search.index import SearchIndex
            from tests.search.conftest import paper
            with SearchIndex.open(Path({str(tmp_path / "index")!r})) as other:
                other.upsert([paper(7, pages=["written elsewhere"])])
                other.commit()
            """
        )
        subprocess.run([sys.executable, "-c", script], cwd=REPO, check=True, timeout=120)
        assert ids(index.search("elsewhere")) == [7]
        index.upsert([paper(8, pages=["and here"])])
        index.commit()
        assert index.stamps() == {7: 1, 8: 1}


class _BusyIndex:
    """Stands in for a tantivy Index whose writer lock is held a few times."""

    def __init__(self, busy_times: int) -> None:
        self.busy_times = busy_times
        self.calls = 0

    def writer(self, heap: int, threads: int) -> str:
        self.calls += 1
        if self.calls <= self.busy_times:
            raise ValueError("Failed to acquire Lockfile: LockBusy.")
        return "writer"


def test_writer_acquisition_backs_off_then_succeeds() -> None:
    sleeps: list[float] = []
    slot = WriterSlot(_BusyIndex(4), heap_bytes=1, threads=1, sleep=sleeps.append)
    assert slot.get() == "writer"
    assert slot.held
    assert len(sleeps) == 4
    assert sleeps == sorted(sleeps) and sleeps[-1] > sleeps[0]


def test_writer_acquisition_gives_up_after_the_bound() -> None:
    now = [0.0]

    def sleep(seconds: float) -> None:
        now[0] += seconds

    slot = WriterSlot(
        _BusyIndex(10_000),
        heap_bytes=1,
        threads=1,
        wait_seconds=5.0,
        sleep=sleep,
        clock=lambda: now[0],
    )
    with pytest.raises(IndexBusyError, match="another Lectern process"):
        slot.get()
    assert now[0] == pytest.approx(5.0)
    assert not slot.held


def test_other_writer_errors_are_not_mistaken_for_a_busy_lock() -> None:
    class Broken:
        def writer(self, heap: int, threads: int) -> str:
            raise ValueError("heap too small")

    with pytest.raises(ValueError, match="heap too small"):
        WriterSlot(Broken(), heap_bytes=1, threads=1).get()
