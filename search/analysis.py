"""Text analysis, shared by the index and by the Python-side passage matcher.

Two analyzers are registered on the index:

* ``lectern_en`` — split on every non-alphanumeric character, drop tokens of 40+ bytes,
  lowercase, fold accents to ASCII, Snowball English stemming. Every positional text field
  uses it, so "ReLU networks" is indexed as ``relu network`` and "naïve" as ``naiv``.
* ``lectern_words`` — the same without stemming. Position-free copies of the text use it
  for ``prefix*`` and ``typo~`` queries, which are about the words as written.

`Analyzer` gives Python code the very same results (it calls the tantivy analyzers and
caches per distinct token), so snippets, highlights and page counts agree with the index.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from typing import Any, cast

import tantivy

STEMMED = "lectern_en"
WORDS = "lectern_words"
PAIRS = "lectern_pairs"
MAX_TOKEN_BYTES = 40

# tantivy's simple tokenizer splits on every character that is not alphanumeric; the
# underscore is a separator there, so Python's \w (which includes it) is narrowed.
WORD_RE = re.compile(r"[^\W_]+")
_CACHE_LIMIT = 200_000


def _build(stemmed: bool) -> Any:
    builder = (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
        .filter(tantivy.Filter.remove_long(MAX_TOKEN_BYTES))
        .filter(tantivy.Filter.lowercase())
        .filter(tantivy.Filter.ascii_fold())
    )
    if stemmed:
        builder = builder.filter(tantivy.Filter.stemmer("english"))
    return builder.build()


def register_analyzers(index: Any) -> None:
    """Make the analyzers known to a tantivy `Index` (needed after every open).

    ``lectern_pairs`` splits on whitespace only: its input is already analyzed
    (`search.pairs`).
    """
    index.register_tokenizer(STEMMED, _build(stemmed=True))
    index.register_tokenizer(WORDS, _build(stemmed=False))
    pairs = tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.whitespace()).build()
    index.register_tokenizer(PAIRS, pairs)


@dataclass(frozen=True, slots=True)
class Token:
    """One indexed token of a text: its stem, character span and position."""

    stem: str
    start: int
    end: int
    position: int


class Analyzer:
    """Python access to the index's analysis, with per-token caches (thread-safe)."""

    def __init__(self) -> None:
        self._stemmed = _build(stemmed=True)
        self._words = _build(stemmed=False)
        self._stems: dict[str, str] = {}
        self._folds: dict[str, str] = {}
        self._lock = threading.Lock()

    def stem(self, token: str) -> str:
        """The indexed (stemmed) form of one token; ``""`` when the index drops it."""
        cached = self._stems.get(token)
        if cached is None:
            analyzed = self._stemmed.analyze(token)
            cached = str(analyzed[0]) if len(analyzed) == 1 else ""
            self._remember(self._stems, token, cached)
        return cached

    def stem_words(self, words: list[str]) -> list[str]:
        """`stem` of each word (``""`` for the dropped ones); words must be single tokens."""
        found = list(map(self._stems.get, words))
        if None not in found:
            return cast(list[str], found)
        return [self.stem(w) if s is None else s for s, w in zip(found, words, strict=True)]

    def is_word_char(self, char: str) -> bool:
        """Whether the index's tokenizer keeps `char` inside a word (not a separator)."""
        return len(self._words.analyze(f"a{char}b")) == 1

    def fold(self, token: str) -> str:
        """The unstemmed indexed form of one token (lowercase, ASCII-folded)."""
        cached = self._folds.get(token)
        if cached is None:
            analyzed = self._words.analyze(token)
            cached = str(analyzed[0]) if len(analyzed) == 1 else ""
            self._remember(self._folds, token, cached)
        return cached

    def stems(self, text: str) -> list[str]:
        """Stems of every indexed token of `text`, in order."""
        return [str(term) for term in self._stemmed.analyze(text)]

    def folds(self, text: str) -> list[str]:
        """Unstemmed indexed forms of every token of `text`, in order."""
        return [str(term) for term in self._words.analyze(text)]

    def tokens(self, text: str) -> list[Token]:
        """Every indexed token of `text` with character offsets and positions.

        Exactly what the index sees (positions keep the gaps of dropped tokens), at the
        price of one Python object per token: used for query phrases and as the fallback
        scan of page text.
        """
        return [
            Token(str(t.text), int(t.char_offset_from), int(t.char_offset_to), int(t.position))
            for t in self._stemmed.pre_tokenize(text).tokens
        ]

    def _remember(self, cache: dict[str, str], key: str, value: str) -> None:
        with self._lock:
            if len(cache) >= _CACHE_LIMIT:
                cache.clear()
            cache[key] = value


_shared: Analyzer | None = None
_shared_lock = threading.Lock()


def shared_analyzer() -> Analyzer:
    """The process-wide `Analyzer` (its caches are worth sharing between indexes)."""
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = Analyzer()
        return _shared
