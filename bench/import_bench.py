"""Import throughput against the raw PyMuPDF limit, measured in the same run.

    .venv/bin/python bench/import_bench.py [DIR] [--workers N]

Imports DIR into a fresh temporary library with `Importer` (worker processes, metadata,
duplicate checks, copies, database, then the search index), and separately extracts the text
of the same PDFs with bare PyMuPDF in the same number of warmed-up processes. Prints pages/s
and PDFs/s for both and their ratio. The runs alternate for --rounds rounds (default 3) and
the medians are compared, so a machine whose speed drifts favours none of them.

The import is timed twice per round: with its worker processes already running, as the raw
extraction's are (and as the app keeps them between drops), which gives the throughput
ratio; and starting them, as one `lectern add` does, which adds their start-up.

Raw extraction is timed two ways: PyMuPDF's `page.get_text("text")`, and the route Lectern
itself takes (the same structured-text page written out by MuPDF's flattened text printer,
with colour management off; see `app/extract/`), the lower bound for an import that reads
every page that way.
"""

from __future__ import annotations

import argparse
import multiprocessing
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from _common import corpus_dir, warm_cache

from app.importing.pipeline import Importer
from app.importing.pool import ParsePool
from app.importing.sources import expand
from app.indexing import sync_index
from app.library import Library
from app.procs import default_worker_count


def _init_raw() -> None:
    import pymupdf  # noqa: F401 - pay the import before timing starts

    import app.extract.stext  # noqa: F401


def _raw_get_text(path: str) -> int:
    import pymupdf

    try:
        with pymupdf.open(path) as doc:
            for page in doc:
                page.get_text("text")
            return int(doc.page_count)
    except Exception:
        return 0


def _raw_flattened(path: str) -> int:
    import pymupdf

    from app.extract.pdfparse import configure_mupdf
    from app.extract.stext import page_text, text_page

    configure_mupdf()
    try:
        with pymupdf.open(path) as doc:
            for page in doc:
                page_text(text_page(page))
            return int(doc.page_count)
    except Exception:
        return 0


RAW_ROUTES = {"get_text": _raw_get_text, "flattened": _raw_flattened}
IMPORT_MODES = ("running", "starting")


def raw_throughput(files: list[Path], workers: int, route: str) -> tuple[float, int]:
    context = multiprocessing.get_context("spawn")
    with context.Pool(workers, initializer=_init_raw) as pool:
        pool.map(_init_noop, range(workers))
        started = time.perf_counter()
        pages = sum(pool.imap_unordered(RAW_ROUTES[route], [str(f) for f in files], chunksize=1))
        return time.perf_counter() - started, pages


def _init_noop(_: int) -> None:
    return None


def lectern_import(folder: Path, workers: int, running: bool) -> tuple[float, float, Any]:
    """(seconds to import, seconds to import and index, report) into a fresh library.

    With `running`, the workers are started (and have answered once) before timing.
    """
    with tempfile.TemporaryDirectory() as tmp, Library.open(Path(tmp) / "lib") as library:
        pool = ParsePool(workers) if running else None
        try:
            if pool is not None:
                _wait_until_ready(pool)
            started = time.perf_counter()
            report = Importer(library, workers=workers, pool=pool).run([folder])
            imported = time.perf_counter() - started
        finally:
            if pool is not None:
                pool.close()
        sync_index(library)
        return imported, time.perf_counter() - started, report


def _wait_until_ready(pool: ParsePool) -> None:
    # Every worker reads a file that is not a PDF: it answers once it has started.
    with pool.run() as run:
        for _ in range(pool.size):
            run.submit(0, Path(__file__))
        run.finish_input()
        while run.next_result() is not None:
            pass


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folder", nargs="?")
    parser.add_argument("--workers", type=int, default=default_worker_count())
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    folder = corpus_dir(args.folder, "papers/pdfs")
    files = [candidate.path for candidate in expand([folder])]
    size = warm_cache(files)
    print(f"{len(files)} files, {size / 1e6:.0f} MB, {args.workers} worker process(es), "
          f"{args.rounds} round(s) of raw then Lectern (medians below)")

    raw_runs: dict[str, list[float]] = {route: [] for route in RAW_ROUTES}
    import_runs: dict[str, list[float]] = {mode: [] for mode in IMPORT_MODES}
    total_runs: dict[str, list[float]] = {mode: [] for mode in IMPORT_MODES}
    for number in range(1, max(1, args.rounds) + 1):
        for route, runs in raw_runs.items():
            seconds, raw_pages = raw_throughput(files, args.workers, route)
            runs.append(seconds)
        for mode in IMPORT_MODES:
            imported, total, report = lectern_import(folder, args.workers, mode == "running")
            import_runs[mode].append(imported)
            total_runs[mode].append(total)
        raws = ", ".join(f"raw {route} {runs[-1]:.2f} s" for route, runs in raw_runs.items())
        imports = ", ".join(f"import ({m}) {import_runs[m][-1]:.2f} s" for m in IMPORT_MODES)
        ratio = raw_runs["get_text"][-1] / import_runs["running"][-1]
        print(f"  round {number}: {raws}, {imports}, ratio {ratio:.2f}")
    print(f"outcomes: {report.count('added')} added, {report.count('duplicate')} duplicate, "
          f"{report.count('failed')} failed")
    raw_seconds = {route: statistics.median(runs) for route, runs in raw_runs.items()}
    imported = {mode: statistics.median(runs) for mode, runs in import_runs.items()}
    total = {mode: statistics.median(runs) for mode, runs in total_runs.items()}
    rows = [
        ("raw PyMuPDF get_text", raw_seconds["get_text"], raw_pages),
        ("raw MuPDF flattened text", raw_seconds["flattened"], raw_pages),
    ]
    for mode in IMPORT_MODES:
        rows += [
            (f"Lectern import, workers {mode}", imported[mode], report.pages),
            ("  + search index", total[mode], report.pages),
        ]
    for label, seconds, pages in rows:
        print(f"{label:<34} {seconds:7.2f} s  {pages / seconds:8.0f} pages/s  "
              f"{len(files) / seconds:6.1f} PDFs/s")
    for route, seconds in raw_seconds.items():
        raw_rate = raw_pages / seconds
        ratio = {mode: report.pages / imported[mode] / raw_rate for mode in IMPORT_MODES}
        indexed = report.pages / total["running"] / raw_rate
        print(f"ratio import/raw {route}: {ratio['running']:.2f} (target >= 0.85; "
              f"with indexing {indexed:.2f}; with the workers' start-up {ratio['starting']:.2f})")


if __name__ == "__main__":
    main()
