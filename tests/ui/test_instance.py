"""A second launch on the same library hands its files to the running instance."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from pytestqt.qtbot import QtBot

from app.library import Library
from tests.e2e.cli_helpers import REPO
from ui.external import ExternalChanges
from ui.instance import InstanceServer, hand_over, server_name


def test_second_launch_hands_over_files(qtbot: QtBot, tmp_path: Path) -> None:
    server = InstanceServer(tmp_path / "lib")
    try:
        assert server.listening
        # The second launch is another process, as in real life.
        script = (
            "import sys; from pathlib import Path; from PySide6.QtCore import QCoreApplication;"
            "from ui.instance import hand_over; app = QCoreApplication([]);"
            f"sys.exit(0 if hand_over(Path({str(tmp_path / 'lib')!r}), "
            "[Path('/papers/a.pdf'), Path('b.pdf')]) else 1)"
        )
        with qtbot.waitSignal(server.activated, timeout=10_000) as received:
            launch = subprocess.Popen([sys.executable, "-c", script], cwd=REPO)
            qtbot.waitUntil(lambda: launch.poll() is not None, timeout=10_000)
        assert launch.returncode == 0
        files = received.args[0]
        assert files[0] == Path("/papers/a.pdf")
        assert files[1].is_absolute() and files[1].name == "b.pdf"
    finally:
        server.close()


def test_no_instance_and_other_libraries_are_separate(qtbot: QtBot, tmp_path: Path) -> None:
    assert not hand_over(tmp_path / "nobody", [])
    assert server_name(tmp_path / "a") != server_name(tmp_path / "b")
    assert server_name(tmp_path / "a") == server_name(tmp_path / "x" / ".." / "a")


def test_writes_by_another_process_are_noticed(qtbot: QtBot, library: Library,
                                               tmp_path: Path) -> None:
    seen = []
    library.subscribe(seen.append)
    watcher = ExternalChanges(library)
    try:
        other = Library.open(library.paths.root)
        with other.writing() as session:
            from app.db.models import Paper

            session.add(Paper(title="Written by the CLI"))
        other.close()
        assert watcher.check()
        assert seen and seen[-1].tags and len(seen[-1].added) == 1
        assert not watcher.check()
    finally:
        watcher.stop()


def test_a_foreign_write_masked_by_an_own_write_is_caught_when_quiet(
    qtbot: QtBot, library: Library
) -> None:
    from app.db.models import Paper

    seen = []
    library.subscribe(seen.append)
    watcher = ExternalChanges(library)
    try:
        with library.writing() as session:  # this window's own write…
            session.add(Paper(title="Mine"))
        other = Library.open(library.paths.root)
        with other.writing() as session:  # …and another process's, in the same interval
            session.add(Paper(title="Theirs"))
        other.close()
        assert not watcher.check()  # cannot tell them apart yet
        assert watcher.check()  # quiet again: the new ids are compared
        assert len(seen[-1].added) == 2
    finally:
        watcher.stop()
