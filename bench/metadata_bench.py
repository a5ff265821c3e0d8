"""Metadata extraction accuracy against the real-paper corpus and its ground truth.

    .venv/bin/python bench/metadata_bench.py [CORPUS_DIR]

Parses every PDF listed in `truth.jsonl` (two worker processes), extracts metadata and
scores it the way the corpus README says: titles compared case-, accent-, punctuation- and
space-insensitively; first author = the truth surname appears in the first extracted name;
year within ±1; arXiv ids without their version; DOIs only where the PDF prints them.
Records whose text layer is unusable (`text_ok: false`) are left out of the text fields.
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from _common import corpus_dir

from app.extract.parsed import ParseFailure
from app.extract.pdfparse import parse_pdf
from app.metadata import PaperMetadata, extract_metadata
from app.metadata.identifiers import normalize_doi, strip_arxiv_version
from app.textnorm import fold_for_match


@dataclass
class Score:
    """Hits and misses of one field."""

    name: str
    hits: int = 0
    total: int = 0
    misses: list[tuple[str, str, str]] = field(default_factory=list)

    def add(self, ok: bool, file: str, expected: object, got: object) -> None:
        self.total += 1
        self.hits += ok
        if not ok:
            self.misses.append((file, str(expected), str(got)))

    def line(self) -> str:
        share = 100 * self.hits / self.total if self.total else 0.0
        return f"{self.name:13} {share:6.1f} %  ({self.hits}/{self.total})"


def analyze(path: str) -> PaperMetadata | str:
    """Parse and extract one file (runs in a worker process)."""
    parsed = parse_pdf(path)
    if isinstance(parsed, ParseFailure):
        return f"{parsed.kind.value}: {parsed.reason}"
    return extract_metadata(parsed, Path(path).name)


def score(records: list[dict[str, Any]], results: list[PaperMetadata | str]) -> list[Score]:
    """Per-field scores, following the corpus README."""
    fields = {name: Score(name) for name in ("title", "first author", "year", "arXiv id", "DOI")}
    for record, meta in zip(records, results, strict=True):
        file = Path(record["file"]).name
        if isinstance(meta, str):
            meta = PaperMetadata(meta, [], None, "", None, None, None, "filename")
        if record.get("text_ok", True):
            fields["title"].add(
                fold_for_match(meta.title) == fold_for_match(record["title"]),
                file,
                record["title"],
                f"{meta.title} [{meta.title_source}]",
            )
            first = meta.authors[0] if meta.authors else ""
            fields["first author"].add(
                bool(first) and fold_for_match(record["first_author"]) in fold_for_match(first),
                file,
                record["first_author"],
                first or "-",
            )
            if record.get("year"):
                ok = meta.year is not None and abs(meta.year - record["year"]) <= 1
                fields["year"].add(ok, file, record["year"], meta.year)
        if record.get("arxiv_id"):
            got = strip_arxiv_version(meta.arxiv_id) if meta.arxiv_id else None
            fields["arXiv id"].add(got == record["arxiv_id"], file, record["arxiv_id"], got)
        if record.get("verify", {}).get("doi_found"):
            got = normalize_doi(meta.doi) if meta.doi else None
            fields["DOI"].add(got == normalize_doi(record["doi"]), file, record["doi"], got)
    return list(fields.values())


def main() -> None:
    root = corpus_dir(sys.argv[1] if len(sys.argv) > 1 else None, "papers")
    truth = root / "truth.jsonl"
    if not truth.exists():
        sys.exit(f"{truth} is absent: the folder needs the corpus's truth.jsonl.")
    records = [json.loads(line) for line in truth.open(encoding="utf-8") if line.strip()]
    paths = [str(root / record["file"]) for record in records]
    started = time.perf_counter()
    with get_context("spawn").Pool(2) as pool:
        results = pool.map(analyze, paths, chunksize=4)
    elapsed = time.perf_counter() - started

    print(f"{len(records)} PDFs from {root} in {elapsed:.1f} s (2 workers)\n")
    scores = score(records, results)
    for item in scores:
        print(item.line())
    extracted = [r for r in results if isinstance(r, PaperMetadata)]
    sources = Counter(meta.title_source for meta in extracted)
    print("\ntitle sources: " + ", ".join(f"{k} {v}" for k, v in sources.most_common()))
    with_abstract = sum(bool(meta.abstract) for meta in extracted)
    with_venue = sum(bool(meta.venue) for meta in extracted)
    print(f"with an abstract: {with_abstract}, with a venue: {with_venue}")
    for path, result in zip(paths, results, strict=True):
        if isinstance(result, str):
            print(f"not parsed: {Path(path).name}: {result}")
    for item in scores:
        if item.misses:
            print(f"\n{item.name} misses ({len(item.misses)}):")
            for file, expected, got in item.misses:
                print(f"  {file}\n      expected: {expected}\n      got:      {got}")


if __name__ == "__main__":
    main()
