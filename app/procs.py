"""Supervised worker processes for untrusted-file work (PDF parsing and rendering).

MuPDF can hang inside C code, inflate a few KiB into gigabytes, or (rarely) crash; none of
that can be stopped from a thread. Each `WorkerProcess` is a long-lived spawn process with
an address-space cap: a call that misses its deadline gets the process killed (and a fresh
one started on the next call), so a hostile file costs that one call, nothing more.

Contract: callables and their arguments and results must be picklable, and callables must be
module-level functions importable in a fresh interpreter.
"""

from __future__ import annotations

import contextlib
import gc
import importlib
import multiprocessing
import os
import sys
import threading
import traceback
import types
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from multiprocessing.connection import Connection
from typing import Any, ClassVar

DEFAULT_MEMORY_LIMIT = 2 * 1024**3
_SPAWN = multiprocessing.get_context("spawn")
# Spawn re-imports the parent's main module in the child (for the GUI: Qt and the whole
# window). Workers run only importable functions, so they are started as if from a bare one.
_BARE_MAIN = types.ModuleType("__main__")
_START_LOCK = threading.Lock()


class CallStatus(StrEnum):
    OK = "ok"
    ERROR = "error"
    TIMED_OUT = "timed_out"
    OUT_OF_MEMORY = "out_of_memory"
    CRASHED = "crashed"


@dataclass(frozen=True, slots=True)
class CallOutcome:
    """The result of one call in a worker: `value` when OK, otherwise `detail` says why."""

    status: CallStatus
    value: Any = None
    detail: str = ""


def _limit_memory(limit: int | None) -> None:
    if limit is None:
        return
    try:
        import resource
    except ImportError:  # Windows: no RLIMIT_AS; the deadline still bounds the call
        return
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _worker_main(
    conn: Connection, memory_limit: int | None, nice: int, preload: tuple[str, ...]
) -> None:
    _limit_memory(memory_limit)
    if nice:
        with contextlib.suppress(OSError, AttributeError):
            os.nice(nice)
    for module in preload:
        # Imported while the parent still prepares the first call; a failure shows up there.
        with contextlib.suppress(Exception):
            importlib.import_module(module)
    # The modules loaded so far live as long as the process: the collector need not
    # look through them again after every call.
    gc.freeze()
    while True:
        try:
            request = conn.recv()
        except (EOFError, OSError, KeyboardInterrupt):
            return
        if request is None:
            # Nothing is left to flush (every reply was sent): skip the interpreter's
            # teardown, which takes ~80 ms with PyMuPDF loaded, and the caller waits for it.
            os._exit(0)
        func, args = request
        try:
            reply: tuple[str, Any] = ("ok", func(*args))
        except MemoryError:
            reply = ("oom", "ran out of memory")
        except BaseException as exc:
            if isinstance(exc, RuntimeError) and "alloc" in str(exc):
                reply = ("oom", str(exc)[:300])
            else:
                detail = "".join(traceback.format_exception_only(type(exc), exc)).strip()
                reply = ("error", detail[:2000])
        try:
            conn.send(reply)
        except (OSError, ValueError):
            return
        except Exception as exc:
            conn.send(("error", f"result could not be returned: {exc}"[:500]))


