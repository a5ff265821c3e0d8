"""The bundle's one executable: the GUI by default, the `lectern` CLI when asked for.

lectern                      -> GUI
lectern paper.pdf other.pdf  -> GUI, opening (importing) those files
lectern add paper.pdf        -> CLI (any sub-command of `app.cli.main.build_parser()`)
lectern --library DIR list   -> CLI (global options may come before the sub-command)
lectern --version | --help   -> CLI
lectern serach kernels       -> CLI, which says "invalid choice" (a bare word that is not a
                                file is a mistyped command, not a paper to import)
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import sys
from collections.abc import Sequence

CLI_ONLY_OPTIONS = frozenset({"--version", "-h", "--help"})


def _cli_vocabulary(parser: argparse.ArgumentParser) -> tuple[set[str], dict[str, bool]]:
    """The sub-command names, and each global option with whether it takes a value."""
    commands: set[str] = set()
    options: dict[str, bool] = {}
    # argparse has no public accessor for its actions; `_actions` has been stable since 2.7.
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            commands.update(action.choices)
        for option in action.option_strings:
            options[option] = action.nargs != 0
    return commands, options


def _looks_like_a_command(argument: str) -> bool:
    return not (
        argument.startswith("-")
        or os.sep in argument
        or "/" in argument
        or argument.lower().endswith(".pdf")
        or os.path.exists(argument)
    )


def wants_cli(argv: Sequence[str], parser: argparse.ArgumentParser) -> bool:
    """True when `argv` (without the program name) is meant for the CLI.

    Global options are skipped (with their values) to find the first real argument: a
    sub-command, or a bare word that names no file, goes to the CLI; files, folders and the
    GUI's own options go to the GUI.
    """
    commands, options = _cli_vocabulary(parser)
    position = 0
    while position < len(argv):
        argument = argv[position]
        if argument in CLI_ONLY_OPTIONS:
            return True
        name = argument.split("=", 1)[0]
        if name in options and argument.startswith("-"):
            takes_value = options[name] and "=" not in argument
            position += 2 if takes_value else 1
            continue
        return argument in commands or _looks_like_a_command(argument)
    return False


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI or the GUI for `argv` (default: the process arguments)."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    from app.cli import main as cli

    if wants_cli(arguments, cli.build_parser()):
        return cli.main(arguments)
    from ui import main as gui

    return int(gui.main() or 0)


if __name__ == "__main__":
    # First, before anything reads argv: in a frozen app, worker processes (spawn) start this
    # same executable, and freeze_support() runs them and exits.
    multiprocessing.freeze_support()
    sys.exit(main())
