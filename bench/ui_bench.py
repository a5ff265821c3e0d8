"""GUI figures: launch time, event-loop stalls during an import, select-to-highlight, memory.

    .venv/bin/python bench/ui_bench.py [--papers 10000] [--imports 300] [--selections 40]
    xvfb-run -s "-screen 0 1600x1000x24" .venv/bin/python bench/ui_bench.py   # real X server

Builds a library of N papers straight through the database models (then `reindex`), and
prints, against the targets:

- launch: from starting `python -m ui.main` to a window whose first results are painted and
  whose event loop answers (median of 3 launches, separate processes);
- stall: the longest lateness of a 5 ms QTimer probe while 300 generated PDFs import;
- select → highlight: from selecting a search result to its page painted with the hits
  highlighted (p50/p95);
- RSS of the GUI process with the library open, and after scrolling to the end of the list.

Figures only: nothing here asserts.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from _common import REPO

if not os.environ.get("DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

TARGETS = {"launch": 1.5, "stall": 0.050, "highlight_p95": 0.150, "rss": 400.0}
TAGS = [
    "theory/kernels",
    "theory/generalization",
    "robustness",
    "optimization/sgd",
    "optimization/adaptive",
    "bandits",
    "vision",
    "language/translation",
    "language/qa",
    "reinforcement",
    "graphs",
    "surveys",
]
WORDS = [
    "kernel",
    "network",
    "gradient",
    "descent",
    "robust",
    "bound",
    "regret",
    "sample",
    "loss",
    "model",
    "training",
    "layer",
    "width",
    "depth",
    "margin",
    "noise",
    "prior",
    "posterior",
    "policy",
    "reward",
    "graph",
    "token",
    "attention",
    "convergence",
    "variance",
    "estimator",
    "feature",
    "spectrum",
    "matrix",
    "rank",
    "sparse",
    "dense",
]


def rss_mb() -> float:
    """Resident memory of this process in MiB."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


# the library ----------------------------------------------------------------------------


def build_library(root: Path, count: int) -> float:
    """Insert `count` papers with text and tags through the models, then reindex; seconds."""
    from app.db.models import Paper, PaperAuthor, PaperTag, PaperText
    from app.indexing import reindex
    from app.library import Library
    from app.tags import ensure_tag

    started = time.perf_counter()
    rng = random.Random(11)
    library = Library.open(root)
    try:
        with library.writing() as session:
            tag_ids = [ensure_tag(session, tag) for tag in TAGS]
            for start in range(0, count, 2000):
                papers = []
                for number in range(start, min(count, start + 2000)):
                    title = " ".join(rng.choice(WORDS) for _ in range(6)).capitalize()
                    papers.append(
                        Paper(
                            title=f"{title} ({number})",
                            year=1995 + number % 30,
                            venue=rng.choice(["NeurIPS", "ICML", "ICLR", "COLT", "JMLR"]),
                            abstract=" ".join(rng.choice(WORDS) for _ in range(60)),
                            page_count=3,
                            authors=[
                                PaperAuthor(position=i, name=f"Author {rng.randrange(3000)}")
                                for i in range(rng.randint(1, 4))
                            ],
                        )
                    )
                session.add_all(papers)
                session.flush()
                for paper in papers:
                    pages = [" ".join(rng.choice(WORDS) for _ in range(250)) for _ in range(3)]
                    session.add(
                        PaperText(
                            paper_id=paper.id,
                            page_count=3,
                            data=zlib.compress("\f".join(pages).encode(), 1),
                        )
                    )
                    for tag_id in rng.sample(tag_ids, rng.randint(0, 2)):
                        session.add(PaperTag(paper_id=paper.id, tag_id=tag_id))
        reindex(library)
    finally:
        library.close()
    return time.perf_counter() - started


def write_import_pdfs(folder: Path, count: int) -> list[Path]:
    """`count` small real PDFs, each mentioning 'tangent kernel' on its second page."""
    from tests.pdfgen import make_pdf

    rng = random.Random(5)
    paths = []
    for number in range(count):
        body = [" ".join(rng.choice(WORDS) for _ in range(220)) for _ in range(3)]
        body[1] = body[1][:600] + " the neural tangent kernel " + body[1][600:]
        paths.append(
            make_pdf(
                folder / f"paper-{number:03d}.pdf",
                body,
                title=f"Imported study number {number} on {rng.choice(WORDS)}",
                authors=[f"Writer {number}"],
            )
        )
    return paths


