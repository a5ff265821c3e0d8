"""The `install-desktop` command: add Lectern to (or remove it from) the desktop's menus."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from app.desktop import DesktopReport, data_home, install_desktop_entry, uninstall_desktop_entry

if TYPE_CHECKING:
    from app.library import Library


def register(commands: Any) -> None:
    desktop = commands.add_parser(
        "install-desktop",
        help="add Lectern to this user's application menu, as the PDF 'Open with' choice",
    )
    desktop.add_argument(
        "--uninstall", action="store_true", help="remove the menu entry and icons again"
    )
    # No library is opened for this command (see app.cli.main).
    desktop.set_defaults(func=cmd_install_desktop, needs_library=False)


def cmd_install_desktop(args: argparse.Namespace, library: Library | None = None) -> int:
    home = data_home()
    if args.uninstall:
        report = uninstall_desktop_entry(home)
        summary = (
            f"removed {len(report.changed)} file(s) from {home}"
            if report.changed
            else f"nothing to remove: no Lectern desktop entry in {home}"
        )
    else:
        report = install_desktop_entry(home)
        summary = f"installed the Lectern desktop entry and icons in {home}"
    _print_report(report)
    print(summary, file=sys.stderr)
    return 0


def _print_report(report: DesktopReport) -> None:
    for path in report.changed:
        print(path)
    for refresh in report.refreshed:
        outcome = "refreshed" if refresh.ok else f"failed, ignored ({refresh.detail})"
        print(f"{refresh.tool}: {outcome}", file=sys.stderr)
