"""Duplicate and version detection: identifiers, title + first author, and text sketches.

Two sketches of the extracted text are kept per paper: a 64-bit simhash split into four
16-bit bands (any two texts within 3 bits share a band, so band equality finds candidates
without scanning the library) and a bottom-k MinHash of word 4-shingles, which estimates the
resemblance of two candidates. A re-stamped or re-downloaded copy has near-identical text
even when its bytes differ; a preprint and its published version share title and authors
but less of their text.
"""

from __future__ import annotations

import hashlib
import re
from array import array
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

SHINGLE = 4
SKETCH_SIZE = 128
BANDS = 4
SAME_TEXT = 0.80
_WORD = re.compile(r"[^\W_]{2,}")
_MIN_WORDS = 200


@dataclass(frozen=True, slots=True)
class TextSketch:
    simhash: int
    minhash: bytes  # sorted unsigned 64-bit values, native order

    @property
    def bands(self) -> str:
        return band_string(self.simhash)


def _shingle_hashes(text: str) -> set[int]:
    words = _WORD.findall(text.casefold())
    if len(words) < _MIN_WORDS:
        return set()
    hashes: set[int] = set()
    for start in range(len(words) - SHINGLE + 1):
        shingle = " ".join(words[start : start + SHINGLE]).encode()
        hashes.add(int.from_bytes(hashlib.blake2b(shingle, digest_size=8).digest(), "little"))
    return hashes


def sketch_text(pages: Iterable[str]) -> TextSketch | None:
    """Sketch of a paper's text, or None when it has too little text to compare."""
    hashes = _shingle_hashes("\n".join(pages))
    if not hashes:
        return None
    weights = [0] * 64
    for value in hashes:
        for bit in range(64):
            weights[bit] += 1 if value >> bit & 1 else -1
    simhash = sum(1 << bit for bit in range(64) if weights[bit] > 0)
    smallest = sorted(hashes)[:SKETCH_SIZE]
    return TextSketch(simhash=simhash, minhash=array("Q", smallest).tobytes())


def band_string(simhash: int) -> str:
    """The four 16-bit bands as 'b0:xxxx b1:xxxx …' (stored per paper)."""
    return " ".join(f"b{i}:{(simhash >> (16 * i)) & 0xFFFF:04x}" for i in range(BANDS))


def resemblance(a: bytes, b: bytes) -> float:
    """Estimated Jaccard resemblance of two bottom-k sketches (0..1)."""
    if not a or not b:
        return 0.0
    left, right = set(array("Q", a)), set(array("Q", b))
    union = sorted(left | right)[:SKETCH_SIZE]
    shared = sum(1 for value in union if value in left and value in right)
    return shared / len(union)


class BandIndex:
    """In-memory band → paper ids map, loaded once per import batch."""

    def __init__(self) -> None:
        self._papers: dict[str, set[int]] = defaultdict(set)

    def add(self, paper_id: int, bands: str) -> None:
        for band in bands.split():
            self._papers[band].add(paper_id)

    def candidates(self, bands: str) -> set[int]:
        found: set[int] = set()
        for band in bands.split():
            found |= self._papers.get(band, set())
        return found


def title_key(title: str) -> str:
    """Case-, accent- and punctuation-free title for comparison ('' for useless titles)."""
    from app.textnorm import fold_for_match

    key = fold_for_match(title)
    return key[:300] if len(key) >= 12 else ""


def author_key(authors: list[str]) -> str:
    """The first author's family name, folded ('' when unknown)."""
    from app.textnorm import fold_for_match

    if not authors:
        return ""
    name = authors[0]
    family = name.split(",")[0] if "," in name else (name.split() or [""])[-1]
    return fold_for_match(family)
