"""Duplicate and version detection: identifiers, title + first author, and text sketches.

The text is reduced to a bottom-k MinHash sketch of its word 4-shingles (the k smallest
shingle hashes), which estimates the resemblance of two papers. Its few smallest values double
as lookup keys ("bands"): two texts that resemble each other closely share most of their
smallest hashes, so key equality finds candidates without scanning the library.
A re-stamped or re-downloaded copy has near-identical text even when its bytes differ; a
preprint and its published version share title and authors but less of their text.
"""

from __future__ import annotations

import heapq
import re
import zlib
from array import array
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

SHINGLE = 4
SKETCH_SIZE = 128
SAMPLE = 4
BANDS = 6
SAME_TEXT = 0.80
_WORD = re.compile(r"\w{2,}")
_MIN_WORDS = 200  # below this a text is too short to compare


@dataclass(frozen=True, slots=True)
class TextSketch:
    minhash: bytes  # sorted unsigned 64-bit values, native order

    @property
    def bands(self) -> str:
        """The smallest hashes as lookup keys, 'k:xxxxxxxxxxxx …' (stored per paper)."""
        smallest = array("Q", self.minhash)[:BANDS]
        return " ".join(f"k:{value >> 16:012x}" for value in smallest)


def _shingle_hashes(text: str) -> set[int]:
    # "_" is a word character to the regex but not part of a word here.
    words = _WORD.findall(text.casefold().replace("_", " "))
    if len(words) < _MIN_WORDS:
        return set()
    crc32, adler32 = zlib.crc32, zlib.adler32
    # Only shingles whose first word hashes to 0 mod SAMPLE are kept: the choice depends on
    # the text alone, so two copies keep the same shingles, and the work shrinks SAMPLE-fold.
    starters = {word for word in set(words) if crc32(word.encode()) % SAMPLE == 0}
    shingles = [
        " ".join(words[start : start + SHINGLE]).encode()
        for start, word in enumerate(words[: len(words) - SHINGLE + 1])
        if word in starters
    ]
    # Two fast, stable 32-bit checksums make one 64-bit hash (Python's hash() is salted).
    return {crc32(shingle) << 32 | adler32(shingle) for shingle in shingles}


def sketch_text(pages: Iterable[str]) -> TextSketch | None:
    """Sketch of a paper's text, or None when it has too little text to compare."""
    hashes = _shingle_hashes("\n".join(pages))
    if not hashes:
        return None
    smallest = heapq.nsmallest(SKETCH_SIZE, hashes)
    return TextSketch(minhash=array("Q", smallest).tobytes())


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
