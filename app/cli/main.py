"""`lectern` entry point: global options, sub-commands, and one place for errors."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from app import __version__
from app.cli.early import start_parsers_for

if TYPE_CHECKING:
    from app.importing.pool import ParsePool

# The command modules and the library code are imported by `build_parser` and `_run`, after
# `add` has started its parser processes (see app.cli.early).

EXIT_USAGE = 2
EXIT_KNOWN = 1
EXIT_LIBRARY = 3
EXIT_BUG = 70
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE, what a shell reports for `yes | head`


def build_parser() -> argparse.ArgumentParser:
    from app.cli import desktop_cmds, library_cmds, reading_cmds, search_cmds, tag_cmds

    parser = argparse.ArgumentParser(
        prog="lectern",
        description="Lectern: keep papers, search their full text, read the hit.",
    )
    parser.add_argument("--version", action="version", version=f"lectern {__version__}")
    parser.add_argument(
        "--library", metavar="DIR", type=Path,
        help="library folder (default: $LECTERN_LIBRARY or the user data folder)",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log details to stderr")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in (library_cmds, tag_cmds, search_cmds, reading_cmds, desktop_cmds):
        module.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; returns the process exit code."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    parsers = start_parsers_for(args_list)
    try:
        return _run(args_list, parsers)
    finally:
        if parsers is not None:
            parsers.close()


def _run(args_list: list[str], parsers: ParsePool | None) -> int:
    from app.errors import KnownError, LibraryOpenError
    from app.library import Library
    from app.logs import setup_logging
    from app.paths import LibraryPaths, default_library_dir

    parser = build_parser()
    args = parser.parse_args(args_list)
    args.parsers = parsers
    if args.command is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    if not getattr(args, "needs_library", True):
        try:
            return int(args.func(args, None))
        except KnownError as exc:
            print(f"lectern: {exc}", file=sys.stderr)
            return EXIT_KNOWN
    root = args.library or default_library_dir()
    log_file = setup_logging(LibraryPaths(root).logs if root.exists() else None,
                             verbose=args.verbose)
    try:
        library = Library.open(root)
    except LibraryOpenError as exc:
        print(f"lectern: {exc}", file=sys.stderr)
        return EXIT_LIBRARY
    log_file = setup_logging(library.paths.logs, verbose=args.verbose)
    try:
        code = int(args.func(args, library))
        sys.stdout.flush()  # a closed pipe shows up here, not at interpreter exit
        return code
    except KnownError as exc:
        print(f"lectern: {exc}", file=sys.stderr)
        return EXIT_KNOWN
    except KeyboardInterrupt:
        print("lectern: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (`lectern list | head`): stop quietly, like other tools.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_BROKEN_PIPE
    except Exception as exc:
        logging.getLogger("lectern.cli").exception("unexpected error")
        where = f" (details in {log_file})" if log_file else ""
        print(f"lectern: internal error: {exc}{where}", file=sys.stderr)
        return EXIT_BUG
    finally:
        library.close()


if __name__ == "__main__":
    sys.exit(main())
