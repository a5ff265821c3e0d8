"""Supervised workers: deadlines, memory caps and crashes cost one call, nothing more."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from app.procs import CallStatus, WorkerProcess


def _crash() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def _allocate(size: int) -> int:
    return len(bytearray(size))


def test_call_returns_value_and_reuses_the_process() -> None:
    worker = WorkerProcess()
    try:
        assert worker.call(sum, [1, 2, 3], timeout=30).value == 6
        pid = worker.pid
        assert worker.call(max, [4, 5], timeout=30).value == 5
        assert worker.pid == pid
    finally:
        worker.close()
    assert worker.pid is None


def test_timeout_kills_and_the_next_call_gets_a_fresh_process() -> None:
    worker = WorkerProcess()
    try:
        first = worker.call(time.sleep, 30, timeout=0.5)
        assert first.status is CallStatus.TIMED_OUT
        assert worker.call(sum, [1], timeout=30).value == 1
    finally:
        worker.close()


def test_memory_cap_turns_a_blow_up_into_an_outcome() -> None:
    worker = WorkerProcess(memory_limit=512 * 1024**2)
    try:
        outcome = worker.call(_allocate, 2 * 1024**3, timeout=30)
        assert outcome.status is CallStatus.OUT_OF_MEMORY
        assert worker.call(_allocate, 1024, timeout=30).value == 1024
    finally:
        worker.close()


def test_crash_is_reported_and_survived() -> None:
    worker = WorkerProcess()
    try:
        outcome = worker.call(_crash, timeout=30)
        assert outcome.status is CallStatus.CRASHED
        assert "signal 9" in outcome.detail
        assert worker.call(sum, [2], timeout=30).value == 2
    finally:
        worker.close()


def test_exceptions_come_back_as_errors() -> None:
    worker = WorkerProcess()
    try:
        outcome = worker.call(int, "not a number", timeout=30)
        assert outcome.status is CallStatus.ERROR
        assert "ValueError" in outcome.detail
    finally:
        worker.close()


def _loaded(names: list[str]) -> list[bool]:
    import sys

    return [name in sys.modules for name in names]


def test_workers_preload_modules_and_never_import_the_parents_main(tmp_path: Path) -> None:
    # The GUI's main module imports Qt: a worker must not pay for it.
    (tmp_path / "heavy_marker.py").write_text("")
    script = tmp_path / "main_script.py"
    script.write_text(
        "import heavy_marker\n"
        "from app.procs import WorkerProcess\n"
        "from tests.core.test_procs import _loaded\n"
        "worker = WorkerProcess(preload=('colorsys',))\n"
        "print(worker.call(_loaded, ['heavy_marker', 'colorsys'], timeout=60).value)\n"
        "worker.close()\n"
    )
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(root), str(tmp_path)])}
    done = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, env=env, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[False, True]"
