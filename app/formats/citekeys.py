"""Citation keys: first author's surname + year + first significant title word.

`lovelace2019kernel` for "Kernel Methods for Wide Neural Networks" (Ada Lovelace, 2019).
Keys are ASCII. Papers whose keys would clash get letter suffixes in the order they were
added to the library (`lovelace2019kernel`, `lovelace2019kernela`, `…b`), and keys are
computed over the whole library, so a paper keeps its key whatever subset is exported.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models import Paper, PaperAuthor
from app.formats.persons import split_name

_STOP_TEXT = """a an the on of for in into to and or with without towards toward via from at by as
    is are be can do does how what when where which why who not no new using"""
STOP_WORDS = frozenset(_STOP_TEXT.split())
_FOLD = {"ß": "ss", "ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE",
         "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "þ": "th", "ı": "i"}
_MATH = re.compile(r"\$[^$]*\$")


@dataclass(frozen=True, slots=True)
class KeySource:
    """What a paper's key is made from."""

    paper_id: int
    first_author: str
    year: int | None
    title: str


def ascii_fold(text: str) -> str:
    """Lower-case ASCII letters and digits only: 'Gödel–Łukasiewicz' → 'godellukasiewicz'."""
    text = "".join(_FOLD.get(char, char) for char in text)
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return re.sub(r"[^a-z0-9]+", "", plain.lower())


def base_key(first_author: str, year: int | None, title: str) -> str:
    """The key before de-duplication; 'anon' stands in for a missing author."""
    surname = ascii_fold(split_name(first_author).surname) if first_author else ""
    return f"{surname or 'anon'}{year or ''}{first_significant_word(title)}"


def first_significant_word(title: str) -> str:
    """The first title word that is not a stop word, a single letter or math, folded."""
    for word in _MATH.sub("$", title).split():
        if "$" in word:
            continue
        folded = ascii_fold(word)
        if len(folded) > 1 and folded not in STOP_WORDS:
            return folded
    return ""


def assign_keys(sources: Iterable[KeySource]) -> dict[int, str]:
    """Unique keys for papers, suffixes given in paper-id order."""
    keys: dict[int, str] = {}
    taken: set[str] = set()
    for source in sorted(sources, key=lambda s: s.paper_id):
        base = base_key(source.first_author, source.year, source.title)
        key, number = base, 0
        while key in taken:
            key = base + _letters(number)
            number += 1
        taken.add(key)
        keys[source.paper_id] = key
    return keys


def _letters(number: int) -> str:
    """0 → 'a', 25 → 'z', 26 → 'aa', …"""
    text = ""
    number += 1
    while number:
        number, rest = divmod(number - 1, 26)
        text = chr(ord("a") + rest) + text
    return text


def library_keys(session: Session) -> dict[int, str]:
    """The citation key of every paper in the library."""
    firsts: dict[int, str] = {
        paper_id: name
        for paper_id, name in session.execute(
            select(PaperAuthor.paper_id, PaperAuthor.name).where(PaperAuthor.position == 0)
        )
    }
    rows = session.execute(select(Paper.id, Paper.year, Paper.title)).all()
    return assign_keys(
        KeySource(paper_id, firsts.get(paper_id, ""), year, title)
        for paper_id, year, title in rows
    )