# launch, in a child process -------------------------------------------------------------


def child_launch(library: Path, settings: Path) -> None:
    """Runs in a fresh process: start the app, report when the first results are painted."""
    from PySide6.QtCore import QTimer

    from app.library import Library
    from ui.main import create_application, open_window
    from ui.settings import open_settings

    application = create_application(["lectern"])
    opened = Library.open(library)
    window = open_window(opened, open_settings(settings))

    def check() -> None:
        model = window.results
        if model.rowCount() and model.data(model.index(0), model.RowRole) is not None:
            window.result_panel.view.viewport().repaint()
            QTimer.singleShot(0, finish)  # the event loop answers: interactive
        else:
            QTimer.singleShot(2, check)

    def finish() -> None:
        ready = time.time()
        memory = rss_mb()
        view = window.result_panel.view
        worst = 0.0
        bar = view.verticalScrollBar()
        for step in range(1, 21):
            began = time.perf_counter()
            bar.setValue(bar.maximum() * step // 20)
            view.viewport().repaint()
            application.processEvents()
            worst = max(worst, time.perf_counter() - began)
        print(
            json.dumps(
                {
                    "ready": ready,
                    "rss": memory,
                    "rss_scrolled": rss_mb(),
                    "scroll_worst": worst,
                    "rows": window.results.rowCount(),
                }
            ),
            flush=True,
        )
        window.close()
        application.quit()

    QTimer.singleShot(0, check)
    application.exec()
    opened.close()


def measure_launch(library: Path, work: Path) -> list[dict[str, float]]:
    """Three launches in separate processes."""
    runs = []
    for attempt in range(3):
        settings = work / f"launch-{attempt}.ini"
        began = time.time()
        output = subprocess.run(
            [
                sys.executable,
                str(Path(__file__).resolve()),
                "--child-launch",
                str(library),
                "--settings",
                str(settings),
            ],
            check=True,
            capture_output=True,
            text=True,
            cwd=REPO,
        ).stdout
        record = json.loads(output.strip().splitlines()[-1])
        record["launch"] = record["ready"] - began
        runs.append(record)
    return runs


# stalls and select-to-highlight, in this process ------------------------------------------


def wait_until(condition: object, timeout: float) -> bool:
    """Run the event loop until `condition()` is true or `timeout` seconds pass."""
    from PySide6.QtCore import QEventLoop, QTimer

    deadline = time.monotonic() + timeout
    loop = QEventLoop()
    while not condition():  # type: ignore[operator]
        if time.monotonic() > deadline:
            return False
        QTimer.singleShot(1, loop.quit)
        loop.exec()
    return True


class StallProbe:
    """A 5 ms timer; records how late each tick arrives."""

    def __init__(self) -> None:
        from PySide6.QtCore import Qt, QTimer

        self.lateness: list[float] = []
        self._timer = QTimer()
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(5)
        self._timer.timeout.connect(self._tick)
        self._last = 0.0

    def start(self) -> None:
        self._last = time.perf_counter()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def _tick(self) -> None:
        now = time.perf_counter()
        self.lateness.append(max(0.0, now - self._last - 0.005))
        self._last = now


def _highlighted_check(preview: Any, rendered: set[int], page: int) -> Callable[[], bool]:
    """True once `page` has been painted and its hits are known."""
    return lambda: page in rendered and bool(preview.highlight_rects(page))


def measure_in_process(
    library_root: Path, pdfs: list[Path], work: Path, selections: int
) -> dict[str, object]:
    from PySide6.QtCore import QItemSelectionModel

    from app.library import Library
    from ui.main import create_application, open_window
    from ui.settings import open_settings

    application = create_application(["lectern-bench"])
    library = Library.open(library_root)
    window = open_window(library, open_settings(work / "bench.ini"))
    window.resize(1480, 920)
    results: dict[str, object] = {}
    try:
        wait_until(lambda: window.results.rowCount() > 0, 30)
        probe = StallProbe()
        probe.start()
        began = time.perf_counter()
        window.import_paths(pdfs)
        wait_until(lambda: window.imports.running, 10)
        wait_until(lambda: not window.imports.running, 900)
        imported = time.perf_counter() - began
        wait_until(lambda: not window.index_sync.busy, 300)
        probe.stop()
        lateness = sorted(probe.lateness)
        results.update(
            import_seconds=imported,
            stall_max=lateness[-1] if lateness else 0.0,
            stall_p99=lateness[int(len(lateness) * 0.99)] if lateness else 0.0,
            probe_ticks=len(lateness),
        )

        window.import_dock.hide()
        window.result_panel.search.set_query("tangent")
        wait_until(
            lambda: (
                window.results.listing.request.query == "tangent" and window.results.rowCount() >= 2
            ),
            60,
        )
        view, preview = window.result_panel.view, window.preview
        durations = []
        for number in range(selections):
            row = number % min(window.results.rowCount(), 60)
            wait_until(
                lambda r=row: (
                    window.results.data(window.results.index(r), window.results.RowRole) is not None
                ),
                30,
            )
            hit = window.results.data(window.results.index(row), window.results.RowRole).hit
            page = hit.first_page if hit and hit.first_page is not None else 0
            rendered: set[int] = set()
            preview.pageRendered.connect(rendered.add)
            highlighted = _highlighted_check(preview, rendered, page)
            started = time.perf_counter()
            view.selectionModel().setCurrentIndex(
                window.results.index(row), QItemSelectionModel.SelectionFlag.ClearAndSelect
            )
            done = wait_until(highlighted, 30)
            preview.repaint()
            durations.append(time.perf_counter() - started if done else float("inf"))
            preview.pageRendered.disconnect(rendered.add)
        durations.sort()
        results.update(
            highlight_p50=statistics.median(durations),
            highlight_p95=durations[min(len(durations) - 1, int(len(durations) * 0.95))],
            rss_after_import=rss_mb(),
        )
    finally:
        window.close()
        library.close()
        del application
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--papers", type=int, default=10_000)
    parser.add_argument("--imports", type=int, default=300)
    parser.add_argument("--selections", type=int, default=40)
    parser.add_argument("--child-launch", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--settings", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child_launch:
        child_launch(args.child_launch, args.settings)
        return

    work = Path(tempfile.mkdtemp(prefix="lectern-ui-bench-"))
    print(f"building a library of {args.papers:,} papers in {work} …", flush=True)
    built = build_library(work / "library", args.papers)
    print(f"  built and indexed in {built:.1f} s")
    runs = measure_launch(work / "library", work)
    launch = statistics.median(run["launch"] for run in runs)
    each = ", ".join(f"{run['launch']:.2f}" for run in runs)
    print(
        f"launch to interactive window ({args.papers:,} papers): median {launch:.2f} s "
        f"(runs: {each}; target ≤ {TARGETS['launch']} s)"
    )
    rss = statistics.median(run["rss"] for run in runs)
    scrolled = statistics.median(run["rss_scrolled"] for run in runs)
    worst_scroll = max(run["scroll_worst"] for run in runs)
    print(
        f"RSS with {args.papers:,} papers: {rss:.0f} MiB at launch, {scrolled:.0f} MiB after "
        f"scrolling the whole list (target ≤ {TARGETS['rss']:.0f} MiB); slowest scroll "
        f"step {worst_scroll * 1000:.1f} ms"
    )

    print(f"generating {args.imports} PDFs to import …", flush=True)
    pdfs = write_import_pdfs(work / "incoming", args.imports)
    figures = measure_in_process(work / "library", pdfs, work, args.selections)
    print(
        f"import of {args.imports} PDFs: {figures['import_seconds']:.1f} s; longest event-loop "
        f"stall {figures['stall_max'] * 1000:.1f} ms, p99 {figures['stall_p99'] * 1000:.1f} ms "
        f"over {figures['probe_ticks']} probe ticks (target ≤ {TARGETS['stall'] * 1000:.0f} ms)"
    )
    print(
        f"select → highlighted page painted: p50 {figures['highlight_p50'] * 1000:.0f} ms, "
        f"p95 {figures['highlight_p95'] * 1000:.0f} ms over {args.selections} selections "
        f"(target p95 ≤ {TARGETS['highlight_p95'] * 1000:.0f} ms)"
    )
    print(f"RSS after the import and the selections: {figures['rss_after_import']:.0f} MiB")


if __name__ == "__main__":
    sys.path.insert(0, str(REPO))
    main()
