"""Phrases on real papers find exactly the papers whose text holds them.

Real extracted text carries what generated text lacks (ligatures, dashes, accents, math,
broken words), and phrases are answered through word pairs built by Python code that must
split words exactly as tantivy does. The reference here is tantivy's own tokens.
"""

from __future__ import annotations

import random
from collections import defaultdict
from itertools import pairwise
from pathlib import Path

import pytest

from app.extract.parsed import ParsedPdf
from app.extract.pdfparse import parse_pdf
from search.analysis import shared_analyzer
from search.index import SearchIndex
from tests.conftest import corpus
from tests.search.conftest import paper

pytestmark = pytest.mark.slow
PAPERS = 30
PHRASES = 80

# stem → positions, per page of each paper
Positions = dict[str, set[int]]


def _positions(text: str) -> Positions:
    found: Positions = defaultdict(set)
    for token in shared_analyzer().tokens(text):
        found[token.stem].add(token.position)
    return found


def _holds(page: Positions, stems: list[str]) -> bool:
    return any(
        all(start + k in page.get(stem, ()) for k, stem in enumerate(stems[1:], start=1))
        for start in page.get(stems[0], ())
    )


def test_body_phrases_match_the_tokens_of_real_text(tmp_path: Path) -> None:
    files = sorted(corpus("papers").joinpath("pdfs").glob("*.pdf"))[:PAPERS]
    texts: dict[int, list[str]] = {}
    for number, file in enumerate(files, start=1):
        parsed = parse_pdf(str(file))
        if isinstance(parsed, ParsedPdf):
            texts[number] = parsed.pages
    pages = {pid: [_positions(page) for page in body] for pid, body in texts.items()}

    rng = random.Random(5)
    phrases: list[str] = []
    while len(phrases) < PHRASES:
        body = texts[rng.choice(list(texts))]
        page = body[rng.randrange(len(body))]
        tokens = shared_analyzer().tokens(page)
        if len(tokens) < 4:
            continue
        start, length = rng.randrange(len(tokens) - 3), rng.choice([2, 2, 3, 4])
        run = tokens[start : start + length]
        written = page[run[0].start : run[-1].end]
        if '"' not in written and all(b.position == a.position + 1 for a, b in pairwise(run)):
            phrases.append(written)

    with SearchIndex.open(tmp_path / "index") as index:
        index.upsert(paper(pid, title="", pages=body) for pid, body in texts.items())
        index.commit()
        for phrase in phrases:
            stems = [token.stem for token in shared_analyzer().tokens(phrase)]
            expected = {
                pid for pid, body in pages.items() if any(_holds(p, stems) for p in body)
            }
            found = index.search(f'body:"{phrase}"', limit=1000, with_tag_counts=False)
            assert {hit.paper_id for hit in found.hits} == expected, phrase
