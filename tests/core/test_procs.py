"""Supervised workers: deadlines, memory caps and crashes cost one call, nothing more."""

from __future__ import annotations

import os
import signal
import time

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
