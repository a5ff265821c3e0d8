"""The library operations runner and the change bridge deliver on the GUI thread."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QCoreApplication
from pytestqt.qtbot import QtBot

from app.changes import Changes
from app.editing import set_status
from app.errors import NotFoundError
from app.library import Library
from ui.bridge import LibraryBridge
from ui.ops import LibraryOp, OpRunner


@pytest.fixture
def runner(library: Library) -> OpRunner:
    ops = OpRunner(library)
    yield ops
    ops.shutdown()


def test_success_runs_on_the_gui_thread_with_the_result(qtbot: QtBot, runner: OpRunner) -> None:
    seen: dict[str, object] = {}

    def work(library: Library) -> int:
        seen["worker"] = threading.current_thread().name
        return library.paper_count() + 41

    with qtbot.waitSignal(runner.busyChanged, check_params_cb=lambda busy: not busy):
        LibraryOp(work).success(
            lambda value: seen.update(value=value, gui=threading.current_thread())
        ).run(runner)
    assert seen["value"] == 41
    assert seen["gui"] is threading.main_thread()
    assert str(seen["worker"]).startswith("lectern-db")


def test_failure_goes_to_the_failure_callback(qtbot: QtBot, runner: OpRunner) -> None:
    errors: list[BaseException] = []
    with qtbot.waitSignal(runner.busyChanged, check_params_cb=lambda busy: not busy):
        LibraryOp(lambda lib: set_status(lib, [999], "read")).success(
            lambda _r: errors.append(AssertionError("no success expected"))
        ).failure(errors.append).run(runner)
    assert len(errors) == 1 and isinstance(errors[0], NotFoundError)


def test_operations_run_in_submission_order(qtbot: QtBot, runner: OpRunner) -> None:
    order: list[int] = []
    for number in range(5):
        LibraryOp(lambda _lib, n=number: n).success(order.append).run(runner)
    qtbot.waitUntil(lambda: len(order) == 5)
    assert order == [0, 1, 2, 3, 4]


def test_no_callback_after_shutdown(qtbot: QtBot, library: Library) -> None:
    ops = OpRunner(library)
    called: list[int] = []
    LibraryOp(lambda _lib: 1).success(called.append).run(ops)
    ops.shutdown()
    with pytest.raises(RuntimeError):
        LibraryOp(lambda _lib: 2).run(ops)
    QCoreApplication.processEvents()  # deliveries queued before the shutdown: none may run
    assert called == []


def test_bridge_merges_worker_thread_changes_into_one_signal(
    qtbot: QtBot, library: Library
) -> None:
    bridge = LibraryBridge(library)
    received: list[Changes] = []
    bridge.changed.connect(received.append)

    def publish_from_worker() -> None:
        library.publish(Changes(added={1}))
        library.publish(Changes(updated={2}, tags=True))

    worker = threading.Thread(target=publish_from_worker)
    with qtbot.waitSignal(bridge.changed) as blocker:
        worker.start()
        worker.join()
    merged = blocker.args[0]
    assert merged.added == {1} and merged.updated == {2} and merged.tags
    assert len(received) == 1
    bridge.close()
    with qtbot.assertNotEmitted(bridge.changed):
        library.publish(Changes(removed={3}))
        QCoreApplication.processEvents()
