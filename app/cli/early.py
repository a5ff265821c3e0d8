"""Parser processes for `lectern add`, started before the rest of the command line loads.

A parser process takes about 0.2 s to start (a fresh interpreter loading PyMuPDF), and the
command line about 0.3 s to load the library code (SQLAlchemy above all). Started first,
the processes get ready meanwhile, instead of after it: a one-file add takes 0.2 s less.

This module must stay cheap to import: only the standard library until a pool is started.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import TYPE_CHECKING, NoReturn

if TYPE_CHECKING:
    from app.importing.pool import ParsePool


class _Unparsable(Exception):
    pass


class _QuietParser(argparse.ArgumentParser):
    """Reports a mistake by raising: the real parser explains it to the user afterwards."""

    def error(self, message: str) -> NoReturn:
        raise _Unparsable(message)


def start_parsers_for(argv: Sequence[str]) -> ParsePool | None:
    """Start the parser processes when `argv` is an `add` command; None otherwise."""
    options = _add_options(argv)
    if options is None:
        return None
    from app.importing.pool import ParsePool

    return ParsePool(options.workers, timeout=options.timeout)


def _add_options(argv: Sequence[str]) -> argparse.Namespace | None:
    if any(arg in ("-h", "--help", "--version") for arg in argv):
        return None
    general = _QuietParser(add_help=False)
    general.add_argument("--library")
    general.add_argument("-v", "--verbose", action="store_true")
    general.add_argument("command", nargs="?")
    add = _QuietParser(add_help=False)
    add.add_argument("--workers", type=int)
    add.add_argument("--timeout", type=float, default=60.0)
    add.add_argument("--tag", action="append")
    try:
        known, rest = general.parse_known_args(list(argv))
        if known.command != "add":
            return None
        options, others = add.parse_known_args(rest)
    except _Unparsable:
        return None
    paths = [arg for arg in others if not arg.startswith("-")]
    if not paths or (options.workers is not None and options.workers < 1):
        return None
    return options if options.timeout > 0 else None