class WorkerProcess:
    """One long-lived worker process, restarted whenever it dies or misses a deadline.

    Not thread-safe: one thread drives one WorkerProcess.
    """

    def __init__(
        self,
        *,
        memory_limit: int | None = DEFAULT_MEMORY_LIMIT,
        nice: int = 0,
        name: str = "",
        preload: tuple[str, ...] = (),
    ) -> None:
        self._memory_limit = memory_limit
        self._nice = nice
        self._preload = preload
        self._name = name or "lectern-worker"
        self._process: Any = None
        self._conn: Connection | None = None
        self.restarts = 0

    @property
    def pid(self) -> int | None:
        """The worker's process id, or None when no process is running."""
        return self._process.pid if self._process is not None else None

    def start(self) -> None:
        """Start the process now (otherwise the first call starts it)."""
        if self._process is not None and self._process.is_alive():
            return
        parent, child = _SPAWN.Pipe(duplex=True)
        process = _SPAWN.Process(
            target=_worker_main,
            args=(child, self._memory_limit, self._nice, self._preload),
            name=self._name,
            daemon=True,
        )
        with _START_LOCK:
            main = sys.modules["__main__"]
            sys.modules["__main__"] = _BARE_MAIN
            try:
                process.start()
            finally:
                sys.modules["__main__"] = main
        child.close()
        self._process, self._conn = process, parent

    def call(self, func: Callable[..., Any], *args: Any, timeout: float) -> CallOutcome:
        """Run `func(*args)` in the worker, waiting at most `timeout` seconds."""
        self.start()
        assert self._conn is not None
        try:
            self._conn.send((func, args))
            ready = self._conn.poll(timeout)
        except (OSError, EOFError, BrokenPipeError):
            return self._died()
        if not ready:
            self.kill()
            return CallOutcome(CallStatus.TIMED_OUT, detail=f"took longer than {timeout:g} s")
        try:
            kind, payload = self._conn.recv()
        except (EOFError, OSError):
            return self._died()
        if kind == "ok":
            return CallOutcome(CallStatus.OK, value=payload)
        if kind == "oom":
            # MuPDF may leave a half-freed heap behind: start afresh next time.
            self.kill()
            return CallOutcome(CallStatus.OUT_OF_MEMORY, detail=str(payload))
        return CallOutcome(CallStatus.ERROR, detail=str(payload))

    def _died(self) -> CallOutcome:
        process = self._process
        exitcode = None
        if process is not None:
            process.join(timeout=2)
            exitcode = process.exitcode
        self.kill()
        detail = f"the worker stopped (exit code {exitcode})"
        if exitcode is not None and exitcode < 0:
            detail = f"the worker crashed (signal {-exitcode})"
        return CallOutcome(CallStatus.CRASHED, detail=detail)

    def kill(self) -> None:
        """Stop the process at once; the next call starts a new one."""
        process, conn = self._process, self._conn
        self._process, self._conn = None, None
        if conn is not None:
            with contextlib.suppress(OSError):
                conn.close()
        if process is not None:
            if process.is_alive():
                process.kill()
                self.restarts += 1
            process.join(timeout=5)
            with contextlib.suppress(ValueError):
                process.close()

    def request_stop(self) -> None:
        """Ask the process to exit after its current call, without waiting."""
        if self._conn is not None:
            with contextlib.suppress(OSError, BrokenPipeError):
                self._conn.send(None)

    def close(self) -> None:
        """Ask the process to exit, and kill it if it does not within a second."""
        self.request_stop()
        self.wait_exit()

    def wait_exit(self) -> None:
        """Wait (a second at most) for a process asked to stop, then kill it if still alive."""
        process, conn = self._process, self._conn
        if process is None or conn is None:
            return
        process.join(timeout=1)
        self._process, self._conn = None, None
        if process.is_alive():
            process.kill()
            process.join(timeout=5)
        with contextlib.suppress(OSError):
            conn.close()


class WorkerGroup:
    """A fixed set of `WorkerProcess`es, for closing them all together (and at exit)."""

    _live: ClassVar[set[WorkerGroup]] = set()
    _lock: ClassVar[threading.Lock] = threading.Lock()

    def __init__(self, count: int, **options: Any) -> None:
        self.workers = [WorkerProcess(**options) for _ in range(max(1, count))]
        with self._lock:
            self._live.add(self)

    def start(self) -> None:
        """Start every worker now, so that they are ready by the first call."""
        for worker in self.workers:
            worker.start()

    def close(self) -> None:
        """Stop every worker of the group (all are asked first, so they exit together)."""
        for worker in self.workers:
            worker.request_stop()
        for worker in self.workers:
            worker.wait_exit()
        with self._lock:
            self._live.discard(self)

    @classmethod
    def close_all(cls) -> None:
        """Stop the workers of every group still open (registered at exit)."""
        with cls._lock:
            groups = list(cls._live)
        for group in groups:
            group.close()


def default_worker_count() -> int:
    """One worker per core (at least one)."""
    return max(1, os.cpu_count() or 1)


if sys.platform != "emscripten":
    import atexit

    atexit.register(WorkerGroup.close_all)
