"""Person names between Lectern's "Given Family" and BibTeX's "Family, Given".

Lectern stores names as printed ("Ada Lovelace", "Ludwig van Beethoven"). BibTeX wants
"von Family, Jr, Given" so styles can abbreviate and sort; the family name is the last word
together with any lower-case particles before it ("van Beethoven").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.metadata.names import PARTICLES

_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})
_AND = re.compile(r"\s+and\s+", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class PersonName:
    """A name in BibTeX's parts (the "von" particles belong to the family name)."""

    given: str
    family: str  # with its particles: "van Beethoven"
    suffix: str = ""

    @property
    def surname(self) -> str:
        """The family name without lower-case particles ("Beethoven")."""
        words = self.family.split()
        kept = [word for word in words if not _is_particle(word)]
        return " ".join(kept or words)


def _is_particle(word: str) -> bool:
    return word[:1].islower() and word.casefold() in PARTICLES


def split_name(name: str) -> PersonName:
    """Split a name written either "Given von Family Jr." or "von Family, [Jr,] Given"."""
    if "," in name:
        parts = [part.strip() for part in name.split(",")]
        if len(parts) >= 3:
            return PersonName(given=", ".join(parts[2:]), family=parts[0], suffix=parts[1])
        return PersonName(given=parts[1], family=parts[0])
    words = name.split()
    suffix = ""
    if len(words) > 2 and words[-1].casefold() in _SUFFIXES:
        suffix = words.pop()
    if len(words) <= 1:
        return PersonName(given="", family=" ".join(words), suffix=suffix)
    start = len(words) - 1
    while start > 1 and _is_particle(words[start - 1]):
        start -= 1
    return PersonName(given=" ".join(words[:start]), family=" ".join(words[start:]), suffix=suffix)


def to_bibtex_name(name: str) -> str:
    """'Ludwig van Beethoven' → 'van Beethoven, Ludwig' (one-word names stay as they are)."""
    person = split_name(name)
    parts = [person.family]
    if person.suffix:
        parts.append(person.suffix)
    if person.given:
        parts.append(person.given)
    return ", ".join(parts)


def from_bibtex_name(name: str) -> str:
    """'van Beethoven, Ludwig' → 'Ludwig van Beethoven'; 'Ada Lovelace' is left alone."""
    if "," not in name:
        return " ".join(name.split())
    person = split_name(name)
    return " ".join(part for part in (person.given, person.family, person.suffix) if part)


def split_bibtex_authors(value: str) -> list[str]:
    """The names in a BibTeX author list ("A and B and others"), braces respected.

    Names are returned still LaTeX-encoded; "others" (BibTeX's "et al.") is dropped.
    """
    names: list[str] = []
    depth, start = 0, 0
    position = 0
    while position < len(value):
        char = value[position]
        if char == "{":
            depth += 1
        elif char == "}":
            depth = max(0, depth - 1)
        elif depth == 0 and char.isspace():
            match = _AND.match(value, position)
            if match is not None:
                names.append(value[start:position])
                start = position = match.end()
                continue
        position += 1
    names.append(value[start:])
    return [name.strip() for name in names if name.strip() and name.strip() != "others"]


def strip_outer_braces(name: str) -> str:
    """'{World Health Organization}' → 'World Health Organization' (a protected name)."""
    if name.startswith("{") and name.endswith("}") and _balanced(name[1:-1]):
        return name[1:-1]
    return name


def _balanced(text: str) -> bool:
    depth = 0
    for char in text:
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0
