"""Adjacent word pairs: what makes two-word phrases as cheap as single words.

A phrase query on the positional body field has to read the positions of both words in
every paper that holds both, which at 100k papers is what makes common phrases slow.
Paper documents therefore also carry the body's adjacent stem pairs (``neural_network``)
as plain terms: a two-word phrase becomes one term lookup, and a longer one is checked
on positions only in the papers that hold all of its pairs.

Contract: a pair ``a_b`` is indexed exactly when stem ``b`` is at the position right
after stem ``a`` in the same page, as the stemming analyzer sees the text. Stems are
alphanumeric (the tokenizer splits on everything else), so ``_`` cannot be ambiguous.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from itertools import pairwise

from search.analysis import WORD_RE, Analyzer, Token

JOIN = "_"


def pair_key(left: str, right: str) -> str:
    """The indexed term of stem `left` followed by stem `right`."""
    return f"{left}{JOIN}{right}"


def token_pairs(tokens: Sequence[Token]) -> list[str]:
    """The pair terms of analyzed tokens: only truly adjacent positions make a pair."""
    return [pair_key(a.stem, b.stem) for a, b in pairwise(tokens) if b.position == a.position + 1]


class PairMaker:
    """Builds the pair terms of page texts, in agreement with the index's analyzer.

    The fast path splits words with `WORD_RE` and stems them through the analyzer's
    per-word cache. That split equals tantivy's only when every character of the text is
    a separator to both or a word character to both; a few thousand code points
    (combining marks, some symbols, letters newer than Python's Unicode tables) are not,
    and a text holding one is analyzed by tantivy itself, with positions.
    """

    def __init__(self, analyzer: Analyzer) -> None:
        self._analyzer = analyzer
        self._agreeing: set[str] = set()
        self._disagreeing: set[str] = set()
        self._lock = threading.Lock()

    def pairs(self, text: str) -> str:
        """Every adjacent stem pair of `text`, space-separated, in order."""
        if self._split_agrees(text):
            stems = self._analyzer.stem_words(WORD_RE.findall(text))
            if "" not in stems:
                return " ".join(map(JOIN.join, pairwise(stems)))
            # A dropped word (too long to index) leaves "" and breaks adjacency, as the
            # position gap it leaves does in the index.
            return " ".join([pair_key(a, b) for a, b in pairwise(stems) if a and b])
        return " ".join(token_pairs(self._analyzer.tokens(text)))

    def _split_agrees(self, text: str) -> bool:
        if text.isascii():
            return True
        unknown = set(text) - self._agreeing
        if not unknown:
            return True
        if unknown & self._disagreeing:
            return False
        agrees = True
        for char in unknown:
            if self._analyzer.is_word_char(char) == bool(WORD_RE.fullmatch(char)):
                with self._lock:
                    self._agreeing.add(char)
            else:
                with self._lock:
                    self._disagreeing.add(char)
                agrees = False
        return agrees
