"""Import throughput against the raw PyMuPDF limit, measured in the same run.

    .venv/bin/python bench/import_bench.py [DIR] [--workers N]

Imports DIR into a fresh temporary library with `Importer` (worker processes, metadata,
duplicate checks, copies, database, then the search index), and separately extracts the text
of the same PDFs with bare PyMuPDF in the same number of warmed-up processes. Prints pages/s
and PDFs/s for both and their ratio. The runs alternate for --rounds rounds (default 3) and
the medians are compared, so a machine whose speed drifts favours none of them.

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


def raw_throughput(files: list[Path], workers: int, route: str) -> tuple[float, int]:
    context = multiprocessing.get_context("spawn")
    with context.Pool(workers, initializer=_init_raw) as pool:
        pool.map(_init_noop, range(workers))
        started = time.perf_counter()
        pages = sum(pool.imap_unordered(RAW_ROUTES[route], [str(f) for f in files], chunksize=1))
        return time.perf_counter() - started, pages


def _init_noop(_: int) -> None:
    return None


def lectern_import(folder: Path, workers: int) -> tuple[float, float, Any]:
    """(seconds to import, seconds to import and index, report) into a fresh library."""
    with tempfile.TemporaryDirectory() as tmp, Library.open(Path(tmp) / "lib") as library:
        started = time.perf_counter()
        report = Importer(library, workers=workers).run([folder])
        imported = time.perf_counter() - started
        sync_index(library)
        return imported, time.perf_counter() - started, report


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
    import_runs, total_runs = [], []
    for number in range(1, max(1, args.rounds) + 1):
        for route, runs in raw_runs.items():
            seconds, raw_pages = raw_throughput(files, args.workers, route)
            runs.append(seconds)
        imported, total, report = lectern_import(folder, args.workers)
        import_runs.append(imported)
        total_runs.append(total)
        raws = ", ".join(f"raw {route} {runs[-1]:.2f} s" for route, runs in raw_runs.items())
        print(f"  round {number}: {raws}, import {imported:.2f} s, "
              f"import + index {total:.2f} s, ratio {raw_runs['get_text'][-1] / imported:.2f}")
    print(f"outcomes: {report.count('added')} added, {report.count('duplicate')} duplicate, "
          f"{report.count('failed')} failed")
    raw_seconds = {route: statistics.median(runs) for route, runs in raw_runs.items()}
    imported = statistics.median(import_runs)
    total = statistics.median(total_runs)
    rows = [
        ("raw PyMuPDF get_text", raw_seconds["get_text"], raw_pages),
        ("raw MuPDF flattened text", raw_seconds["flattened"], raw_pages),
        ("Lectern import (to database)", imported, report.pages),
        ("Lectern import + index", total, report.pages),
    ]
    for label, seconds, pages in rows:
        print(f"{label:<32} {seconds:7.2f} s  {pages / seconds:8.0f} pages/s  "
              f"{len(files) / seconds:6.1f} PDFs/s")
    for route, seconds in raw_seconds.items():
        raw_rate = raw_pages / seconds
        print(f"ratio import/raw {route}: {report.pages / imported / raw_rate:.2f} "
              f"(with indexing: {report.pages / total / raw_rate:.2f}; target >= 0.85)")

if __name__ == "__main__":
    main()
