"""RenderService: the preview's one render worker, driven from one thread, answering by callback.

Callers never wait: `request_*` queues a job and returns; a dedicated thread runs the jobs in
the worker process, each under its own deadline, and calls `on_done` with a reply (on that
thread, so a GUI hands the reply to its own thread, e.g. through a queued Qt signal).

Order: document info first, then hits, then renders, newest render first, so the page the user
is looking at now comes before pages scrolled past. The most recently requested document is the
current one: pending jobs for any other document are dropped without a reply.

A job that misses its deadline, runs out of memory or crashes the worker gets the worker
replaced, a failure reply, and is remembered: asking again for the same page fails at once
instead of freezing the preview for another deadline.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import os
import signal
import threading
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from enum import IntEnum
from typing import Any

from app.procs import DEFAULT_MEMORY_LIMIT, CallOutcome, CallStatus, WorkerProcess
from app.render import worker
from app.render.cache import PageCache
from app.render.hits import normalize_terms
from app.render.model import DocInfo, Rect, RenderedPage, RenderFailure

log = logging.getLogger(__name__)

DEFAULT_CACHE_BYTES = 64 * 1024**2
CLOSE_GRACE_SECONDS = 0.5


@dataclass(frozen=True, slots=True)
class InfoReply:
    """The answer to `request_document_info`: `info`, or None and an `error` to show."""

    path: str
    info: DocInfo | None
    error: str = ""


@dataclass(frozen=True, slots=True)
class HitsReply:
    """The answer to `request_hits`: matches per page, or None and an `error`."""

    path: str
    terms: tuple[str, ...]
    hits: list[list[Rect]] | None
    error: str = ""


@dataclass(frozen=True, slots=True)
class PageReply:
    """The answer to `request_render`: the rendered `page`, or None and an `error`."""

    path: str
    page_index: int
    zoom: float
    page: RenderedPage | None
    error: str = ""


class _Kind(IntEnum):
    INFO = 0
    HITS = 1
    RENDER = 2


@dataclass(eq=False)
class _Job:
    kind: _Kind
    path: str
    sequence: int
    page_index: int = -1
    zoom: float = 1.0
    terms: tuple[str, ...] = ()
    callbacks: list[Callable[[Any], None]] = field(default_factory=list)

    @property
    def key(self) -> tuple[object, ...]:
        return (self.kind, self.path, self.page_index, round(self.zoom, 3), self.terms)

    @property
    def priority(self) -> tuple[int, int]:
        order = -self.sequence if self.kind is _Kind.RENDER else self.sequence
        return (int(self.kind), order)


class RenderService:
    """Thread-safe front of one render worker process; see the module docstring.

    Callbacks run on the service's thread and must return quickly (hand the reply over to
    another thread and return); a callback that raises is logged and the service goes on.
    """

    def __init__(
        self,
        *,
        info_deadline: float = 8.0,
        render_deadline: float = 8.0,
        hits_deadline: float = 20.0,
        cache_bytes: int = DEFAULT_CACHE_BYTES,
        memory_limit: int | None = DEFAULT_MEMORY_LIMIT,
    ) -> None:
        self._deadlines = {
            _Kind.INFO: info_deadline,
            _Kind.HITS: hits_deadline,
            _Kind.RENDER: render_deadline,
        }
        self._worker = WorkerProcess(memory_limit=memory_limit, name="lectern-render")
        self._cache = PageCache(cache_bytes)
        self._failed: dict[tuple[object, ...], str] = {}
        self._pending: list[_Job] = []
        self._current_path: str | None = None
        self._closed = False
        self._sequence = itertools.count()
        self._condition = threading.Condition()
        self._thread = threading.Thread(target=self._run, name="lectern-render", daemon=True)
        self._thread.start()

    @property
    def worker_pid(self) -> int | None:
        """The render worker's process id, None while no worker runs."""
        return self._worker.pid

    @property
    def worker_restarts(self) -> int:
        """How many times a stuck or broken worker was killed and replaced."""
        return self._worker.restarts

    def request_document_info(self, path: str, on_done: Callable[[InfoReply], None]) -> None:
        """Queue reading the page count and page sizes of `path`."""
        self._submit(_Job(_Kind.INFO, str(path), 0), on_done)

    def request_hits(
        self, path: str, terms: Sequence[str], on_done: Callable[[HitsReply], None]
    ) -> None:
        """Queue finding every match of `terms` on every page of `path`."""
        job = _Job(_Kind.HITS, str(path), 0, terms=tuple(normalize_terms(terms)))
        self._submit(job, on_done)

    def request_render(
        self,
        path: str,
        page_index: int,
        zoom: float,
        terms: Sequence[str],
        on_done: Callable[[PageReply], None],
    ) -> None:
        """Queue rendering page `page_index` (0-based) at `zoom` pixels per point."""
        job = _Job(
            _Kind.RENDER,
            str(path),
            0,
            page_index=page_index,
            zoom=zoom,
            terms=tuple(normalize_terms(terms)),
        )
        self._submit(job, on_done)

    def drop_renders(self, path: str, keep: Collection[int]) -> None:
        """Forget pending renders of `path` for pages not in `keep` (scrolled out of view)."""
        with self._condition:
            self._pending = [
                job
                for job in self._pending
                if not (job.kind is _Kind.RENDER and job.path == path) or job.page_index in keep
            ]

    def close(self) -> None:
        """Stop the thread and the worker process; no callback runs after this returns."""
        with self._condition:
            if self._closed:
                return
            self._closed = True
            self._pending.clear()
            self._condition.notify_all()
        if threading.current_thread() is self._thread:
            return
        self._thread.join(CLOSE_GRACE_SECONDS)
        if self._thread.is_alive():
            # The thread is waiting on a slow job: end the worker so the call returns now.
            self._kill_worker_process()
            self._thread.join()

    def _submit(self, job: _Job, on_done: Callable[[Any], None]) -> None:
        with self._condition:
            if self._closed:
                return
            if job.path != self._current_path:
                self._current_path = job.path
                self._pending = [p for p in self._pending if p.path == job.path]
            job.sequence = next(self._sequence)
            for pending in self._pending:
                if pending.key == job.key:
                    pending.callbacks.append(on_done)
                    pending.sequence = job.sequence
                    return
            job.callbacks.append(on_done)
            self._pending.append(job)
            self._condition.notify()

    def _next_job(self) -> _Job | None:
        with self._condition:
            while not self._pending and not self._closed:
                self._condition.wait()
            if self._closed:
                return None
            job = min(self._pending, key=lambda candidate: candidate.priority)
            self._pending.remove(job)
            return job

    def _run(self) -> None:
        try:
            self._warm_up()
            while (job := self._next_job()) is not None:
                try:
                    reply = self._execute(job)
                except Exception as exc:  # a bug: answer the caller rather than go silent
                    log.exception("a render job failed")
                    reply = _failure_reply(job, f"internal error: {exc}")
                self._deliver(job, reply)
        finally:
            self._worker.close()

    def _warm_up(self) -> None:
        try:
            self._call(worker.warm_up, timeout=self._deadlines[_Kind.INFO])
        except Exception:  # the first real job will start the worker again and report
            log.exception("the render worker could not be started")

    def _execute(self, job: _Job) -> InfoReply | HitsReply | PageReply:
        if job.kind is _Kind.INFO:
            value, error = self._run_job(job, worker.open_document_info, job.path)
            info = value if isinstance(value, DocInfo) else None
            return InfoReply(job.path, info, error)
        if job.kind is _Kind.HITS:
            value, error = self._run_job(job, worker.find_hits, job.path, job.terms)
            hits = value if isinstance(value, list) else None
            return HitsReply(job.path, job.terms, hits, error)
        cached = self._cache.get(job.key)
        if cached is not None:
            return PageReply(job.path, job.page_index, job.zoom, cached)
        value, error = self._run_job(
            job, worker.render_page, job.path, job.page_index, job.zoom, job.terms
        )
        page = value if isinstance(value, RenderedPage) else None
        if page is not None:
            self._cache.put(job.key, page)
        return PageReply(job.path, job.page_index, job.zoom, page, error)

    def _run_job(self, job: _Job, func: Callable[..., Any], *args: Any) -> tuple[Any, str]:
        """Run one job in the worker: (value, "") or (None, reason)."""
        remembered_key = (job.kind, job.path, job.page_index)
        remembered = self._failed.get(remembered_key)
        if remembered is not None:
            return None, remembered
        outcome = self._call(func, *args, timeout=self._deadlines[job.kind])
        if outcome.status is CallStatus.OK:
            if isinstance(outcome.value, RenderFailure):
                return None, outcome.value.reason
            return outcome.value, ""
        reason = _describe_outcome(outcome, self._deadlines[job.kind])
        if outcome.status is not CallStatus.ERROR:
            self._failed[remembered_key] = reason
        return None, reason

    def _call(self, func: Callable[..., Any], *args: Any, timeout: float) -> CallOutcome:
        return self._worker.call(func, *args, timeout=timeout)

    def _deliver(self, job: _Job, reply: InfoReply | HitsReply | PageReply) -> None:
        for callback in job.callbacks:
            with self._condition:
                if self._closed:
                    return
            try:
                callback(reply)
            except Exception:  # one broken receiver must not stop the service
                log.exception("a render reply callback failed")

    def _kill_worker_process(self) -> None:
        pid = self._worker.pid
        if pid is None:
            return
        with contextlib.suppress(OSError):
            os.kill(pid, getattr(signal, "SIGKILL", signal.SIGTERM))


def _failure_reply(job: _Job, error: str) -> InfoReply | HitsReply | PageReply:
    if job.kind is _Kind.INFO:
        return InfoReply(job.path, None, error)
    if job.kind is _Kind.HITS:
        return HitsReply(job.path, job.terms, None, error)
    return PageReply(job.path, job.page_index, job.zoom, None, error)


def _describe_outcome(outcome: CallOutcome, deadline: float) -> str:
    if outcome.status is CallStatus.TIMED_OUT:
        return f"it took longer than {deadline:g} s"
    if outcome.status is CallStatus.OUT_OF_MEMORY:
        return "it needs more memory than the preview allows"
    if outcome.status is CallStatus.CRASHED:
        return "the renderer stopped while working on it"
    return f"internal error: {outcome.detail}"
