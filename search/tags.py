"""Tag paths: normalization and ancestors.

A paper tagged ``theory/kernels`` is indexed under ``theory`` and ``theory/kernels`` so
that a term query on one path selects the whole subtree and the tag counts of a result
set include ancestors without any tree walk at query time.
"""

from __future__ import annotations

from collections.abc import Iterable

SEPARATOR = "/"
MAX_PATH_CHARS = 500


def normalize_path(path: str) -> str:
    """``" theory // kernels/ "`` → ``"theory/kernels"``; empty when nothing is left."""
    parts = [" ".join(part.split()) for part in path.split(SEPARATOR)]
    return SEPARATOR.join(part for part in parts if part)[:MAX_PATH_CHARS]


def fold_path(path: str) -> str:
    """The case-insensitive key used by ``tag:`` queries."""
    return normalize_path(path).casefold()


def with_ancestors(paths: Iterable[str]) -> list[str]:
    """Every path and all its ancestors, normalized, without duplicates, sorted."""
    found: set[str] = set()
    for path in paths:
        parts = normalize_path(path).split(SEPARATOR)
        for depth in range(1, len(parts) + 1):
            prefix = SEPARATOR.join(parts[:depth])
            if prefix:
                found.add(prefix)
    return sorted(found)
