"""Printing for people and for scripts."""

from __future__ import annotations

import json
import sys
from typing import Any

from app.textnorm import sanitize_line


def print_json(value: Any) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def clean(text: str, width: int = 2000) -> str:
    """Text safe to print on a terminal (no escape sequences or bidi overrides)."""
    return sanitize_line(text, width)


def authors_line(authors: list[str], most: int = 3) -> str:
    if len(authors) > most:
        return ", ".join(clean(a, 80) for a in authors[:most]) + " et al."
    return ", ".join(clean(a, 80) for a in authors)
