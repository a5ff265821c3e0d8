"""Import throughput against the raw PyMuPDF limit, measured in the same run.

    .venv/bin/python bench/import_bench.py [DIR] [--workers N]

Imports DIR into a fresh temporary library with `Importer` (worker processes, metadata,
duplicate checks, copies, database, then the search index), and separately extracts the text
of the same PDFs with bare PyMuPDF in the same number of warmed-up processes. Prints pages/s
and PDFs/s for both and their ratio. The two alternate for --rounds rounds (default 3) and
the medians are compared, so a machine whose speed drifts favours neither.
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


def _raw_extract(path: str) -> int:
    import pymupdf

    try:
        with pymupdf.open(path) as doc:
            for page in doc:
                page.get_text("text")
            return int(doc.page_count)
    except Exception:
        return 0


def raw_throughput(files: list[Path], workers: int) -> tuple[float, int]:
    context = multiprocessing.get_context("spawn")
    with context.Pool(workers, initializer=_init_raw) as pool:
        pool.map(_init_noop, range(workers))
        started = time.perf_counter()
        pages = sum(pool.imap_unordered(_raw_extract, [str(f) for f in files], chunksize=1))
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

    raw_runs, import_runs, total_runs = [], [], []
    for number in range(1, max(1, args.rounds) + 1):
        raw_seconds, raw_pages = raw_throughput(files, args.workers)
        imported, total, report = lectern_import(folder, args.workers)
        raw_runs.append(raw_seconds)
        import_runs.append(imported)
        total_runs.append(total)
        print(f"  round {number}: raw {raw_seconds:.2f} s, import {imported:.2f} s, "
              f"import + index {total:.2f} s, ratio {raw_seconds / imported:.2f}")
    added = report.count("added")
    print(f"outcomes: {added} added, {report.count('duplicate')} duplicate, "
          f"{report.count('failed')} failed")
    raw_seconds = statistics.median(raw_runs)
    imported = statistics.median(import_runs)
    total = statistics.median(total_runs)
    rows = [
        ("raw PyMuPDF text extraction", raw_seconds, raw_pages, len(files)),
        ("Lectern import (to database)", imported, report.pages, len(files)),
        ("Lectern import + index", total, report.pages, len(files)),
    ]
    for label, seconds, pages, pdfs in rows:
        print(f"{label:<32} {seconds:7.2f} s  {pages / seconds:8.0f} pages/s  "
              f"{pdfs / seconds:6.1f} PDFs/s")
    raw_rate = raw_pages / raw_seconds
    print(f"ratio import/raw: {report.pages / imported / raw_rate:.2f} "
          f"(with indexing: {report.pages / total / raw_rate:.2f}; target >= 0.85)")


if __name__ == "__main__":
    main()
